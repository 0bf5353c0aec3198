// Rent arrears and vacancy computed from the municipal ledgers. These feed behaviours
// (6) 累计拖欠租金 and (7) 连续闲置 of section 四 (R4.1); the six-month thresholds are rule
// values applied by the credit rules, not here.

export interface RentLedgerLine {
  /** First day of the rent month, YYYY-MM-01. */
  month: string;
  amountDue: number;
  amountPaid: number;
}

/** Months (rows) whose rent is not fully paid, up to and including `asOfMonth`. */
export function monthsInArrears(lines: readonly RentLedgerLine[], asOfMonth?: string): number {
  return lines.filter((l) => (!asOfMonth || l.month <= asOfMonth) && l.amountPaid < l.amountDue).length;
}

export function arrearsAmount(lines: readonly RentLedgerLine[]): number {
  return lines.reduce((sum, l) => sum + Math.max(l.amountDue - l.amountPaid, 0), 0);
}

export interface OccupancyCheck {
  /** Day of the check, YYYY-MM-DD. */
  checkedOn: string;
  occupied: boolean;
}

/**
 * Consecutive months vacant: the number of distinct calendar months, counted back from the
 * latest check, in which every check found the unit vacant. A month with an occupied finding
 * ends the run; a month without any check also ends it (vacancy must be observed).
 */
export function consecutiveMonthsVacant(checks: readonly OccupancyCheck[]): number {
  const byMonth = new Map<string, boolean>();
  for (const c of checks) {
    const m = c.checkedOn.slice(0, 7);
    byMonth.set(m, (byMonth.get(m) ?? true) && !c.occupied);
  }
  const months = [...byMonth.keys()].sort().reverse();
  let run = 0;
  let expected: string | undefined;
  for (const m of months) {
    if (expected && m !== expected) break;
    if (!byMonth.get(m)) break;
    run++;
    expected = previousMonth(m);
  }
  return run;
}

export function previousMonth(yyyyMm: string): string {
  const [y, m] = yyyyMm.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}
