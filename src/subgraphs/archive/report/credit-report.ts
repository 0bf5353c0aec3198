// R7.1: a family's credit report — what the hub holds about it and who received it. The JSON
// shape is served through the graph; the same object is printed as a PDF (credit-report.pdf.ts).

export interface CreditReportRecord {
  id: string;
  behavior: string;
  behaviorName: string;
  /** CANDIDATE PENDING IDENTIFIED REJECTED REVOKED REPAIRED */
  status: string;
  occurredOn: string;
  identifiedOn: string | null;
  points: number;
  counts: boolean;
  /** R7.4: past the behaviour's use period: kept, no longer disclosed. */
  archived: boolean;
  suspendedByObjection: boolean;
  repaired: boolean;
  objections: { filedOn: string; status: string; decision: string | null; decidedOn: string | null }[];
  repairs: { appliedOn: string; method: string; status: string; decidedOn: string | null }[];
}

export interface CreditReportListEntry {
  kind: string;
  status: string;
  since: string;
  until: string | null;
  removedOn: string | null;
}

export interface CreditReportDisclosure {
  at: string;
  organizationCode: string | null;
  organizationName: string | null;
  /** 文号, or 辖区 for the authority's own jurisdiction */
  permissions: string[];
  categories: string[];
  operationName: string | null;
}

export interface CreditReport {
  /** Report number and when it was produced, by whom. */
  number: string;
  generatedAt: string;
  generatedBy: string;
  authority: string;
  family: {
    id: string;
    divisionCode: string;
    divisionName: string;
    /** R8.5: the printed report shows masked identity. */
    maskedApplicantName: string;
    maskedApplicantIdNumber: string;
    householdSize: number;
    guaranteeCategory: string;
    guaranteeMode: string;
  };
  score: number;
  tier: string;
  ruleVersion: string;
  records: CreditReportRecord[];
  lists: CreditReportListEntry[];
  disclosures: CreditReportDisclosure[];
}
