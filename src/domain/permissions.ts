// The written-permission rule (书面许可, R8.1, R8.2) as pure functions: data categories,
// permissions in force, the per-division decision and masking (R8.5).
import { findDivision, isWithinJurisdiction, type AdminLevel } from "./divisions";

export const DATA_CATEGORIES = ["IDENTITY", "HOUSEHOLD", "ECONOMIC", "HOUSING", "GUARANTEE", "CREDIT", "LISTS", "EVIDENCE", "TENANCY", "JUDICIAL"] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];
export const SHARING_MODES = ["FULL", "MASKED"] as const;
export type SharingMode = (typeof SHARING_MODES)[number];

export function isDataCategory(v: unknown): v is DataCategory {
  return typeof v === "string" && (DATA_CATEGORIES as readonly string[]).includes(v);
}

/** A permission in force, as the gateway hands it to the subgraphs in the signed caller context. */
export interface GrantInForce {
  id: string;
  /** 文号 */
  documentNumber: string;
  /** Division roots covered; each covers its whole subtree. */
  divisions: string[];
  scopes: Partial<Record<DataCategory, SharingMode>>;
}

/** Who asks: the housing authority's own division (none for partners) and the permissions in force. */
export interface AccessSubject {
  authorityDivision: string | null;
  grants: readonly GrantInForce[];
}

/** How a field may be returned and on what ground: `via` is the 文号, or null for own jurisdiction. */
export interface Decision {
  mode: SharingMode;
  via: string | null;
}

const JURISDICTION: Decision = Object.freeze({ mode: "FULL", via: null }) as Decision;

/**
 * R8.2: a field of category `category` of a family in `divisionCode` is returned iff the caller
 * is the housing authority of that jurisdiction (R2.4), or holds a permission in force covering
 * the division and the category. FULL beats MASKED when several permissions apply.
 */
export function decide(subject: AccessSubject, divisionCode: string, category: DataCategory): Decision | null {
  if (subject.authorityDivision && isWithinJurisdiction(divisionCode, subject.authorityDivision)) return JURISDICTION;
  let best: Decision | null = null;
  for (const g of subject.grants) {
    const mode = g.scopes[category];
    if (!mode || !g.divisions.some((root) => isWithinJurisdiction(divisionCode, root))) continue;
    if (mode === "FULL") return { mode, via: g.documentNumber };
    best ??= { mode, via: g.documentNumber };
  }
  return best;
}

/**
 * The categories the caller may see in at least one division: the gateway removes every other
 * category before planning. Housing-authority staff may see every category (their jurisdiction).
 */
export function availableCategories(subject: AccessSubject): Set<DataCategory> {
  if (subject.authorityDivision) return new Set(DATA_CATEGORIES);
  const out = new Set<DataCategory>();
  for (const g of subject.grants) for (const c of Object.keys(g.scopes)) if (isDataCategory(c)) out.add(c);
  return out;
}

/** Division roots in which the caller may see `category` (any category when omitted). */
export function coveredRoots(subject: AccessSubject, category?: DataCategory): string[] {
  const roots = new Set<string>();
  if (subject.authorityDivision) roots.add(subject.authorityDivision);
  for (const g of subject.grants) {
    if (category && !g.scopes[category]) continue;
    if (!category && Object.keys(g.scopes).length === 0) continue;
    for (const d of g.divisions) roots.add(d);
  }
  return [...roots];
}

/** A permission is in force from validFrom (inclusive) until validUntil (exclusive), unless revoked. */
export function isInForce(p: { validFrom: Date; validUntil: Date; revokedAt?: Date | null }, now: Date): boolean {
  return !p.revokedAt && p.validFrom.getTime() <= now.getTime() && now.getTime() < p.validUntil.getTime();
}

/** R8.1: province and city housing authorities share, each for its own level. */
export function canGrantAtLevel(level: AdminLevel): boolean {
  return level === "PROVINCE" || level === "CITY";
}

export function levelOf(divisionCode: string): AdminLevel | null {
  return findDivision(divisionCode)?.level ?? null;
}

// --- masking (R8.5; contract README) -----------------------------------------------------

// R8.5: names (compound surnames kept whole: 欧阳**) and ID numbers (first 6, eight `*`, last 4)
// are masked by the one implementation in id-number.ts.
export { maskIdNumber, maskName } from "./id-number";

/** Keeps the first six characters (city and district, e.g. 武汉市江岸区) and hides the rest. */
export function maskAddress(address: string): string {
  const chars = [...address];
  const keep = Math.min(chars.length, 6);
  return chars.slice(0, keep).join("") + (chars.length > keep ? "****" : "");
}

/** Income in bands of 10,000 yuan (lower bound), so the exact figure is not disclosed. */
export function maskAmount(amount: number): number {
  return Math.floor(amount / 10000) * 10000;
}
