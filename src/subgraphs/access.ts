// Who may read and change family data. Until written permissions exist (R8.2), only the
// housing authority of the family's jurisdiction sees it (R2.4); everyone else is denied.
import { authorityDivision, hasJurisdiction, hasRole, type Caller, type Role } from "../auth/caller";
import { allDivisions, isWithinJurisdiction } from "../domain/divisions";
import { ErrorCode, hubError } from "../errors";

export function canRead(caller: Caller, divisionCode: string): boolean {
  return hasJurisdiction(caller, divisionCode);
}

export function sharingDenied(divisionCode: string, category?: string) {
  return hubError(ErrorCode.SHARING_NOT_PERMITTED, "未获得同级住房保障主管部门的书面许可，不能提供该家庭的信息", {
    divisionCode,
    ...(category ? { category } : {}),
  });
}

export function assertCanRead(caller: Caller, divisionCode: string, category?: string): void {
  if (!canRead(caller, divisionCode)) throw sharingDenied(divisionCode, category);
}

/** Divisions whose families the caller may list, optionally narrowed to one division's subtree. */
export function readableDivisions(caller: Caller, within?: string | null): string[] {
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
