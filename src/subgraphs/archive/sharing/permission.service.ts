// R8.1, R8.2: the registry of organisations and written permissions (书面许可). Only an ADMIN of
// a province or city housing authority grants, only to an organisation of its own level, only
// for divisions inside its jurisdiction; every registration, grant and revocation is audited
// in the same transaction (R8.3).
import type { EntityManager } from "@mikro-orm/core";
import { authorityDivision, hasRole, type Caller } from "../../../auth/caller";
import { findDivision, isWithinJurisdiction } from "../../../domain/divisions";
import { InputProblem } from "../../../domain/input-problem";
import { canGrantAtLevel, isDataCategory, isInForce, levelOf, type DataCategory, type GrantInForce, type SharingMode } from "../../../domain/permissions";
import { badInput, ErrorCode, hubError } from "../../../errors";
import { Organization } from "../entities/organization.entity";
import { SharingPermission } from "../entities/sharing-permission.entity";
import { appendAudit } from "./audit.service";

export interface RequestMeta {
  clientAddress: string | null;
  operationName: string | null;
}

/** The caller's authority and level, if it is an ADMIN of a province or city housing authority. */
function adminAuthority(caller: Caller): { org: string; division: string; level: "PROVINCE" | "CITY" | "COUNTY" } {
  if (!caller.sub || !caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
  const division = authorityDivision(caller.org);
  if (!division) throw hubError(ErrorCode.FORBIDDEN, "只有住房保障主管部门可以办理机构登记和书面许可（R8.2）");
  if (!hasRole(caller, "ADMIN")) throw hubError(ErrorCode.FORBIDDEN, "需要 ADMIN 角色");
  return { org: caller.org, division, level: levelOf(division) ?? "COUNTY" };
}

/** R8.3: registrations, grants and revocations go into the same hash-chained audit trail. */
function auditAdministration(
  tx: EntityManager,
  caller: Caller,
  meta: RequestMeta,
  now: Date,
  kind: "REGISTER" | "GRANT" | "REVOKE",
  outcome: string,
  permissions: string[],
  detail: Record<string, unknown>,
) {
  return appendAudit(tx, {
    at: now,
    kind,
    orgCode: caller.org,
    userSub: caller.sub,
    clientAddress: meta.clientAddress,
    operationName: meta.operationName,
    documentHash: null,
    permissions,
    categoriesReturned: [],
    categoriesDenied: [],
    familyIds: [],
    outcome,
    detail,
  });
}

export interface RegisterInput {
  code: string;
  name: string;
  kind: "HOUSING_AUTHORITY" | "PARTNER" | "DEPARTMENT";
  level: "PROVINCE" | "CITY" | "COUNTY";
  divisionCode: string;
}

/** A housing authority's ADMIN registers an organisation at its own level and division (R8.1). */
export async function registerOrganization(em: EntityManager, caller: Caller, input: RegisterInput, meta: RequestMeta, now: Date): Promise<Organization> {
  const problems: InputProblem[] = [];
  const code = input.code.trim();
  const name = input.name.trim();
  if (!/^[A-Z0-9][A-Z0-9-]{1,62}$/.test(code)) problems.push(new InputProblem("code", "机构代码应为2至63位大写字母、数字或连字符"));
  if (!name || [...name].length > 128) problems.push(new InputProblem("name", "机构名称不能为空，且不超过128个字"));
  if (!findDivision(input.divisionCode)) problems.push(new InputProblem("divisionCode", `行政区划代码“${input.divisionCode}”不存在于湖北省区划中`));
  if (input.kind === "HOUSING_AUTHORITY" && code !== `HA-${input.divisionCode}`) problems.push(new InputProblem("code", "住房保障主管部门的代码应为 HA-<区划代码>"));
  if (input.kind !== "HOUSING_AUTHORITY" && code.startsWith("HA-")) problems.push(new InputProblem("code", "合作部门和数据提供部门的代码不能以 HA- 开头"));
  if (problems.length) throw badInput(problems);
  const admin = adminAuthority(caller);
  if (input.level !== admin.level || input.divisionCode !== admin.division) {
    throw hubError(ErrorCode.FORBIDDEN, `只能登记与本机构同级、同区划（${admin.level}，${admin.division}）的机构（R8.1）`, { divisionCode: input.divisionCode });
  }
  if (input.kind === "HOUSING_AUTHORITY") throw hubError(ErrorCode.FORBIDDEN, "住房保障主管部门由省级统一登记，不能在此登记");
  return em.transactional(async (tx) => {
    if (await tx.findOne(Organization, { code })) throw hubError(ErrorCode.CONFLICT, `机构代码 ${code} 已登记`);
    const org = tx.create(Organization, { code, name, kind: input.kind, level: input.level, divisionCode: input.divisionCode, createdAt: now });
    await tx.flush();
    await auditAdministration(tx, caller, meta, now, "REGISTER", "REGISTERED", [], { code, name, kind: input.kind, level: input.level, divisionCode: input.divisionCode });
    return org;
  });
}

export interface GrantInput {
  documentNumber: string;
  granteeCode: string;
  purpose: string;
  scopes: { category: string; mode: string }[];
  divisionCodes: string[];
  validFrom: Date;
  validUntil: Date;
  letterSha256?: string | null;
}

/** R8.1, R8.2: a written permission from the caller's authority to an organisation of its level. */
export async function grantPermission(em: EntityManager, caller: Caller, input: GrantInput, meta: RequestMeta, now: Date): Promise<SharingPermission> {
  const problems: InputProblem[] = [];
  const documentNumber = input.documentNumber.trim();
  const purpose = input.purpose.trim();
  if (!documentNumber || [...documentNumber].length > 64) problems.push(new InputProblem("documentNumber", "文号不能为空，且不超过64个字"));
  if (!purpose) problems.push(new InputProblem("purpose", "用途不能为空"));
  const scopes: Partial<Record<DataCategory, SharingMode>> = {};
  if (!input.scopes.length) problems.push(new InputProblem("scopes", "至少许可一个数据类别"));
  input.scopes.forEach((s, i) => {
    if (!isDataCategory(s.category)) problems.push(new InputProblem(`scopes[${i}].category`, `未知的数据类别 ${s.category}`));
    else if (scopes[s.category]) problems.push(new InputProblem(`scopes[${i}].category`, `数据类别 ${s.category} 重复`));
    else if (s.mode !== "FULL" && s.mode !== "MASKED") problems.push(new InputProblem(`scopes[${i}].mode`, "方式应为 FULL 或 MASKED"));
    else scopes[s.category] = s.mode;
  });
  const divisionCodes = [...new Set(input.divisionCodes)];
  if (!divisionCodes.length) problems.push(new InputProblem("divisionCodes", "至少覆盖一个区划"));
  for (const d of divisionCodes) if (!findDivision(d)) problems.push(new InputProblem("divisionCodes", `行政区划代码“${d}”不存在于湖北省区划中`));
  if (Number.isNaN(input.validFrom.getTime())) problems.push(new InputProblem("validFrom", "生效时间无效"));
  if (Number.isNaN(input.validUntil.getTime())) problems.push(new InputProblem("validUntil", "截止时间无效"));
  else if (input.validUntil.getTime() <= input.validFrom.getTime()) problems.push(new InputProblem("validUntil", "截止时间应晚于生效时间"));
  else if (input.validUntil.getTime() <= now.getTime()) problems.push(new InputProblem("validUntil", "截止时间已过"));
  if (input.letterSha256 != null && !/^[0-9a-f]{64}$/i.test(input.letterSha256)) problems.push(new InputProblem("letterSha256", "书面许可文件的 SHA-256 应为64位十六进制"));
  if (problems.length) throw badInput(problems);

  const admin = adminAuthority(caller);
  // R8.1: province and city authorities share, each for its own level.
  if (admin.level === "COUNTY" || !canGrantAtLevel(admin.level)) throw hubError(ErrorCode.FORBIDDEN, "只有省级和市级住房保障主管部门可以出具书面许可（R8.1）");
  for (const d of divisionCodes) {
    if (!isWithinJurisdiction(d, admin.division)) throw hubError(ErrorCode.FORBIDDEN, `区划 ${d} 不在本机构辖区内，不能许可（R8.2）`, { divisionCode: d });
  }
  return em.transactional(async (tx) => {
    const grantee = await tx.findOne(Organization, { code: input.granteeCode });
    if (!grantee) throw badInput([new InputProblem("granteeCode", `机构 ${input.granteeCode} 未登记`)]);
    if (grantee.code === admin.org) throw badInput([new InputProblem("granteeCode", "不能许可本机构")]);
    // R8.2: the written permission of the housing authority at the same level.
    if (grantee.level !== admin.level) {
      throw hubError(ErrorCode.FORBIDDEN, `被许可机构的级别（${grantee.level}）与本机构（${admin.level}）不同，应由同级住房保障主管部门许可（R8.2）`);
    }
    if (await tx.findOne(SharingPermission, { documentNumber })) throw hubError(ErrorCode.CONFLICT, `文号 ${documentNumber} 已使用`);
    const p = tx.create(SharingPermission, {
      documentNumber,
      grantorCode: admin.org,
      grantorLevel: admin.level as "PROVINCE" | "CITY",
      grantorDivision: admin.division,
      granteeCode: grantee.code,
      purpose,
      scopes,
      divisionCodes,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      letterSha256: input.letterSha256?.toLowerCase() ?? null,
      createdAt: now,
      createdBy: caller.sub ?? "",
    });
    await tx.flush();
    await auditAdministration(tx, caller, meta, now, "GRANT", "GRANTED", [documentNumber], { id: p.id, grantee: grantee.code, purpose, scopes, divisionCodes, validFrom: input.validFrom.toISOString(), validUntil: input.validUntil.toISOString(), letterSha256: p.letterSha256 ?? null });
    return p;
  });
}

/** R8.2: the grantor's ADMIN revokes a permission; it stops applying on the next request. */
export async function revokePermission(em: EntityManager, caller: Caller, id: string, reason: string, meta: RequestMeta, now: Date): Promise<SharingPermission> {
  if (!reason.trim()) throw badInput([new InputProblem("reason", "撤销原因不能为空")]);
  const admin = adminAuthority(caller);
  return em.transactional(async (tx) => {
    const p = await tx.findOne(SharingPermission, { id }, { lockMode: 4 /* PESSIMISTIC_WRITE */ });
    if (!p) throw hubError(ErrorCode.NOT_FOUND, "书面许可不存在");
    if (p.grantorCode !== admin.org) throw hubError(ErrorCode.FORBIDDEN, "只有出具许可的机构可以撤销");
    if (p.revokedAt) throw hubError(ErrorCode.CONFLICT, `该许可已于 ${p.revokedAt.toISOString()} 撤销`);
    p.revokedAt = now;
    p.revokedBy = caller.sub;
    p.revocationReason = reason.trim();
    await tx.flush();
    await auditAdministration(tx, caller, meta, now, "REVOKE", "REVOKED", [p.documentNumber], { id: p.id, grantee: p.granteeCode, reason: p.revocationReason });
    return p;
  });
}

/** The permissions in force now for an organisation, as the gateway passes them on (R8.2). */
export async function grantsInForce(em: EntityManager, org: string, now: Date): Promise<GrantInForce[]> {
  const rows = await em.find(SharingPermission, { granteeCode: org, revokedAt: null, validFrom: { $lte: now }, validUntil: { $gt: now } }, { orderBy: { documentNumber: "asc" } });
  return rows.filter((p) => isInForce(p, now)).map((p) => ({ id: p.id, documentNumber: p.documentNumber, divisions: p.divisionCodes, scopes: p.scopes }));
}

/**
 * The permissions not revoked and not yet ended, with their dates: what a gateway keeps and
 * decides from per request (src/gateway/grants-cache.ts; R8.2).
 */
export async function currentGrants(em: EntityManager, org: string, now: Date): Promise<(GrantInForce & { validFrom: string; validUntil: string })[]> {
  const rows = await em.find(SharingPermission, { granteeCode: org, revokedAt: null, validUntil: { $gt: now } }, { orderBy: { documentNumber: "asc" } });
  return rows.map((p) => ({ id: p.id, documentNumber: p.documentNumber, divisions: p.divisionCodes, scopes: p.scopes, validFrom: p.validFrom.toISOString(), validUntil: p.validUntil.toISOString() }));
}
