// What one subgraph request disclosed (R8.3) and the decisions behind it (R8.2). One instance per
// request, created with the request's signed caller: decisions are memoised per division and
// category for this caller only (nothing decided here is ever reused for another request). The
// subgraph reports the log to the gateway in the response extensions; the gateway writes one
// audit entry per request.
import { createHash } from "node:crypto";
import { accessSubject, type Caller } from "../auth/caller";
import { isWithinJurisdiction } from "../domain/divisions";
import { coveredRoots, decide, type AccessSubject, type DataCategory, type Decision } from "../domain/permissions";

export const DISCLOSURE_EXTENSION = "hubDisclosure";

/** How a look-up by ID number ended, as the audit records it (never as the caller sees it). */
export type LookupOutcome = "FOUND" | "NOT_FOUND" | "NOT_PERMITTED";

export interface FamilyDisclosure {
  returned: DataCategory[];
  denied: DataCategory[];
  /** Looked up but not located: the caller was answered as for an unknown family. */
  refused?: boolean;
}

export interface DisclosureReport {
  /** Per family: categories returned and denied; a family with neither was only located. */
  families: Record<string, FamilyDisclosure>;
  permissions: string[];
  jurisdiction: boolean;
  /** Categories denied without a family to name (e.g. a cited record nobody may locate). */
  denied: DataCategory[];
  /** Look-ups by ID number: SHA-256 of the number and how it ended. */
  lookups: { idNumberSha256: string; outcome: LookupOutcome }[];
}

/** The family a value belongs to; NO_FAMILY: the value holds no family data (an unknown number). */
export interface FamilyScope {
  familyId: string;
  divisionCode: string;
}
export const NO_FAMILY = Object.freeze({ none: true }) as unknown as FamilyScope;

const SCOPE = Symbol("hub.familyScope");

/**
 * Marks a view as data of one family (mappers call this when they build a row): the disclosure
 * mechanism decides its fields for that family's division. Not enumerable, so a copy made with
 * `{ ...view }` carries no scope and is denied (fail closed) unless a field that returns it
 * passes its own scope on.
 */
export function ofFamily<T extends object>(view: T, familyId: string, divisionCode: string): T {
  Object.defineProperty(view, SCOPE, { value: { familyId, divisionCode } satisfies FamilyScope, enumerable: false, configurable: true });
  return view;
}

/** Marks a value as holding no family data (the answer for an unknown ID number). */
export function ofNoFamily<T extends object>(view: T): T {
  Object.defineProperty(view, SCOPE, { value: NO_FAMILY, enumerable: false, configurable: true });
  return view;
}

export function ownScope(value: object): FamilyScope | undefined {
  return (value as { [SCOPE]?: FamilyScope })[SCOPE];
}

export function idNumberHash(idNumber: string): string {
  return createHash("sha256").update(idNumber.trim().toUpperCase()).digest("hex");
}

export class DisclosureLog {
  readonly subject: AccessSubject;
  /** Scopes passed from a field to the objects it returned (this request only). */
  readonly inherited = new WeakMap<object, FamilyScope>();
  private readonly decisions = new Map<string, Decision | null>();
  private readonly locators = new Map<string, Decision | null>();
  private readonly families = new Map<string, { returned: Set<DataCategory>; denied: Set<DataCategory>; refused: boolean }>();
  private readonly permissions = new Set<string>();
  private readonly unattributed = new Set<DataCategory>();
  private readonly lookups: DisclosureReport["lookups"] = [];
  private jurisdiction = false;

  constructor(readonly caller: Caller) {
    this.subject = accessSubject(caller);
  }

  /** R8.2 for this request's caller, memoised per division and category. */
  decide(divisionCode: string, category: DataCategory): Decision | null {
    const key = `${divisionCode}|${category}`;
    let d = this.decisions.get(key);
    if (d === undefined) this.decisions.set(key, (d = decide(this.subject, divisionCode, category)));
    return d;
  }

  /**
   * May the caller locate a family of the division (know it exists, its id and division)? Its
   * jurisdiction, or a permission in force covering the division (any category). The decision
   * names the permission used.
   */
  locate(divisionCode: string): Decision | null {
    let d = this.locators.get(divisionCode);
    if (d === undefined) {
      d = null;
      if (this.subject.authorityDivision && isWithinJurisdiction(divisionCode, this.subject.authorityDivision)) d = { mode: "FULL", via: null };
      else {
        const g = this.subject.grants.find((g) => Object.keys(g.scopes).length > 0 && g.divisions.some((r) => isWithinJurisdiction(divisionCode, r)));
        if (g) d = { mode: "FULL", via: g.documentNumber };
      }
      this.locators.set(divisionCode, d);
    }
    return d;
  }

  /** Staff of the family's jurisdiction (R2.4): every row, unmasked. */
  isJurisdiction(divisionCode: string): boolean {
    return this.locate(divisionCode)?.via === null;
  }

  /** Division roots where the caller may see `category` (any category when omitted). */
  roots(category?: DataCategory): string[] {
    return coveredRoots(this.subject, category);
  }

  private family(familyId: string) {
    let f = this.families.get(familyId);
    if (!f) this.families.set(familyId, (f = { returned: new Set(), denied: new Set(), refused: false }));
    return f;
  }

  private used(decision: Decision): void {
    if (decision.via) this.permissions.add(decision.via);
    else this.jurisdiction = true;
  }

  disclosed(familyId: string, category: DataCategory, decision: Decision): void {
    this.family(familyId).returned.add(category);
    this.used(decision);
  }

  /** Only the family's locator (id, division, that it exists) was given. */
  located(familyId: string, decision: Decision): void {
    this.family(familyId);
    this.used(decision);
  }

  /** A category was refused; `familyId` when the refusal concerns a known family. */
  deny(category: DataCategory, familyId?: string | null): void {
    if (familyId) this.family(familyId).denied.add(category);
    else this.unattributed.add(category);
  }

  /**
   * R8.3: every look-up by ID number is audited, whatever its outcome (the number as a hash). A
   * family the caller may not locate is recorded as refused the `categories` asked for.
   */
  lookup(idNumber: string, outcome: LookupOutcome, familyId?: string | null, categories: readonly DataCategory[] = []): void {
    this.lookups.push({ idNumberSha256: idNumberHash(idNumber), outcome });
    if (outcome === "NOT_PERMITTED" && familyId) this.refused(familyId, categories);
  }

  /** The caller asked for a family it may not locate (and was told nothing about it). */
  refused(familyId: string, categories: readonly DataCategory[] = []): void {
    const f = this.family(familyId);
    f.refused = true;
    for (const c of categories) f.denied.add(c);
  }

  get empty(): boolean {
    return this.families.size === 0 && this.unattributed.size === 0 && this.lookups.length === 0;
  }

  report(): DisclosureReport {
    return {
      families: Object.fromEntries([...this.families].map(([id, f]) => [id, { returned: [...f.returned].sort(), denied: [...f.denied].sort(), ...(f.refused ? { refused: true } : {}) }])),
      permissions: [...this.permissions].sort(),
      jurisdiction: this.jurisdiction,
      denied: [...this.unattributed].sort(),
      lookups: this.lookups,
    };
  }
}
