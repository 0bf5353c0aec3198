import { Ctx, FieldResolver, Resolver, Root, Query, Arg, ID } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { loaderFor } from "../../src/subgraphs/subgraph-context";
import { assertCanRead } from "../../src/subgraphs/access";
import { Tenancy as TenancyEntity } from "../../src/subgraphs/housing/entities/tenancy.entity";
import { toTenancy } from "../../src/subgraphs/housing/tenancy.mapper";
import { HousingFamily, Tenancy } from "./housing.types";

/** Tenancies with ledger, checks and warnings for a batch of families: a fixed number of statements. */
export function tenancyLoader(ctx: SubgraphContext) {
  return loaderFor<string, TenancyEntity | null>(ctx, "tenancy", async (familyIds) => {
    const rows = await ctx.em.find(TenancyEntity, { familyId: { $in: [...familyIds] } }, { populate: ["rentLedger", "occupancyChecks", "warnings"] });
    const byFamily = new Map(rows.map((r) => [r.familyId, r]));
    return familyIds.map((id) => byFamily.get(id) ?? null);
  });
}

@Resolver(() => HousingFamily)
export class TenancyResolver {
  @FieldResolver(() => Tenancy, { nullable: true })
  async tenancy(@Root() family: HousingFamily, @Ctx() ctx: SubgraphContext): Promise<Tenancy | null> {
    // The family's division comes from the archive via @requires; without it, deny (fail closed).
    assertCanRead(ctx.caller, family.divisionCode ?? "", "TENANCY");
    const row = await tenancyLoader(ctx).load(family.id);
    if (row && row.divisionCode !== family.divisionCode) assertCanRead(ctx.caller, row.divisionCode, "TENANCY");
    return row ? toTenancy(row) : null;
  }

  @Query(() => Tenancy, { nullable: true, description: "按家庭档案编号查询租赁情况（本辖区）" })
  async tenancyOfFamily(@Arg("familyId", () => ID) familyId: string, @Ctx() ctx: SubgraphContext): Promise<Tenancy | null> {
    if (!/^[0-9a-f-]{36}$/i.test(familyId)) return null;
    const row = await tenancyLoader(ctx).load(familyId);
    if (!row) return null;
    assertCanRead(ctx.caller, row.divisionCode, "TENANCY");
    return toTenancy(row);
  }
}
