import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { isUuid } from "../shared/ids";
import { sqlQuery } from "../../src/db/orm";
import type { GraphQLResolveInfo } from "graphql";
import { LoadStrategy, type FilterQuery } from "@mikro-orm/core";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { loaderFor } from "../../src/subgraphs/subgraph-context";
import { Family as FamilyEntity } from "../../src/subgraphs/archive/entities/family.entity";
import { FamilyChange } from "../../src/subgraphs/archive/entities/family-change.entity";
import { toArchiveChange, toFamily } from "../../src/subgraphs/archive/family.mapper";
import { createFamily, updateFamily } from "../../src/subgraphs/archive/family.service";
import { assertCanWrite, locateRow, mayLocate, readableDivisions, sharingDenied } from "../../src/subgraphs/access";
import { ARCHIVE_CATEGORIES, AllCategories, Locator } from "../shared/category";
import { parseIdNumber } from "../../src/domain/id-number";
import { allDivisions, findDivision } from "../../src/domain/divisions";
import type { FamilyFields } from "../../src/domain/family-input";
import type { DataCategory } from "../../src/domain/permissions";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { checkFirst, decodeCursor, encodeCursor, wantsTotalCount, type Connection } from "../shared/connection";
import {
  ArchiveChange,
  ArchiveChangeConnection,
  CreateFamilyInput,
  Family,
  FamilyConnection,
  UpdateFamilyInput,
} from "./archive.types";

const WRITE_ROLES = ["OPERATOR", "ADMIN"] as const;

/** Loads families with their members: two statements for any number of ids. */
export function familyLoader(ctx: SubgraphContext) {
  return loaderFor<string, FamilyEntity | null>(ctx, "family", async (ids) => {
    const rows = await ctx.em.find(FamilyEntity, { id: { $in: [...ids] } }, { populate: ["members"] });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/**
 * The family if the caller may locate it (R8.2: its jurisdiction or a permission covering its
 * division), or SHARING_NOT_PERMITTED — without the division, which only a caller who may
 * locate the family learns (contract README). Its fields then decide one by one (the disclosure
 * policy), so a partner sees only its categories.
 */
export async function readFamily(ctx: SubgraphContext, id: string): Promise<Family | null> {
  const e = await familyLoader(ctx).load(id);
  if (!e || !mayLocate(ctx.disclosures, e.divisionCode)) {
    // Row-level security hides families outside the caller's divisions (R8.4): "not yours" is
    // told apart from "no such family" (an archive number is not guessable), never where it is.
    if (e || (await familyDivisionOf(ctx, id))) {
      ctx.disclosures.refused(id);
      throw sharingDenied(null);
    }
    return null;
  }
  return toFamily(e);
}

/** A family's division whether or not the caller may see the family (a SECURITY DEFINER locator). */
export async function familyDivisionOf(ctx: SubgraphContext, familyId: string): Promise<string | null> {
  const [row] = await sqlQuery<{ division: string | null }>(ctx.em, `select "archive"."family_division"(?) as division`, [familyId]);
  return row?.division ?? null;
}

/**
 * A look-up by ID number (R8.2, R8.3): the member's family if the caller may locate it; null for
 * an unknown number and for a family the caller may not locate alike (no oracle: nothing tells
 * whether the person belongs to a family, or where). Audited whatever the outcome, the number as
 * a hash; a refusal names the `categories` asked for.
 */
export async function locatePermitted(ctx: SubgraphContext, idNumber: string, categories: readonly DataCategory[]): Promise<{ familyId: string; divisionCode: string } | null> {
  const member = await locateMember(ctx, idNumber);
  if (!member) {
    ctx.disclosures.lookup(idNumber, "NOT_FOUND");
    return null;
  }
  if (!mayLocate(ctx.disclosures, member.divisionCode)) {
    ctx.disclosures.lookup(idNumber, "NOT_PERMITTED", member.familyId, categories);
    return null;
  }
  ctx.disclosures.lookup(idNumber, "FOUND", member.familyId);
  return member;
}

/** The family of a member's ID number and its division, whether or not the caller may see it. */
export async function locateMember(ctx: SubgraphContext, idNumber: string): Promise<{ familyId: string; divisionCode: string } | null> {
  const [row] = await sqlQuery<{ family_id: string; division_code: string }>(ctx.em, `select * from "archive"."member_family"(?)`, [idNumber.trim().toUpperCase()]);
  return row ? { familyId: row.family_id, divisionCode: row.division_code } : null;
}

function toFields(input: CreateFamilyInput | UpdateFamilyInput): Partial<FamilyFields> {
  return {
    divisionCode: input.divisionCode,
    members: input.members?.map((m) => ({ name: m.name, idNumber: m.idNumber, relation: m.relation })),
    hukouDivisionCode: input.household?.hukouDivisionCode,
    maritalStatus: input.household?.maritalStatus,
    householdSize: input.household?.size,
    annualIncome: input.economic?.annualIncome,
    propertyCount: input.economic?.propertyCount,
    housingStatus: input.housing?.status,
    perCapitaArea: input.housing ? (input.housing.perCapitaArea ?? null) : undefined,
    guaranteeCategory: input.guarantee?.category,
    guaranteeMode: input.guarantee?.mode,
    guaranteeGroup: input.guarantee?.group,
    priority: input.guarantee?.priority,
    priorityReason: input.guarantee ? (input.guarantee.priorityReason ?? null) : undefined,
  };
}

function assertKnownDivision(code: string) {
  if (!findDivision(code)) throw badInput([{ field: "divisionCode", message: `行政区划代码“${code}”不存在于湖北省区划中` }]);
}

function actorOf(ctx: SubgraphContext) {
  return { sub: ctx.caller.sub ?? "", org: ctx.caller.org ?? "" };
}


@Resolver(() => Family)
export class FamilyResolver {
  @Locator()
  @Query(() => Family, { nullable: true, description: "按档案编号查询家庭档案" })
  async family(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<Family | null> {
    if (!isUuid(id)) return null;
    return readFamily(ctx, id);
  }

  @Locator()
  @Query(() => Family, { nullable: true, description: "按任一家庭成员的身份证号码查询家庭档案" })
  async familyByIdNumber(@Arg("idNumber", () => String) idNumber: string, @Ctx() ctx: SubgraphContext): Promise<Family | null> {
    const parsed = parseIdNumber(idNumber);
    if (!parsed.ok) throw badInput([{ field: "idNumber", message: parsed.reason }]);
    const member = await locatePermitted(ctx, idNumber, []);
    return member ? readFamily(ctx, member.familyId) : null;
  }

  @Locator()
  @Query(() => FamilyConnection, { description: "本辖区及书面许可覆盖区划的家庭档案（分页）" })
  async families(
    @Arg("divisionCode", () => String, { nullable: true }) divisionCode: string | null,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Family>> {
    checkFirst(first);
    if (divisionCode) assertKnownDivision(divisionCode);
    const divisions = readableDivisions(ctx.caller, divisionCode);
    if (divisions.length === 0) return { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
    // The whole province needs no division filter (the primary key then serves the page).
    const where: FilterQuery<FamilyEntity> = divisions.length === allDivisions().length ? {} : { divisionCode: { $in: divisions } };
    const cursor = decodeCursor(after, ["uuid"]);
    const page: FilterQuery<FamilyEntity> = cursor ? { $and: [where, { id: { $gt: String(cursor[0]) } }] } : where;
    const [rows, totalCount] = await Promise.all([
      // select-in: a joined fetch with a limit makes MikroORM sort the whole table in a subquery
      ctx.em.find(FamilyEntity, page, { populate: ["members"], orderBy: { id: "asc" }, limit: first + 1, strategy: LoadStrategy.SELECT_IN }),
      wantsTotalCount(info) ? ctx.em.count(FamilyEntity, where) : Promise.resolve(-1),
    ]);
    const pageRows = rows.slice(0, first);
    const edges = pageRows.map((r) => ({ cursor: encodeCursor([r.id]), node: toFamily(r) }));
    return { totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges };
  }

  @AllCategories(...ARCHIVE_CATEGORIES)
  @Query(() => ArchiveChangeConnection, { description: "家庭档案变更记录（R3.3），最新在前" })
  async familyHistory(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<ArchiveChange>> {
    checkFirst(first);
    if (!isUuid(familyId)) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
    const family = await readFamily(ctx, familyId);
    if (!family) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
    const cursor = decodeCursor(after, ["datetime", "uuid"]);
    const where: FilterQuery<FamilyChange> = { familyId };
    const page: FilterQuery<FamilyChange> = cursor
      ? { ...where, $or: [{ at: { $lt: new Date(String(cursor[0])) } }, { at: new Date(String(cursor[0])), id: { $lt: String(cursor[1]) } }] }
      : where;
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(FamilyChange, page, { orderBy: [{ at: "desc" }, { id: "desc" }], limit: first + 1 }),
      ctx.em.count(FamilyChange, where),
    ]);
    const edges = rows.slice(0, first).map((r) => ({ cursor: encodeCursor([r.at.toISOString(), r.id]), node: toArchiveChange(r, family.divisionCode) }));
    return { totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges };
  }

  @Mutation(() => Family, { description: "新建家庭档案（经办人，本辖区内）" })
  async createFamily(
    @Arg("input", () => CreateFamilyInput) input: CreateFamilyInput,
    @Arg("reason", () => String, { description: "建档原因" }) reason: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Family> {
    assertKnownDivision(input.divisionCode);
    assertCanWrite(ctx.caller, input.divisionCode, [...WRITE_ROLES]);
    const created = await createFamily(ctx.em, actorOf(ctx), toFields(input) as FamilyFields, reason);
    return toFamily(created);
  }

  @Mutation(() => Family, { description: "修改家庭档案（经办人，本辖区内），保留变更记录" })
  async updateFamily(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateFamilyInput) input: UpdateFamilyInput,
    @Arg("reason", () => String, { description: "变更原因" }) reason: string,
    @Arg("expectedVersion", () => Int, { nullable: true, description: "修改所依据的档案版本，不一致时返回 CONFLICT" }) expectedVersion: number | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Family> {
    // The jurisdiction is decided on the family's real division (located whether or not visible).
    const located = await locateRow(ctx.em, "family", id);
    if (!located) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
    assertCanWrite(ctx.caller, located.divisionCode, [...WRITE_ROLES]);
    const family = await ctx.em.findOne(FamilyEntity, { id }, { populate: ["members"] });
    if (!family) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
    if (input.divisionCode != null) assertKnownDivision(input.divisionCode);
    if (input.divisionCode && input.divisionCode !== family.divisionCode) assertCanWrite(ctx.caller, input.divisionCode, [...WRITE_ROLES]);
    const updated = await updateFamily(ctx.em, actorOf(ctx), family, toFields(input), reason, expectedVersion);
    return toFamily(updated);
  }

  @AllCategories(...ARCHIVE_CATEGORIES)
  @FieldResolver(() => ArchiveChangeConnection, { nullable: true, description: "档案变更记录（R3.3）" })
  async history(
    @Root() family: Family,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<ArchiveChange>> {
    return this.familyHistory(family.id, first, after, ctx);
  }
}
