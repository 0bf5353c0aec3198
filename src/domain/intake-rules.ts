// Validation of rows delivered by the sources (issue 14; R3.1, R5.1, R6.5): each value as the
// source system wrote it (text), checked and normalised, or a reason a person can act on.
// Pure functions: the subgraphs report each problem with its row and field.
import { parseIdNumber } from "./id-number";
import { findDivision } from "./divisions";

export type Checked<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });
const bad = (code: string, message: string): Checked<never> => ({ ok: false, code, message });

/** The row's value, trimmed; empty is absent. */
export function present(v: string | null | undefined): string | null {
  if (v == null) return null;
  const t = String(v).trim();
  return t === "" ? null : t;
}

export function required(v: string | null | undefined, label: string): Checked<string> {
  const t = present(v);
  return t === null ? bad("MISSING", `${label}不能为空`) : ok(t);
}

export function text(v: string | null | undefined, label: string, max: number, opts: { optional?: boolean; min?: number } = {}): Checked<string | null> {
  const t = present(v);
  if (t === null) return opts.optional ? ok(null) : bad("MISSING", `${label}不能为空`);
  const n = [...t].length;
  if (n > max) return bad("TOO_LONG", `${label}不能超过${max}个字（现为${n}个）`);
  if (opts.min && n < opts.min) return bad("TOO_SHORT", `${label}至少${opts.min}个字`);
  return ok(t);
}

/** A source id: what the source system calls the row (its idempotency key). */
export function sourceId(v: string | null | undefined, label = "来源编号"): Checked<string> {
  const t = present(v);
  if (t === null) return bad("MISSING", `${label}不能为空`);
  if (t.length > 64) return bad("TOO_LONG", `${label}不能超过64个字符`);
  if (/[\u0000-\u001f]/.test(t)) return bad("INVALID_SOURCE_ID", `${label}含有控制字符`);
  return ok(t);
}

/** GB 11643 resident identity number (check character by ISO 7064 MOD 11-2). */
export function idNumber(v: string | null | undefined, label = "身份证号码"): Checked<string> {
  const t = present(v);
  if (t === null) return bad("MISSING", `${label}不能为空`);
  const n = t.toUpperCase();
  const parsed = parseIdNumber(n);
  return parsed.ok ? ok(n) : bad("INVALID_ID_NUMBER", `${label}“${t}”无效：${parsed.reason}`);
}

/** A Hubei division code (GB/T 2260). */
export function division(v: string | null | undefined, label = "行政区划代码"): Checked<string> {
  const t = present(v);
  if (t === null) return bad("MISSING", `${label}不能为空`);
  return findDivision(t) ? ok(t) : bad("INVALID_DIVISION", `${label}“${t}”不存在于湖北省区划中（GB/T 2260）`);
}

const DATE_FORMS = [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/, /^(\d{4})(\d{2})(\d{2})$/, /^(\d{4})年(\d{1,2})月(\d{1,2})日$/, /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/];

function calendar(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d || y < 1900) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A calendar date (2026-01-31, 2026/1/31, 20260131, 2026年1月31日), not after `today` when asked. */
export function date(v: string | null | undefined, label: string, opts: { optional?: boolean; notAfter?: string } = {}): Checked<string | null> {
  const t = present(v);
  if (t === null) return opts.optional ? ok(null) : bad("MISSING", `${label}不能为空`);
  // A spreadsheet's date cell arrives as an ISO timestamp: its date part.
  const iso = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.000)?Z$/.exec(t);
  const s = iso ? iso[1] : t;
  let out: string | null = null;
  for (const re of DATE_FORMS) {
    const m = re.exec(s);
    if (m) {
      out = calendar(Number(m[1]), Number(m[2]), Number(m[3]));
      break;
    }
  }
  if (!out) return bad("INVALID_DATE", `${label}“${t}”不是有效日期（应为 YYYY-MM-DD）`);
  if (opts.notAfter && out > opts.notAfter) return bad("FUTURE_DATE", `${label} ${out} 晚于今天（${opts.notAfter}）`);
  return ok(out);
}

/** A rent month (2026-01, 2026-01-01, 202601, 2026年1月) as its first day, not after the current month. */
export function month(v: string | null | undefined, label: string, today: string): Checked<string> {
  const t = present(v);
  if (t === null) return bad("MISSING", `${label}不能为空`);
  const m = /^(\d{4})[-/.]?(\d{1,2})(?:[-/.]0?1)?$/.exec(t) ?? /^(\d{4})年(\d{1,2})月(?:1日)?$/.exec(t) ?? /^(\d{4})-(\d{2})-01T00:00:00(?:\.000)?Z$/.exec(t);
  const first = m ? calendar(Number(m[1]), Number(m[2]), 1) : null;
  if (!first) return bad("INVALID_MONTH", `${label}“${t}”不是有效月份（应为 YYYY-MM）`);
  if (first > `${today.slice(0, 7)}-01`) return bad("FUTURE_MONTH", `${label} ${first.slice(0, 7)} 晚于本月`);
  return ok(first);
}

/** An amount in yuan: at most two decimals, between min and max (thousands separators accepted). */
export function amount(v: string | null | undefined, label: string, opts: { min?: number; max?: number; positive?: boolean } = {}): Checked<number> {
  const t = present(v);
  if (t === null) return bad("MISSING", `${label}不能为空`);
  const s = t.replace(/[,，]/g, "").replace(/^¥|元$/g, "");
  if (!/^-?\d+(\.\d{1,2})?$/.test(s)) return bad("INVALID_AMOUNT", `${label}“${t}”不是有效金额（元，最多两位小数）`);
  const n = Number(s);
  const min = opts.min ?? 0;
  const max = opts.max ?? 1_000_000;
  if (n < min || (opts.positive && n === 0)) return bad("INVALID_AMOUNT", `${label}应${opts.positive ? "大于" : "不小于"} ${min} 元`);
  if (n > max) return bad("INVALID_AMOUNT", `${label} ${n} 元超出合理范围（不超过 ${max} 元）`);
  return ok(n);
}

const TRUE = new Set(["是", "有人居住", "居住", "TRUE", "T", "Y", "YES", "1"]);
const FALSE = new Set(["否", "无人居住", "空置", "FALSE", "F", "N", "NO", "0"]);

export function yesNo(v: string | null | undefined, label: string): Checked<boolean> {
  const t = present(v);
  if (t === null) return bad("MISSING", `${label}不能为空`);
  const u = t.toUpperCase();
  if (TRUE.has(u)) return ok(true);
  if (FALSE.has(u)) return ok(false);
  return bad("INVALID_BOOLEAN", `${label}“${t}”应为“是”或“否”`);
}

/** A housing warning's kind: RENT_ARREARS, VACANCY or OTHER (or its Chinese name). */
export function warningKind(v: string | null | undefined, label = "警告类别"): Checked<"RENT_ARREARS" | "VACANCY" | "OTHER"> {
  const t = present(v);
  if (t === null) return ok("OTHER");
  const map: Record<string, "RENT_ARREARS" | "VACANCY" | "OTHER"> = { RENT_ARREARS: "RENT_ARREARS", VACANCY: "VACANCY", OTHER: "OTHER", 欠租: "RENT_ARREARS", 催缴租金: "RENT_ARREARS", 拖欠租金: "RENT_ARREARS", 空置: "VACANCY", 闲置: "VACANCY", 其他: "OTHER" };
  const k = map[t.toUpperCase()] ?? map[t];
  return k ? ok(k) : bad("INVALID_KIND", `${label}“${t}”应为 欠租（RENT_ARREARS）、空置（VACANCY）或 其他（OTHER）`);
}
