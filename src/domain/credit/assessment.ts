// R7.3 督查考核: the supervision and assessment table of the credit mechanism — one row per
// division (prefecture-level city, its counties), the same columns for every row so that
// divisions compare, and a total row for the whole jurisdiction. Pure: the counting rules, the
// on-time judgements, shares and rates per 10,000 families, the roll-up of divisions.
import { allDivisions, findDivision, isWithinJurisdiction, PROVINCE_CODE, type AdminLevel } from "../divisions";
import { earliestNextOn, overdueStep, type JointProcedure, type JointStep } from "./procedure";
import type { RuleSet } from "./rule-set";
import { addWorkingDays, type HolidayCalendar } from "./working-days";

/** R7.3: the longest period one assessment may cover. */
export const MAX_ASSESSMENT_YEARS = 3;

/** The counts of one division (or of several, summed). */
export interface AssessmentCounts {
  /** R7.2: objections answered in the period (decision date in the period). */
  objectionsAnswered: number;
  /** …of which answered no later than their deadline (as lawfully extended). */
  objectionsAnsweredInTime: number;
  /** R6.6: joint-punishment steps (告知, 公示, 列入, 移出) taken in the period. */
  procedureSteps: number;
  /** …of which taken after the step's overdue threshold (overdueSince). */
  procedureStepsLate: number;
  /** R6.3: rectification orders whose deadline falls in the period. */
  rectificationsDue: number;
  rectifiedOnTime: number;
  rectifiedLate: number;
  notRectified: number;
  /** R7.5: repair applications decided in the period… */
  repairsDecided: number;
  /** …of which decided no later than their deadline (as extended). */
  repairsDecidedInTime: number;
  /** Families archived in the division (now). */
  families: number;
  /** Joint-punishment entries listed (列入) in the period. */
  listings: number;
}

export interface AssessmentFigures extends AssessmentCounts {
  objectionsInTimeShare: number | null;
  procedureStepsOnTimeShare: number | null;
  rectifiedOnTimeShare: number | null;
  repairsInTimeShare: number | null;
  listingsPer10kFamilies: number | null;
}

export const ZERO_COUNTS: Readonly<AssessmentCounts> = Object.freeze({
  objectionsAnswered: 0,
  objectionsAnsweredInTime: 0,
  procedureSteps: 0,
  procedureStepsLate: 0,
  rectificationsDue: 0,
  rectifiedOnTime: 0,
  rectifiedLate: 0,
  notRectified: 0,
  repairsDecided: 0,
  repairsDecidedInTime: 0,
  families: 0,
  listings: 0,
});

const COUNT_KEYS = Object.keys(ZERO_COUNTS) as (keyof AssessmentCounts)[];

export function addCounts(a: AssessmentCounts, b: Partial<AssessmentCounts>): AssessmentCounts {
  const out = { ...a };
  for (const k of COUNT_KEYS) out[k] += b[k] ?? 0;
  return out;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** R7.3: part / whole as a fraction rounded to 4 decimals (0.6667 = 66.67 %); null when there is nothing to judge. */
export function share(part: number, whole: number): number | null {
  return whole > 0 ? round(part / whole, 4) : null;
}

/** R7.3: listings per 10,000 archived families, 2 decimals; null for a division without families. */
export function per10kFamilies(count: number, families: number): number | null {
  return families > 0 ? round((count * 10000) / families, 2) : null;
}

export function figuresOf(c: AssessmentCounts): AssessmentFigures {
  return {
    ...c,
    objectionsInTimeShare: share(c.objectionsAnsweredInTime, c.objectionsAnswered),
    procedureStepsOnTimeShare: share(c.procedureSteps - c.procedureStepsLate, c.procedureSteps),
    rectifiedOnTimeShare: share(c.rectifiedOnTime, c.rectificationsDue),
    repairsInTimeShare: share(c.repairsDecidedInTime, c.repairsDecided),
    listingsPer10kFamilies: per10kFamilies(c.listings, c.families),
  };
}

/** R7.2, R7.5: answered / decided within the deadline — the deadline day itself still counts. */
export function doneInTime(doneOn: string, deadline: string): boolean {
  return doneOn <= deadline;
}

export type RectificationOutcome = "ON_TIME" | "LATE" | "NOT_DONE";

/** R6.3: a rectification order is complied with on time (by the deadline), late, or not (yet). */
export function rectificationOutcome(deadline: string, compliedOn: string | null | undefined): RectificationOutcome {
  if (!compliedOn) return "NOT_DONE";
  return compliedOn <= deadline ? "ON_TIME" : "LATE";
}

export interface TakenStep {
  step: JointStep;
  takenOn: string;
  /** The first day the step could be taken (the previous step's period over). */
  dueSince: string;
  /** The last day it is on time: dueSince + stepGraceWorkingDays working days. */
  overdueSince: string;
  late: boolean;
}

/**
 * R7.3, R6.6: the steps of a joint-punishment procedure that were taken — 告知 (notifiedOn),
 * 公示 (publicityFrom), 列入 (listedOn), 移出 at the end of the listing (removedOn on or after
 * listedUntil) — each judged as overdueStep judges an open step: on time when taken no later
 * than overdueSince, computed from the previous step's period plus the grace working days.
 * A removal before the listing ended (objection revoked, repair, early closure) and the end of
 * a procedure never listed are decisions, not due steps: they are not counted.
 */
export function takenSteps(p: JointProcedure, rules: RuleSet, cal: HolidayCalendar): TakenStep[] {
  // [the step before, the step, the day it was taken, the previous step's period end it is due after]
  const taken: [JointStep, JointStep, string | null | undefined, string | null | undefined][] = [
    ["REMINDED", "NOTIFIED", p.notifiedOn, p.reminderDeadline],
    ["NOTIFIED", "PUBLICIZING", p.publicityFrom, p.defenceUntil],
    ["PUBLICIZING", "LISTED", p.listedOn, p.publicityUntil],
    ["LISTED", "REMOVED", p.listedOn && p.listedUntil && p.removedOn && p.removedOn >= p.listedUntil ? p.removedOn : null, p.listedUntil],
  ];
  const out: TakenStep[] = [];
  for (const [previous, step, takenOn, periodEnd] of taken) {
    if (!takenOn || !periodEnd) continue; // not taken, or the previous period unknown: nothing to judge
    const before: JointProcedure = { ...p, step: previous };
    const dueSince = earliestNextOn(before)!;
    const overdueSince = addWorkingDays(dueSince, rules.jointPunishment.stepGraceWorkingDays, cal);
    // What the overdue report (overdueStep) would have said on the day the step was taken.
    const late = overdueStep(before, takenOn, rules, cal) !== null;
    out.push({ step, takenOn, dueSince, overdueSince, late });
  }
  return out;
}

/** The steps taken in [from, to] (inclusive calendar days). */
export function stepsTakenIn(p: JointProcedure, from: string, to: string, rules: RuleSet, cal: HolidayCalendar): TakenStep[] {
  return takenSteps(p, rules, cal).filter((s) => s.takenOn >= from && s.takenOn <= to);
}

export interface AssessmentRowSpec {
  code: string;
  name: string;
  level: AdminLevel;
  /** The whole jurisdiction of the table (the last row). */
  isTotal: boolean;
}

/**
 * R7.3: the rows of the table for a jurisdiction: the province lists each city followed by its
 * counties; a city lists itself and its counties; a county itself. Then the total row — the
 * scope as a whole (the province total for the province).
 */
export function assessmentRows(scope: string, includeCounties: boolean): AssessmentRowSpec[] {
  const root = findDivision(scope);
  if (!root) return [];
  const rows: AssessmentRowSpec[] = [];
  const push = (code: string) => {
    const d = findDivision(code)!;
    rows.push({ code: d.code, name: d.name, level: d.level, isTotal: false });
  };
  const cities = root.level === "PROVINCE" ? allDivisions().filter((d) => d.level === "CITY") : root.level === "CITY" ? [root] : [];
  if (root.level === "COUNTY") push(root.code);
  for (const city of [...cities].sort((a, b) => a.code.localeCompare(b.code))) {
    push(city.code);
    if (!includeCounties) continue;
    for (const county of allDivisions().filter((d) => d.parentCode === city.code).sort((a, b) => a.code.localeCompare(b.code))) push(county.code);
  }
  rows.push({ code: root.code, name: root.code === PROVINCE_CODE ? `${root.name}（全省合计）` : `${root.name}（合计）`, level: root.level, isTotal: true });
  return rows;
}

/** A row's counts: every division in its subtree (a city's row includes its counties and itself). */
export function rollUp(rowCode: string, byDivision: ReadonlyMap<string, AssessmentCounts>): AssessmentCounts {
  let sum: AssessmentCounts = { ...ZERO_COUNTS };
  for (const [code, c] of byDivision) if (isWithinJurisdiction(code, rowCode)) sum = addCounts(sum, c);
  return sum;
}

export type ColumnKind = "text" | "count" | "share" | "rate";

/** The columns of the table (the workbook's headers, zh-CN), in order. */
export const ASSESSMENT_COLUMNS: readonly { key: keyof AssessmentFigures | "divisionCode" | "divisionName"; header: string; kind: ColumnKind; width: number }[] = [
  { key: "divisionCode", header: "区划代码", kind: "text", width: 10 },
  { key: "divisionName", header: "区划名称", kind: "text", width: 18 },
  { key: "objectionsAnswered", header: "异议答复数", kind: "count", width: 10 },
  { key: "objectionsAnsweredInTime", header: "按期答复数", kind: "count", width: 10 },
  { key: "objectionsInTimeShare", header: "异议按期答复率", kind: "share", width: 12 },
  { key: "procedureSteps", header: "联合惩戒程序环节办理数", kind: "count", width: 12 },
  { key: "procedureStepsLate", header: "逾期办理环节数", kind: "count", width: 12 },
  { key: "procedureStepsOnTimeShare", header: "程序环节按时办理率", kind: "share", width: 12 },
  { key: "rectificationsDue", header: "整改期限届满记录数", kind: "count", width: 12 },
  { key: "rectifiedOnTime", header: "按期整改数", kind: "count", width: 10 },
  { key: "rectifiedLate", header: "逾期整改数", kind: "count", width: 10 },
  { key: "notRectified", header: "未整改数", kind: "count", width: 10 },
  { key: "rectifiedOnTimeShare", header: "按期整改率", kind: "share", width: 10 },
  { key: "repairsDecided", header: "信用修复决定数", kind: "count", width: 12 },
  { key: "repairsDecidedInTime", header: "按期决定数", kind: "count", width: 10 },
  { key: "repairsInTimeShare", header: "修复按期决定率", kind: "share", width: 12 },
  { key: "families", header: "建档家庭数", kind: "count", width: 10 },
  { key: "listings", header: "列入联合惩戒名单数", kind: "count", width: 12 },
  { key: "listingsPer10kFamilies", header: "每万户家庭列入数", kind: "rate", width: 12 },
];

/** The definitions printed under the table (口径说明). */
export const ASSESSMENT_NOTES: readonly string[] = [
  "异议：统计期内作出答复的异议；答复日期不晚于核查期限（含依法延长的期限）的为按期答复。",
  "联合惩戒程序环节：统计期内办理的告知、公示、列入名单及列入期满移出；办理日期不晚于上一环节期限届满后的办理时限（工作日）的为按时办理。",
  "整改：整改期限在统计期内的信用记录（不含不予认定、已撤销的记录）；截至制表日未登记整改完成的为未整改。",
  "信用修复：统计期内作出决定的修复申请；决定日期不晚于办理期限（含延长的期限）的为按期决定。",
  "每万户家庭列入数：统计期内列入失信联合惩戒对象名单的记录数 ÷ 制表时本区划建档家庭数 × 10000。",
];
