// The disclosure policy (R8.2, R8.5): one table that decides, for every GraphQL type that carries
// a family's data in any subgraph, what each field discloses and how. It is data, applied by one
// mechanism (src/subgraphs/disclosure-mechanism.ts) to every field of every subgraph; resolvers
// contain no disclosure decisions. A type reachable from `Family` (or from a root field that
// carries a data category) without an entry here, or an entry that names a field the schema does
// not have (or misses one it has), fails the build (`policyProblems`, run when a subgraph is built
// and by the composition test).
//
// Reading an entry:
// - `kind`: "family" — the type is a family's root (its own fields say which family: `Family`,
//   `CreditCheckResult`, `JudicialLookup`); "data" — family data, decided for the family the
//   object belongs to (set by the mapper that built it, or inherited from the field that returned
//   it); "structural" — connections and edges: no family data of their own; "public" — reference
//   data anyone who reaches it may see (divisions, page info).
// - `category`: the type's data category; each field has it unless the field names its own.
//   Categories are groups as in the SDL's `@requiresScopes(scopes: [[…]])`: any one group
//   suffices, every category of the group is needed. `LOCATOR` fields (id, division, version) are
//   visible to whoever may locate the family (its jurisdiction, or a permission in force covering
//   its division — any category). The SDL stays the source: a field's category here must equal its
//   `@requiresScopes`/`@policy` there, and an untagged field must have the category of every field
//   that leads to its type (checked by `policyProblems`).
// - `masked`: what a MASKED permission gives (FULL gives the value itself): "shown" — the value;
//   "withheld" — null (a non-null field then answers SHARING_NOT_PERMITTED); or a masker's name
//   (MASKERS below). `alsoFull`: the field is given in full only when these categories are FULL
//   for the family too, otherwise its masked form (a notice's text names the family and states the
//   facts: it is identity and credit data as well as evidence).
// - `outsiders` (row types): which rows a caller outside the family's jurisdiction (a permission
//   holder) may see at all; rows that do not match are left out of lists (and of their counts) and
//   a single such row reads as absent. "none": no row; otherwise every listed property of the row
//   must have one of the listed values (`anyOf`: one of several such conditions).
import type { DataCategory } from "./permissions";

/** Fields that locate a family (id, division, version): any category of that family suffices. */
export const LOCATOR = "LOCATOR" as const;

/** A data requirement: any one group, every category of the group; or a locator. */
export type Requirement = DataCategory[][] | typeof LOCATOR;

export type Masker = "name" | "idNumber" | "address" | "amountBand" | "prefecture" | "round" | "redact" | "fileName" | "emptyList";
export type MaskedForm = "shown" | "withheld" | Masker;

export interface FieldPolicy {
  masked: MaskedForm;
  /** The field's own category, when it differs from its type's. */
  category?: Requirement;
  /** Shown in full only when these categories are FULL for the family too; else the masked form. */
  alsoFull?: DataCategory[];
}

/** Every listed property must have one of the listed values. */
export type RowCondition = Readonly<Record<string, readonly (string | boolean)[]>>;
export type RowRule = "all" | "none" | RowCondition | { anyOf: readonly RowCondition[] };

export interface TypePolicy {
  kind: "family" | "data" | "structural" | "public";
  category?: Requirement;
  /**
   * The object names its family itself (these properties hold the family's id and division; an
   * empty id: the object holds no family data, e.g. the answer for an unknown ID number).
   * Otherwise the family is the one its mapper marked, or the one of the field that returned it.
   */
  self?: { familyId: string; divisionCode: string };
  fields: Readonly<Record<string, FieldPolicy>>;
  /** Row types: the rows a caller outside the family's jurisdiction may see. */
  outsiders?: RowRule;
  /** Why, in a sentence a reviewer can check against the policy text. */
  why?: string;
}

const shown: FieldPolicy = { masked: "shown" };
const withheld: FieldPolicy = { masked: "withheld" };
const redact: FieldPolicy = { masked: "redact" };
const locator: FieldPolicy = { masked: "shown", category: LOCATOR };
const cat = (c: DataCategory, masked: MaskedForm = "shown"): FieldPolicy => ({ masked, category: [[c]] });
const ARCHIVE: DataCategory[][] = [["IDENTITY", "HOUSEHOLD", "ECONOMIC", "HOUSING", "GUARANTEE"]];

/** Shown for every field of a type (structural and public types). */
function all(...names: string[]): Record<string, FieldPolicy> {
  return Object.fromEntries(names.map((n) => [n, shown]));
}

/** Statuses of list entries a partner may see (contract README: never SUSPENDED or PRELIMINARY). */
export const OUTSIDER_LIST_STATUSES = ["LISTED", "PUBLICIZING"] as const;

export const DISCLOSURE_POLICY: Readonly<Record<string, TypePolicy>> = {
  // --- the family's root ---------------------------------------------------------------------
  Family: {
    kind: "family",
    self: { familyId: "id", divisionCode: "divisionCode" },
    fields: {
      id: locator,
      divisionCode: locator,
      division: locator,
      memberIdNumbers: locator, // @inaccessible: only other subgraphs' @requires read it
      version: locator,
      createdAt: locator,
      updatedAt: locator,
      applicant: cat("IDENTITY"),
      members: cat("HOUSEHOLD"),
      household: cat("HOUSEHOLD"),
      economic: cat("ECONOMIC"),
      housing: cat("HOUSING"),
      guarantee: cat("GUARANTEE"),
      // R3.3: the change history needs every archive category; masked, its changes are withheld.
      history: { masked: "shown", category: ARCHIVE },
      objections: cat("CREDIT"),
      repairs: cat("CREDIT"),
      credit: cat("CREDIT"),
      lists: cat("LISTS"),
      documents: cat("EVIDENCE"),
      tenancy: cat("TENANCY"), // housing subgraph
      judicial: cat("JUDICIAL"), // judicial subgraph
    },
  },
  Person: {
    kind: "data",
    why: "R8.5: names keep the surname, ID numbers the first 6 and last 4 characters.",
    fields: { name: cat("IDENTITY", "name"), idNumber: cat("IDENTITY", "idNumber"), relation: cat("HOUSEHOLD") },
  },
  Household: {
    kind: "data",
    category: [["HOUSEHOLD"]],
    why: "R8.5: masked, the household register (户籍) shows only its prefecture.",
    // The place's name would name the county: masked, only whether it is out of province shows.
    fields: { hukouDivisionCode: { masked: "prefecture" }, hukouDivisionName: withheld, hukouOutOfProvince: shown, maritalStatus: shown, size: shown },
  },
  Economic: {
    kind: "data",
    category: [["ECONOMIC"]],
    why: "R8.5: masked, income in bands of 10,000 yuan.",
    fields: { annualIncome: { masked: "amountBand" }, propertyCount: shown },
  },
  HousingSituation: { kind: "data", category: [["HOUSING"]], fields: { status: shown, perCapitaArea: { masked: "round" } } },
  Guarantee: {
    kind: "data",
    category: [["GUARANTEE"]],
    why: "R8.5: the reason for priority (illness, disability, …) is withheld when masked.",
    fields: { category: shown, mode: shown, group: shown, priority: shown, priorityReason: withheld },
  },
  ArchiveChangeConnection: { kind: "structural", category: ARCHIVE, fields: all("totalCount", "pageInfo", "edges") },
  ArchiveChangeEdge: { kind: "structural", category: ARCHIVE, fields: all("cursor", "node") },
  ArchiveChange: {
    kind: "data",
    category: ARCHIVE,
    outsiders: "all",
    fields: { id: shown, familyId: shown, at: shown, action: shown, actorSub: shown, actorOrg: shown, reason: redact, changes: { masked: "emptyList" } },
  },
  FieldChangeView: { kind: "data", category: ARCHIVE, fields: { field: shown, before: withheld, after: withheld } },

  // --- credit (R4, R5) ----------------------------------------------------------------------
  CreditView: { kind: "data", category: [["CREDIT"]], fields: { score: shown, tier: shown, ruleVersion: shown, records: shown } },
  CreditRecordView: {
    kind: "data",
    category: [["CREDIT"]],
    // Names its family (also where the judicial subgraph resolves its cited judgment).
    self: { familyId: "familyId", divisionCode: "familyDivision" },
    // R3.2: only identified behaviour is credit information; R7.2: a record under objection is not
    // used (verification); R7.4: past its use period a record is archived and no longer provided;
    // R7.5: a repaired record is kept but no longer a basis for punishment. Candidates, pending,
    // rejected, revoked, repaired, suspended and archived records stay with the authority.
    outsiders: { status: ["IDENTIFIED"], archived: [false], suspendedByObjection: [false] },
    fields: {
      id: shown,
      familyId: locator, // @inaccessible: the judicial subgraph's @requires
      familyDivision: locator,
      familyMemberIdNumbers: locator,
      behavior: shown,
      behaviorName: shown,
      status: shown,
      source: shown,
      facts: redact,
      legalBasis: redact,
      occurredOn: shown,
      endedOn: shown,
      points: shown,
      counts: shown,
      suspendedByObjection: shown,
      archived: shown,
      informedBy: withheld,
      informedOn: withheld,
      candidateOrigin: shown,
      judicialCaseNumber: cat("JUDICIAL"),
      judicialRecord: cat("JUDICIAL"), // judicial subgraph, for a case whose party is a member
      rectification: withheld,
      decision: withheld,
      ruleVersion: shown,
      version: shown,
      evidence: cat("EVIDENCE"),
    },
  },
  Rectification: { kind: "data", category: [["CREDIT"]], fields: all("orderedOn", "deadline", "compliedOn") },
  RecordDecision: {
    kind: "data",
    category: [["CREDIT"]],
    fields: { at: shown, by: shown, organization: shown, mode: shown, committee: shown, reason: redact },
  },
  CommitteeDecisionView: { kind: "data", category: [["CREDIT"]], fields: all("members", "votesFor", "votesAgainst", "abstentions") },
  CommitteeMember: { kind: "data", category: [["CREDIT"]], fields: all("name", "organization") },
  EvidenceFile: {
    kind: "data",
    category: [["EVIDENCE"]],
    outsiders: "all", // of the records an outsider may see at all
    fields: { id: shown, fileName: { masked: "fileName" }, mediaType: shown, size: shown, sha256: shown, uploadedAt: shown },
  },
  // A record cited by a credit record, as the archive knows it (the judicial subgraph adds the rest).
  JudicialRecord: {
    kind: "data",
    category: [["JUDICIAL"]],
    // Always reached through a family (its members, a located look-up, a citing record): decided
    // for that family's division, never the court's.
    self: { familyId: "familyId", divisionCode: "familyDivision" },
    outsiders: "all",
    why: "R6.5: judgments and penalties of the family's members; the party's ID number is identity data.",
    fields: { id: shown, caseNumber: shown, idNumber: cat("IDENTITY", "idNumber"), kind: shown, court: shown, decidedOn: shown, summary: redact },
  },

  // --- lists (R5.3, R6) -----------------------------------------------------------------------
  ListMembership: {
    kind: "data",
    category: [["LISTS"]],
    outsiders: { status: OUTSIDER_LIST_STATUSES },
    fields: all("id", "kind", "status", "since", "until", "step"),
  },
  CreditListConnection: { kind: "structural", category: [["LISTS"]], fields: all("totalCount", "pageInfo", "edges") },
  CreditListEdge: { kind: "structural", category: [["LISTS"]], fields: all("cursor", "node") },
  CreditListEntry: {
    kind: "data",
    category: [["LISTS"]],
    outsiders: { status: OUTSIDER_LIST_STATUSES },
    why: "R6.6: the procedure's dates and the grounds of listing stay with the authority when masked.",
    fields: {
      id: shown,
      kind: shown,
      status: shown,
      since: shown,
      until: shown,
      step: shown,
      procedure: withheld,
      batch: shown,
      reasons: { masked: "emptyList" },
      ruleVersion: shown,
      version: shown,
      family: locator,
    },
  },
  // R6.6: the family's defence is between it and its authority.
  DefenceStatementView: {
    kind: "data",
    category: [["LISTS"]],
    outsiders: "none",
    fields: all("id", "listEntryId", "receivedOn", "channel", "content", "attachments", "assessment", "recordedBy"),
  },
  JointProcedureView: {
    kind: "data",
    category: [["LISTS"]],
    fields: all("remindedOn", "reminderDeadline", "notifiedOn", "defenceUntil", "publicityFrom", "publicityUntil", "listedOn", "listedUntil", "removedOn", "nextStepFrom"),
  },
  ListChangeConnection: { kind: "structural", category: [["LISTS"]], fields: all("totalCount", "pageInfo", "edges") },
  ListChangeEdge: { kind: "structural", category: [["LISTS"]], fields: all("cursor", "node") },
  ListChangeView: {
    kind: "data",
    category: [["LISTS"]],
    // A partner sees an entry's changes while it is on a list it may see, and its removal from
    // one it saw (so that its copy does not keep a listing that ended); never a procedure step
    // before publicity or a suspension (contract README).
    outsiders: { anyOf: [{ status: OUTSIDER_LIST_STATUSES }, { action: ["REMOVED"], previouslyShown: [true] }] },
    fields: all("sequence", "at", "kind", "action", "status", "familyId", "listEntryId", "divisionCode"),
  },
  OverdueStepView: {
    kind: "data",
    category: [["LISTS"]],
    outsiders: "none", // the authority's own work list (R6.6)
    fields: all("listEntryId", "familyId", "divisionCode", "step", "dueSince", "overdueSince"),
  },
  OutboxItem: {
    kind: "data",
    category: [["LISTS"]],
    outsiders: "none", // the province's exchange jobs (R6.7)
    fields: {
      ...all("sequence", "destination", "at", "kind", "action", "status", "familyId", "listEntryId", "divisionCode", "since", "until", "attempts"),
      maskedName: cat("IDENTITY"),
      maskedIdNumber: cat("IDENTITY"),
      national: shown,
    },
  },
  // R6.7 逐级报送: read by the higher authorities, whose jurisdiction holds the family.
  ReportedChangePage: { kind: "structural", category: [["LISTS"]], fields: all("items", "endCursor", "hasNextPage") },
  ReportedChange: {
    kind: "data",
    category: [["LISTS"]],
    outsiders: "none",
    fields: { ...all("sequence", "at", "kind", "action", "status", "cause", "divisionCode", "listEntryId", "since", "until", "step", "reasons", "decisionNumber"), family: locator },
  },
  // R6.7: what the national platform needs to punish — full identity of the responsible members
  // (the province's exchange job under its own authority; never masked, never to outsiders).
  NationalListing: {
    kind: "data",
    category: [["LISTS"]],
    fields: {
      ...all("reason", "basis", "decisionNumber", "listedOn", "listedUntil", "removedOn", "removalReason", "authorityCode", "authorityName"),
      subjects: cat("IDENTITY", "withheld"),
      behaviors: cat("CREDIT", "withheld"),
    },
    why: "R6.7: pushed to the national platform by the province; partners never read the outbox.",
  },
  NationalSubject: { kind: "data", category: [["IDENTITY"]], fields: { name: withheld, idNumber: withheld, relation: withheld } },
  NationalBehavior: { kind: "data", category: [["CREDIT"]], fields: all("code", "name", "occurredOn", "legalBasis") },

  // --- the credit check (R6.2) ------------------------------------------------------------------
  CreditCheckResult: {
    kind: "family",
    category: [["CREDIT"], ["LISTS"]],
    self: { familyId: "familyId", divisionCode: "divisionCode" },
    fields: {
      found: locator,
      family: locator,
      ruleVersion: locator,
      score: cat("CREDIT"),
      tier: cat("CREDIT"),
      lists: cat("LISTS"),
      measures: cat("LISTS"),
      suspendedByObjection: cat("LISTS"),
      externalListings: cat("LISTS"),
    },
  },
  MeasureView: { kind: "data", category: [["LISTS"]], fields: all("code", "name", "until") },
  // R6.7 inbound: another platform's listing of a family member — list data of that family,
  // decided for the family's division like its own lists (existence is data too).
  ExternalListing: {
    kind: "data",
    category: [["LISTS"]],
    why: "R8.5: masked, the sender's statement of behaviours and grounds is hidden; who listed, when, until and the decision number stay.",
    fields: { ...all("id", "senderCode", "senderName", "kind", "listedOn", "listedUntil", "decisionNumber", "authorityName", "receivedAt"), reason: redact },
  },

  // --- redress (R7) -------------------------------------------------------------------------------
  ObjectionView: {
    kind: "data",
    category: [["CREDIT"]],
    outsiders: "none",
    why: "R7.2: an objection is between the family and its authority; a partner sees only its effect (suspendedByObjection).",
    fields: {
      ...all("id", "familyId", "recordId", "listEntryId", "recordIds", "filedOn", "deadline", "status", "decision", "decidedOn", "answerDocumentId", "overdue", "attachments"),
      reasons: redact,
      extensionReason: withheld,
      decisionReason: withheld,
    },
  },
  AttachmentView: { kind: "data", category: [["CREDIT"]], fields: { fileName: { masked: "fileName" }, sha256: shown, size: shown } },
  RepairView: {
    kind: "data",
    category: [["CREDIT"]],
    outsiders: "none",
    why: "R7.5: a repair is decided by the authority; a partner sees only its effect (the record no longer counts).",
    fields: {
      ...all("id", "familyId", "recordId", "method", "commitmentSha256", "appliedOn", "deadline", "status", "decidedOn", "decisionDocumentId", "overdue"),
      statement: redact,
      decisionReason: withheld,
    },
  },
  CreditDocumentView: {
    kind: "data",
    category: [["EVIDENCE"]],
    // The documents of a public act (publicity of a preliminary list, the listing decision) of an
    // entry an outsider may see; notices, reminders, answers and decisions stay with the family.
    outsiders: { kind: ["PUBLICITY_NOTICE", "LISTING_DECISION"], listEntryStatus: OUTSIDER_LIST_STATUSES },
    fields: {
      ...all("id", "kind", "number", "title", "issuedOn", "deliveredOn", "ruleVersion", "recordId", "listEntryId"),
      body: { masked: "redact", alsoFull: ["IDENTITY", "CREDIT"] },
    },
  },
  CreditReportView: {
    kind: "data",
    category: [["IDENTITY", "CREDIT", "LISTS"]],
    outsiders: "none", // R7.1: the family asks its own authority
    fields: { report: withheld, pdfBase64: withheld },
  },

  // --- municipal operations (housing subgraph) ------------------------------------------------------
  Tenancy: {
    kind: "data",
    category: [["TENANCY"]],
    why: "R8.5: masked, the unit's address keeps its district only.",
    fields: {
      ...all("id", "leaseStart", "leaseEnd", "monthlyRent", "monthsInArrears", "arrearsAmount", "monthsVacant", "rentLedger", "occupancyChecks", "warnings"),
      unitAddress: { masked: "address" },
    },
  },
  RentMonth: { kind: "data", category: [["TENANCY"]], outsiders: "all", fields: all("month", "amountDue", "amountPaid", "paidOn") },
  OccupancyCheck: { kind: "data", category: [["TENANCY"]], outsiders: "all", fields: { checkedOn: shown, occupied: shown, inspector: shown, note: withheld } },
  HousingWarning: { kind: "data", category: [["TENANCY"]], outsiders: "all", fields: { issuedOn: shown, kind: shown, reason: redact, issuedBy: shown } },
  HousingCandidateConnection: { kind: "structural", category: [["TENANCY"]], fields: all("totalCount", "pageInfo", "edges") },
  HousingCandidateEdge: { kind: "structural", category: [["TENANCY"]], fields: all("cursor", "node") },
  HousingCandidate: {
    kind: "data",
    category: [["TENANCY"]],
    outsiders: "none", // leads for the authority to verify (R4.1 (6)(7))
    fields: { ...all("familyId", "divisionCode", "kind", "months", "asOf", "evidenceSha256"), evidenceJson: redact },
  },

  // --- judicial look-up by ID number (judicial subgraph, located by the archive) -------------------
  JudicialLookup: {
    kind: "family",
    category: [["JUDICIAL"]],
    self: { familyId: "familyId", divisionCode: "divisionCode" },
    fields: { idNumber: locator, familyId: locator, divisionCode: locator, records: cat("JUDICIAL") },
  },

  // --- no family data of their own ----------------------------------------------------------------
  FamilyConnection: { kind: "structural", fields: all("totalCount", "pageInfo", "edges") },
  FamilyEdge: { kind: "structural", fields: all("cursor", "node") },
  PageInfo: { kind: "public", fields: all("hasNextPage", "endCursor") },
  Division: { kind: "public", fields: all("code", "name", "level", "parent", "children") },
};

// --- maskers (R8.5; contract README) ------------------------------------------------------------

/** The placeholder of a text that a MASKED permission does not give. */
export const REDACTED_TEXT = "（按书面许可以脱敏方式提供，内容已隐去）";

/** Every category a requirement names (a locator names none). */
export function categoriesOf(req: Requirement): DataCategory[] {
  return req === LOCATOR ? [] : [...new Set(req.flat())];
}

/** The requirement of a field: its own, else its type's; undefined when neither has one. */
export function fieldRequirement(type: TypePolicy, field: string): Requirement | undefined {
  return type.fields[field]?.category ?? type.category;
}

/** Does `row` satisfy the rule (property values compared with the listed ones)? */
export function rowMatches(rule: RowRule, row: Readonly<Record<string, unknown>>): boolean {
  if (rule === "all") return true;
  if (rule === "none") return false;
  const conditions = "anyOf" in rule ? (rule.anyOf as RowCondition[]) : [rule as RowCondition];
  return conditions.some((c) => Object.entries(c).every(([prop, values]) => values.includes(row[prop] as string | boolean)));
}

/** Two requirements are the same (groups compared as sets). */
export function sameRequirement(a: Requirement | undefined, b: Requirement | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a === LOCATOR || b === LOCATOR) return a === b;
  const norm = (r: DataCategory[][]) => r.map((g) => [...new Set(g)].sort().join("+")).sort().join("|");
  return norm(a) === norm(b);
}

export function formatRequirement(r: Requirement | undefined): string {
  if (r === undefined) return "(none)";
  return r === LOCATOR ? LOCATOR : r.map((g) => g.join("+")).join(" | ");
}
