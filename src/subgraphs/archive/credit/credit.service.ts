// Credit records and their identification (R3.2, R5.1, R5.2, R5.4, R5.5, R6.5), scores (R5.2)
// and the list consequences of each decision (R6.3, R6.4). Every decision on a family runs in
// one transaction holding the family's row lock, so two staff acting at once cannot produce a
// double listing or a lost decision.
import { settleLeadByRecord } from "../intake/intake.service";
import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import type { Clock } from "../../../domain/clock";
import { addDays, shanghaiDate } from "../../../domain/credit/dates";
import { today as todayOf } from "../../../domain/clock";
import type { HolidayCalendar } from "../../../domain/credit/working-days";
import { RECORD_SOURCES, behaviorOf, type RecordSource, type RuleSet } from "../../../domain/credit/rule-set";
import { scoreOf } from "../../../domain/credit/score";
import { jointPunishmentReasons, keyAttentionEligible, type RecordWithOrder } from "../../../domain/credit/lists";
import { keyAttentionPeriod, startProcedure, statusOfStep } from "../../../domain/credit/procedure";
import { InputProblem } from "../../../domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../../errors";
import { CreditRecord, type CommitteeDecision } from "../entities/credit-record.entity";
import { Evidence } from "../entities/evidence.entity";
import { FamilyCredit } from "../entities/family-credit.entity";
import { ListEntry } from "../entities/list-entry.entity";
import { appendListChange } from "./list-log";
import { loadRuleBook, type RuleBook } from "./rules.service";
import * as docs from "./documents";

export interface Actor {
  sub: string;
  org: string;
}

export interface CreditCtx {
  em: EntityManager;
  actor: Actor;
  clock: Clock;
  calendar: HolidayCalendar;
}

export function toFacts(r: CreditRecord): RecordWithOrder {
  return {
    id: r.id,
    behaviorCode: r.behaviorCode,
    status: r.status,
    occurredOn: r.occurredOn,
    endedOn: r.endedOn ?? null,
    identifiedOn: r.decidedAt && r.status !== "PENDING" && r.status !== "CANDIDATE" ? shanghaiDate(r.decidedAt) : null,
    suspended: r.suspendedByObjection,
    rectification: r.rectificationDeadline ? { orderedOn: r.rectificationOrderedOn ?? r.occurredOn, deadline: r.rectificationDeadline, compliedOn: r.rectificationCompliedOn ?? null } : null,
  };
}

/** What a decision needs of the family it locked. */
export interface LockedFamily {
  id: string;
  divisionCode: string;
  applicantName: string;
}

/** Locks the family's row for the rest of the transaction (serialises decisions on one family). */
export async function lockFamily(tx: EntityManager, familyId: string): Promise<LockedFamily> {
  const rows = await tx.getConnection().execute<{ id: string; division_code: string; applicant: string | null }[]>(
    `select f."id", f."division_code",
            (select m."name" from "archive"."family_member" m where m."family_id" = f."id" order by m."position" limit 1) as applicant
       from "archive"."family" f where f."id" = ? for update`,
    [familyId],
    "all",
    tx.getTransactionContext(),
  );
  if (!rows.length) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
  return { id: rows[0].id, divisionCode: rows[0].division_code, applicantName: rows[0].applicant ?? "" };
}

export function documentContext(tx: EntityManager, family: LockedFamily, rules: RuleSet, on: string, actor: Actor): docs.DocumentContext {
  return { tx, familyId: family.id, divisionCode: family.divisionCode, applicantName: family.applicantName, issuedOn: on, issuedBy: actor.sub, issuedByOrg: actor.org, rules };
}

/** R5.2: recomputes and stores the family's score and tier from its records. */
export async function recomputeScore(tx: EntityManager, family: LockedFamily, records: CreditRecord[], rules: RuleSet, on: string, now: Date) {
  const result = scoreOf(records.map(toFacts), on, rules);
  const row = await tx.findOne(FamilyCredit, { familyId: family.id });
  if (row) {
    row.score = result.score;
    row.tier = result.tier;
    row.ruleVersion = rules.version;
    row.divisionCode = family.divisionCode;
    row.computedAt = now;
  } else {
    tx.persist(tx.create(FamilyCredit, { familyId: family.id, divisionCode: family.divisionCode, score: result.score, tier: result.tier, ruleVersion: rules.version, computedAt: now }));
  }
  return result;
}

export async function activeEntries(tx: EntityManager, familyId: string): Promise<ListEntry[]> {
  return tx.find(ListEntry, { familyId, status: { $ne: "REMOVED" } });
}

function reasonText(rules: RuleSet, records: CreditRecord[], reason: ReturnType<typeof jointPunishmentReasons>[number]): string {
  const r = records.find((x) => x.id === reason.recordId);
  const name = r ? (behaviorOf(rules, r.behaviorCode)?.name ?? r.behaviorCode) : reason.recordId;
  if (reason.kind === "CRITERION" && reason.criterion === 5) return `${name}，属于国家规定可直接列入失信联合惩戒对象名单的情形（符合列入情形第（5）项）`;
  return reason.kind === "CRITERION"
    ? `${name}，经责令限期改正（期限 ${r?.rectificationDeadline}），逾期拒不改正（符合列入情形第（${reason.criterion}）项）`
    : `重点关注期限内发生中度以上失信行为：${name}`;
}

/**
 * The list consequences of the family's records now: the joint-punishment procedure starts
 * (R6.3, and R6.4 escalation out of key attention, which the family leaves), or the family is
 * put on the key-attention list with a warning stating the period (R6.4). Warning-list entries
 * come only from the quarterly batches (R5.3).
 */
export async function evaluateLists(tx: EntityManager, family: LockedFamily, records: CreditRecord[], rules: RuleSet, c: { on: string; now: Date; actor: Actor; calendar: HolidayCalendar }): Promise<ListEntry[]> {
  const active = await activeEntries(tx, family.id);
  const joint = active.find((e) => e.kind === "JOINT_PUNISHMENT");
  const attention = active.find((e) => e.kind === "KEY_ATTENTION");
  const warning = active.find((e) => e.kind === "WARNING");
  const changed: ListEntry[] = [];
  // A family moving up to a stronger list leaves the weaker ones (R6.4 转入).
  const leave = async (entry: ListEntry | undefined, reason: string) => {
    if (!entry) return;
    entry.status = "REMOVED";
    entry.removedOn = c.on;
    entry.removalReason = reason;
    entry.removalCause = "ESCALATED";
    await appendListChange(tx, entry, "REMOVED", c.now);
    changed.push(entry);
  };
  const facts = records.map(toFacts);
  const dc = documentContext(tx, family, rules, c.on, c.actor);
  if (joint) return changed;
  // A record that already grounded a procedure (listed and expired, or closed) does not start another.
  const earlier = await tx.find(ListEntry, { familyId: family.id, kind: "JOINT_PUNISHMENT", status: "REMOVED" }, { fields: ["basis"] });
  const used = new Set(earlier.flatMap((e) => e.basis.recordIds));
  const reasons = jointPunishmentReasons(facts, c.on, rules, attention ? { since: attention.since, until: attention.until! } : null).filter((r) => !used.has(r.recordId));
  if (reasons.length) {
    const p = startProcedure(c.on, rules, c.calendar);
    const entry = tx.create(ListEntry, {
      familyId: family.id,
      divisionCode: family.divisionCode,
      kind: "JOINT_PUNISHMENT",
      status: statusOfStep(p.step),
      step: p.step,
      since: c.on,
      until: null,
      basis: { recordIds: reasons.map((r) => r.recordId), reasons: reasons.map((r) => (r.kind === "CRITERION" ? `R6.3(${r.criterion})` : "R6.4")) },
      ruleVersion: rules.version,
      remindedOn: p.remindedOn,
      reminderDeadline: p.reminderDeadline,
    });
    tx.persist(entry);
    await appendListChange(tx, entry, "ADDED", c.now);
    docs.reminder(dc, entry, reasons.map((r) => reasonText(rules, records, r)));
    changed.push(entry);
    await leave(attention, "转入失信联合惩戒对象名单");
    await leave(warning, "转入失信联合惩戒对象名单");
    return changed;
  }
  if (!attention && keyAttentionEligible(facts, c.on, rules)) {
    const period = keyAttentionPeriod(c.on, rules);
    const entry = tx.create(ListEntry, {
      familyId: family.id,
      divisionCode: family.divisionCode,
      kind: "KEY_ATTENTION",
      status: "LISTED",
      since: period.since,
      until: period.until,
      basis: { recordIds: facts.filter((f) => f.status === "IDENTIFIED").map((f) => f.id), reasons: ["R6.4"] },
      ruleVersion: rules.version,
    });
    tx.persist(entry);
    await appendListChange(tx, entry, "ADDED", c.now);
    docs.keyAttentionNotice(dc, entry);
    changed.push(entry);
    await leave(warning, "转入重点关注名单");
  }
  return changed;
}

export interface RecordBehaviorInput {
  familyId: string;
  behaviorCode: string;
  source: string;
  facts: string;
  legalBasis: string;
  occurredOn: string;
  endedOn?: string | null;
  informedBy?: "NOTICE_LETTER" | "COMMITMENT" | null;
  informedOn?: string | null;
  judicialCaseNumber?: string | null;
  rectification?: { orderedOn: string; deadline: string } | null;
  candidate?: { origin: "ARREARS" | "VACANCY"; key: string } | null;
  /** R5 (证据确凿): evidence files stored with the record, in its transaction. */
  evidence?: EvidenceFile[] | null;
}

function validateRecordInput(input: RecordBehaviorInput, rules: RuleSet, today: string): InputProblem[] {
  const p: InputProblem[] = [];
  if (!behaviorOf(rules, input.behaviorCode)) p.push(new InputProblem("behavior", `失信行为“${input.behaviorCode}”不在适用的失信行为目录（${rules.version}）中`));
  if (!(RECORD_SOURCES as readonly string[]).includes(input.source)) p.push(new InputProblem("source", "信息来源应为五类来源之一"));
  if (input.facts.trim().length < 5 || input.facts.length > 4000) p.push(new InputProblem("facts", "失信事实应为5至4000个字符"));
  if (input.legalBasis.trim().length < 2 || input.legalBasis.length > 2000) p.push(new InputProblem("legalBasis", "认定依据应为2至2000个字符"));
  if (input.occurredOn > today) p.push(new InputProblem("occurredOn", "发生日期不能晚于今天"));
  if (input.endedOn && (input.endedOn < input.occurredOn || input.endedOn > today)) p.push(new InputProblem("endedOn", "结束日期应在发生日期与今天之间"));
  if (input.informedOn && input.informedOn > today) p.push(new InputProblem("informedOn", "告知日期不能晚于今天"));
  if (input.informedBy && !input.informedOn) p.push(new InputProblem("informedOn", "请填写告知书或承诺书的日期"));
  if (input.rectification) {
    if (input.rectification.deadline < input.rectification.orderedOn) p.push(new InputProblem("rectification.deadline", "整改期限不能早于责令日期"));
    if (input.rectification.orderedOn > today) p.push(new InputProblem("rectification.orderedOn", "责令日期不能晚于今天"));
  }
  if (input.judicialCaseNumber != null && !/^.{4,64}$/.test(input.judicialCaseNumber)) p.push(new InputProblem("judicialCaseNumber", "案号应为4至64个字符"));
  return p;
}

/** R3.2, R5.1: records a behaviour (pending identification, or an automatic candidate). */
export async function recordBehavior(c: CreditCtx, input: RecordBehaviorInput, book?: RuleBook): Promise<CreditRecord> {
  const today = todayOf(c.clock);
  return c.em.transactional(async (tx) => {
    const family = await lockFamily(tx, input.familyId);
    const rules = (book ?? (await loadRuleBook(tx))).forDivision(family.divisionCode, today);
    const problems = validateRecordInput(input, rules, today);
    if ((input.evidence?.length ?? 0) > MAX_EVIDENCE_FILES) problems.push(new InputProblem("evidence", `一次最多上传 ${MAX_EVIDENCE_FILES} 份证据材料`));
    (input.evidence ?? []).forEach((f, i) => problems.push(...evidenceProblems(f, `evidence[${i}]`)));
    if (problems.length) throw badInput(problems);
    const record = tx.create(CreditRecord, {
      familyId: family.id,
      divisionCode: family.divisionCode,
      behaviorCode: input.behaviorCode,
      source: input.source as RecordSource,
      facts: input.facts.trim(),
      legalBasis: input.legalBasis.trim(),
      occurredOn: input.occurredOn,
      endedOn: input.endedOn ?? null,
      informedBy: input.informedBy ?? null,
      informedOn: input.informedOn ?? null,
      status: input.candidate ? "CANDIDATE" : "PENDING",
      candidateOrigin: input.candidate?.origin ?? null,
      candidateKey: input.candidate?.key ?? null,
      judicialCaseNumber: input.judicialCaseNumber ?? null,
      rectificationOrderedOn: input.rectification?.orderedOn ?? null,
      rectificationDeadline: input.rectification?.deadline ?? null,
      ruleVersion: rules.version,
      createdBy: c.actor.sub,
      createdByOrg: c.actor.org,
      createdAt: c.clock.now(),
    });
    tx.persist(record);
    for (const file of input.evidence ?? []) tx.persist(evidenceRow(tx, c, record, file));
    await tx.flush();
    // R6.5: a record relying on a judgment or penalty offered for this family settles that lead (the link kept both ways).
    if (record.judicialCaseNumber) await settleLeadByRecord(tx, family.id, record.judicialCaseNumber, record.id, c.actor.sub, c.clock.now());
    return record;
  });
}

export interface EvidenceFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export const MAX_EVIDENCE_FILES = 10;

function evidenceProblems(file: EvidenceFile, at = ""): InputProblem[] {
  const f = (name: string) => (at ? `${at}.${name}` : name);
  const p: InputProblem[] = [];
  if (!file.fileName.trim() || file.fileName.length > 200 || /[\\/]/.test(file.fileName)) p.push(new InputProblem(f("fileName"), "文件名不能为空、不超过200个字符且不含路径"));
  if (!/^[\w.+-]+\/[\w.+-]+$/.test(file.mediaType)) p.push(new InputProblem(f("mediaType"), "文件类型格式应如 application/pdf"));
  if (file.content.length === 0 || file.content.length > MAX_EVIDENCE_BYTES) p.push(new InputProblem(f("content"), "文件不能为空且不超过10MB"));
  return p;
}

function evidenceRow(tx: EntityManager, c: CreditCtx, record: CreditRecord, file: EvidenceFile): Evidence {
  return tx.create(Evidence, {
    record,
    fileName: file.fileName,
    mediaType: file.mediaType,
    size: file.content.length,
    sha256: createHash("sha256").update(file.content).digest("hex"),
    content: file.content,
    uploadedBy: c.actor.sub,
    uploadedAt: c.clock.now(),
  });
}

/** R5.2: evidence files are stored with their SHA-256. */
export async function addEvidence(c: CreditCtx, recordId: string, file: EvidenceFile): Promise<Evidence> {
  const p = evidenceProblems(file);
  if (p.length) throw badInput(p);
  return c.em.transactional(async (tx) => {
    const record = await tx.findOne(CreditRecord, { id: recordId });
    if (!record) throw hubError(ErrorCode.NOT_FOUND, "信用记录不存在");
    if (record.status !== "PENDING" && record.status !== "CANDIDATE") throw hubError(ErrorCode.CONFLICT, "记录已作出认定结论，不能再补充证据");
    const evidence = evidenceRow(tx, c, record, file);
    tx.persist(evidence);
    await tx.flush();
    return evidence;
  });
}

export interface DecisionInput {
  reason: string;
  committee?: CommitteeDecision | null;
  deliveredOn?: string | null;
  /** Optimistic check: the record version the decision was made on. */
  expectedVersion?: number | null;
  /** R5.1, R6.6: the 告知书 or 承诺书 the family was informed by, when the record does not state it yet (e.g. a detected candidate). */
  informedBy?: "NOTICE_LETTER" | "COMMITMENT" | null;
  informedOn?: string | null;
}

function validateCommittee(committee: CommitteeDecision | null | undefined, identify: boolean): InputProblem[] {
  if (!committee) return [];
  const p: InputProblem[] = [];
  const n = committee.members.length;
  if (n < 3) p.push(new InputProblem("committee.members", "评审委员会至少应有3名成员"));
  committee.members.forEach((m, i) => {
    if (!m.name.trim() || !m.organization.trim()) p.push(new InputProblem(`committee.members[${i}]`, "成员应有姓名和所在单位"));
  });
  const votes = [committee.votesFor, committee.votesAgainst, committee.abstentions];
  if (votes.some((v) => !Number.isInteger(v) || v < 0) || votes.reduce((a, b) => a + b, 0) !== n) p.push(new InputProblem("committee.votes", "赞成、反对、弃权票数之和应等于成员人数"));
  else if (identify && committee.votesFor * 2 <= n) p.push(new InputProblem("committee.votesFor", "赞成票未超过半数，评审委员会不能作出认定"));
  else if (!identify && committee.votesFor * 2 > n) p.push(new InputProblem("committee.votesFor", "赞成认定票已超过半数，不能作出不予认定结论"));
  return p;
}

async function decide(c: CreditCtx, recordId: string, input: DecisionInput, identify: boolean) {
  const today = todayOf(c.clock);
  const now = c.clock.now();
  const p = validateCommittee(input.committee, identify);
  if (!input.reason || input.reason.trim().length < 2) p.push(new InputProblem("reason", "请填写认定理由（至少2个字符）"));
  if (input.deliveredOn && (input.deliveredOn < today || input.deliveredOn > addDays(today, 30))) p.push(new InputProblem("deliveredOn", "送达日期应为今天起30日内"));
  if (!input.informedBy !== !input.informedOn) p.push(new InputProblem("informedOn", "告知书或承诺书的类型和日期应同时填写"));
  if (input.informedOn && input.informedOn > today) p.push(new InputProblem("informedOn", "告知日期不能晚于今天"));
  if (p.length) throw badInput(p);
  const head = await c.em.fork({ keepTransactionContext: true }).findOne(CreditRecord, { id: recordId }, { fields: ["familyId"] });
  if (!head) throw hubError(ErrorCode.NOT_FOUND, "信用记录不存在");
  return c.em.transactional(async (tx) => {
    const family = await lockFamily(tx, head.familyId);
    const records = await tx.find(CreditRecord, { familyId: family.id }, { refresh: true });
    const record = records.find((r) => r.id === recordId)!;
    if (record.status !== "PENDING" && record.status !== "CANDIDATE") {
      throw hubError(ErrorCode.CONFLICT, `该记录已作出结论（${record.status}），不能重复认定`);
    }
    if (input.expectedVersion != null && input.expectedVersion !== record.version) throw hubError(ErrorCode.CONFLICT, "记录已被他人修改，请刷新后重试");
    // R5 (分工明确): who recorded a behaviour does not decide on it (four eyes).
    if (record.createdBy === c.actor.sub) throw hubError(ErrorCode.FORBIDDEN, "记录该失信行为的工作人员不能对其作出认定结论，请由其他认定人员办理（分工明确）", { reason: "FOUR_EYES" });
    if (identify) {
      // R5 (事实清楚、证据确凿、依据充分): at least one piece of evidence, and the written notice or commitment the family was informed by.
      if (input.informedBy) {
        record.informedBy = input.informedBy;
        record.informedOn = input.informedOn!;
      }
      const evidence = await tx.count(Evidence, { record: record.id });
      const missing: string[] = [];
      if (evidence === 0) missing.push("至少一份证据材料");
      if (!record.informedBy || !record.informedOn) missing.push("告知书或信用承诺书的类型和日期");
      if (missing.length) throw hubError(ErrorCode.CONFLICT, `认定前应具备${missing.join("和")}（事实清楚、证据确凿、依据充分）`, { missing: missing.length });
    }
    const book = await loadRuleBook(tx);
    const rules = book.forDivision(family.divisionCode, today);
    if (!behaviorOf(rules, record.behaviorCode)) throw badInput([new InputProblem("behavior", `失信行为“${record.behaviorCode}”不在现行目录（${rules.version}）中`)]);
    record.status = identify ? "IDENTIFIED" : "REJECTED";
    record.decidedAt = now;
    record.decidedBy = c.actor.sub;
    record.decidedByOrg = c.actor.org;
    record.decisionMode = input.committee ? "COMMITTEE" : "IDENTIFIER";
    record.committee = input.committee ?? null;
    record.decisionReason = input.reason.trim();
    record.ruleVersion = rules.version;
    const dc = documentContext(tx, family, rules, today, c.actor);
    if (!identify) {
      docs.rejectionNotice(dc, record, record.decisionReason);
      await tx.flush();
      return { record, family };
    }
    const score = await recomputeScore(tx, family, records, rules, today, now);
    record.points = score.records.find((s) => s.id === record.id)?.points ?? 0;
    docs.identificationNotice(dc, record, record.points, score.score, score.tier, input.deliveredOn ?? today);
    await evaluateLists(tx, family, records, rules, { on: today, now, actor: c.actor, calendar: c.calendar });
    await tx.flush();
    return { record, family };
  });
}


/** R5.2, R5.4, R5.5: an identifier of the jurisdiction or a review committee identifies a record. */
export function identifyRecord(c: CreditCtx, recordId: string, input: DecisionInput) {
  return decide(c, recordId, input, true);
}

export function rejectRecord(c: CreditCtx, recordId: string, input: DecisionInput) {
  return decide(c, recordId, input, false);
}

/**
 * R6.3: a rectification order (责令限期改正) issued after identification. Its deadline passing
 * unmet starts the joint-punishment procedure at the next daily list maintenance, as an order
 * given when recording does.
 */
export async function orderRectification(c: CreditCtx, recordId: string, deadline: string): Promise<CreditRecord> {
  const today = todayOf(c.clock);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline) || deadline <= today || deadline > addDays(today, 366)) throw badInput([new InputProblem("deadline", "整改期限应为明天起一年内的日期")]);
  const head = await c.em.fork({ keepTransactionContext: true }).findOne(CreditRecord, { id: recordId }, { fields: ["familyId"] });
  if (!head) throw hubError(ErrorCode.NOT_FOUND, "信用记录不存在");
  return c.em.transactional(async (tx) => {
    const family = await lockFamily(tx, head.familyId);
    const record = await tx.findOneOrFail(CreditRecord, { id: recordId }, { refresh: true });
    if (record.status !== "IDENTIFIED") throw hubError(ErrorCode.CONFLICT, `只能对已认定的记录责令限期改正（当前：${record.status}）`);
    if (record.suspendedByObjection) throw hubError(ErrorCode.CONFLICT, "该记录正在异议核查中（R7.2），核查结束后再责令改正");
    if (record.rectificationDeadline && !record.rectificationCompliedOn) throw hubError(ErrorCode.CONFLICT, `已责令于 ${record.rectificationDeadline} 前改正，尚未完成`);
    const rules = (await loadRuleBook(tx)).forDivision(family.divisionCode, today);
    record.rectificationOrderedOn = today;
    record.rectificationDeadline = deadline;
    record.rectificationCompliedOn = null;
    docs.rectificationOrder(documentContext(tx, family, rules, today, c.actor), record);
    await tx.flush();
    return record;
  });
}

/** R6.3: the family complied with the rectification order (on or after the deadline). */
export async function recordCompliance(c: CreditCtx, recordId: string, compliedOn: string): Promise<CreditRecord> {
  const today = todayOf(c.clock);
  if (compliedOn > today) throw badInput([new InputProblem("compliedOn", "整改完成日期不能晚于今天")]);
  const head = await c.em.fork({ keepTransactionContext: true }).findOne(CreditRecord, { id: recordId }, { fields: ["familyId"] });
  if (!head) throw hubError(ErrorCode.NOT_FOUND, "信用记录不存在");
  return c.em.transactional(async (tx) => {
    await lockFamily(tx, head.familyId);
    const record = await tx.findOneOrFail(CreditRecord, { id: recordId }, { refresh: true });
    if (!record.rectificationDeadline) throw hubError(ErrorCode.CONFLICT, "该记录没有责令限期整改的要求");
    if (record.rectificationCompliedOn) throw hubError(ErrorCode.CONFLICT, `已于 ${record.rectificationCompliedOn} 登记整改完成`);
    if (compliedOn < (record.rectificationOrderedOn ?? record.occurredOn)) throw badInput([new InputProblem("compliedOn", "整改完成日期不能早于责令日期")]);
    record.rectificationCompliedOn = compliedOn;
    await tx.flush();
    return record;
  });
}
