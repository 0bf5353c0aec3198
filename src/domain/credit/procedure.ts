// The joint-punishment procedure (R6.6, R6.7): 催告 (reminder with a deadline and the risk of
// listing) → 告知 (written notice with the statement-and-defence period) → 公示 (preliminary
// list publicised) → 列入 (listed for the listing period) → 移出 (removed at expiry). Each step
// may be taken only once the previous one's period is over; a step due and not taken within
// the grace period is overdue.
import { addDays, addMonths, addYears, daysBetween } from "./dates";
import type { RuleSet } from "./rule-set";
import { addWorkingDays, endOfCalendarPeriod, type HolidayCalendar } from "./working-days";

export type JointStep = "REMINDED" | "NOTIFIED" | "PUBLICIZING" | "LISTED" | "REMOVED";
export type ListStatus = "PRELIMINARY" | "PUBLICIZING" | "LISTED" | "SUSPENDED" | "REMOVED";
/** Why an entry left its list: period over, revoked on objection, repaired (R7.4, R7.5), corrected, closed early, moved up to a stronger list. */
export type RemovalCause = "EXPIRED" | "REVOKED" | "REPAIRED" | "CORRECTED" | "CLOSED" | "ESCALATED";

export interface JointProcedure {
  step: JointStep;
  remindedOn: string;
  reminderDeadline: string;
  notifiedOn?: string | null;
  defenceUntil?: string | null;
  publicityFrom?: string | null;
  publicityUntil?: string | null;
  listedOn?: string | null;
  listedUntil?: string | null;
  removedOn?: string | null;
}

export const NEXT_STEP: Record<JointStep, JointStep | null> = {
  REMINDED: "NOTIFIED",
  NOTIFIED: "PUBLICIZING",
  PUBLICIZING: "LISTED",
  LISTED: "REMOVED",
  REMOVED: null,
};

/** The public list status of a procedure step. */
export function statusOfStep(step: JointStep): ListStatus {
  return step === "REMINDED" || step === "NOTIFIED" ? "PRELIMINARY" : step;
}

/** R6.6: the procedure starts with a reminder whose deadline is counted in working days. */
export function startProcedure(on: string, rules: RuleSet, cal: HolidayCalendar): JointProcedure {
  return { step: "REMINDED", remindedOn: on, reminderDeadline: addWorkingDays(on, rules.jointPunishment.reminderWorkingDays, cal) };
}

/** The first day on which the next step may be taken, or null when the procedure is over. */
export function earliestNextOn(p: JointProcedure): string | null {
  switch (p.step) {
    case "REMINDED":
      return addDays(p.reminderDeadline, 1);
    case "NOTIFIED":
      return addDays(p.defenceUntil!, 1);
    case "PUBLICIZING":
      return addDays(p.publicityUntil!, 1);
    case "LISTED":
      return p.listedUntil!;
    case "REMOVED":
      return null;
  }
}

export type AdvanceResult = { ok: true; procedure: JointProcedure } | { ok: false; reason: "TOO_EARLY" | "FINISHED" | "BAD_PERIOD"; earliest?: string; message: string };

const STEP_NAMES: Record<JointStep, string> = { REMINDED: "催告", NOTIFIED: "告知", PUBLICIZING: "公示", LISTED: "列入名单", REMOVED: "移出名单" };

export function stepName(step: JointStep): string {
  return STEP_NAMES[step];
}

/** Takes the next step on `on`; refuses a step taken before its period is over. */
export function advance(p: JointProcedure, on: string, rules: RuleSet, cal: HolidayCalendar, listingYears = rules.jointPunishment.listingYears): AdvanceResult {
  const next = NEXT_STEP[p.step];
  const earliest = earliestNextOn(p);
  if (!next || !earliest) return { ok: false, reason: "FINISHED", message: "该联合惩戒程序已结束" };
  if (on < earliest) {
    return { ok: false, reason: "TOO_EARLY", earliest, message: `${stepName(next)}最早可于 ${earliest} 办理（上一环节期限尚未届满）` };
  }
  const jp = rules.jointPunishment;
  switch (next) {
    case "NOTIFIED":
      return { ok: true, procedure: { ...p, step: next, notifiedOn: on, defenceUntil: addWorkingDays(on, jp.defenceWorkingDays, cal) } };
    case "PUBLICIZING":
      return { ok: true, procedure: { ...p, step: next, publicityFrom: on, publicityUntil: endOfCalendarPeriod(on, jp.publicityDays, cal) } };
    case "LISTED":
      // 1–3 years (国办发〔2025〕22号); the rule set's minimum may be stricter.
      if (!Number.isInteger(listingYears) || listingYears < jp.minListingYears || listingYears > 3) {
        return { ok: false, reason: "BAD_PERIOD", message: `列入期限应为 ${jp.minListingYears} 至 3 年` };
      }
      return { ok: true, procedure: { ...p, step: next, listedOn: on, listedUntil: addYears(on, listingYears) } };
    case "REMOVED":
      return { ok: true, procedure: { ...p, step: next, removedOn: on } };
    default:
      return { ok: false, reason: "FINISHED", message: "该联合惩戒程序已结束" };
  }
}

/** Ends the procedure early (the family complied or its defence was accepted). */
export function closeProcedure(p: JointProcedure, on: string): JointProcedure {
  return { ...p, step: "REMOVED", removedOn: on };
}

/**
 * R7.2 (在信息核实期间暂不执行联合惩戒措施): while an objection is verified the procedure stands
 * still; when it is answered, the period that was running — the reminder's deadline, the
 * statement-and-defence period or the publicity — goes on with the days it was suspended, so the
 * family loses none of the time the procedure gives it. A listing period (the decision's own
 * dates) is not lengthened: the suspended days are days without punishment, not owed ones.
 */
export function resumeAfterSuspension(p: JointProcedure, suspendedOn: string, resumedOn: string): JointProcedure {
  const days = Math.max(0, daysBetween(suspendedOn, resumedOn));
  if (days === 0) return p;
  const shift = (until: string | null | undefined) => (until && suspendedOn <= until ? addDays(until, days) : until);
  switch (p.step) {
    case "REMINDED":
      return { ...p, reminderDeadline: shift(p.reminderDeadline)! };
    case "NOTIFIED":
      return { ...p, defenceUntil: shift(p.defenceUntil) };
    case "PUBLICIZING":
      return { ...p, publicityUntil: shift(p.publicityUntil) };
    default:
      return p;
  }
}

/** R6.6, R6.7: a listing ends on its own date — the day listedUntil is reached it is over. */
export function listingExpired(p: { step?: JointStep | null; listedUntil?: string | null }, today: string): boolean {
  return p.step === "LISTED" && !!p.listedUntil && p.listedUntil <= today;
}

export interface Overdue {
  step: JointStep;
  dueSince: string;
  overdueSince: string;
}

/** A step that has been due for more than the grace period (working days) and is not taken. */
export function overdueStep(p: JointProcedure, today: string, rules: RuleSet, cal: HolidayCalendar): Overdue | null {
  const next = NEXT_STEP[p.step];
  const due = earliestNextOn(p);
  if (!next || !due) return null;
  const overdueSince = addWorkingDays(due, rules.jointPunishment.stepGraceWorkingDays, cal);
  return today > overdueSince ? { step: next, dueSince: due, overdueSince } : null;
}

/** R5.3: a warning entry published on `on` lasts entryMonths — [since, until) — renewal restarts it. */
export function warningPeriod(on: string, rules: RuleSet): { since: string; until: string } {
  return { since: on, until: addMonths(on, rules.warning.entryMonths) };
}

/** R6.4: the key-attention period stated in the warning notice, [since, until). */
export function keyAttentionPeriod(on: string, rules: RuleSet): { since: string; until: string } {
  return { since: on, until: addMonths(on, rules.keyAttention.periodMonths) };
}
