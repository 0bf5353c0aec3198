import type { SubgraphDefinition } from "../subgraph-server";
import type { SubgraphContext } from "../subgraph-context";
import { organizationLoader, SharingResolver } from "../../../resolvers/archive/sharing.resolver";
import { PublicListResolver } from "../../../resolvers/archive/public-list.resolver";
import { FamilyRedressResolver, RedressResolver } from "../../../resolvers/archive/redress.resolver";
import { FamilyResolver, readFamily } from "../../../resolvers/archive/family.resolver";
import { DivisionResolver, OrganizationResolver } from "../../../resolvers/archive/division.resolver";
import { CreditCheckResolver, CreditListResolver, CreditRecordResolver, creditRecordById, FamilyCreditResolver } from "../../../resolvers/archive/credit.resolver";
import { RuleSetResolver } from "../../../resolvers/archive/rule-set.resolver";
import { CandidateResolver } from "../../../resolvers/archive/candidates.resolver";
import { StatisticsResolver } from "../../../resolvers/archive/statistics.resolver";
import { AssessmentResolver } from "../../../resolvers/archive/assessment.resolver";
import { DutyResolver } from "../../../resolvers/archive/duty.resolver";
import { ReportUpResolver } from "../../../resolvers/archive/report-up.resolver";
import { ExchangeResolver } from "../../../resolvers/archive/exchange.resolver";
import { DrillClockResolver } from "../../../resolvers/archive/drill-clock.resolver";
import { CorrectionNoticeResolver } from "../../../resolvers/archive/correction-notice.resolver";
import { judicialLookup, JudicialLookupResolver } from "../../../resolvers/archive/judicial-lookup.resolver";
import { IntakeResolver } from "../../../resolvers/archive/intake.resolver";
import { memberFamilies, offerJudicialLeads, organizationKind } from "./intake/intake.service";
import { receiveInboundListings } from "./inbound/inbound.service";
import { parseIdNumber } from "../../domain/id-number";
import { currentLogger } from "../../observability/logger";
import { toDivision, toOrganization } from "./family.mapper";
import { allDivisions, findDivision } from "../../domain/divisions";
import { jurisdictionDivisions, readableDivisions } from "../access";
import { currentGrants, grantsInForce } from "./sharing/permission.service";
import { AuditAppender, type AuditInput } from "./sharing/audit.service";

const appenders = new WeakMap<object, AuditAppender>();
function appenderFor(ctx: SubgraphContext): AuditAppender {
  const key = ctx.em.getConnection();
  let a = appenders.get(key);
  if (!a) appenders.set(key, (a = new AuditAppender(() => ctx.em.fork())));
  return a;
}

export const archiveSubgraph: SubgraphDefinition = {
  name: "archive",
  resolvers: [FamilyResolver, SharingResolver, PublicListResolver, RedressResolver, FamilyRedressResolver, FamilyCreditResolver, CreditRecordResolver, CreditListResolver, CreditCheckResolver, RuleSetResolver, CandidateResolver, StatisticsResolver, AssessmentResolver, ExchangeResolver, DutyResolver, ReportUpResolver, JudicialLookupResolver, DivisionResolver, OrganizationResolver, DrillClockResolver, CorrectionNoticeResolver, IntakeResolver],
  // R8.4: the divisions whose families the caller may read at all (any category).
  internal: {
    // R8.2: the caller's permissions in force, read by the gateway for every request.
    grants: async (ctx, input) => grantsInForce(ctx.em, String((input as { org?: unknown })?.org ?? ""), ctx.clock.now()),
    // R8.2: the same with their dates, for a gateway that keeps them while it is notified of changes.
    "grants-current": async (ctx, input) => currentGrants(ctx.em, String((input as { org?: unknown })?.org ?? ""), ctx.clock.now()),
    // Intake (issue 14), called by the source subgraphs: the families of archived members (a
    // loaded tenancy's applicant), a registered organisation's kind, and the judicial leads
    // offered to the families' authorities (R6.5).
    "member-families": async (ctx, input) => memberFamilies(ctx.em, (input as { idNumbers?: unknown })?.idNumbers),
    "organization-kind": async (ctx, input) => organizationKind(ctx.em, (input as { org?: unknown })?.org),
    "judicial-leads": async (ctx, input) => offerJudicialLeads(ctx.em, input, ctx.clock.now()),
    // R6.7 inbound: a list batch the gateway received from the national platform or another
    // province (signature and nonce verified there), stored as external entries and audited (R8.3).
    "inbound-listings": async (ctx, input) => receiveInboundListings(ctx.em, input, ctx.clock.now()),
    // A drill hub's clock (the answer carries it; a gateway that starts adopts it).
    clock: async (ctx) => ({ now: ctx.clock.now().toISOString() }),
    // R8.3: one disclosure entry, committed (group commit) before the gateway returns data.
    audit: async (ctx, input) => {
      const e = input as Omit<AuditInput, "at" | "kind"> & { at: string };
      return appenderFor(ctx).append({ ...e, at: new Date(e.at), kind: "DISCLOSURE" });
    },
    // R8.3: the entries of several gateway requests in one call; each committed or refused on its own.
    "audit-batch": async (ctx, input) => {
      if (!Array.isArray(input) || input.length === 0 || input.length > 500) throw new Error("audit-batch takes 1 to 500 entries");
      const appender = appenderFor(ctx);
      const settled = await Promise.allSettled(
        (input as (Omit<AuditInput, "at" | "kind"> & { at: string })[]).map((e) => appender.append({ ...e, at: new Date(e.at), kind: "DISCLOSURE" })),
      );
      // The cause stays in the archive's log (the gateway only learns that the entry was not written).
      for (const s of settled) if (s.status === "rejected") currentLogger().error({ err: s.reason }, "audit entry not written");
      return settled.map((s) => (s.status === "fulfilled" ? { seq: s.value.seq } : { error: "NOT_WRITTEN" }));
    },
  },
  rowSecurity: {
    // Reads: the divisions whose families the caller may read at all (any category).
    read: (caller) => {
      if (caller.system) return null; // the gateway's own look-ups read no family table
      const divisions = readableDivisions(caller);
      return divisions.length === allDivisions().length ? "*" : divisions;
    },
    // Writes: the caller's jurisdiction only (R2.4); partners write no family data.
    write: (caller) => {
      const divisions = jurisdictionDivisions(caller);
      return divisions.length === allDivisions().length ? "*" : divisions;
    },
  },
  references: {
    Family: (ref, ctx: SubgraphContext) => readFamily(ctx, String(ref.id)),
    // A record whose cited judgment the judicial subgraph resolves (R6.5).
    CreditRecordView: (ref, ctx: SubgraphContext) => creditRecordById(ctx, String(ref.id)),
    // Located again for this caller (never from what the representation says).
    JudicialLookup: (ref, ctx: SubgraphContext) => (parseIdNumber(String(ref.idNumber)).ok ? judicialLookup(ctx, String(ref.idNumber)) : null),
    Division: (ref) => (findDivision(String(ref.code)) ? toDivision(String(ref.code)) : null),
    Organization: async (ref, ctx: SubgraphContext) => {
      const row = await organizationLoader(ctx).load(String(ref.code));
      return row ? toOrganization(row) : null;
    },
  },
};
