// A source subgraph's signed calls to the archive (issue 14): the family and division of archived
// members by ID number, the kind of a registered organisation, and the judicial leads offered to
// the families' authorities. The same signed internal route as the gateway's own look-ups
// (/internal/<name>, system scope), so nothing of it is part of any graph.
import type { SigningKey } from "../config";
import type { Caller } from "../auth/caller";
import type { Clock } from "../domain/clock";
import { InternalClient } from "../gateway/internal-client";

export interface MemberFamily {
  idNumber: string;
  familyId: string;
  divisionCode: string;
  relation: string;
}

export type OrganizationKind = "HOUSING_AUTHORITY" | "PARTNER" | "DEPARTMENT";

/** A judgment or penalty a department delivered, for the archive to offer where it matches a member (R6.5). */
export interface JudicialLeadOffer {
  idNumber: string;
  kind: string;
  caseNumber: string;
  authority: string;
  decidedOn: string;
  sourceOrg: string;
}

export class ArchiveLink extends InternalClient {
  constructor(archiveUrl: () => string, key: SigningKey, clock: Clock, service: string) {
    super(archiveUrl, key, clock, 10_000, Object.freeze({ sub: `hub-${service}`, org: null, roles: [], system: true }) as Caller);
  }

  memberFamilies(idNumbers: readonly string[], requestId: string): Promise<MemberFamily[]> {
    if (!idNumbers.length) return Promise.resolve([]);
    return this.call<MemberFamily[]>("member-families", { idNumbers }, requestId);
  }

  /** A registered organisation's kind and division (null when not registered). */
  organization(org: string, requestId: string): Promise<{ kind: OrganizationKind; divisionCode: string } | null> {
    return this.call<{ kind: OrganizationKind | null; divisionCode: string | null }>("organization-kind", { org }, requestId).then((r) => (r.kind && r.divisionCode ? { kind: r.kind, divisionCode: r.divisionCode } : null));
  }

  offerJudicialLeads(offers: readonly JudicialLeadOffer[], requestId: string): Promise<{ offered: number }> {
    if (!offers.length) return Promise.resolve({ offered: 0 });
    return this.call<{ offered: number }>("judicial-leads", { offers }, requestId);
  }
}
