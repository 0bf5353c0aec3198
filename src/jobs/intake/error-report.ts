// The zh-CN error report of a load: CSV, UTF-8 with a BOM (so that Excel opens it as UTF-8),
// CRLF, columns 文件, 行, 列, 原因. 行 is the physical line of a CSV or JSON Lines file or the
// sheet row of a workbook; 列 is the header as written in the file. Appended batch by batch and
// fsynced before the checkpoint records its length, so a resumed load continues it exactly.
import fs from "node:fs";
import { csvLine } from "./csv";

export interface ReportRow {
  line: number;
  column: string;
  reason: string;
}

export const REPORT_HEADER = ["文件", "行", "列", "原因"];
const BOM = "\uFEFF";

export class ErrorReport {
  private fd: number | null = null;
  private size = 0;
  private count = 0;

  constructor(
    readonly path: string,
    /** The 文件 column: the file's name as given. */
    private readonly fileLabel: string,
  ) {}

  /** Starts afresh (no report yet), or continues one at `bytes` (its content past that is dropped). */
  open(continueAt: number): void {
    if (continueAt > 0 && fs.existsSync(this.path) && fs.statSync(this.path).size >= continueAt) {
      fs.truncateSync(this.path, continueAt);
      this.size = continueAt;
      this.count = countRows(this.path);
      this.fd = fs.openSync(this.path, "a");
    } else {
      fs.rmSync(this.path, { force: true });
      this.size = 0;
      this.count = 0;
    }
  }

  /** Bytes written so far (what a checkpoint records). */
  get bytes(): number {
    return this.size;
  }

  /** Rows in the report (also those of an earlier, resumed run). */
  get rows(): number {
    return this.count;
  }

  append(rows: ReportRow[]): void {
    if (rows.length === 0) return;
    let text = "";
    if (this.fd === null) {
      this.fd = fs.openSync(this.path, "w");
      text = BOM + csvLine(REPORT_HEADER);
    }
    for (const r of [...rows].sort((a, b) => a.line - b.line)) text += csvLine([this.fileLabel, r.line, r.column, r.reason]);
    const buf = Buffer.from(text, "utf8");
    let done = 0;
    while (done < buf.length) done += fs.writeSync(this.fd, buf, done, buf.length - done);
    fs.fsyncSync(this.fd);
    this.size += buf.length;
    this.count += rows.length;
  }

  close(): void {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  /** Removes a report with nothing in it (a load without problems leaves none behind). */
  removeIfEmpty(): void {
    if (this.count === 0) fs.rmSync(this.path, { force: true });
  }
}

/** Data rows in an existing report (records, not lines: a reason never holds a line break, but be safe). */
function countRows(file: string): number {
  const text = fs.readFileSync(file, "utf8");
  let quoted = false;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === "\n" && !quoted) n++;
  }
  return Math.max(0, n - 1);
}
