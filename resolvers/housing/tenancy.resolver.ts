import { Arg, Ctx, FieldResolver, Float, ID, Mutation, Resolver, Root } from "type-graphql";
import { isUuid } from "../shared/ids";
import { LoadStrategy } from "@mikro-orm/core";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { loaderFor } from "../../src/subgraphs/subgraph-context";
import { assertCanWrite } from "../../src/subgraphs/access";
import { ofFamily } from "../../src/subgraphs/disclosure";
import { recordOccupancyCheck, recordRentPayment } from "../../src/subgraphs/housing/tenancy.service";
import { ErrorCode, hubError } from "../../src/errors";
import { DateScalar } from "../shared/scalars";
import { today as todayOf } from "../../src/domain/clock";
import { Tenancy as TenancyEntity } from "../../src/subgraphs/housing/entities/tenancy.entity";
import { toTenancy } from "../../src/subgraphs/housing/tenancy.mapper";
import { HousingFamily, Tenancy } from "./housing.types";

/** Tenancies with ledger, checks and warnings for a batch of families: a fixed number of statements. */
export function tenancyLoader(ctx: SubgraphContext) {
  return loaderFor<string, TenancyEntity | null>(ctx, "tenancy", async (familyIds) => {
    const rows = await ctx.em.find(TenancyEntity, { familyId: { $in: [...familyIds] } }, {
      populate: ["rentLedger", "occupancyChecks", "warnings"],
      // one statement per collection: a join of three collections would multiply their rows
      strategy: LoadStrategy.SELECT_IN,
    });
    const byFamily = new Map(rows.map((r) => [r.familyId, r]));
    return familyIds.map((id) => byFamily.get(id) ?? null);
  });
}

@Resolver(() => HousingFamily)
export class TenancyResolver {
  /** The family's tenancy, decided for the family's division (from the archive via @requires). */
  @FieldResolver(() => Tenancy, { nullable: true, description: "公租房租赁情况" })
  async tenancy(@Root() family: HousingFamily, @Ctx() ctx: SubgraphContext): Promise<Tenancy | null> {
    const row = await tenancyLoader(ctx).load(family.id);
    return row ? toTenancy(row) : null;
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
