// Automatic candidates from the municipal ledgers (R4.1 (6) rent arrears, (7) vacancy): the
// housing subgraph reports which tenancies meet a behaviour's threshold, with the ledger lines
// or occupancy checks as evidence. It only reports; the archive records them as CANDIDATE
// records and staff identify them (R4.1, R5.2).
import { createHash } from "node:crypto";
import { isUuid } from "../shared/ids";
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { Category } from "../shared/category";
import { jurisdictionDivisions } from "../../src/subgraphs/access";
import { ofFamily } from "../../src/subgraphs/disclosure";
import { findDivision } from "../../src/domain/divisions";
import { consecutiveMonthsVacant, monthsInArrears } from "../../src/domain/tenancy-metrics";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput } from "../../src/errors";
import { CandidateOrigin } from "../shared/candidate-origin";
import { DateScalar } from "../shared/scalars";
import { checkFirst, connectionOf, decodeCursor, encodeCursor, type Connection } from "../shared/connection";

@ObjectType({ description: "根据租金台账或入户核查发现的失信线索（待住房保障部门核实认定）" })
export class HousingCandidate {
  @Field(() => ID)
  familyId!: string;

  @Field(() => String)
  divisionCode!: string;

  @Field(() => CandidateOrigin)
  kind!: CandidateOrigin;

  @Field(() => Int, { description: "累计欠租月数（ARREARS）或连续空置月数（VACANCY）" })
  months!: number;

  @Field(() => DateScalar, { description: "截至日期：最后一个欠租月份（ARREARS）或最后一次入户核查日期（VACANCY）" })
  asOf!: string;

  @Field(() => String, { description: "证据（JSON）：未缴清的租金台账月份或空置的入户核查记录" })
  evidenceJson!: string;

  @Field(() => String, { description: "证据 JSON（UTF-8）的 SHA-256（十六进制）" })
  evidenceSha256!: string;
}

export const HousingCandidateConnection = connectionOf(HousingCandidate, "HousingCandidate");

/** Thresholds are refused outside this range; the policy's own are checked by the archive. */
const MAX_MIN_MONTHS = 120;
const NIL_UUID = "00000000-0000-0000-0000-000000000000";

// Arrays travel as PostgreSQL array literals (the driver would expand a JS array into a list).
const pgArray = (values: string[]) => `{${values.join(",")}}`;

interface CandidateRow {
  total: number;
  family_id: string | null;
  division_code: string;
  tenancy_id: string;
  unit_address: string;
  kind: CandidateOrigin;
}

/**
 * One statement for a page of candidates and the total. R4.1 (6) "拖欠租金累计6个月以上" is
 * 6 or more: ARREARS when the unpaid ledger months >= minMonths. R4.1 (7) "连续空置超过6个月" is
 * more than 6: VACANCY when the consecutive vacant months > minMonths. The vacancy run is
 * consecutiveMonthsVacant (src/domain/tenancy-metrics.ts) in SQL: calendar months with checks,
 * counted back from the latest one while every check of the month found the unit vacant and no
 * month is missing; the resolver recomputes both numbers with the domain functions.
 */
const PAGE_SQL = `
with scope as (
  select t."id", t."family_id", t."division_code", t."unit_address"
    from "housing"."tenancy" t
   where t."division_code" = any(cast(? as text[]))
),
arrears as (
  select l."tenancy_id"
    from "housing"."rent_ledger_entry" l join scope s on s."id" = l."tenancy_id"
   where l."amount_paid" < l."amount_due"
   group by l."tenancy_id"
  having count(*) >= ?
),
check_months as (
  select c."tenancy_id", cast(date_trunc('month', c."checked_on") as date) as "month", bool_and(not c."occupied") as vacant
    from "housing"."occupancy_check" c join scope s on s."id" = c."tenancy_id"
   group by c."tenancy_id", cast(date_trunc('month', c."checked_on") as date)
),
ranked as (
  select "tenancy_id", "month",
         row_number() over w as rn,
         bool_and(vacant) over w as all_vacant,
         first_value("month") over w as latest
    from check_months
  window w as (partition by "tenancy_id" order by "month" desc rows between unbounded preceding and current row)
),
vacancy as (
  select "tenancy_id"
    from ranked
   where all_vacant
     and (extract(year from latest) * 12 + extract(month from latest)) - (extract(year from "month") * 12 + extract(month from "month")) = rn - 1
   group by "tenancy_id"
  having count(*) > ?
),
candidates as (
  select s."family_id", s."division_code", s."id" as tenancy_id, s."unit_address", cast('ARREARS' as text) as kind from arrears a join scope s on s."id" = a."tenancy_id"
  union all
  select s."family_id", s."division_code", s."id" as tenancy_id, s."unit_address", cast('VACANCY' as text) as kind from vacancy v join scope s on s."id" = v."tenancy_id"
)
select n.total, p.*
  from (select cast(count(*) as int) as total from candidates) n
  left join lateral (
    select c."family_id", c."division_code", c.tenancy_id, c."unit_address", c.kind
      from candidates c
     where (c."family_id", c.kind) > (cast(? as uuid), cast(? as text))
     order by c."family_id", c.kind
     limit ?
  ) p on true`;

interface LedgerRow {
  tenancy_id: string;
  month: string;
  amount_due: string;
  amount_paid: string;
  paid_on: string | null;
}

interface CheckRow {
  tenancy_id: string;
  checked_on: string;
  occupied: boolean;
  inspector: string;
  note: string | null;
}

function group<R extends { tenancy_id: string }>(rows: R[]): Map<string, R[]> {
  const map = new Map<string, R[]>();
  for (const r of rows) map.set(r.tenancy_id, [...(map.get(r.tenancy_id) ?? []), r]);
  return map;
}

function sha256(text: string): string {
  return createHash("sha256").update(Buffer.from(text, "utf8")).digest("hex");
}

@Resolver()
export class HousingCandidateResolver {
  @Category("TENANCY")
  @Query(() => HousingCandidateConnection, {
    description: "本辖区拖欠租金累计达到 minMonths 个月、或连续空置超过 minMonths 个月的租赁（R4.1 第（六）（七）项线索，待核实认定）",
  })
  async housingCandidates(
    @Arg("divisionCode", () => String, { nullable: true }) divisionCode: string | null,
    @Arg("minMonths", () => Int, { defaultValue: 6 }) minMonths: number,
    @Arg("first", () => Int, { defaultValue: 500 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<HousingCandidate>> {
    checkFirst(first);
    const problems: InputProblem[] = [];
    if (divisionCode && !findDivision(divisionCode)) problems.push(new InputProblem("divisionCode", `行政区划代码“${divisionCode}”不存在于湖北省区划中`));
    if (!Number.isInteger(minMonths) || minMonths < 1 || minMonths > MAX_MIN_MONTHS) problems.push(new InputProblem("minMonths", `月数应为1至${MAX_MIN_MONTHS}的整数`));
    if (problems.length) throw badInput(problems);
    // R2.4: only the tenancies of divisions the caller may read.
    const divisions = jurisdictionDivisions(ctx.caller, divisionCode);
    if (!divisions.length) return { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
    const cursor = decodeCursor(after, ["uuid", "string"]);
    if (cursor && (!isUuid(String(cursor[0])) || !(String(cursor[1]) in CandidateOrigin))) throw badInput([new InputProblem("after", "分页游标无效")]);

    const conn = ctx.em.getConnection();
    const query = <T>(sql: string, params: unknown[]) => conn.execute(sql, params) as Promise<T[]>;
    const rows = await query<CandidateRow>(PAGE_SQL, [pgArray(divisions), minMonths, minMonths, cursor ? String(cursor[0]) : NIL_UUID, cursor ? String(cursor[1]) : "", first + 1]);
    const totalCount = rows[0]?.total ?? 0;
    const page = rows.filter((r) => r.family_id !== null);
    const nodes = page.slice(0, first);

    // The evidence of the page: two statements whatever the page size.
    const arrearsIds = [...new Set(nodes.filter((n) => n.kind === CandidateOrigin.ARREARS).map((n) => n.tenancy_id))];
    const vacancyIds = [...new Set(nodes.filter((n) => n.kind === CandidateOrigin.VACANCY).map((n) => n.tenancy_id))];
    const [ledger, checks] = await Promise.all([
      arrearsIds.length
        ? query<LedgerRow>(
            `select "tenancy_id", cast("month" as text) as "month", cast("amount_due" as text) as amount_due, cast("amount_paid" as text) as amount_paid, cast("paid_on" as text) as paid_on
               from "housing"."rent_ledger_entry"
              where "tenancy_id" = any(cast(? as uuid[])) and "amount_paid" < "amount_due"
              order by "tenancy_id", "month"`,
            [pgArray(arrearsIds)],
          )
        : Promise.resolve([] as LedgerRow[]),
      vacancyIds.length
        ? query<CheckRow>(
            `select "tenancy_id", cast("checked_on" as text) as checked_on, "occupied", "inspector", "note"
               from "housing"."occupancy_check"
              where "tenancy_id" = any(cast(? as uuid[]))
              order by "tenancy_id", "checked_on", "id"`,
            [pgArray(vacancyIds)],
          )
        : Promise.resolve([] as CheckRow[]),
    ]);
    const ledgerOf = group(ledger);
    const checksOf = group(checks);

    const edges = nodes.map((n) => {
      const node = n.kind === CandidateOrigin.ARREARS ? arrearsCandidate(n, ledgerOf.get(n.tenancy_id) ?? []) : vacancyCandidate(n, checksOf.get(n.tenancy_id) ?? []);
      return { cursor: encodeCursor([node.familyId, node.kind]), node: ofFamily(node, node.familyId, node.divisionCode) };
    });
    return { totalCount, pageInfo: { hasNextPage: page.length > first, endCursor: edges.at(-1)?.cursor ?? after ?? null }, edges };
  }
}

/** R4.1 (6): the unpaid ledger months; asOf is the last month in arrears. */
function arrearsCandidate(n: CandidateRow, rows: LedgerRow[]): HousingCandidate {
  const unpaid = rows.map((r) => ({ month: r.month, amountDue: Number(r.amount_due), amountPaid: Number(r.amount_paid), paidOn: r.paid_on }));
  const months = monthsInArrears(unpaid);
  const asOf = unpaid.at(-1)?.month ?? "";
  const evidenceJson = JSON.stringify({
    kind: CandidateOrigin.ARREARS,
    familyId: n.family_id,
    divisionCode: n.division_code,
    unitAddress: n.unit_address,
    months,
    asOf,
    unpaidMonths: unpaid,
  });
  return { familyId: n.family_id!, divisionCode: n.division_code, kind: CandidateOrigin.ARREARS, months, asOf, evidenceJson, evidenceSha256: sha256(evidenceJson) };
}

/** R4.1 (7): the checks of the consecutive vacant months; asOf is the last check. */
function vacancyCandidate(n: CandidateRow, rows: CheckRow[]): HousingCandidate {
  const all = rows.map((r) => ({ checkedOn: r.checked_on, occupied: r.occupied, inspector: r.inspector, note: r.note }));
  const months = consecutiveMonthsVacant(all);
  const runMonths = new Set([...new Set(all.map((c) => c.checkedOn.slice(0, 7)))].sort().reverse().slice(0, months));
  const checks = all.filter((c) => runMonths.has(c.checkedOn.slice(0, 7)));
  const asOf = all.at(-1)?.checkedOn ?? "";
  const evidenceJson = JSON.stringify({
    kind: CandidateOrigin.VACANCY,
    familyId: n.family_id,
    divisionCode: n.division_code,
    unitAddress: n.unit_address,
    months,
    asOf,
    vacantChecks: checks,
  });
  return { familyId: n.family_id!, divisionCode: n.division_code, kind: CandidateOrigin.VACANCY, months, asOf, evidenceJson, evidenceSha256: sha256(evidenceJson) };
}
