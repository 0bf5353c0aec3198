// R7.3 督查考核: the counts of the assessment table per division over [from, to]. Set-based: a
// fixed number of statements whatever the number of families — each groups by division and by
// the dates a judgement needs, and the judgements themselves (on time, late) are the domain's
// (src/domain/credit/assessment.ts), so that the table and the overdue report judge alike.
import type { EntityManager } from "@mikro-orm/core";
import { sqlQuery } from "../../../db/orm";
import {
  addCounts,
  assessmentRows,
  doneInTime,
  figuresOf,
  rectificationOutcome,
  rollUp,
  stepsTakenIn,
  ZERO_COUNTS,
  type AssessmentCounts,
  type AssessmentFigures,
  type AssessmentRowSpec,
} from "../../../domain/credit/assessment";
import type { JointStep } from "../../../domain/credit/procedure";
import type { HolidayCalendar } from "../../../domain/credit/working-days";
import type { RuleBook } from "./rules.service";

export interface AssessmentQuery {
  /** The division the table is for (its jurisdiction's divisions are counted). */
  scope: string;
  divisionCodes: string[];
  /** Inclusive calendar days. */
  from: string;
  to: string;
  today: string;
  includeCounties: boolean;
  book: RuleBook;
  calendar: HolidayCalendar;
}

export interface AssessmentRowData extends AssessmentRowSpec, AssessmentFigures {}

export interface AssessmentData {
  rows: AssessmentRowData[];
  total: AssessmentRowData;
}

// Arrays travel as PostgreSQL array literals (the driver would expand a JS array into a list).
const pgArray = (values: readonly string[]) => `{${values.join(",")}}`;
const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/** Records whose rectification order stands (a rejected or revoked record's order fell with it). */
const RECTIFICATION_EXCLUDED = ["REJECTED", "REVOKED", "CANDIDATE"];

interface StepRow {
  division_code: string;
  rule_version: string;
  step: JointStep;
  reminded_on: string | null;
  reminder_deadline: string | null;
  notified_on: string | null;
  defence_until: string | null;
  publicity_from: string | null;
  publicity_until: string | null;
  listed_on: string | null;
  listed_until: string | null;
  removed_on: string | null;
  count: number;
}

/** R7.3: the per-division counts, rolled up into the table's rows. */
export async function creditAssessment(em: EntityManager, q: AssessmentQuery): Promise<AssessmentData> {
  const query = <T>(sql: string, params: unknown[]) => sqlQuery<T>(em, sql, params);
  const divisions = pgArray(q.divisionCodes);
  // One after the other: in the request's transaction they share one connection anyway.
  const families = await query<{ division_code: string; count: number }>(
    `select "division_code", cast(count(*) as int) as count from "archive"."family"
      where "division_code" = any(cast(? as text[])) group by "division_code"`,
    [divisions],
  );
  // R7.2: objections answered in the period, by deadline and answer day.
  const objections = await query<{ division_code: string; deadline: string; done_on: string; count: number }>(
    `select "division_code", ${day(`"deadline"`)} as deadline, ${day(`"decided_on"`)} as done_on, cast(count(*) as int) as count
       from "archive"."objection"
      where "division_code" = any(cast(? as text[])) and "status" = 'DECIDED' and "decided_on" between ? and ?
      group by "division_code", "deadline", "decided_on"`,
    [divisions, q.from, q.to],
  );
  // R7.5: repair applications decided in the period.
  const repairs = await query<{ division_code: string; deadline: string; done_on: string; count: number }>(
    `select "division_code", ${day(`"deadline"`)} as deadline, ${day(`"decided_on"`)} as done_on, cast(count(*) as int) as count
       from "archive"."repair_application"
      where "division_code" = any(cast(? as text[])) and "status" <> 'OPEN' and "decided_on" between ? and ?
      group by "division_code", "deadline", "decided_on"`,
    [divisions, q.from, q.to],
  );
  // R6.3: rectification orders whose deadline falls in the period, by compliance day.
  const rectifications = await query<{ division_code: string; deadline: string; done_on: string | null; count: number }>(
    `select "division_code", ${day(`"rectification_deadline"`)} as deadline, ${day(`"rectification_complied_on"`)} as done_on, cast(count(*) as int) as count
       from "archive"."credit_record"
      where "division_code" = any(cast(? as text[])) and "rectification_deadline" between ? and ? and not ("status" = any(cast(? as text[])))
      group by "division_code", "rectification_deadline", "rectification_complied_on"`,
    [divisions, q.from, q.to, pgArray(RECTIFICATION_EXCLUDED)],
  );
  // R6.6: joint-punishment procedures with a step taken in the period, with every date a step's judgement needs.
  const steps = await query<StepRow>(
    `select "division_code", "rule_version", "step", ${day(`"reminded_on"`)} as reminded_on, ${day(`"reminder_deadline"`)} as reminder_deadline,
            ${day(`"notified_on"`)} as notified_on, ${day(`"defence_until"`)} as defence_until, ${day(`"publicity_from"`)} as publicity_from,
            ${day(`"publicity_until"`)} as publicity_until, ${day(`"listed_on"`)} as listed_on, ${day(`"listed_until"`)} as listed_until,
            ${day(`"removed_on"`)} as removed_on, cast(count(*) as int) as count
       from "archive"."list_entry"
      where "division_code" = any(cast(? as text[])) and "kind" = 'JOINT_PUNISHMENT'
        and ("notified_on" between ? and ? or "publicity_from" between ? and ? or "listed_on" between ? and ? or "removed_on" between ? and ?)
      group by "division_code", "rule_version", "step", "reminded_on", "reminder_deadline", "notified_on", "defence_until",
               "publicity_from", "publicity_until", "listed_on", "listed_until", "removed_on"`,
    [divisions, q.from, q.to, q.from, q.to, q.from, q.to, q.from, q.to],
  );

  const byDivision = new Map<string, AssessmentCounts>();
  const add = (code: string, c: Partial<AssessmentCounts>) => byDivision.set(code, addCounts(byDivision.get(code) ?? { ...ZERO_COUNTS }, c));

  for (const r of families) add(r.division_code, { families: Number(r.count) });
  for (const r of objections) {
    const n = Number(r.count);
    add(r.division_code, { objectionsAnswered: n, objectionsAnsweredInTime: doneInTime(r.done_on, r.deadline) ? n : 0 });
  }
  for (const r of repairs) {
    const n = Number(r.count);
    add(r.division_code, { repairsDecided: n, repairsDecidedInTime: doneInTime(r.done_on, r.deadline) ? n : 0 });
  }
  for (const r of rectifications) {
    const n = Number(r.count);
    const outcome = rectificationOutcome(r.deadline, r.done_on);
    add(r.division_code, { rectificationsDue: n, rectifiedOnTime: outcome === "ON_TIME" ? n : 0, rectifiedLate: outcome === "LATE" ? n : 0, notRectified: outcome === "NOT_DONE" ? n : 0 });
  }
  for (const r of steps) {
    const n = Number(r.count);
    const rules = q.book.byVersion(r.rule_version) ?? q.book.forDivision(r.division_code, q.today);
    const taken = stepsTakenIn(
      {
        step: r.step,
        remindedOn: r.reminded_on ?? "",
        reminderDeadline: r.reminder_deadline ?? "",
        notifiedOn: r.notified_on,
        defenceUntil: r.defence_until,
        publicityFrom: r.publicity_from,
        publicityUntil: r.publicity_until,
        listedOn: r.listed_on,
        listedUntil: r.listed_until,
        removedOn: r.removed_on,
      },
      q.from,
      q.to,
      rules,
      q.calendar,
    );
    const listed = r.listed_on !== null && r.listed_on >= q.from && r.listed_on <= q.to;
    add(r.division_code, { procedureSteps: n * taken.length, procedureStepsLate: n * taken.filter((s) => s.late).length, listings: listed ? n : 0 });
  }

  const specs = assessmentRows(q.scope, q.includeCounties);
  const data = specs.map((spec) => ({ ...spec, ...figuresOf(rollUp(spec.code, byDivision)) }));
  return { rows: data.filter((r) => !r.isTotal), total: data.find((r) => r.isTotal)! };
}
