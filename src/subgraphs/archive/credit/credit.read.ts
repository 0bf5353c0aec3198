// Read side of credit: per-request loaders (a page of families costs a fixed number of
// statements), views, the credit check (R6.2) and measures (R6.1).
import { today as todayOf } from "../../../domain/clock";
import type { RuleSet, Tier } from "../../../domain/credit/rule-set";
import { behaviorOf, MEASURE_YEARS_FROM_LISTING } from "../../../domain/credit/rule-set";
import { addYears } from "../../../domain/credit/dates";
import { useEndsOn, counts, scoreOf } from "../../../domain/credit/score";
import { earliestNextOn } from "../../../domain/credit/procedure";
import { groupByKey, loaderFor, type SubgraphContext } from "../../subgraph-context";
import { CreditRecord } from "../entities/credit-record.entity";
import { Evidence } from "../entities/evidence.entity";
import { ListEntry } from "../entities/list-entry.entity";
import { cachedRuleBook, type RuleBook } from "./rules.service";
import { procedureOf, } from "./procedure.service";
import { toFacts } from "./credit.service";
import { ofFamily } from "../../disclosure";
import type {
  CreditListEntry,
  CreditRecordView,
  CreditView,
  ListMembership,
  MeasureView,
} from "../../../../resolvers/archive/credit.types";
import { CreditTier, InformedBy, JointStep, ListKind, ListStatus, RecordSource, RecordStatus } from "../../../../resolvers/archive/credit.types";

export function ruleBook(ctx: SubgraphContext): Promise<RuleBook> {
  return cachedRuleBook(ctx.em);
}

export function recordsLoader(ctx: SubgraphContext) {
  return loaderFor<string, CreditRecord[]>(ctx, "creditRecords", async (familyIds) => {
    const rows = await ctx.em.find(CreditRecord, { familyId: { $in: [...familyIds] } }, { orderBy: { occurredOn: "desc", id: "asc" } });
    return groupByKey(familyIds, rows, (r) => r.familyId);
  });
}

export function evidenceLoader(ctx: SubgraphContext) {
  return loaderFor<string, Evidence[]>(ctx, "evidence", async (recordIds) => {
    const rows = await ctx.em.find(Evidence, { record: { $in: [...recordIds] } }, { orderBy: { uploadedAt: "asc" } }); // content is lazy
    return groupByKey(recordIds, rows, (e) => e.record.id);
  });
}

export function activeListsLoader(ctx: SubgraphContext) {
  return loaderFor<string, ListEntry[]>(ctx, "activeLists", async (familyIds) => {
    const rows = await ctx.em.find(ListEntry, { familyId: { $in: [...familyIds] }, status: { $ne: "REMOVED" } }, { orderBy: { since: "desc" } });
    return groupByKey(familyIds, rows, (e) => e.familyId);
  });
}

/** A record as a view of its family's data (the disclosure policy decides each field for that family). */
export function toRecordView(r: CreditRecord, rules: RuleSet, points: number, countsNow: boolean, archived = false): CreditRecordView {
  return ofFamily({
    id: r.id,
    familyId: r.familyId,
    familyDivision: r.divisionCode,
    familyMemberIdNumbers: [], // loaded only when the judicial subgraph asks (CreditRecordResolver)
    divisionCode: r.divisionCode,
    behavior: r.behaviorCode,
    behaviorName: behaviorOf(rules, r.behaviorCode)?.name ?? r.behaviorCode,
    status: r.status as RecordStatus,
    source: r.source as RecordSource,
    facts: r.facts,
    legalBasis: r.legalBasis,
    occurredOn: r.occurredOn,
    endedOn: r.endedOn ?? null,
    points,
    counts: countsNow,
    suspendedByObjection: r.suspendedByObjection,
    archived,
    informedBy: (r.informedBy as InformedBy) ?? null,
    informedOn: r.informedOn ?? null,
    candidateOrigin: r.candidateOrigin ?? null,
    judicialCaseNumber: r.judicialCaseNumber ?? null,
    rectification: r.rectificationDeadline
      ? { orderedOn: r.rectificationOrderedOn ?? r.occurredOn, deadline: r.rectificationDeadline, compliedOn: r.rectificationCompliedOn ?? null }
      : null,
    decision: r.decidedAt
      ? { at: r.decidedAt, by: r.decidedBy ?? "", organization: r.decidedByOrg ?? "", mode: r.decisionMode ?? "IDENTIFIER", committee: r.committee ?? null, reason: r.decisionReason ?? "" }
      : null,
    ruleVersion: r.ruleVersion,
    version: r.version,
    evidence: [],
  }, r.familyId, r.divisionCode);
}

/** R5.2: the family's score and tier today, with every record and what it counts for. */
export async function creditOf(ctx: SubgraphContext, familyId: string, divisionCode: string): Promise<CreditView> {
  const [book, records] = await Promise.all([ruleBook(ctx), recordsLoader(ctx).load(familyId)]);
  const today = todayOf(ctx.clock);
  const rules = book.forDivision(divisionCode, today);
  const facts = records.map(toFacts);
  const score = scoreOf(facts, today, rules);
  const points = new Map(score.records.map((s) => [s.id, s.points]));
  return ofFamily({
    familyId,
    score: score.score,
    tier: score.tier as CreditTier,
    ruleVersion: rules.version,
    // R7.4: past the behaviour's use period a record is archived: kept, no longer counted or disclosed.
    records: records.map((r, i) => toRecordView(r, book.byVersion(r.ruleVersion) ?? rules, points.get(r.id) ?? 0, counts(facts[i], today, rules), today >= useEndsOn(facts[i], rules))),
  }, familyId, divisionCode);
}

export function toMembership(e: ListEntry): ListMembership {
  return ofFamily({ id: e.id, kind: e.kind as ListKind, status: e.status as ListStatus, since: e.since, until: e.until ?? null, step: (e.step as JointStep) ?? null }, e.familyId, e.divisionCode);
}

export function toListEntryView(e: ListEntry): Omit<CreditListEntry, "family"> {
  const p = e.kind === "JOINT_PUNISHMENT" ? procedureOf(e) : null;
  return ofFamily({
    id: e.id,
    familyId: e.familyId,
    kind: e.kind as ListKind,
    status: e.status as ListStatus,
    since: e.since,
    until: e.until ?? null,
    step: (e.step as JointStep) ?? null,
    procedure: p
      ? {
          remindedOn: p.remindedOn,
          reminderDeadline: p.reminderDeadline,
          notifiedOn: p.notifiedOn ?? null,
          defenceUntil: p.defenceUntil ?? null,
          publicityFrom: p.publicityFrom ?? null,
          publicityUntil: p.publicityUntil ?? null,
          listedOn: p.listedOn ?? null,
          listedUntil: p.listedUntil ?? null,
          removedOn: p.removedOn ?? null,
          nextStepFrom: earliestNextOn(p),
        }
      : null,
    batch: e.batch ?? null,
    reasons: e.basis.reasons,
    ruleVersion: e.ruleVersion,
    version: e.version,
  }, e.familyId, e.divisionCode);
}

/**
 * R6.1, R6.2: the measures that apply now — those of the family's tier, and those of each list
 * it is LISTED on (a procedure still running applies none yet; a suspended entry none, R7.2).
 */
export function measuresFor(rules: RuleSet, tier: Tier, entries: readonly Pick<ListEntry, "kind" | "status" | "listedOn">[], today: string, lastExpiredListingOn: string | null = null): MeasureView[] {
  const keys = new Set<string>();
  if (tier !== "GOOD") keys.add(tier);
  for (const e of entries) if (e.status === "LISTED") keys.add(e.kind);
  const listed = entries.find((e) => e.kind === "JOINT_PUNISHMENT" && e.status === "LISTED");
  const out: MeasureView[] = [];
  for (const m of rules.measures) {
    const years = MEASURE_YEARS_FROM_LISTING[m.code];
    if (years && m.appliesTo.includes("JOINT_PUNISHMENT")) {
      // R6.1: from the listing decision for its own years — while listed, and after an expiry.
      const from = listed?.listedOn ?? lastExpiredListingOn;
      const until = from ? addYears(from, years) : null;
      if (until && today < until) out.push({ code: m.code, name: m.name, until });
      else if (m.appliesTo.some((a) => a !== "JOINT_PUNISHMENT" && keys.has(a))) out.push({ code: m.code, name: m.name, until: null });
      continue;
    }
    if (m.appliesTo.some((a) => keys.has(a))) out.push({ code: m.code, name: m.name, until: null });
  }
  return out;
}
