// Objection (异议, R7.2) and credit repair (信用修复, R7.5) as pure rules: deadlines in working
// days on the holiday calendar, eligibility and methods of repair.
import { addMonths } from "./dates";
import { behaviorOf, type RuleSet, type Severity } from "./rule-set";
import { severityOf } from "./score";
import { addWorkingDays, type HolidayCalendar } from "./working-days";

export type ObjectionDecision = "UPHELD" | "CORRECTED" | "REVOKED";

/** R7.2: the reviewer answers within `decisionWorkingDays` of filing. */
export function objectionDeadline(filedOn: string, rules: RuleSet, cal: HolidayCalendar): string {
  return addWorkingDays(filedOn, rules.objection.decisionWorkingDays, cal);
}

/** R7.2: extended once, with a reason, to `maxWorkingDays` in total from filing. */
export function objectionExtendedDeadline(filedOn: string, rules: RuleSet, cal: HolidayCalendar): string {
  return addWorkingDays(filedOn, rules.objection.maxWorkingDays, cal);
}

/** An open case is overdue the day after its (possibly extended) deadline. */
export function isOverdue(deadline: string, today: string): boolean {
  return today > deadline;
}

export type RepairMethod = "EXPLANATION" | "EXTENSION" | "PERFORMANCE" | "PUNISHMENT_AND_CONDUCT";

/**
 * R7.5: non-intentional behaviour is repaired by explanation, extension or performance;
 * intentional behaviour only after the punishment was accepted and good conduct shown.
 */
export function repairMethodsFor(behaviorCode: string, rules: RuleSet): RepairMethod[] {
  return behaviorOf(rules, behaviorCode)?.intentional ? ["PUNISHMENT_AND_CONDUCT"] : ["EXPLANATION", "EXTENSION", "PERFORMANCE"];
}

export type RepairEligibility = { ok: true; severity: Severity } | { ok: false; severity: Severity; eligibleOn: string };

/** R7.5: mild at once, moderate after 3 months, severe after 1 year — counted from identification. */
export function repairEligibility(behaviorCode: string, identifiedOn: string, on: string, rules: RuleSet): RepairEligibility {
  const severity = severityOf(behaviorCode, rules);
  const eligibleOn = addMonths(identifiedOn, rules.repair.waitingMonths[severity]);
  return on >= eligibleOn ? { ok: true, severity } : { ok: false, severity, eligibleOn };
}

/** R7.5: decided within `decisionWorkingDays`, extendable once by `extensionWorkingDays`. */
export function repairDeadline(appliedOn: string, rules: RuleSet, cal: HolidayCalendar, extended = false): string {
  return addWorkingDays(appliedOn, rules.repair.decisionWorkingDays + (extended ? rules.repair.extensionWorkingDays : 0), cal);
}
