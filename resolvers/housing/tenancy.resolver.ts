import { Arg, Ctx, FieldResolver, Float, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import { isUuid } from "../shared/ids";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { groupByKey, loaderFor } from "../../src/subgraphs/subgraph-context";
import { sqlQuery } from "../../src/db/orm";
import { consecutiveMonthsVacant } from "../../src/domain/tenancy-metrics";
import { assertCanWrite } from "../../src/subgraphs/access";
import { ofFamily } from "../../src/subgraphs/disclosure";
import { recordOccupancyCheck, recordRentPayment } from "../../src/subgraphs/housing/tenancy.service";
import { ErrorCode, hubError } from "../../src/errors";
import { DateScalar } from "../shared/scalars";
import { today as todayOf } from "../../src/domain/clock";
import { Tenancy as TenancyEntity } from "../../src/subgraphs/housing/entities/tenancy.entity";
import { toTenancy, toTenancySummary, type TenancySummaryRow, type TenancyView } from "../../src/subgraphs/housing/tenancy.mapper";
import { HousingFamily, HousingWarning, OccupancyCheck, RentMonth, Tenancy } from "./housing.types";

/**
 * The tenancy of each family of a batch with its figures computed in SQL (issue 12): one
 * statement, no ledger rows hydrated. Ledger lines, checks and warnings are read only when asked
 * for (their own batched statements below).
 */
export function tenancyLoader(ctx: SubgraphContext) {
  return loaderFor<string, TenancyView | null>(ctx, "tenancy", async (familyIds) => {
    const ids = familyIds.filter(isUuid);
    const rows = ids.length
      ? await sqlQuery<TenancySummaryRow>(
          ctx.em,
          `select t."id", t."family_id", t."unit_address", to_char(t."lease_start", 'YYYY-MM-DD') as "lease_start", to_char(t."lease_end", 'YYYY-MM-DD') as "lease_end",
                  t."monthly_rent"::float8 as "monthly_rent", coalesce(l."months", 0)::int as "months_in_arrears", coalesce(l."amount", 0)::float8 as "arrears_amount"
             from "housing"."tenancy" t
             left join lateral (
               select count(*) filter (where r."amount_paid" < r."amount_due") as "months", sum(greatest(r."amount_due" - r."amount_paid", 0)) as "amount"
                 from "housing"."rent_ledger_entry" r where r."tenancy_id" = t."id") l on true
            where t."family_id" = any(?::uuid[])`,
          [`{${ids.join(",")}}`],
        )
      : [];
    const byFamily = new Map(rows.map((r) => [r.family_id, toTenancySummary(r)]));
    return familyIds.map((id) => byFamily.get(id) ?? null);
  });
}

/** One batched statement for a child collection of tenancies, in the order of the keys. */
function childLoader<R extends { tenancy_id: string }>(ctx: SubgraphContext, name: string, sql: string) {
  return loaderFor<string, R[]>(ctx, name, async (tenancyIds) => {
    const ids = tenancyIds.filter(isUuid);
    const rows = ids.length ? await sqlQuery<R>(ctx.em, sql, [`{${ids.join(",")}}`]) : [];
    return groupByKey(tenancyIds, rows, (r) => r.tenancy_id);
  });
}

const ledgerLoader = (ctx: SubgraphContext) =>
  childLoader<{ tenancy_id: string; month: string; amount_due: number; amount_paid: number; paid_on: string | null }>(
    ctx,
    "tenancy-ledger",
    `select "tenancy_id", to_char("month", 'YYYY-MM-DD') as "month", "amount_due"::float8 as "amount_due", "amount_paid"::float8 as "amount_paid", to_char("paid_on", 'YYYY-MM-DD') as "paid_on"
       from "housing"."rent_ledger_entry" where "tenancy_id" = any(?::uuid[]) order by "tenancy_id", "month"`,
  );
const checksLoader = (ctx: SubgraphContext) =>
  childLoader<{ tenancy_id: string; checked_on: string; occupied: boolean; inspector: string; note: string | null }>(
    ctx,
    "tenancy-checks",
    `select "tenancy_id", to_char("checked_on", 'YYYY-MM-DD') as "checked_on", "occupied", "inspector", "note"
       from "housing"."occupancy_check" where "tenancy_id" = any(?::uuid[]) order by "tenancy_id", "checked_on", "id"`,
  );
const warningsLoader = (ctx: SubgraphContext) =>
  childLoader<{ tenancy_id: string; issued_on: string; kind: string; reason: string; issued_by: string | null }>(
    ctx,
    "tenancy-warnings",
    `select "tenancy_id", to_char("issued_on", 'YYYY-MM-DD') as "issued_on", "kind", "reason", "issued_by"
       from "housing"."housing_warning" where "tenancy_id" = any(?::uuid[]) order by "tenancy_id", "issued_on", "id"`,
  );

/**
 * The collections and the vacancy figure of a tenancy: from the object when it carries them
 * (a mutation's reloaded entity), else read in one batch for every tenancy of the request.
 */
@Resolver(() => Tenancy)
export class TenancyDetailResolver {
  @FieldResolver(() => [RentMonth])
  async rentLedger(@Root() t: TenancyView, @Ctx() ctx: SubgraphContext): Promise<RentMonth[]> {
    if (t.rentLedger) return t.rentLedger;
    return (await ledgerLoader(ctx).load(t.id)).map((l) => ({ month: l.month, amountDue: Number(l.amount_due), amountPaid: Number(l.amount_paid), paidOn: l.paid_on }));
  }

  @FieldResolver(() => [OccupancyCheck])
  async occupancyChecks(@Root() t: TenancyView, @Ctx() ctx: SubgraphContext): Promise<OccupancyCheck[]> {
    if (t.occupancyChecks) return t.occupancyChecks;
    return (await checksLoader(ctx).load(t.id)).map((c) => ({ checkedOn: c.checked_on, occupied: c.occupied, inspector: c.inspector, note: c.note ?? null }));
  }

  @FieldResolver(() => [HousingWarning])
  async warnings(@Root() t: TenancyView, @Ctx() ctx: SubgraphContext): Promise<HousingWarning[]> {
    if (t.warnings) return t.warnings;
    return (await warningsLoader(ctx).load(t.id)).map((w) => ({ issuedOn: w.issued_on, kind: w.kind, reason: w.reason, issuedBy: w.issued_by ?? null }));
  }

  @FieldResolver(() => Int)
  async monthsVacant(@Root() t: TenancyView, @Ctx() ctx: SubgraphContext): Promise<number> {
    if (t.monthsVacant !== undefined) return t.monthsVacant;
    return consecutiveMonthsVacant((await checksLoader(ctx).load(t.id)).map((c) => ({ checkedOn: c.checked_on, occupied: c.occupied })));
  }
}

@Resolver(() => HousingFamily)
export class TenancyResolver {
  /** The family's tenancy, decided for the family's division (from the archive via @requires). */
  @FieldResolver(() => Tenancy, { nullable: true, description: "公租房租赁情况" })
  async tenancy(@Root() family: HousingFamily, @Ctx() ctx: SubgraphContext): Promise<Tenancy | null> {
    return (await tenancyLoader(ctx).load(family.id)) as Tenancy | null;
  }

  @Mutation(() => Tenancy, { description: "登记一笔租金缴纳（经办人，本辖区内）" })
  async recordRentPayment(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("month", () => DateScalar, { description: "租金月份（当月1日）" }) month: string,
    @Arg("amountPaid", () => Float) amountPaid: number,
    @Arg("paidOn", () => DateScalar) paidOn: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Tenancy> {
    const tenancy = await this.writableTenancy(familyId, ctx);
    await recordRentPayment(ctx.em, tenancy, month, amountPaid, paidOn, todayOf(ctx.clock));
    return this.reload(familyId, ctx);
  }

  @Mutation(() => Tenancy, { description: "登记一次入户核查（经办人，本辖区内）" })
  async recordOccupancyCheck(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("checkedOn", () => DateScalar) checkedOn: string,
    @Arg("occupied", () => Boolean) occupied: boolean,
    @Arg("inspector", () => String) inspector: string,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Tenancy> {
    const tenancy = await this.writableTenancy(familyId, ctx);
    await recordOccupancyCheck(ctx.em, tenancy, checkedOn, occupied, inspector, note, todayOf(ctx.clock));
    return this.reload(familyId, ctx);
  }

  private async writableTenancy(familyId: string, ctx: SubgraphContext): Promise<TenancyEntity> {
    const tenancy = isUuid(familyId) ? await ctx.em.findOne(TenancyEntity, { familyId }) : null;
    if (!tenancy) throw hubError(ErrorCode.NOT_FOUND, "该家庭没有公租房租赁记录");
    assertCanWrite(ctx.caller, tenancy.divisionCode, ["OPERATOR", "ADMIN"]);
    return tenancy;
  }

  private async reload(familyId: string, ctx: SubgraphContext): Promise<Tenancy> {
    ctx.em.clear();
    const row = await ctx.em.findOneOrFail(TenancyEntity, { familyId }, { populate: ["rentLedger", "occupancyChecks", "warnings"] });
    // The operator's own write: decided for the tenancy's division (the operator's jurisdiction).
    return ofFamily(toTenancy(row), familyId, row.divisionCode);
  }
}
