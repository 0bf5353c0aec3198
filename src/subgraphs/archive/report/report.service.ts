// R7.1: assembles a family's credit report from the archive: summary, score, every record with
// its objections and repairs, list history, and who received the family's data (R8.3 audit).
import type { EntityManager } from "@mikro-orm/core";
import { shanghaiDate } from "../../../domain/credit/dates";
import { findDivision } from "../../../domain/divisions";
import { maskIdNumber, maskName } from "../../../domain/permissions";
import { Family } from "../entities/family.entity";
import { ListEntry } from "../entities/list-entry.entity";
import { Objection, RepairApplication } from "../entities/redress.entity";
import { AuditEntry } from "../entities/audit-entry.entity";
import { Organization } from "../entities/organization.entity";
import { authorityName } from "../credit/documents";
import type { CreditView } from "../../../../resolvers/archive/credit.types";
import type { CreditReport } from "./credit-report";

export async function assembleCreditReport(em: EntityManager, familyId: string, credit: CreditView, by: string, now: Date): Promise<CreditReport> {
  const family = await em.findOneOrFail(Family, { id: familyId }, { populate: ["members"] });
  const [entries, objections, repairs, disclosures] = await Promise.all([
    em.find(ListEntry, { familyId }, { orderBy: { since: "desc", id: "desc" } }),
    em.find(Objection, { familyId }, { orderBy: { filedAt: "asc" } }),
    em.find(RepairApplication, { familyId }, { orderBy: { appliedOn: "asc", id: "asc" } }),
    em.getConnection().execute<{ seq: string }[]>(
      `select "seq" from "archive"."audit_entry" where "kind" = 'DISCLOSURE' and "family_ids" @> ?::jsonb order by "seq" desc limit 1000`,
      [JSON.stringify([familyId])],
      "all",
      em.getTransactionContext(),
    ),
  ]);
  const audit = disclosures.length ? await em.find(AuditEntry, { seq: { $in: disclosures.map((d: { seq: string }) => String(d.seq)) } }, { orderBy: { seq: "desc" } }) : [];
  const orgCodes = [...new Set(audit.map((a) => a.orgCode).filter((c): c is string => !!c))];
  const orgs = orgCodes.length ? await em.find(Organization, { code: { $in: orgCodes } }) : [];
  const applicant = family.members.getItems()[0];
  const generatedAt = now.toISOString();
  return {
    number: `${family.divisionCode}〔${shanghaiDate(now).slice(0, 4)}〕信报${familyId.slice(0, 8).toUpperCase()}-${now.getTime().toString(36).toUpperCase()}号`,
    generatedAt,
    generatedBy: by,
    authority: authorityName(family.divisionCode),
    family: {
      id: family.id,
      divisionCode: family.divisionCode,
      divisionName: findDivision(family.divisionCode)?.name ?? family.divisionCode,
      maskedApplicantName: maskName(applicant?.name ?? ""),
      maskedApplicantIdNumber: maskIdNumber(applicant?.idNumber ?? ""),
      householdSize: family.householdSize,
      guaranteeCategory: family.guaranteeCategory,
      guaranteeMode: family.guaranteeMode,
    },
    score: credit.score,
    tier: credit.tier,
    ruleVersion: credit.ruleVersion,
    records: credit.records.map((r) => ({
      id: r.id,
      behavior: r.behavior,
      behaviorName: r.behaviorName,
      status: r.status,
      occurredOn: r.occurredOn,
      identifiedOn: r.decision ? shanghaiDate(r.decision.at) : null,
      points: r.points,
      counts: r.counts,
      archived: r.archived,
      suspendedByObjection: r.suspendedByObjection,
      repaired: r.status === "REPAIRED",
      objections: objections
        .filter((o) => o.recordIds.includes(r.id))
        .map((o) => ({ filedOn: o.filedOn, status: o.status, decision: o.decision ?? null, decidedOn: o.decidedOn ?? null })),
      repairs: repairs.filter((a) => a.recordId === r.id).map((a) => ({ appliedOn: a.appliedOn, method: a.method, status: a.status, decidedOn: a.decidedOn ?? null })),
    })),
    lists: entries.map((e) => ({ kind: e.kind, status: e.status, since: e.since, until: e.until ?? null, removedOn: e.removedOn ?? null })),
    disclosures: audit.map((a) => ({
      at: a.at.toISOString(),
      organizationCode: a.orgCode ?? null,
      organizationName: orgs.find((o) => o.code === a.orgCode)?.name ?? null,
      permissions: a.permissions,
      categories: a.categoriesReturned,
      operationName: a.operationName ?? null,
    })),
  };
}
