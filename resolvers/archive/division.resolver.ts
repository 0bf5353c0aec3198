import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { allDivisions, findDivision } from "../../src/domain/divisions";
import { toDivision, toOrganization } from "../../src/subgraphs/archive/family.mapper";
import { Organization as OrganizationEntity } from "../../src/subgraphs/archive/entities/organization.entity";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { AdminLevel, Division, Organization, OrganizationKind } from "./archive.types";

@Resolver(() => Division)
export class DivisionResolver {
  @Query(() => [Division], { description: "湖北省行政区划（GB/T 2260），可按级别、上级筛选" })
  divisions(
    @Arg("level", () => AdminLevel, { nullable: true }) level: AdminLevel | null,
    @Arg("parentCode", () => String, { nullable: true }) parentCode: string | null,
  ): Division[] {
    return allDivisions()
      .filter((d) => (!level || d.level === level) && (!parentCode || d.parentCode === parentCode))
      .map((d) => toDivision(d.code));
  }

  @Query(() => Division, { nullable: true })
  division(@Arg("code", () => ID) code: string): Division | null {
    return findDivision(code) ? toDivision(code) : null;
  }

  @FieldResolver(() => Division, { nullable: true, description: "上级区划" })
  parent(@Root() d: Division): Division | null {
    return d.parentCode ? toDivision(d.parentCode) : null;
  }

  @FieldResolver(() => [Division], { description: "下级区划" })
  children(@Root() d: Division): Division[] {
    return allDivisions()
      .filter((c) => c.parentCode === d.code)
      .map((c) => toDivision(c.code));
  }
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => [Organization], { description: "已登记的机构（住房保障主管部门与合作部门）" })
  async organizations(
    @Arg("kind", () => OrganizationKind, { nullable: true }) kind: OrganizationKind | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Organization[]> {
    const rows = await ctx.em.find(OrganizationEntity, kind ? { kind } : {}, { orderBy: { code: "asc" } });
    return rows.map(toOrganization);
  }

  @Query(() => Organization, { nullable: true })
  async organization(@Arg("code", () => ID) code: string, @Ctx() ctx: SubgraphContext): Promise<Organization | null> {
    const row = await ctx.em.findOne(OrganizationEntity, { code });
    return row ? toOrganization(row) : null;
  }
}
