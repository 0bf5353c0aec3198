// Who may read and change family data. Field by field, reads follow the disclosure policy
// (src/domain/disclosure-policy.ts), applied by one mechanism (disclosure-mechanism.ts); what is
// left here are the questions resolvers ask before they load anything: which divisions a list may
// cover, whether a family may be located at all (existence is data too), and who may write.
import { authorityDivision, hasJurisdiction, hasRole, type Caller, type Role } from "../auth/caller";
import { allDivisions, isWithinJurisdiction } from "../domain/divisions";
import { coveredRoots, type DataCategory } from "../domain/permissions";
import { accessSubject } from "../auth/caller";
import { ErrorCode, hubError } from "../errors";
import type { EntityManager } from "@mikro-orm/core";
import { sqlQuery } from "../db/orm";
import { isUuid } from "../../resolvers/shared/ids";
import type { DisclosureLog } from "./disclosure";

export { DENIED_MESSAGE, sharingDenied } from "./disclosure-mechanism";

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

/** Of `divisions`, those in the caller's own jurisdiction and those only a permission covers. */
export function splitByJurisdiction(caller: Caller, divisions: readonly string[]): { own: string[]; permitted: string[] } {
  const root = authorityDivision(caller.org);
  const own: string[] = [];
  const permitted: string[] = [];
  for (const d of divisions) (root && isWithinJurisdiction(d, root) ? own : permitted).push(d);
  return { own, permitted };
}

/** Divisions of the caller's own jurisdiction (staff work: procedures, statistics), narrowed to `within`. */
export function jurisdictionDivisions(caller: Caller, within?: string | null): string[] {
  const own = authorityDivision(caller.org);
  if (!own) return [];
  return allDivisions()
    .filter((d) => isWithinJurisdiction(d.code, own) && (!within || isWithinJurisdiction(d.code, within)))
    .map((d) => d.code);
}

/** May the caller locate (know of) a family of the division? Its jurisdiction, or a permission covering it. */
export function mayLocate(log: DisclosureLog, divisionCode: string): boolean {
  return log.locate(divisionCode) !== null;
}

/**
 * R2.4: a change to a family's archive needs one of the roles and jurisdiction over the division.
 * The refusal names the division only to a caller who may locate the family (contract README).
 */
export function assertCanWrite(caller: Caller, divisionCode: string, roles: Role[]): void {
  if (!caller.sub || !caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
  if (!hasRole(caller, ...roles)) throw hubError(ErrorCode.FORBIDDEN, `需要以下角色之一：${roles.join("、")}`);
  if (!hasJurisdiction(caller, divisionCode)) {
    const locatable = coveredRoots(accessSubject(caller)).some((r) => isWithinJurisdiction(divisionCode, r));
    if (locatable) throw hubError(ErrorCode.FORBIDDEN, `无权操作区划 ${divisionCode} 的家庭档案：只能在本机构辖区内操作`, { divisionCode });
    throw hubError(ErrorCode.FORBIDDEN, "无权操作该家庭档案：只能在本机构辖区内操作");
  }
}

export type RowKind = "family" | "record" | "entry" | "objection" | "repair";

/**
 * The family and division of a write's target, whether or not row-level security shows it to the
 * caller (a SECURITY DEFINER locator: nothing else of the row); null when there is none.
 */
export async function locateRow(em: EntityManager, kind: RowKind, id: string): Promise<{ familyId: string; divisionCode: string } | null> {
  if (!isUuid(id)) return null;
  const [row] = await sqlQuery<{ family_id: string; division_code: string }>(em, `select * from "archive"."row_location"(?, ?)`, [kind, id]);
  return row ? { familyId: row.family_id, divisionCode: row.division_code } : null;
}

/** The divisions of several families (the same locator, one statement). */
export async function locateFamilies(em: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
  const valid = ids.filter(isUuid);
  if (!valid.length) return new Map();
  const rows = await sqlQuery<{ family_id: string; division_code: string }>(em, `select * from "archive"."family_locations"(cast(? as uuid[]))`, [`{${valid.join(",")}}`]);
  return new Map(rows.map((r) => [r.family_id, r.division_code]));
}
