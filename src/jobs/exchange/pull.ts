// `exchange pull` (R2.3, R6.7): copies the total order of list changes (`listChanges`, the
// consumer contract's operation) into NDJSON and CSV files, resumable after a crash at any
// instant with every sequence exactly once in both files.
//
// Exactly once: `cursor.json` is the commit record — the last sequence read and the byte lengths
// of both files after the last committed batch. A batch is written at those offsets and fsynced,
// then the new cursor replaces the old one atomically (temp file, fsync, rename, fsync of the
// directory). On start the files are truncated back to the committed lengths, so whatever a
// killed run wrote after its last commit (a whole batch, or part of one) is dropped and read
// again from the cursor. The feed is gapless from 1, so a gap or repeat is detected, not copied.
import fs from "node:fs";
import path from "node:path";
import { ListChangesDocument, ExchangeListChangeCountDocument, type ListChangesQuery } from "../../generated/operations";
import { isWithinJurisdiction } from "../../domain/divisions";
import { gatewayRequest, type GatewayTarget } from "../gateway-client";
import { acquireLock, ExchangeError, replaceFileSync, writeAtSync, fsyncDir } from "./files";
import { ACTION_NAMES, beijingTime, BOM, csvLine, LIST_KIND_NAMES, name } from "./format";
import type { CrashHook } from "./target";
import type { Progress } from "./progress";

export const NDJSON_FILE = "list-changes.ndjson";
export const CSV_FILE = "list-changes.csv";
export const CURSOR_FILE = "cursor.json";
export const CSV_HEADER = ["序号", "时间", "名单", "变更", "家庭档案编号", "区划代码"] as const;

/** The commit record of `pull`. */
export interface PullCursor {
  version: 1;
  /** The last sequence read (whether or not it passed the division filter); null before the first. */
  after: string | null;
  division: string | null;
  /** Changes written to the files so far. */
  written: number;
  ndjsonBytes: number;
  csvBytes: number;
  committedAt: string;
}

export interface PullOptions {
  target: GatewayTarget;
  dir: string;
  /** Only this division's subtree (filtered here: the job's token is province-wide). */
  division?: string | null;
  batch: number;
  progress?: (total: number | null) => Progress;
  log?: (line: string) => void;
  crash?: CrashHook;
}

export interface PullResult {
  /** Changes read from the feed in this run. */
  read: number;
  /** Changes written to the files in this run. */
  written: number;
  /** Changes in the files in total. */
  total: number;
  after: string | null;
  batches: number;
  /** Bytes of an interrupted run dropped at start. */
  truncated: number;
}

type Change = ListChangesQuery["listChanges"]["edges"][number]["node"];

export function ndjsonLine(c: Change): string {
  return `${JSON.stringify({ sequence: c.sequence, at: c.at, kind: c.kind, action: c.action, familyId: c.familyId, divisionCode: c.divisionCode })}\n`;
}

export function csvRow(c: Change): string {
  return csvLine([c.sequence, beijingTime(c.at), name(LIST_KIND_NAMES, c.kind), name(ACTION_NAMES, c.action), c.familyId, c.divisionCode]);
}

function readCursor(file: string): PullCursor | null {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw e;
  }
  let c: PullCursor;
  try {
    c = JSON.parse(text) as PullCursor;
  } catch {
    throw new ExchangeError(`游标文件 ${file} 不是有效的 JSON`);
  }
  const ok =
    c.version === 1 &&
    (c.after === null || /^\d{1,18}$/.test(String(c.after))) &&
    [c.written, c.ndjsonBytes, c.csvBytes].every((n) => Number.isSafeInteger(n) && n >= 0);
  if (!ok) throw new ExchangeError(`游标文件 ${file} 内容无效`);
  return c;
}

function commitCursor(file: string, c: PullCursor): void {
  replaceFileSync(file, `${JSON.stringify({ ...c, committedAt: new Date().toISOString() }, null, 2)}\n`);
}

/** Opens `file` for positional writes and cuts it back to `length` (the committed state). */
function openAt(file: string, length: number): { fd: number; truncated: number } {
  const fd = fs.openSync(file, fs.existsSync(file) ? "r+" : "w+");
  const size = fs.fstatSync(fd).size;
  if (size < length) {
    fs.closeSync(fd);
    throw new ExchangeError(`${file} 只有 ${size} 字节，短于游标记录的 ${length} 字节：文件被外部修改或截断，请换一个空目录重新拉取`);
  }
  if (size > length) {
    fs.ftruncateSync(fd, length);
    fs.fsyncSync(fd);
  }
  return { fd, truncated: size - length };
}

export async function pullListChanges(opts: PullOptions): Promise<PullResult> {
  const log = opts.log ?? (() => undefined);
  const division = opts.division ?? null;
  fs.mkdirSync(opts.dir, { recursive: true });
  const release = acquireLock(opts.dir, "pull");
  const fds: number[] = [];
  try {
    const cursorFile = path.join(opts.dir, CURSOR_FILE);
    const ndjsonFile = path.join(opts.dir, NDJSON_FILE);
    const csvFile = path.join(opts.dir, CSV_FILE);
    // Temp files of a cursor commit a killed run did not finish (the commit itself is the rename).
    for (const f of fs.readdirSync(opts.dir)) if (f.startsWith(`${CURSOR_FILE}.`) && f.endsWith(".tmp")) fs.rmSync(path.join(opts.dir, f), { force: true });
    let cursor = readCursor(cursorFile);
    if (cursor && cursor.division !== division) {
      throw new ExchangeError(`${opts.dir} 中的文件按区划 ${cursor.division ?? "全省"} 拉取，与 --division ${division ?? "（全省）"} 不一致；请换一个目录`);
    }
    if (!cursor) {
      // Nothing committed yet (a first run, or one killed before its first commit): start clean.
      const header = Buffer.from(BOM + csvLine(CSV_HEADER), "utf8");
      for (const [file, content] of [[ndjsonFile, Buffer.alloc(0)], [csvFile, header]] as const) {
        const fd = fs.openSync(file, "w");
        writeAtSync(fd, content, 0);
        fs.closeSync(fd);
      }
      fsyncDir(opts.dir);
      cursor = { version: 1, after: null, division, written: 0, ndjsonBytes: 0, csvBytes: header.length, committedAt: "" };
      commitCursor(cursorFile, cursor);
    }
    const nd = openAt(ndjsonFile, cursor.ndjsonBytes);
    fds.push(nd.fd);
    const csv = openAt(csvFile, cursor.csvBytes);
    fds.push(csv.fd);
    const truncated = nd.truncated + csv.truncated;
    if (truncated) log(`上次运行在提交前中断：已截去未提交的 ${truncated} 字节，从序号 ${cursor.after ?? 0} 之后继续`);

    const total = (await gatewayRequest(opts.target, ExchangeListChangeCountDocument, {})).listChanges.totalCount;
    const progress = opts.progress?.(Math.max(0, total - Number(cursor.after ?? 0)));
    const result: PullResult = { read: 0, written: 0, total: cursor.written, after: cursor.after, batches: 0, truncated };
    try {
      for (;;) {
        const page: ListChangesQuery["listChanges"] = (await gatewayRequest(opts.target, ListChangesDocument, { after: cursor.after, first: opts.batch })).listChanges;
        if (!page.edges.length) break;
        // R6.7: the feed is gapless from 1 and the job reads all of it: anything else is a fault.
        let expected = Number(cursor.after ?? 0) + 1;
        for (const { node } of page.edges) {
          if (node.sequence !== expected) throw new ExchangeError(`名单变更序号不连续：应为 ${expected}，收到 ${node.sequence}；未写入本批，游标停在 ${cursor.after ?? 0}`);
          expected++;
        }
        const batchNo = ++result.batches;
        const changes = page.edges.map((e) => e.node).filter((c) => !division || isWithinJurisdiction(c.divisionCode, division));
        const ndjson = Buffer.from(changes.map(ndjsonLine).join(""), "utf8");
        const rows = Buffer.from(changes.map(csvRow).join(""), "utf8");
        if (opts.crash && ndjson.length) {
          // Tests: a torn write — part of the batch reaches the file, the cursor does not move.
          writeAtSync(nd.fd, ndjson.subarray(0, Math.ceil(ndjson.length / 2)), cursor.ndjsonBytes);
          opts.crash("mid-write", batchNo);
        }
        writeAtSync(nd.fd, ndjson, cursor.ndjsonBytes);
        writeAtSync(csv.fd, rows, cursor.csvBytes);
        opts.crash?.("after-write", batchNo);
        const last = String(page.edges[page.edges.length - 1].node.sequence);
        cursor = { ...cursor, after: last, written: cursor.written + changes.length, ndjsonBytes: cursor.ndjsonBytes + ndjson.length, csvBytes: cursor.csvBytes + rows.length };
        commitCursor(cursorFile, cursor);
        result.read += page.edges.length;
        result.written += changes.length;
        result.total = cursor.written;
        result.after = cursor.after;
        progress?.add(page.edges.length);
        if (!page.pageInfo.hasNextPage) break;
      }
    } finally {
      progress?.done();
    }
    return result;
  } finally {
    for (const fd of fds) fs.closeSync(fd);
    release();
  }
}
