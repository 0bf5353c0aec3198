// Reading an intake file as rows of one kind: CSV (RFC 4180; UTF-8 with or without BOM, or
// GB18030), XLSX (the first worksheet, header in row 1) and JSON Lines (one object a line, keys
// being the column names in English or Chinese). Streaming: one row at a time, so a file of a
// million lines reads in flat memory. Each row carries where it is in the file — the physical
// line of a CSV/JSONL file, the sheet row of a workbook — and rows the reader cannot make
// sense of come out as problems for the error report instead of being sent.
import ExcelJS from "exceljs";
import { CsvReader, type CsvRecord } from "./csv";
import { IntakeHeaderError, headerIndex, mapHeaders, normalizeHeader, type IntakeKind } from "./columns";
import { decodedChunks, IntakeFileError, type IntakeEncoding, type IntakeFormat } from "./source-file";

/** A row of input values by input field name (blank cells left out). */
export type IntakeValues = Record<string, string>;

export type IntakeItem =
  | { type: "row"; line: number; values: IntakeValues }
  | { type: "problem"; line: number; column: string; reason: string };

export interface IntakeSource {
  format: IntakeFormat;
  encoding: IntakeEncoding | null;
  /** The header as written in the file for each field seen so far (complete after one full read). */
  readonly written: Map<string, string>;
  /** Reads the file from the start (each call is a new pass). */
  read(): AsyncGenerator<IntakeItem>;
}

export interface OpenSourceOptions {
  format: IntakeFormat;
  /** CSV and JSON Lines only. */
  encoding: IntakeEncoding;
}

export function openIntakeSource(file: string, kind: IntakeKind, opts: OpenSourceOptions): IntakeSource {
  const written = new Map<string, string>();
  switch (opts.format) {
    case "csv":
      return { format: "csv", encoding: opts.encoding, written, read: () => readCsv(file, kind, opts.encoding, written) };
    case "jsonl":
      return { format: "jsonl", encoding: opts.encoding, written, read: () => readJsonLines(file, kind, opts.encoding, written) };
    case "xlsx":
      return { format: "xlsx", encoding: null, written, read: () => readXlsx(file, kind, written) };
  }
}

function clean(value: string): string | null {
  const v = value.trim();
  return v === "" ? null : v;
}

async function* utf8Guard(chunks: AsyncGenerator<string>, encoding: IntakeEncoding): AsyncGenerator<string> {
  try {
    yield* chunks;
  } catch (e) {
    if (e instanceof TypeError && encoding === "utf-8") throw new IntakeFileError("文件不是有效的 UTF-8 编码：请确认编码（GB18030/GBK 文件可用 --encoding gb18030）");
    throw e;
  }
}

// ---------------------------------------------------------------------------------------
// CSV

async function* readCsv(file: string, kind: IntakeKind, encoding: IntakeEncoding, written: Map<string, string>): AsyncGenerator<IntakeItem> {
  const reader = new CsvReader();
  let fields: (string | null)[] | null = null;
  let headers: string[] = [];
  const onRecord = (rec: CsvRecord): IntakeItem | null => {
    if (fields === null) {
      if (rec.error) throw new IntakeHeaderError(`第 ${rec.line} 行（表头）格式错误：${rec.error.reason}`);
      headers = rec.fields.map((h) => h.trim());
      const mapping = mapHeaders(kind, headers, `第 ${rec.line} 行（表头）`);
      fields = mapping.fields;
      for (const [k, v] of mapping.written) written.set(k, v);
      return null;
    }
    if (rec.error) return { type: "problem", line: rec.line, column: headers[rec.error.field] ?? "", reason: `CSV 格式错误：${rec.error.reason}` };
    if (rec.fields.length !== fields.length) {
      // A record with more fields than headers: the surplus must be empty (Excel pads rows with commas).
      const surplus = rec.fields.slice(fields.length).some((f) => f.trim() !== "");
      if (rec.fields.length < fields.length || surplus) {
        return { type: "problem", line: rec.line, column: "", reason: `该行有 ${rec.fields.length} 列，表头有 ${fields.length} 列：请检查逗号与引号` };
      }
    }
    const values: IntakeValues = {};
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i];
      if (f === null) continue;
      const v = clean(rec.fields[i]);
      if (v !== null) values[f] = v;
    }
    return { type: "row", line: rec.line, values };
  };
  for await (const text of utf8Guard(decodedChunks(file, encoding), encoding)) {
    for (const rec of reader.push(text)) {
      const item = onRecord(rec);
      if (item) yield item;
    }
  }
  for (const rec of reader.end()) {
    const item = onRecord(rec);
    if (item) yield item;
  }
  if (fields === null) throw new IntakeHeaderError("文件为空：第一行应为表头");
}

// ---------------------------------------------------------------------------------------
// JSON Lines

function jsonValue(v: unknown): string | null | undefined {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return clean(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === "boolean") return v ? "true" : "false";
  return undefined; // objects and arrays
}

async function* readJsonLines(file: string, kind: IntakeKind, encoding: IntakeEncoding, written: Map<string, string>): AsyncGenerator<IntakeItem> {
  const index = headerIndex(kind);
  const required = kind.columns.filter((c) => c.required);
  let line = 0;
  let rest = "";
  let any = false;
  const onLine = (raw: string): IntakeItem | null => {
    line++;
    const text = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (text.trim() === "") return null;
    any = true;
    let obj: unknown;
    try {
      obj = JSON.parse(text);
    } catch (e) {
      return { type: "problem", line, column: "", reason: `不是有效的 JSON：${(e as Error).message}` };
    }
    if (obj === null || typeof obj !== "object" || Array.isArray(obj)) return { type: "problem", line, column: "", reason: "每行应为一个 JSON 对象（{…}）" };
    const values: IntakeValues = {};
    const keyOf = new Map<string, string>();
    for (const [key, raw] of Object.entries(obj as Record<string, unknown>)) {
      const field = index.get(normalizeHeader(key));
      if (!field) {
        throw new IntakeHeaderError(`第 ${line} 行：无法识别的键“${key}”（“${kind.label}”可用的键：${kind.columns.map((c) => `${c.field}/${c.header}`).join("、")}）`);
      }
      if (keyOf.has(field)) return { type: "problem", line, column: key, reason: `键“${keyOf.get(field)}”与“${key}”是同一列` };
      keyOf.set(field, key);
      if (!written.has(field)) written.set(field, key);
      const v = jsonValue(raw);
      if (v === undefined) return { type: "problem", line, column: key, reason: "值应为文本、数字、true/false 或 null" };
      if (v !== null) values[field] = v;
    }
    const missing = required.filter((c) => !keyOf.has(c.field));
    if (missing.length) {
      return { type: "problem", line, column: missing.map((c) => written.get(c.field) ?? c.header).join("、"), reason: `缺少必需的键：${missing.map((c) => `${c.field}/${c.header}`).join("、")}` };
    }
    return { type: "row", line, values };
  };
  for await (const text of utf8Guard(decodedChunks(file, encoding), encoding)) {
    const parts = (rest + text).split("\n");
    rest = parts.pop() ?? "";
    for (const p of parts) {
      const item = onLine(p);
      if (item) yield item;
    }
  }
  if (rest !== "") {
    const item = onLine(rest);
    if (item) yield item;
  }
  if (!any) throw new IntakeHeaderError("文件为空：JSON Lines 文件每行应为一个 JSON 对象");
}

// ---------------------------------------------------------------------------------------
// XLSX

const pad = (n: number) => String(n).padStart(2, "0");

/** A cell's value as text: dates as YYYY-MM-DD (a month column YYYY-MM), rich text joined, formulas by result. */
export function cellText(value: unknown, field: string | null): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    // Excel dates have no zone: exceljs gives the displayed day at UTC midnight.
    const ymd = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    return field === "month" ? ymd.slice(0, 7) : ymd;
  }
  if (typeof value === "string") return clean(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "object") {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string; hyperlink?: string };
    if (Array.isArray(v.richText)) return clean(v.richText.map((r) => r.text).join(""));
    if ("result" in v) return cellText(v.result, field);
    if (v.text !== undefined) return cellText(v.text, field);
    if (v.error !== undefined) return null;
  }
  return clean(String(value));
}

async function* readXlsx(file: string, kind: IntakeKind, written: Map<string, string>): AsyncGenerator<IntakeItem> {
  let reader: ExcelJS.stream.xlsx.WorkbookReader;
  try {
    reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  } catch (e) {
    throw new IntakeFileError(`无法读取 Excel 文件：${(e as Error).message}`);
  }
  let fields: (string | null)[] | null = null;
  let headers: string[] = [];
  let sheetSeen = false;
  try {
    for await (const sheet of reader) {
      if (sheetSeen) continue; // the first worksheet only (the others are drained)
      sheetSeen = true;
      for await (const row of sheet) {
        const cells = (row.values as unknown[]) ?? [];
        if (row.number === 1) {
          headers = [];
          for (let c = 1; c < cells.length; c++) headers.push(cellText(cells[c], null) ?? "");
          const mapping = mapHeaders(kind, headers, "第 1 行（表头）");
          fields = mapping.fields;
          for (const [k, v] of mapping.written) written.set(k, v);
          continue;
        }
        if (fields === null) throw new IntakeHeaderError("第 1 行应为表头");
        const values: IntakeValues = {};
        let problem: IntakeItem | null = null;
        let blank = true;
        for (let c = 1; c < cells.length; c++) {
          const f = fields[c - 1] ?? null;
          const v = cellText(cells[c], f);
          if (v === null) continue;
          blank = false;
          if (f === null) {
            problem ??= { type: "problem", line: row.number, column: headers[c - 1] || columnLetter(c), reason: "该单元格所在的列没有表头" };
            continue;
          }
          values[f] = v;
        }
        if (blank) continue;
        yield problem ?? { type: "row", line: row.number, values };
      }
    }
  } catch (e) {
    if (e instanceof IntakeHeaderError || e instanceof IntakeFileError) throw e;
    throw new IntakeFileError(`无法读取 Excel 文件（应为 .xlsx 工作簿）：${(e as Error).message}`);
  }
  if (fields === null) throw new IntakeHeaderError("工作簿的第一个工作表为空：第 1 行应为表头");
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
