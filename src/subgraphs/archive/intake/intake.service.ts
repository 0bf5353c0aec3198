// The archive's side of intake (issue 14): where loaded rows meet the archive.
// - members' families by ID number (a tenancy is attached to its applicant's family; R2.2);
// - the kind of a registered organisation (a department supplies its own records only; R6.5);
// - judicial leads: a judgment or penalty of a member, offered to the family's authority as
//   evidence for a record, with the record it grounded (R6.5);
// - the audit of each file load: who loaded what, how many rows, the file's SHA-256 (R8.3).
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { scopedTransaction, sqlQuery } from "../../../db/orm";
import { parseIdNumber } from "../../../domain/id-number";
import type { Caller } from "../../../auth/caller";
import { Organization } from "../entities/organization.entity";
import { appendAudit } from "../sharing/audit.service";
import type { JudicialLeadOffer, MemberFamily, OrganizationKind } from "../../archive-link";

/** At most this many ID numbers or offers per internal call (a batch of the intake is 1,000 rows). */
export const MAX_INTAKE_KEYS = 1000;

/** The family and division of each archived member among `idNumbers` (valid numbers only). */
export async function memberFamilies(em: EntityManager, idNumbers: unknown): Promise<MemberFamily[]> {
  if (!Array.isArray(idNumbers) || idNumbers.length > MAX_INTAKE_KEYS) throw new Error(`member-families takes 0 to ${MAX_INTAKE_KEYS} ID numbers`);
  const valid = [...new Set(idNumbers.map((v) => String(v).trim().toUpperCase()).filter((v) => parseIdNumber(v).ok))];
  if (!valid.length) return [];
  const rows = await sqlQuery<{ id_number: string; family_id: string; division_code: string; relation: string }>(
    em,
    `select * from "archive"."member_families"(cast(? as text[]))`,
    [`{${valid.join(",")}}`],
  );
  return rows.map((r) => ({ idNumber: r.id_number, familyId: r.family_id, divisionCode: r.division_code, relation: r.relation }));
}

export async function organizationKind(em: EntityManager, org: unknown): Promise<{ kind: OrganizationKind | null; divisionCode: string | null }> {
  if (typeof org !== "string" || !org) return { kind: null, divisionCode: null };
  const row = await em.findOne(Organization, { code: org }, { fields: ["kind", "divisionCode"] });
  return { kind: (row?.kind as OrganizationKind | undefined) ?? null, divisionCode: row?.divisionCode ?? null };
}

function isOffer(v: unknown): v is JudicialLeadOffer {
  const o = v as Record<string, unknown>;
  return (
    !!o &&
    typeof o.idNumber === "string" &&
    typeof o.kind === "string" &&
    typeof o.caseNumber === "string" &&
    typeof o.authority === "string" &&
    typeof o.decidedOn === "string" &&
    /^\d{4}-\d{2}-\d{2}$/.test(o.decidedOn) &&
    typeof o.sourceOrg === "string"
  );
}

/**
 * R6.5: offers each delivered record whose party is an archived member to the member's family's
 * authority (one lead per family and case; a corrected record updates an open lead). A record of
 * a person who is no member leaves nothing here: it stays in the department's own data.
 */
export async function offerJudicialLeads(em: EntityManager, input: unknown, now: Date): Promise<{ offered: number }> {
  const offers = (input as { offers?: unknown })?.offers;
  if (!Array.isArray(offers) || offers.length > MAX_INTAKE_KEYS || !offers.every(isOffer)) throw new Error(`judicial-leads takes 0 to ${MAX_INTAKE_KEYS} offers`);
  if (!offers.length) return { offered: 0 };
  const members = new Map((await memberFamilies(em, offers.map((o) => o.idNumber))).map((m) => [m.idNumber, m]));
  const matched = offers.filter((o) => members.has(o.idNumber.toUpperCase()));
  if (!matched.length) return { offered: 0 };
  // Written by the hub for the families' authorities: every division (the leads are read under their scope).
  return scopedTransaction(em, "*", async (tx) => {
    let offered = 0;
    for (const o of matched) {
      const m = members.get(o.idNumber.toUpperCase())!;
      const rows = await sqlQuery<{ inserted: boolean }>(
        tx,
        `insert into "archive"."judicial_lead" ("id", "family_id", "division_code", "id_number", "relation", "kind", "case_number", "authority", "decided_on", "source_org", "offered_at")
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         on conflict ("family_id", "case_number") do update set "kind" = excluded."kind", "authority" = excluded."authority", "decided_on" = excluded."decided_on"
           where "judicial_lead"."status" = 'OFFERED'
         returning (xmax = 0) as "inserted"`,
        [randomUUID(), m.familyId, m.divisionCode, m.idNumber, m.relation, o.kind, o.caseNumber, o.authority, o.decidedOn, o.sourceOrg, now],
      );
      if (rows[0]?.inserted) offered++;
    }
    return { offered };
  });
}

/** R6.5: the record that relies on a case settles the family's lead of that case (the link kept). */
export async function settleLeadByRecord(em: EntityManager, familyId: string, caseNumber: string, recordId: string, by: string, now: Date): Promise<void> {
  await sqlQuery(
    em,
    `update "archive"."judicial_lead" set "status" = 'USED', "record_id" = ?, "settled_at" = ?, "settled_by" = ? where "family_id" = ? and "case_number" = ? and "status" = 'OFFERED'`,
    [recordId, now, by, familyId, caseNumber],
  );
}

export interface IntakeLoadRow {
  id: string;
  kind: string;
  source_system: string;
  file_name: string;
  file_sha256: string;
  total_rows: number;
  all_or_nothing: boolean;
  org_code: string;
  loaded_by: string;
  started_at: Date;
  finished_at: Date | null;
  status: "RUNNING" | "COMPLETED" | "INTERRUPTED";
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface IntakeLoadStart {
  kind: string;
  sourceSystem: string;
  fileName: string;
  fileSha256: string;
  totalRows: number;
  allOrNothing: boolean;
}

export interface IntakeLoadCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  completed: boolean;
}

/** The loads of the caller's organisation are visible to it alone (row-level security on hub.org). */
async function enterOrgScope(em: EntityManager, org: string): Promise<void> {
  await sqlQuery(em, `select set_config('hub.org', ?, true)`, [org]);
}

function auditLoad(em: EntityManager, caller: Caller, now: Date, outcome: string, detail: Record<string, unknown>) {
  return appendAudit(em, {
    at: now,
    kind: "INTAKE",
    orgCode: caller.org,
    userSub: caller.sub,
    clientAddress: caller.clientAddress ?? null,
    operationName: caller.operationName ?? null,
    documentHash: null,
    permissions: [],
    categoriesReturned: [],
    categoriesDenied: [],
    familyIds: [],
    outcome,
    detail,
  });
}

/** R8.3: a load begins on the record (who, what, how many rows, the file's SHA-256). */
export async function beginIntakeLoad(em: EntityManager, caller: Caller, input: IntakeLoadStart, now: Date): Promise<IntakeLoadRow> {
  await enterOrgScope(em, caller.org!);
  const id = randomUUID();
  const [row] = await sqlQuery<IntakeLoadRow>(
    em,
    `insert into "archive"."intake_load" ("id", "kind", "source_system", "file_name", "file_sha256", "total_rows", "all_or_nothing", "org_code", "loaded_by", "started_at", "status")
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING') returning *`,
    [id, input.kind, input.sourceSystem, input.fileName, input.fileSha256.toLowerCase(), input.totalRows, input.allOrNothing, caller.org, caller.sub, now],
  );
  await auditLoad(em, caller, now, "STARTED", { loadId: id, kind: input.kind, sourceSystem: input.sourceSystem, fileName: input.fileName, fileSha256: input.fileSha256.toLowerCase(), totalRows: input.totalRows, allOrNothing: input.allOrNothing });
  return row;
}

/** R8.3: how the load ended, with its counts; a load is finished once. */
export async function finishIntakeLoad(em: EntityManager, caller: Caller, id: string, counts: IntakeLoadCounts, now: Date): Promise<IntakeLoadRow | null> {
  await enterOrgScope(em, caller.org!);
  const status = counts.completed ? "COMPLETED" : "INTERRUPTED";
  const [row] = await sqlQuery<IntakeLoadRow>(
    em,
    `update "archive"."intake_load" set "finished_at" = ?, "status" = ?, "inserted" = ?, "updated" = ?, "unchanged" = ?, "rejected" = ?
      where "id" = ? and "status" = 'RUNNING' returning *`,
    [now, status, counts.inserted, counts.updated, counts.unchanged, counts.rejected, id],
  );
  if (!row) return null;
  await auditLoad(em, caller, now, status, {
    loadId: id,
    kind: row.kind,
    sourceSystem: row.source_system,
    fileName: row.file_name,
    fileSha256: row.file_sha256,
    totalRows: row.total_rows,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    rejected: counts.rejected,
  });
  return row;
}

/** The caller's organisation's loads, newest first. */
export async function intakeLoadsOf(em: EntityManager, org: string, first: number): Promise<IntakeLoadRow[]> {
  await enterOrgScope(em, org);
  return sqlQuery<IntakeLoadRow>(em, `select * from "archive"."intake_load" where "org_code" = ? order by "started_at" desc, "id" desc limit ?`, [org, first]);
}
