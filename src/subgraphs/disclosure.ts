// What one subgraph request disclosed (R8.3): per family the categories returned, the
// permissions (文号) used, and the categories denied. The subgraph reports it to the gateway in
// the response extensions; the gateway writes one audit entry per request.
import type { DataCategory, Decision } from "../domain/permissions";

export const DISCLOSURE_EXTENSION = "hubDisclosure";

export interface DisclosureReport {
  families: Record<string, DataCategory[]>;
  permissions: string[];
  jurisdiction: boolean;
  denied: DataCategory[];
}

export class DisclosureLog {
  private readonly families = new Map<string, Set<DataCategory>>();
  private readonly permissions = new Set<string>();
  private readonly denied = new Set<DataCategory>();
  private jurisdiction = false;

  disclosed(familyId: string, category: DataCategory, decision: Decision): void {
    let set = this.families.get(familyId);
    if (!set) this.families.set(familyId, (set = new Set()));
    set.add(category);
    if (decision.via) this.permissions.add(decision.via);
    else this.jurisdiction = true;
  }

  deny(category: DataCategory): void {
    this.denied.add(category);
  }

  get empty(): boolean {
    return this.families.size === 0 && this.denied.size === 0;
  }

  report(): DisclosureReport {
    return {
      families: Object.fromEntries([...this.families].map(([id, cats]) => [id, [...cats].sort()])),
      permissions: [...this.permissions].sort(),
      jurisdiction: this.jurisdiction,
      denied: [...this.denied].sort(),
    };
  }
}
