// R7.3: statistics of the whole mechanism for a jurisdiction and a period — records identified
// and collected, families by tier, list entries, overdue procedure steps. Set-based: a fixed
// number of GROUP BY statements whatever the number of families.
import { sqlQuery } from "../../../db/orm";
import type { EntityManager } from "@mikro-orm/core";
import { addDays } from "../../../domain/credit/dates";
import type { HolidayCalendar } from "../../../domain/credit/working-days";
import type { ListKind, Tier } from "../../../domain/credit/rule-set";
import type { ListStatus } from "../../../domain/credit/procedure";
import { overdueSteps } from "./procedure.service";
import type { RuleBook } from "./rules.service";

export interface KeyCount {
  key: string;
  count: number;
}

export interface ListKindCount {
  kind: ListKind;
  status: ListStatus;
  count: number;
}

export interface CreditStatisticsData {
  recordsByBehavior: KeyCount[];
  recordsBySource: KeyCount[];
  recordsByStatus: KeyCount[];
  familiesByTier: KeyCount[];
  listEntriesByStatus: ListKindCount[];
  overdueSteps: number;
}

export const TIERS: readonly Tier[] = ["GOOD", "MILD", "MODERATE", "SEVERE"];
export const LIST_KINDS: readonly ListKind[] = ["WARNING", "KEY_ATTENTION", "JOINT_PUNISHMENT"];
const LIST_STATUSES: readonly ListStatus[] = ["PRELIMINARY", "PUBLICIZING", "LISTED", "SUSPENDED", "REMOVED"];

/** Records whose identification stands (a repaired record was identified; a revoked one was wrong). */
const IDENTIFIED_STATUSES = ["IDENTIFIED", "REPAIRED"];

// Arrays travel as PostgreSQL array literals (the driver would expand a JS array into a list).
const pgArray = (values: readonly string[]) => `{${values.join(",")}}`;

/** The instant a Shanghai calendar day starts (UTC+8, no daylight saving). */
function shanghaiMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}

const byKey = (rows: { key: string; count: number | string }[]): KeyCount[] =>
  rows.map((r) => ({ key: r.key, count: Number(r.count) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

export interface StatisticsQuery {
  divisionCodes: string[];
  /** Inclusive calendar days (Asia/Shanghai). */
  from: string;
  to: string;
  today: string;
  book: RuleBook;
  calendar: HolidayCalendar;
}

/** R7.3: the statistics of the divisions over [from, to]. */
export async function creditStatistics(em: EntityManager, q: StatisticsQuery): Promise<CreditStatisticsData> {
  const query = <T>(sql: string, params: unknown[]) => sqlQuery<T>(em, sql, params);
  const divisions = pgArray(q.divisionCodes);
  // Instants bounding the Shanghai days [from, to]: sargable on the timestamptz columns.
  const start = shanghaiMidnight(q.from);
  const end = shanghaiMidnight(addDays(q.to, 1));
  const [identified, created, tiers, current, removed, overdue] = await Promise.all([
    // Records identified in the period (decision date in Asia/Shanghai), by behaviour and by source.
    query<{ dim: string; key: string; count: number }>(
      `select case when grouping("behavior_code") = 0 then 'behavior' else 'source' end as dim,
              coalesce("behavior_code", "source") as key, cast(count(*) as int) as count
         from "archive"."credit_record"
        where "division_code" = any(cast(? as text[])) and "status" = any(cast(? as text[]))
          and "decided_at" >= ? and "decided_at" < ?
        group by grouping sets (("behavior_code"), ("source"))`,
      [divisions, pgArray(IDENTIFIED_STATUSES), start, end],
    ),
    // Records collected (created) in the period, by their status now.
    query<{ key: string; count: number }>(
      `select "status" as key, cast(count(*) as int) as count
         from "archive"."credit_record"
        where "division_code" = any(cast(? as text[])) and "created_at" >= ? and "created_at" < ?
        group by "status"`,
      [divisions, start, end],
    ),
    // Families by current tier; a family without a score row has never lost a point (GOOD).
    query<{ key: string; count: number }>(
      `select coalesce(c."tier", 'GOOD') as key, cast(count(*) as int) as count
         from "archive"."family" f
         left join "archive"."family_credit" c on c."family_id" = f."id"
        where f."division_code" = any(cast(? as text[]))
        group by coalesce(c."tier", 'GOOD')`,
      [divisions],
    ),
    // Current list entries by kind and status.
    query<{ kind: ListKind; status: ListStatus; count: number }>(
      `select "kind", "status", cast(count(*) as int) as count
         from "archive"."list_entry"
        where "division_code" = any(cast(? as text[])) and "status" <> 'REMOVED'
        group by "kind", "status"`,
      [divisions],
    ),
    // Entries removed in the period, by kind.
    query<{ kind: ListKind; count: number }>(
      `select "kind", cast(count(*) as int) as count
         from "archive"."list_entry"
        where "division_code" = any(cast(? as text[])) and "status" = 'REMOVED' and "removed_on" between ? and ?
        group by "kind"`,
      [divisions, q.from, q.to],
    ),
    overdueSteps(em, q.book, q.calendar, q.today, q.divisionCodes),
  ]);

  const tierCount = new Map(tiers.map((r) => [r.key, Number(r.count)]));
  const removedCount = new Map(removed.map((r) => [r.kind, Number(r.count)]));
  const listRows: ListKindCount[] = [
    ...current.map((r) => ({ kind: r.kind, status: r.status, count: Number(r.count) })),
    ...LIST_KINDS.map((kind) => ({ kind, status: "REMOVED" as ListStatus, count: removedCount.get(kind) ?? 0 })),
  ].sort((a, b) => LIST_KINDS.indexOf(a.kind) - LIST_KINDS.indexOf(b.kind) || LIST_STATUSES.indexOf(a.status) - LIST_STATUSES.indexOf(b.status));

  return {
    recordsByBehavior: byKey(identified.filter((r) => r.dim === "behavior")),
    recordsBySource: byKey(identified.filter((r) => r.dim === "source")),
    recordsByStatus: byKey(created),
    familiesByTier: TIERS.map((key) => ({ key, count: tierCount.get(key) ?? 0 })),
    listEntriesByStatus: listRows,
    overdueSteps: overdue.length,
  };
}
