// Running the lists over time: the joint-punishment procedure's steps (R6.6), quarterly
// warning batches (R5.3), expiry of entries and the report of overdue steps.
import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { today as todayOf } from "../../../domain/clock";
import { quarterLabel } from "../../../domain/credit/dates";
import { warningEligible } from "../../../domain/credit/lists";
import { advance, closeProcedure, listingExpired, overdueStep, resumeAfterSuspension, statusOfStep, warningPeriod, type JointProcedure, type Overdue } from "../../../domain/credit/procedure";
import type { HolidayCalendar } from "../../../domain/credit/working-days";
import { InputProblem } from "../../../domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../../errors";
import { CreditRecord } from "../entities/credit-record.entity";
import { FamilyCredit } from "../entities/family-credit.entity";
import { ListEntry } from "../entities/list-entry.entity";
import { WarningBatch } from "../entities/warning-batch.entity";
import { ListEntryStatement } from "../entities/list-entry-statement.entity";
import { activeEntries, documentContext, evaluateLists, lockFamily, toFacts, type CreditCtx } from "./credit.service";
import { appendListChange } from "./list-log";
import { loadRuleBook, type RuleBook } from "./rules.service";
import * as docs from "./documents";

export function procedureOf(e: ListEntry): JointProcedure {
  return {
    step: e.step!,
    remindedOn: e.remindedOn!,
    reminderDeadline: e.reminderDeadline!,
    notifiedOn: e.notifiedOn,
    defenceUntil: e.defenceUntil,
    publicityFrom: e.publicityFrom,
    publicityUntil: e.publicityUntil,
    listedOn: e.listedOn,
    listedUntil: e.listedUntil,
    removedOn: e.removedOn,
  };
}

/** R7.2: while an objection is verified no step may be taken; the entry stays SUSPENDED. */
function assertNotSuspended(entry: ListEntry) {
  if (entry.status === "SUSPENDED") {
    const since = entry.suspendedOn ? `自 ${entry.suspendedOn} 起` : "";
    throw hubError(ErrorCode.CONFLICT, `该名单记录${since}因异议核查暂停执行（R7.2），异议答复前不能办理程序环节`, { status: "SUSPENDED" });
  }
}

/**
 * R7.2: the objection is answered and the entry goes back to its step: the period that was
 * running resumes with the days it stood still (resumeAfterSuspension).
 */
export function resumeEntry(e: ListEntry, restoredStatus: ListEntry["status"], today: string) {
  e.status = restoredStatus;
  if (e.kind === "JOINT_PUNISHMENT" && e.step && e.suspendedOn) applyProcedure(e, resumeAfterSuspension(procedureOf(e), e.suspendedOn, today));
  e.suspendedOn = null;
}

function applyProcedure(e: ListEntry, p: JointProcedure) {
  e.step = p.step;
  e.status = statusOfStep(p.step);
  e.reminderDeadline = p.reminderDeadline;
  e.notifiedOn = p.notifiedOn ?? null;
  e.defenceUntil = p.defenceUntil ?? null;
  e.publicityFrom = p.publicityFrom ?? null;
  e.publicityUntil = p.publicityUntil ?? null;
  e.listedOn = p.listedOn ?? null;
  e.listedUntil = p.listedUntil ?? null;
  e.removedOn = p.removedOn ?? null;
  if (p.step === "LISTED") {
    e.since = p.listedOn!;
    e.until = p.listedUntil!;
  }
}

/** The entry's family id, read before the transaction (on one embedded connection a read outside it would wait). */
async function entryFamilyId(c: CreditCtx, entryId: string): Promise<string> {
  const head = await c.em.fork({ keepTransactionContext: true }).findOne(ListEntry, { id: entryId }, { fields: ["familyId"] });
  if (!head) throw hubError(ErrorCode.NOT_FOUND, "名单记录不存在");
  return head.familyId;
}

async function lockedEntry(tx: EntityManager, familyId: string, entryId: string) {
  const family = await lockFamily(tx, familyId);
  const entry = await tx.findOneOrFail(ListEntry, { id: entryId }, { refresh: true });
  return { family, entry };
}

/** R6.6: takes the next step of a joint-punishment procedure today; too early is a CONFLICT. */
export async function advanceJointProcedure(c: CreditCtx, entryId: string, opts: { listingYears?: number | null; expectedStep?: string | null } = {}): Promise<ListEntry> {
  const today = todayOf(c.clock);
  const now = c.clock.now();
  const familyId = await entryFamilyId(c, entryId);
  return c.em.transactional(async (tx) => {
    const { family, entry } = await lockedEntry(tx, familyId, entryId);
    if (entry.kind !== "JOINT_PUNISHMENT") throw hubError(ErrorCode.CONFLICT, "只有失信联合惩戒程序有办理环节");
    assertNotSuspended(entry);
    if (opts.expectedStep && opts.expectedStep !== entry.step) throw hubError(ErrorCode.CONFLICT, `程序已处于“${entry.step}”环节，请刷新后重试`);
    const rules = (await loadRuleBook(tx)).byVersion(entry.ruleVersion)!;
    const statements = await tx.find(ListEntryStatement, { listEntryId: entry.id }, { orderBy: { receivedOn: "asc", recordedAt: "asc" } });
    // R6.6: the decision weighs every statement and defence before the procedure goes on.
    const unweighed = statements.filter((st) => !st.assessment);
    if (entry.step === "NOTIFIED" && unweighed.length) throw hubError(ErrorCode.CONFLICT, `有 ${unweighed.length} 份陈述申辩尚未复核，复核后再办理下一环节`, { unassessed: unweighed.length });
    const result = advance(procedureOf(entry), today, rules, c.calendar, opts.listingYears ?? undefined);
    if (!result.ok) {
      if (result.reason === "BAD_PERIOD") throw badInput([new InputProblem("listingYears", result.message)]);
      throw hubError(ErrorCode.CONFLICT, result.message, result.earliest ? { earliest: result.earliest } : {});
    }
    applyProcedure(entry, result.procedure);
    await appendListChange(tx, entry, entry.status === "REMOVED" ? "REMOVED" : "CHANGED", now);
    const dc = documentContext(tx, family, rules, today, c.actor);
    if (entry.step === "NOTIFIED") docs.defenceNotice(dc, entry);
    if (entry.step === "PUBLICIZING") docs.publicityNotice(dc, entry);
    if (entry.step === "LISTED") docs.listingDecision(dc, entry, statements);
    if (entry.step === "REMOVED") {
      entry.removalReason = "列入期限届满";
      entry.removalCause = "EXPIRED";
      docs.removalNotice(dc, entry, entry.removalReason);
    }
    await tx.flush();
    return entry;
  });
}

export interface StatementInput {
  receivedOn: string;
  channel: "WRITTEN" | "ORAL";
  content: string;
  attachments: { fileName: string; contentBase64: string }[];
}

/**
 * R6.6 (陈述申辩): the family's statement and defence, received during the notice period
 * (from the notice to the end of the defence period), is recorded with the entry; it becomes
 * part of the listing decision, which states it and how it was weighed.
 */
export async function recordStatement(c: CreditCtx, entryId: string, input: StatementInput): Promise<ListEntryStatement> {
  const today = todayOf(c.clock);
  const p: InputProblem[] = [];
  if (!input.content || input.content.trim().length < 4 || input.content.length > 8000) p.push(new InputProblem("content", "陈述申辩内容应为4至8000个字符"));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.receivedOn) || input.receivedOn > today) p.push(new InputProblem("receivedOn", "收到日期应为不晚于今天的日期"));
  if (input.attachments.length > 10) p.push(new InputProblem("attachments", "附件最多10份"));
  input.attachments.forEach((a, i) => {
    if (!a.fileName.trim() || a.fileName.length > 200) p.push(new InputProblem(`attachments[${i}].fileName`, "文件名不能为空且不超过200个字符"));
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.contentBase64)) p.push(new InputProblem(`attachments[${i}].contentBase64`, "文件内容应为 Base64 编码"));
  });
  if (p.length) throw badInput(p);
  const familyId = await entryFamilyId(c, entryId);
  return c.em.transactional(async (tx) => {
    const { family, entry } = await lockedEntry(tx, familyId, entryId);
    if (entry.kind !== "JOINT_PUNISHMENT") throw hubError(ErrorCode.CONFLICT, "只有失信联合惩戒程序有陈述申辩环节");
    assertNotSuspended(entry);
    if (entry.step !== "NOTIFIED" || !entry.notifiedOn || !entry.defenceUntil) throw hubError(ErrorCode.CONFLICT, "只能在告知环节（陈述申辩期内）登记陈述申辩");
    if (input.receivedOn < entry.notifiedOn || input.receivedOn > entry.defenceUntil) {
      throw badInput([new InputProblem("receivedOn", `陈述申辩期为 ${entry.notifiedOn} 至 ${entry.defenceUntil}，收到日期应在此期间`)]);
    }
    const row = tx.create(ListEntryStatement, {
      listEntryId: entry.id,
      familyId: family.id,
      divisionCode: family.divisionCode,
      receivedOn: input.receivedOn,
      channel: input.channel,
      content: input.content.trim(),
      attachments: input.attachments.map((a) => {
        const content = Buffer.from(a.contentBase64, "base64");
        return { fileName: a.fileName.trim(), sha256: createHash("sha256").update(content).digest("hex"), size: content.length };
      }),
      assessment: null,
      recordedBy: c.actor.sub,
      recordedAt: c.clock.now(),
    });
    tx.persist(row);
    await tx.flush();
    return row;
  });
}

/** R6.6: the authority's consideration of a statement (adopted or not, and why). Adopting it is closing the procedure. */
export async function assessStatement(c: CreditCtx, statementId: string, assessment: string): Promise<ListEntryStatement> {
  if (!assessment || assessment.trim().length < 4 || assessment.length > 4000) throw badInput([new InputProblem("assessment", "复核意见应为4至4000个字符")]);
  const head = await c.em.fork({ keepTransactionContext: true }).findOne(ListEntryStatement, { id: statementId }, { fields: ["familyId", "listEntryId"] });
  if (!head) throw hubError(ErrorCode.NOT_FOUND, "陈述申辩记录不存在");
  return c.em.transactional(async (tx) => {
    const { entry } = await lockedEntry(tx, head.familyId, head.listEntryId);
    if (entry.step !== "NOTIFIED" || entry.status === "SUSPENDED") throw hubError(ErrorCode.CONFLICT, "程序已离开告知环节或正在异议核查中，不能再复核陈述申辩");
    const row = await tx.findOneOrFail(ListEntryStatement, { id: statementId }, { refresh: true });
    if (row.recordedBy === c.actor.sub) throw hubError(ErrorCode.FORBIDDEN, "登记陈述申辩的工作人员不能复核该陈述申辩（分工明确）", { reason: "FOUR_EYES" });
    row.assessment = assessment.trim();
    await tx.flush();
    return row;
  });
}

/** Ends a procedure early: the family complied, or its statement and defence were accepted. */
export async function closeJointProcedure(c: CreditCtx, entryId: string, reason: string): Promise<ListEntry> {
  if (!reason || reason.trim().length < 2) throw badInput([new InputProblem("reason", "请填写终止程序的理由")]);
  const today = todayOf(c.clock);
  const familyId = await entryFamilyId(c, entryId);
  return c.em.transactional(async (tx) => {
    const { family, entry } = await lockedEntry(tx, familyId, entryId);
    if (entry.kind !== "JOINT_PUNISHMENT" || entry.status === "REMOVED") throw hubError(ErrorCode.CONFLICT, "该程序已结束或不是失信联合惩戒程序");
    assertNotSuspended(entry);
    const rules = (await loadRuleBook(tx)).byVersion(entry.ruleVersion)!;
    applyProcedure(entry, closeProcedure(procedureOf(entry), today));
    entry.removalReason = reason.trim();
    entry.removalCause = "CLOSED";
    await appendListChange(tx, entry, "REMOVED", c.clock.now());
    docs.removalNotice(documentContext(tx, family, rules, today, c.actor), entry, entry.removalReason);
    await tx.flush();
    return entry;
  });
}

export interface WarningBatchResult {
  batch: WarningBatch;
  entries: ListEntry[];
}

/** R5.3: publishes the quarter's warning list of a division: new entries and renewals. */
export async function publishWarningBatch(c: CreditCtx, divisionCode: string, divisionCodes: string[]): Promise<WarningBatchResult> {
  const today = todayOf(c.clock);
  const now = c.clock.now();
  const quarter = quarterLabel(today);
  const em = c.em.fork({ keepTransactionContext: true });
  if (await em.findOne(WarningBatch, { divisionCode, quarter })) throw hubError(ErrorCode.CONFLICT, `${quarter} 季度警示名单已发布`);
  const book = await loadRuleBook(em);
  const candidates = await em.find(FamilyCredit, { divisionCode: { $in: divisionCodes }, tier: { $ne: "GOOD" } }, { fields: ["familyId"] });
  const entries: ListEntry[] = [];
  let added = 0;
  let renewed = 0;
  const batch = await c.em.transactional(async (tx) => {
    const row = tx.create(WarningBatch, { divisionCode, quarter, publishedOn: today, added: 0, renewed: 0, ruleVersion: book.forDivision(divisionCode, today).version, publishedBy: c.actor.sub });
    tx.persist(row);
    await tx.flush(); // the unique (division, quarter) refuses a concurrent second publication
    for (const { familyId } of candidates) {
      const family = await lockFamily(tx, familyId);
      const rules = book.forDivision(family.divisionCode, today);
      const records = await tx.find(CreditRecord, { familyId });
      if (!warningEligible(records.map(toFacts), today, rules)) continue;
      const active = await activeEntries(tx, familyId);
      if (active.some((e) => e.kind !== "WARNING")) continue;
      const period = warningPeriod(today, rules);
      let entry = active.find((e) => e.kind === "WARNING");
      const renewal = Boolean(entry);
      if (entry) {
        entry.until = period.until;
        entry.batch = quarter;
        renewed++;
      } else {
        entry = tx.create(ListEntry, {
          familyId,
          divisionCode: family.divisionCode,
          kind: "WARNING",
          status: "LISTED",
          since: period.since,
          until: period.until,
          basis: { recordIds: records.filter((r) => r.status === "IDENTIFIED").map((r) => r.id), reasons: ["R5.3"] },
          ruleVersion: rules.version,
          batch: quarter,
        });
        tx.persist(entry);
        added++;
      }
      await appendListChange(tx, entry, renewal ? "CHANGED" : "ADDED", now);
      docs.warningNotice(documentContext(tx, family, rules, today, c.actor), entry, renewal);
      entries.push(entry);
    }
    row.added = added;
    row.renewed = renewed;
    await tx.flush();
    return row;
  });
  return { batch, entries };
}

export interface MaintenanceReport {
  expired: number;
  started: number;
  overdue: { entryId: string; familyId: string; divisionCode: string; overdue: Overdue }[];
}

/**
 * The daily job: removes warning and key-attention entries whose period has ended (R5.3,
 * R6.4), starts procedures whose rectification deadline has passed unmet (R6.3), and reports
 * joint-punishment steps that are overdue. Listed entries are removed only by the procedure's
 * own last step, so that the removal is a dated decision.
 */
export async function runListMaintenance(c: CreditCtx, divisionCodes: string[]): Promise<MaintenanceReport> {
  const today = todayOf(c.clock);
  const now = c.clock.now();
  const em = c.em.fork({ keepTransactionContext: true });
  const book = await loadRuleBook(em);
  const report: MaintenanceReport = { expired: 0, started: 0, overdue: [] };
  // R5.3, R6.4: warning and key-attention periods; R6.6: a joint-punishment listing ends on its
  // own date too (also while an objection suspends it: the period is the decision's).
  const expiring = await em.find(ListEntry, {
    status: { $ne: "REMOVED" },
    divisionCode: { $in: divisionCodes },
    $or: [{ kind: { $in: ["WARNING", "KEY_ATTENTION"] }, until: { $lte: today } }, { kind: "JOINT_PUNISHMENT", step: "LISTED", listedUntil: { $lte: today } }],
  });
  for (const stale of expiring) {
    await c.em.transactional(async (tx) => {
      const family = await lockFamily(tx, stale.familyId);
      const entry = await tx.findOneOrFail(ListEntry, { id: stale.id }, { refresh: true });
      if (entry.status === "REMOVED") return;
      const joint = entry.kind === "JOINT_PUNISHMENT";
      if (joint && !listingExpired(procedureOf(entry), today)) return;
      const rules = book.byVersion(entry.ruleVersion) ?? book.forDivision(entry.divisionCode, today);
      // The listing ends on its own date (a run that comes late still dates the removal then).
      const endedOn = joint ? entry.listedUntil! : today;
      if (joint) {
        applyProcedure(entry, { ...procedureOf(entry), step: "REMOVED", removedOn: endedOn });
        entry.suspendedFromStatus = null;
        entry.suspendedOn = null;
      }
      entry.status = "REMOVED";
      entry.removedOn = endedOn;
      entry.removalReason = joint ? "列入期限届满" : "期限届满";
      entry.removalCause = "EXPIRED";
      await appendListChange(tx, entry, "REMOVED", now);
      docs.removalNotice(documentContext(tx, family, rules, today, c.actor), entry, entry.removalReason);
      report.expired++;
    });
  }
  const due = await em.find(CreditRecord, { status: "IDENTIFIED", rectificationDeadline: { $lt: today }, rectificationCompliedOn: null, divisionCode: { $in: divisionCodes } }, { fields: ["familyId"] });
  for (const familyId of new Set(due.map((r) => r.familyId))) {
    await c.em.transactional(async (tx) => {
      const family = await lockFamily(tx, familyId);
      const records = await tx.find(CreditRecord, { familyId });
      const rules = book.forDivision(family.divisionCode, today);
      const changed = await evaluateLists(tx, family, records, rules, { on: today, now, actor: c.actor, calendar: c.calendar });
      report.started += changed.filter((e) => e.kind === "JOINT_PUNISHMENT").length;
    });
  }
  report.overdue = await overdueSteps(em, book, c.calendar, today, divisionCodes);
  return report;
}

export async function overdueSteps(em: EntityManager, book: RuleBook, calendar: HolidayCalendar, today: string, divisionCodes: string[]) {
  // R7.2: a suspended procedure is not overdue; its clock runs again when the objection is answered.
  const open = await em.find(ListEntry, { kind: "JOINT_PUNISHMENT", status: { $nin: ["REMOVED", "SUSPENDED"] }, divisionCode: { $in: divisionCodes } }, { orderBy: { remindedOn: "asc" } });
  const out: MaintenanceReport["overdue"] = [];
  for (const e of open) {
    const rules = book.byVersion(e.ruleVersion) ?? book.forDivision(e.divisionCode, today);
    const o = overdueStep(procedureOf(e), today, rules, calendar);
    if (o) out.push({ entryId: e.id, familyId: e.familyId, divisionCode: e.divisionCode, overdue: o });
  }
  return out;
}

