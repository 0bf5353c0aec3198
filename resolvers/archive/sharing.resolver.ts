// Organisations, written permissions (R8.1, R8.2) and the disclosure audit (R8.3).
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import type { FilterQuery } from "@mikro-orm/core";
import { loaderFor, type SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { authorityDivision, hasRole } from "../../src/auth/caller";
import { allDivisions, isWithinJurisdiction } from "../../src/domain/divisions";
import { isDataCategory, isInForce } from "../../src/domain/permissions";
import { ErrorCode, hubError } from "../../src/errors";
import { toDivision, toOrganization } from "../../src/subgraphs/archive/family.mapper";
import { Organization as OrganizationEntity } from "../../src/subgraphs/archive/entities/organization.entity";
import { SharingPermission as PermissionEntity } from "../../src/subgraphs/archive/entities/sharing-permission.entity";
import { AuditEntry } from "../../src/subgraphs/archive/entities/audit-entry.entity";
import { familyDivisionOf } from "./family.resolver";
import { grantPermission, registerOrganization, revokePermission } from "../../src/subgraphs/archive/sharing/permission.service";
import { sharingDenied } from "../../src/subgraphs/access";
import { checkFirst, decodeCursor, encodeCursor, type Connection } from "../shared/connection";
import { DateTimeScalar } from "../shared/scalars";
import { isUuid } from "../shared/ids";
import { sqlQuery } from "../../src/db/orm";
import { badInput } from "../../src/errors";
import { InputProblem } from "../../src/domain/input-problem";
import { Organization } from "./archive.types";
import {
  AccessRecord,
  AccessRecordConnection,
  DataCategory,
  GrantSharingPermissionInput,
  RegisterOrganizationInput,
  SharingMode,
  SharingPermission,
  SharingPermissionConnection,
} from "./sharing.types";

function meta(ctx: SubgraphContext) {
  return { clientAddress: ctx.caller.clientAddress ?? null, operationName: ctx.caller.operationName ?? null };
}

/** Organisations by code: one statement for all those a page names (grantors, grantees, auditees). */
export function organizationLoader(ctx: SubgraphContext) {
  return loaderFor<string, OrganizationEntity | null>(ctx, "organization", async (codes) => {
    const rows = await ctx.em.find(OrganizationEntity, { code: { $in: [...codes] } });
    return codes.map((c) => rows.find((r) => r.code === c) ?? null);
  });
}

/** An organisation as shown; one that was never registered (a token's own org code) by its code. */
async function orgView(ctx: SubgraphContext, code: string): Promise<Organization> {
  const o = await organizationLoader(ctx).load(code);
  return o ? toOrganization(o) : ({ code, name: code, kind: "PARTNER", level: "CITY", division: toDivision("420000") } as unknown as Organization);
}

async function permissionView(ctx: SubgraphContext, p: PermissionEntity): Promise<SharingPermission> {
  const [grantor, grantee] = await Promise.all([orgView(ctx, p.grantorCode), orgView(ctx, p.granteeCode)]);
  return {
    id: p.id,
    documentNumber: p.documentNumber,
    grantor,
    grantee,
    purpose: p.purpose,
    scopes: Object.entries(p.scopes).map(([category, mode]) => ({ category: category as DataCategory, mode: mode as SharingMode })),
    divisions: p.divisionCodes.map(toDivision),
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    letterSha256: p.letterSha256 ?? null,
    revokedAt: p.revokedAt ?? null,
    revokedBy: p.revokedBy ?? null,
    revocationReason: p.revocationReason ?? null,
    inForce: isInForce(p, ctx.clock.now()),
  };
}

/** An audit entry; for one family's access history, with that family's own categories (R8.3). */
async function toAccessRecord(ctx: SubgraphContext, e: AuditEntry, familyId?: string): Promise<AccessRecord> {
  const org = e.orgCode ? await orgView(ctx, e.orgCode) : null;
  const own = familyId ? (e.detail as { families?: Record<string, { returned?: string[]; denied?: string[] }> } | null | undefined)?.families?.[familyId] : undefined;
  return {
    sequence: String(e.seq),
    at: e.at,
    organization: org,
    user: e.userSub ?? null,
    permissionDocumentNumber: e.permissions[0] ?? null,
    permissionDocumentNumbers: e.permissions,
    operationName: e.operationName ?? null,
    categories: (own?.returned ?? e.categoriesReturned).filter(isDataCategory) as DataCategory[],
    deniedCategories: (own?.denied ?? e.categoriesDenied).filter(isDataCategory) as DataCategory[],
    outcome: e.outcome,
    clientAddress: e.clientAddress ?? null,
    familyIds: e.familyIds,
    kind: e.kind,
  };
}

async function pageOfEntries(ctx: SubgraphContext, where: FilterQuery<AuditEntry>, first: number, after: string | null, familyId?: string): Promise<Connection<AccessRecord>> {
  checkFirst(first);
  if (after != null && !/^\d{1,18}$/.test(after)) throw badInput([new InputProblem("after", "游标应为审计记录序号")]);
  const page: FilterQuery<AuditEntry> = after ? { $and: [where, { seq: { $lt: after } }] } : where;
  const rows = await ctx.em.find(AuditEntry, page, { orderBy: { seq: "desc" }, limit: first + 1 });
  const nodes = await Promise.all(rows.slice(0, first).map((r) => toAccessRecord(ctx, r, familyId)));
  const edges = nodes.map((n) => ({ cursor: n.sequence, node: n }));
  return { totalCount: -1, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges };
}

@Resolver()
export class SharingResolver {
  @Mutation(() => Organization, { description: "住房保障主管部门 ADMIN 登记同级、同区划的合作机构（R8.1）" })
  async registerOrganization(@Arg("input", () => RegisterOrganizationInput) input: RegisterOrganizationInput, @Ctx() ctx: SubgraphContext): Promise<Organization> {
    const o = await registerOrganization(ctx.em, ctx.caller, input, meta(ctx), ctx.clock.now());
    return toOrganization(o);
  }

  @Mutation(() => SharingPermission, { description: "住房保障主管部门 ADMIN 向同级机构出具书面许可（R8.1、R8.2），记入审计" })
  async grantSharingPermission(@Arg("input", () => GrantSharingPermissionInput) input: GrantSharingPermissionInput, @Ctx() ctx: SubgraphContext): Promise<SharingPermission> {
    const p = await grantPermission(ctx.em, ctx.caller, input, meta(ctx), ctx.clock.now());
    return permissionView(ctx, p);
  }

  @Mutation(() => SharingPermission, { description: "撤销书面许可（出具机构 ADMIN），下一次请求起失效，记入审计" })
  async revokeSharingPermission(@Arg("id", () => ID) id: string, @Arg("reason", () => String) reason: string, @Ctx() ctx: SubgraphContext): Promise<SharingPermission> {
    if (!isUuid(id)) throw hubError(ErrorCode.NOT_FOUND, "书面许可不存在");
    const p = await revokePermission(ctx.em, ctx.caller, id, reason, meta(ctx), ctx.clock.now());
    return permissionView(ctx, p);
  }

  @Query(() => SharingPermissionConnection, {
    description: "书面许可（分页，最新在前）：住房保障主管部门看到本辖区机构出具的许可，合作机构看到给予本机构的许可",
  })
  async sharingPermissions(
    @Arg("includeInactive", () => Boolean, { defaultValue: false, description: "包括已撤销、已过期和未生效的许可" }) includeInactive: boolean,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<SharingPermission>> {
    checkFirst(first);
    if (!ctx.caller.sub || !ctx.caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
    const own = authorityDivision(ctx.caller.org);
    const conds: FilterQuery<PermissionEntity>[] = [];
    if (own) {
      if (!hasRole(ctx.caller, "ADMIN", "AUDITOR")) throw hubError(ErrorCode.FORBIDDEN, "需要以下角色之一：ADMIN、AUDITOR");
      conds.push({ grantorCode: { $in: allDivisions().filter((d) => isWithinJurisdiction(d.code, own)).map((d) => `HA-${d.code}`) } });
    } else {
      conds.push({ granteeCode: ctx.caller.org });
    }
    const now = ctx.clock.now();
    // R8.2: in force = not revoked, begun, not ended
    if (!includeInactive) conds.push({ revokedAt: null, validFrom: { $lte: now }, validUntil: { $gt: now } });
    const where: FilterQuery<PermissionEntity> = { $and: conds };
    const cursor = decodeCursor(after, ["datetime", "uuid"]);
    const page: FilterQuery<PermissionEntity> = cursor
      ? { $and: [where, { $or: [{ createdAt: { $lt: new Date(cursor[0]) } }, { createdAt: new Date(cursor[0]), id: { $lt: cursor[1] } }] }] }
      : where;
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(PermissionEntity, page, { orderBy: [{ createdAt: "desc" }, { id: "desc" }], limit: first + 1 }),
      ctx.em.count(PermissionEntity, where),
    ]);
    const edges = await Promise.all(rows.slice(0, first).map(async (p) => ({ cursor: encodeCursor([p.createdAt.toISOString(), p.id]), node: await permissionView(ctx, p) })));
    return { totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges };
  }

  @Query(() => AccessRecordConnection, { description: "谁在何时、依据哪份书面许可获取了该家庭的信息（R8.3、R7.1），最新在前；本辖区住房保障主管部门可查" })
  async accessHistory(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("first", () => Int) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<AccessRecord>> {
    if (!isUuid(familyId)) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
    const division = await familyDivisionOf(ctx, familyId);
    if (!division) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
    const own = authorityDivision(ctx.caller.org);
    if (!own || !isWithinJurisdiction(division, own)) throw sharingDenied(ctx.disclosures.locate(division) ? division : null);
    checkFirst(first);
    if (after != null && !/^\d{1,18}$/.test(after)) throw badInput([new InputProblem("after", "游标应为审计记录序号")]);
    // The GIN index on family_ids answers the containment.
    const seqs = await sqlQuery<{ seq: string }>(
      ctx.em,
      `select "seq" from "archive"."audit_entry" where "kind" = 'DISCLOSURE' and "family_ids" @> ?::jsonb and "seq" < ? order by "seq" desc limit ?`,
      [JSON.stringify([familyId]), after ?? "9223372036854775807", first + 1],
    );
    return pageOfEntries(ctx, { seq: { $in: seqs.map((r: { seq: string }) => String(r.seq)) } }, first, null, familyId);
  }

  @Query(() => AccessRecordConnection, { description: "审计记录检索（AUDITOR）：按机构和时间，省级可查全部，市县查本辖区机构" })
  async auditEntries(
    @Arg("first", () => Int) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("organizationCode", () => String, { nullable: true }) organizationCode: string | null,
    @Arg("from", () => DateTimeScalar, { nullable: true }) from: Date | null,
    @Arg("to", () => DateTimeScalar, { nullable: true }) to: Date | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<AccessRecord>> {
    const own = authorityDivision(ctx.caller.org);
    if (!own) throw hubError(ErrorCode.FORBIDDEN, "只有住房保障主管部门的审计人员可以检索审计记录");
    if (!hasRole(ctx.caller, "AUDITOR", "ADMIN")) throw hubError(ErrorCode.FORBIDDEN, "需要以下角色之一：AUDITOR、ADMIN");
    const conds: FilterQuery<AuditEntry>[] = [];
    if (organizationCode) conds.push({ orgCode: organizationCode });
    if (from) conds.push({ at: { $gte: from } });
    if (to) conds.push({ at: { $lt: to } });
    if (own !== "420000") {
      const orgs = await ctx.em.find(OrganizationEntity, {}, { fields: ["code", "divisionCode"] });
      conds.push({ orgCode: { $in: orgs.filter((o) => isWithinJurisdiction(o.divisionCode, own)).map((o) => o.code) } });
    }
    return pageOfEntries(ctx, conds.length ? { $and: conds } : {}, first, after);
  }
}
