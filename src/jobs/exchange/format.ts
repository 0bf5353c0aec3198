// Formatting shared by the exchange jobs: CSV for Excel (UTF-8 with BOM, CRLF, RFC 4180
// quoting, no formula injection) and the Chinese names of the codes.

export const BOM = "\uFEFF";

/** One CSV cell: quoted when needed; a leading = + - @ is defused so Excel never runs it as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export { LIST_KIND_NAMES, LIST_STATUS_NAMES, LIST_ACTION_NAMES as ACTION_NAMES } from "../../domain/labels";
export const TIER_NAMES: Record<string, string> = { GOOD: "守信", MILD: "轻度失信", MODERATE: "中度失信", SEVERE: "严重失信" };
export const LEVEL_NAMES: Record<string, string> = { PROVINCE: "省", CITY: "市（州）", COUNTY: "县（市、区）" };

export const LIST_KINDS = ["WARNING", "KEY_ATTENTION", "JOINT_PUNISHMENT"] as const;
export const ACTIONS = ["ADDED", "CHANGED", "REMOVED"] as const;

export const name = (names: Record<string, string>, code: string | null | undefined): string => (code ? names[code] ?? code : "");

/** An RFC 3339 instant as Beijing time "YYYY-MM-DD HH:mm:ss" (China has no daylight saving time). */
export function beijingTime(at: string | Date): string {
  const d = typeof at === "string" ? new Date(at) : at;
  if (Number.isNaN(d.getTime())) return String(at);
  return new Date(d.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 19).replace("T", " ");
}

/** The Beijing date (YYYY-MM-DD) of an RFC 3339 instant. */
export function beijingDate(at: string | Date): string {
  return beijingTime(at).slice(0, 10);
}
