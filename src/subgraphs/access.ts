// Who may read and change family data. Reads follow the written-permission rule (R8.2): the
// housing authority of the family's jurisdiction (R2.4), or a permission in force that covers
// the family's division and the field's category; MASKED permissions get masked values (R8.5).
// Every decision is recorded for the disclosure audit (R8.3). Anything else is denied.
import { accessSubject, authorityDivision, hasJurisdiction, hasRole, type Caller, type Role } from "../auth/caller";
import { allDivisions, isWithinJurisdiction } from "../domain/divisions";
import { coveredRoots, decide, type DataCategory, type Decision } from "../domain/permissions";
import { ErrorCode, hubError } from "../errors";
import type { DisclosureLog } from "./disclosure";

export interface AccessContext {
  caller: Caller;
  disclosures: DisclosureLog;
}

export function sharingDenied(divisionCode: string, category?: string) {
  return hubError(ErrorCode.SHARING_NOT_PERMITTED, "未获得同级住房保障主管部门的书面许可，不能提供该家庭的信息", {
    divisionCode,
    ...(category ? { category } : {}),
  });
}

/** The decision for one field of one family, without recording it. */
export function decisionFor(caller: Caller, divisionCode: string, category: DataCategory): Decision | null {
  return decide(accessSubject(caller), divisionCode, category);
}

/** May the caller see this category of a family in the division? */
export function canRead(caller: Caller, divisionCode: string, category: DataCategory): boolean {
  return decisionFor(caller, divisionCode, category) !== null;
}

/** May the caller see anything at all of a family in the division (its locator: id, division)? */
export function canLocate(caller: Caller, divisionCode: string): boolean {
  const roots = coveredRoots(accessSubject(caller));
  return roots.some((r) => isWithinJurisdiction(divisionCode, r));
}

/**
 * R8.2: the decision for a field of category `category` of family `familyId`, recorded for
 * the audit (R8.3); throws SHARING_NOT_PERMITTED (the field becomes null at its path).
 */
export function reveal(ctx: AccessContext, familyId: string, divisionCode: string, category: DataCategory): Decision {
  const d = decisionFor(ctx.caller, divisionCode, category);
  if (!d) {
    ctx.disclosures.deny(category);
    throw sharingDenied(divisionCode, category);
  }
  ctx.disclosures.disclosed(familyId, category, d);
  return d;
}

/** `value` as the decision allows: itself under FULL, `mask(value)` under MASKED. */
export function shown<T>(d: Pick<Decision, "mode">, value: T, mask: (v: T) => T): T {
  return d.mode === "FULL" ? value : mask(value);
}

/**
 * Divisions whose families the caller may list for `category` (any category when omitted),
 * optionally narrowed to one division's subtree: its jurisdiction plus the divisions of its
 * permissions in force. Lists and counts only include these (R8.2).
 */
export function readableDivisions(caller: Caller, within?: string | null, category?: DataCategory): string[] {
  const roots = coveredRoots(accessSubject(caller), category);
  if (!roots.length) return [];
  return allDivisions()
    .filter((d) => roots.some((r) => isWithinJurisdiction(d.code, r)) && (!within || isWithinJurisdiction(d.code, within)))
    .map((d) => d.code);
}

/** Divisions of the caller's own jurisdiction (staff work: procedures, statistics), narrowed to `within`. */
export function jurisdictionDivisions(caller: Caller, within?: string | null): string[] {
  const own = authorityDivision(caller.org);
  if (!own) return [];
  return allDivisions()
    .filter((d) => isWithinJurisdiction(d.code, own) && (!within || isWithinJurisdiction(d.code, within)))
    .map((d) => d.code);
}

/** R2.4: a change to a family's archive needs one of the roles and jurisdiction over the division. */
export function assertCanWrite(caller: Caller, divisionCode: string, roles: Role[]): void {
  if (!caller.sub || !caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
  if (!hasRole(caller, ...roles)) throw hubError(ErrorCode.FORBIDDEN, `需要以下角色之一：${roles.join("、")}`);
  if (!hasJurisdiction(caller, divisionCode)) {
    throw hubError(ErrorCode.FORBIDDEN, `无权操作区划 ${divisionCode} 的家庭档案：只能在本机构辖区内操作`, { divisionCode });
  }
}
