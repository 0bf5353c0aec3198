// The file an intake reads: its SHA-256 (streamed, for the load audit R8.3), its text encoding
// (a UTF-8 BOM → UTF-8; else strict UTF-8 if every byte sequence is valid; else GB18030, the
// national standard superset of GBK that Chinese Excel and municipal systems write), its format.
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";

export type IntakeEncoding = "utf-8" | "gb18030";
export type IntakeFormat = "csv" | "xlsx" | "jsonl";

export const INTAKE_FORMATS: readonly IntakeFormat[] = ["csv", "xlsx", "jsonl"];

/** A problem with the file as a whole (unreadable, wrong encoding, wrong format): nothing is sent. */
export class IntakeFileError extends Error {}

export interface FileFacts {
  sha256: string;
  bytes: number;
  /** Starts with the UTF-8 byte order mark. */
  bom: boolean;
  /** Every byte sequence is valid UTF-8. */
  validUtf8: boolean;
}

const CHUNK = 256 * 1024;

/** One streamed pass over the raw bytes: SHA-256, size, BOM and UTF-8 validity. */
export async function fileFacts(file: string): Promise<FileFacts> {
  const hash = createHash("sha256");
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  let validUtf8 = true;
  let bytes = 0;
  let head: Buffer | null = null;
  try {
    for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) {
      const b = chunk as Buffer;
      if (head === null) head = b.subarray(0, 3);
      hash.update(b);
      bytes += b.length;
      if (validUtf8) {
        try {
          utf8.decode(b, { stream: true });
        } catch {
          validUtf8 = false;
        }
      }
    }
    if (validUtf8) {
      try {
        utf8.decode();
      } catch {
        validUtf8 = false; // a sequence cut off at the end of the file
      }
    }
  } catch (e) {
    throw new IntakeFileError(`无法读取文件 ${file}：${(e as NodeJS.ErrnoException).code === "ENOENT" ? "文件不存在" : (e as Error).message}`);
  }
  const bom = head !== null && head.length === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  return { sha256: hash.digest("hex"), bytes, bom, validUtf8 };
}

/** `--encoding` values accepted (GBK and GB2312 are read as GB18030, their superset). */
export function parseEncoding(raw: string): IntakeEncoding {
  const v = raw.trim().toLowerCase().replace(/[_\s]/g, "-");
  if (["utf-8", "utf8"].includes(v)) return "utf-8";
  if (["gb18030", "gbk", "gb2312", "cp936"].includes(v)) return "gb18030";
  throw new IntakeFileError(`不支持的编码“${raw}”：可用 utf-8 或 gb18030（gbk、gb2312 按 gb18030 读取）`);
}

/** The encoding to read the file with: the override, else by BOM, strict UTF-8, GB18030. */
export function chooseEncoding(facts: FileFacts, override?: IntakeEncoding): IntakeEncoding {
  if (override) {
    if (override === "utf-8" && !facts.validUtf8) throw new IntakeFileError("文件不是有效的 UTF-8 编码（--encoding utf-8）：请确认编码，GB18030/GBK 文件可去掉 --encoding 自动识别");
    return override;
  }
  if (facts.bom || facts.validUtf8) return "utf-8";
  return "gb18030";
}

export function formatOf(file: string, override?: string): IntakeFormat {
  if (override !== undefined) {
    const f = override.trim().toLowerCase();
    if (f === "ndjson") return "jsonl";
    if ((INTAKE_FORMATS as readonly string[]).includes(f)) return f as IntakeFormat;
    throw new IntakeFileError(`不支持的格式“${override}”：可用 csv、xlsx 或 jsonl`);
  }
  const ext = path.extname(file).toLowerCase();
  if (ext === ".csv" || ext === ".txt") return "csv";
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".xls") throw new IntakeFileError("不支持旧版 Excel（.xls）文件：请在 Excel 中另存为 .xlsx 或 CSV");
  throw new IntakeFileError(`无法从扩展名“${ext || "（无）"}”判断文件格式：请用 --format csv|xlsx|jsonl 指定`);
}

/** The file's text, decoded chunk by chunk (a UTF-8 BOM removed). */
export async function* decodedChunks(file: string, encoding: IntakeEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === "utf-8" });
  let first = true;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: CHUNK })) {
    let text = decoder.decode(chunk as Buffer, { stream: true });
    if (first && text.length) {
      // TextDecoder removes a UTF-8 BOM; a GB18030 file's own BOM (84 31 95 33) decodes to U+FEFF.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}
