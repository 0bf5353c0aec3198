// Calendar arithmetic on dates YYYY-MM-DD (Asia/Shanghai calendar days; no time zone math).

export function toDate(d: string): Date {
  return new Date(`${d}T00:00:00Z`);
}

export function fromDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(d: string, n: number): string {
  const x = toDate(d);
  x.setUTCDate(x.getUTCDate() + n);
  return fromDate(x);
}

/** Same day n months later; the last day of the month when that day does not exist (Jan 31 + 1 → Feb 28). */
export function addMonths(d: string, n: number): string {
  const [y, m, day] = d.split("-").map(Number);
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return fromDate(first);
}

export function addYears(d: string, n: number): string {
  return addMonths(d, 12 * n);
}

/** The date of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export function shanghaiDate(at: Date): string {
  return fromDate(new Date(at.getTime() + 8 * 3600 * 1000));
}

/** The first day of the quarter containing d. */
export function quarterStart(d: string): string {
  const [y, m] = d.split("-").map(Number);
  const qm = Math.floor((m - 1) / 3) * 3 + 1;
  return `${y}-${String(qm).padStart(2, "0")}-01`;
}

export function quarterLabel(d: string): string {
  const [y, m] = d.split("-").map(Number);
  return `${y}Q${Math.floor((m - 1) / 3) + 1}`;
}

export function daysBetween(a: string, b: string): number {
  return Math.round((toDate(b).getTime() - toDate(a).getTime()) / 86400000);
}
