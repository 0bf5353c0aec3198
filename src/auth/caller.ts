// Who is calling: from a verified JWT at the gateway, from the signed caller context in a
// subgraph. Housing authorities are `HA-<division code>` (contract README).
import { findDivision, isWithinJurisdiction } from "../domain/divisions";
import type { AccessSubject, GrantInForce } from "../domain/permissions";

export const ROLES = ["ADMIN", "OPERATOR", "IDENTIFIER", "REVIEWER", "AUDITOR", "CONSUMER"] as const;
export type Role = (typeof ROLES)[number];

export interface Caller {
  /** The person or job (JWT `sub`); null for the anonymous public caller. */
  sub: string | null;
  /** Organisation code (JWT `org`); null for the anonymous public caller. */
  org: string | null;
  roles: Role[];
  /** Written permissions in force for `org` (R8.2), loaded by the gateway for each request. */
  grants?: readonly GrantInForce[];
  /** The gateway's own internal calls (permission look-up, audit writes); never from a token. */
  system?: boolean;
  /** Where the request came from and what it was, for the audit trail (R8.3). */
  clientAddress?: string | null;
  operationName?: string | null;
  /**
   * A drill hub's clock at the gateway when it signed the call (ms since the epoch): the services
   * of one hub keep one time (development only; never set on the real system).
   */
  clockAt?: number;
}

export const ANONYMOUS: Caller = Object.freeze({ sub: null, org: null, roles: [] as Role[] }) as Caller;

/** The division of a housing authority's organisation code, or null for anyone else. */
export function authorityDivision(org: string | null): string | null {
  const m = org ? /^HA-(\d{6})$/.exec(org) : null;
  return m && findDivision(m[1]) ? m[1] : null;
}

/** R2.4: staff of a housing authority act only inside its jurisdiction. */
export function hasJurisdiction(caller: Caller, divisionCode: string): boolean {
  const own = authorityDivision(caller.org);
  return own !== null && isWithinJurisdiction(divisionCode, own);
}

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return roles.some((r) => caller.roles.includes(r));
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** The caller as the permission rule sees it (R8.2). */
export function accessSubject(caller: Caller): AccessSubject {
  return { authorityDivision: authorityDivision(caller.org), grants: caller.grants ?? [] };
}
