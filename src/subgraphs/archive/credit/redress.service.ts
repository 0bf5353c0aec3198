// Objection (异议, R7.2), restoring reputation, and credit repair (信用修复, R7.5). Every step runs
// in one transaction holding the family's row lock (like identification), writes a dated
// document and keeps everything: nothing is deleted, every change is traceable.
import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { today as todayOf } from "../../../domain/clock";
import { shanghaiDate } from "../../../domain/credit/dates";
import {
  isOverdue,
  objectionDeadline,
  objectionExtendedDeadline,
  repairDeadline,
  repairEligibility,
  repairMethodsFor,
  type ObjectionDecision,
  type RepairMethod,
} from "../../../domain/credit/redress";
import { behaviorOf } from "../../../domain/credit/rule-set";
import { ancestry } from "../../../domain/divisions";
import { InputProblem } from "../../../domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../../errors";
import { CreditRecord } from "../entities/credit-record.entity";
import { ListEntry } from "../entities/list-entry.entity";
import { Objection, RepairApplication, type AttachmentRef } from "../entities/redress.entity";
import { Organization } from "../entities/organization.entity";
import { activeEntries, documentContext, lockFamily, recomputeScore, type CreditCtx } from "./credit.service";
import { appendListChange } from "./list-log";
import { locateRow } from "../../access";
import { loadRuleBook } from "./rules.service";
import { resumeEntry } from "./procedure.service";
import * as docs from "./documents";
import { deliverCorrectionNotice, type CorrectionAction } from "./correction-notice.service";
import { authorityDivision } from "../../../auth/caller";

export interface ObjectionInput {
  recordId?: string | null;
  listEntryId?: string | null;
  reasons: string;
  attachments: { fileName: string; contentBase64: string }[];
}

/** The family (and its division) a record or list entry belongs to: who may act on it is decided on this. */
export async function familyOfCase(em: EntityManager, input: { recordId?: string | null; listEntryId?: string | null }): Promise<CaseFamily> {
  // Located whether or not the caller may see it: the jurisdiction is decided on its real division.
  const row = input.recordId ? await locateRow(em, "record", input.recordId) : input.listEntryId ? await locateRow(em, "entry", input.listEntryId) : null;
  if (!row) throw hubError(ErrorCode.NOT_FOUND, input.recordId ? "信用记录不存在" : "名单记录不存在");
  return row;
}

export interface CaseFamily {
  familyId: string;
  divisionCode: string;
}

/** Entries grounded on any of the records (or the entry itself) that are still on a list. */
function derivedEntries(active: ListEntry[], recordIds: string[], listEntryId?: string | null): ListEntry[] {
  return active.filter((e) => e.id === listEntryId || e.basis.recordIds.some((id) => recordIds.includes(id)));
}

/**
 * R7.2: an objection suspends at once: the records count for nothing, listings derived from
 * them show SUSPENDED (off partner and public lists, no measures) until the reviewer decides.
 */
export async function fileObjection(c: CreditCtx, target: CaseFamily, input: ObjectionInput): Promise<Objection> {
  const problems: InputProblem[] = [];
  if (!input.recordId === !input.listEntryId) problems.push(new InputProblem("recordId", "异议应针对一条信用记录或一条名单记录（二选一）"));
  if (!input.reasons || input.reasons.trim().length < 4) problems.push(new InputProblem("reasons", "请写明异议理由（至少4个字符）"));
  const attachments: AttachmentRef[] = [];
  input.attachments.forEach((a, i) => {
    if (!a.fileName.trim()) problems.push(new InputProblem(`attachments[${i}].fileName`, "文件名不能为空"));
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(a.contentBase64)) problems.push(new InputProblem(`attachments[${i}].contentBase64`, "文件内容应为 Base64 编码"));
    const content = Buffer.from(a.contentBase64, "base64");
    attachments.push({ fileName: a.fileName.trim(), sha256: createHash("sha256").update(content).digest("hex"), size: content.length });
  });
  if (problems.length) throw badInput(problems);
  const today = todayOf(c.clock);
  return c.em.transactional(async (tx) => {
    const family = await lockFamily(tx, target.familyId);
    const records = await tx.find(CreditRecord, { familyId: family.id }, { refresh: true });
    const active = await activeEntries(tx, family.id);
    let recordIds: string[];
    if (input.recordId) {
      const record = records.find((r) => r.id === input.recordId)!;
      if (record.status !== "IDENTIFIED") throw hubError(ErrorCode.CONFLICT, `只能对已认定的记录提出异议（当前：${record.status}）`);
      recordIds = [record.id];
    } else {
      const entry = active.find((e) => e.id === input.listEntryId);
      if (!entry) throw hubError(ErrorCode.CONFLICT, "该名单记录已移出，不能提出异议");
      recordIds = entry.basis.recordIds;
    }
    const open = await tx.find(Objection, { familyId: family.id, status: "OPEN" });
    if (open.some((o) => o.recordIds.some((id) => recordIds.includes(id)) || (input.listEntryId && o.listEntryId === input.listEntryId))) {
      throw hubError(ErrorCode.CONFLICT, "该记录已有正在核查的异议");
    }
    const book = await loadRuleBook(tx);
    const rules = book.forDivision(family.divisionCode, today);
    const now = c.clock.now();
    for (const r of records) if (recordIds.includes(r.id)) r.suspendedByObjection = true;
    for (const e of derivedEntries(active, recordIds, input.listEntryId)) {
      if (e.status === "SUSPENDED") continue;
      e.suspendedFromStatus = e.status;
      e.suspendedOn = today;
      e.status = "SUSPENDED";
      await appendListChange(tx, e, "CHANGED", now);
    }
    await recomputeScore(tx, family, records, rules, today, now);
    const objection = tx.create(Objection, {
      familyId: family.id,
      divisionCode: family.divisionCode,
      recordId: input.recordId ?? null,
      listEntryId: input.listEntryId ?? null,
      recordIds,
      reasons: input.reasons.trim(),
      attachments,
      filedOn: today,
      filedAt: now,
      filedBy: c.actor.sub,
      deadline: objectionDeadline(today, rules, c.calendar),
      status: "OPEN",
      ruleVersion: rules.version,
    });
    await tx.flush();
    return objection;
  });
}

/** R7.2: extended once, with a reason, to 20 working days from filing in total. */
export async function extendObjection(c: CreditCtx, objectionId: string, reason: string): Promise<Objection> {
  if (!reason || reason.trim().length < 4) throw badInput([new InputProblem("reason", "请写明延期理由（至少4个字符）")]);
  const head = await c.em.fork({ keepTransactionContext: true }).findOne(Objection, { id: objectionId }, { fields: ["familyId"] });
  if (!head) throw hubError(ErrorCode.NOT_FOUND, "异议不存在");
  const today = todayOf(c.clock);
  return c.em.transactional(async (tx) => {
    const family = await lockFamily(tx, head.familyId);
    const o = await tx.findOneOrFail(Objection, { id: objectionId }, { refresh: true });
    if (o.status !== "OPEN") throw hubError(ErrorCode.CONFLICT, "异议已答复");
    if (o.extensionReason) throw hubError(ErrorCode.CONFLICT, `核查期限只能延长一次（已延长至 ${o.deadline}）`);
    const book = await loadRuleBook(tx);
    const rules = book.byVersion(o.ruleVersion) ?? book.forDivision(family.divisionCode, today);
    o.extensionReason = reason.trim();
    o.deadline = objectionExtendedDeadline(o.filedOn, rules, c.calendar);
    docs.objectionExtension(documentContext(tx, family, rules, today, c.actor), o.recordId ?? null, o.deadline, o.extensionReason);
    await tx.flush();
    return o;
  });
}

export interface ObjectionDecisionInput {
  decision: ObjectionDecision;
  reason: string;
  /** For CORRECTED: the corrected fields of the record. */
  correction?: { behaviorCode?: string | null; facts?: string | null; occurredOn?: string | null; endedOn?: string | null } | null;
}

export interface ObjectionOutcome {
  objection: Objection;
  correctionNotices: number;
  publicNoticesWithdrawn: number;
}

/**
 * R7.2: the reviewer answers in writing. UPHELD lifts the suspension; CORRECTED changes the
 * record and rescores; REVOKED revokes the record and withdraws the listings derived from it.
 * A record revoked or corrected after it was disclosed restores the family's reputation: each
 * organisation that received it (from the audit trail, R8.3) gets a correction notice, and
 * withdrawn public listings are recorded as withdrawn.
 */
export async function decideObjection(c: CreditCtx, objectionId: string, input: ObjectionDecisionInput): Promise<ObjectionOutcome> {
  const problems: InputProblem[] = [];
  if (!input.reason || input.reason.trim().length < 4) problems.push(new InputProblem("reason", "请写明核查结论的理由（至少4个字符）"));
  const corr = input.correction ?? null;
  if (input.decision === "CORRECTED" && (!corr || !Object.values(corr).some((v) => v != null))) problems.push(new InputProblem("correction", "更正应给出至少一项更正内容"));
  if (input.decision !== "CORRECTED" && corr) problems.push(new InputProblem("correction", "只有 CORRECTED 可以给出更正内容"));
  if (corr?.occurredOn && !/^\d{4}-\d{2}-\d{2}$/.test(corr.occurredOn)) problems.push(new InputProblem("correction.occurredOn", "日期格式应为 YYYY-MM-DD"));
  if (corr?.endedOn && !/^\d{4}-\d{2}-\d{2}$/.test(corr.endedOn)) problems.push(new InputProblem("correction.endedOn", "日期格式应为 YYYY-MM-DD"));
  if (problems.length) throw badInput(problems);
  const head = await c.em.fork({ keepTransactionContext: true }).findOne(Objection, { id: objectionId }, { fields: ["familyId"] });
  if (!head) throw hubError(ErrorCode.NOT_FOUND, "异议不存在");
  const today = todayOf(c.clock);
  const now = c.clock.now();
  return c.em.transactional(async (tx) => {
    const family = await lockFamily(tx, head.familyId);
    const o = await tx.findOneOrFail(Objection, { id: objectionId }, { refresh: true });
    if (o.status !== "OPEN") throw hubError(ErrorCode.CONFLICT, `异议已于 ${o.decidedOn} 答复（${o.decision}）`);
    const records = await tx.find(CreditRecord, { familyId: family.id }, { refresh: true });
    const book = await loadRuleBook(tx);
    const rules = book.forDivision(family.divisionCode, today);
    const targets = records.filter((r) => o.recordIds.includes(r.id));
    // R5, R7.2 (分工明确): who identified a record does not verify the objection against it.
    if (targets.some((r) => r.decidedBy === c.actor.sub)) {
      throw hubError(ErrorCode.FORBIDDEN, "作出该认定的工作人员不能核查答复针对该认定的异议，请由其他人员办理（分工明确）", { reason: "FOUR_EYES" });
    }
    const changes: string[] = [];
    if (input.decision === "CORRECTED" && corr) {
      const record = targets[0];
      if (corr.behaviorCode && !behaviorOf(rules, corr.behaviorCode)) throw badInput([new InputProblem("correction.behaviorCode", `失信行为“${corr.behaviorCode}”不在现行目录中`)]);
      for (const [field, value] of Object.entries(corr) as [keyof typeof corr, string | null | undefined][]) {
        if (value == null) continue;
        changes.push(`${field}：${String(record[field] ?? "")} → ${value}`);
        (record as unknown as Record<string, unknown>)[field] = value;
      }
    }
    for (const r of targets) {
      r.suspendedByObjection = false;
      if (input.decision === "REVOKED") r.status = "REVOKED";
    }
    const active = await activeEntries(tx, family.id);
    const dc = documentContext(tx, family, rules, today, c.actor);
    let publicNoticesWithdrawn = 0;
    for (const e of derivedEntries(active, o.recordIds, o.listEntryId)) {
      const before = e.suspendedFromStatus ?? e.status;
      e.suspendedFromStatus = null;
      if (input.decision === "REVOKED") {
        e.status = "REMOVED";
        e.removedOn = today;
        e.removalReason = "异议成立，信用记录撤销";
        e.removalCause = "REVOKED";
        e.suspendedOn = null;
        await appendListChange(tx, e, "REMOVED", now);
        docs.removalNotice(dc, e, e.removalReason);
        // R5.3, R6.6: a listing that was public (warning list, publicity, joint list) is withdrawn.
        if ((before === "LISTED" || before === "PUBLICIZING") && e.kind !== "KEY_ATTENTION") {
          docs.publicNoticeWithdrawal(dc, e, e.removalReason);
          publicNoticesWithdrawn += 1;
        }
      } else {
        resumeEntry(e, before, today);
        await appendListChange(tx, e, "CHANGED", now, input.decision === "CORRECTED" ? "CORRECTED" : "RESUMED");
      }
    }
    const score = await recomputeScore(tx, family, records, rules, today, now);
    for (const r of targets) r.points = score.records.find((s) => s.id === r.id)?.points ?? 0;
    let correctionNotices = 0;
    if (input.decision !== "UPHELD") {
      for (const r of targets) correctionNotices += await restoreReputation(tx, dc, r, input.decision);
    }
    const answer = docs.objectionAnswer(dc, targets.length === 1 ? targets[0] : null, input.decision, input.reason.trim(), changes);
    o.status = "DECIDED";
    o.decision = input.decision;
    o.decisionReason = input.reason.trim();
    o.decidedOn = today;
    o.decidedBy = c.actor.sub;
    o.answerDocumentId = answer.id;
    await tx.flush();
    return { objection: o, correctionNotices, publicNoticesWithdrawn };
  });
}

/**
 * R7.2 (restoring reputation): every organisation that received the family's credit or list
 * data since the record was identified — from the disclosure audit — gets a correction notice.
 */
async function restoreReputation(tx: EntityManager, dc: docs.DocumentContext, record: CreditRecord, decision: ObjectionDecision): Promise<number> {
  if (!record.decidedAt) return 0;
  const rows = await tx.getConnection().execute<{ org_code: string; day: string }[]>(
    `select distinct "org_code", to_char("at" at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as day
       from "archive"."audit_entry"
      where "kind" = 'DISCLOSURE' and "family_ids" @> ?::jsonb and "at" >= ? and "org_code" is not null
        and jsonb_exists_any("categories_returned", array['CREDIT', 'LISTS'])
      order by day`,
    [JSON.stringify([dc.familyId]), record.decidedAt],
    "all",
    tx.getTransactionContext(),
  );
  // The family's own authorities hold the record itself; the notices go to everyone else.
  const own = new Set(ancestry(dc.divisionCode).map((d) => `HA-${d.code}`));
  const byOrg = new Map<string, string[]>();
  for (const r of rows) if (!own.has(r.org_code)) byOrg.set(r.org_code, [...(byOrg.get(r.org_code) ?? []), r.day]);
  if (!byOrg.size) return 0;
  const orgs = await tx.find(Organization, { code: { $in: [...byOrg.keys(), dc.issuedByOrg] } });
  const issuer = { name: orgs.find((o) => o.code === dc.issuedByOrg)?.name ?? docs.authorityName(authorityDivision(dc.issuedByOrg) ?? dc.divisionCode) };
  for (const [code, days] of byOrg) {
    const name = orgs.find((o) => o.code === code)?.name ?? code;
    const doc = docs.correctionNotice(dc, { code, name }, record, decision, days);
    // The recipient's copy: it lists, pulls and acknowledges it (correction-notice.service.ts).
    await deliverCorrectionNotice(tx, dc, doc, { code, name }, issuer, record, decision as CorrectionAction);
  }
  return byOrg.size;
}

/** Open objections past their (possibly extended) deadline (R7.2). */
export async function overdueObjections(em: EntityManager, divisionCodes: string[], today: string): Promise<Objection[]> {
  const open = await em.find(Objection, { status: "OPEN", divisionCode: { $in: divisionCodes } }, { orderBy: { deadline: "asc" } });
  return open.filter((o) => isOverdue(o.deadline, today));
}

export interface RepairInput {
  recordId: string;
  method: RepairMethod;
  statement: string;
  commitmentSha256: string;
}

/**
 * R7.5: an application names the record and the method, with a signed credit commitment. It is
 * refused (with the date it becomes eligible) before the waiting period of the rule set.
 */
export async function applyForRepair(c: CreditCtx, target: CaseFamily, input: RepairInput): Promise<RepairApplication> {
  const problems: InputProblem[] = [];
  if (!input.statement || input.statement.trim().length < 4) problems.push(new InputProblem("statement", "请写明纠正失信行为的情况（至少4个字符）"));
  if (!/^[0-9a-f]{64}$/i.test(input.commitmentSha256)) problems.push(new InputProblem("commitmentSha256", "应提供已签署的信用承诺书的 SHA-256（64位十六进制）"));
  if (problems.length) throw badInput(problems);
  const today = todayOf(c.clock);
  return c.em.transactional(async (tx) => {
    const family = await lockFamily(tx, target.familyId);
    const record = await tx.findOneOrFail(CreditRecord, { id: input.recordId }, { refresh: true });
    if (record.status !== "IDENTIFIED") throw hubError(ErrorCode.CONFLICT, `只能对已认定的记录申请修复（当前：${record.status}）`);
    if (record.suspendedByObjection) throw hubError(ErrorCode.CONFLICT, "该记录正在异议核查中，核查结束后再申请修复");
    if (await tx.findOne(RepairApplication, { recordId: record.id, status: "OPEN" })) throw hubError(ErrorCode.CONFLICT, "该记录已有待审核的修复申请");
    const rules = (await loadRuleBook(tx)).forDivision(family.divisionCode, today);
    const methods = repairMethodsFor(record.behaviorCode, rules);
    if (!methods.includes(input.method)) {
      throw badInput([new InputProblem("method", `该失信行为${behaviorOf(rules, record.behaviorCode)?.intentional ? "属故意" : "属非故意"}，修复方式应为：${methods.join("、")}`)]);
    }
    const identifiedOn = shanghaiDate(record.decidedAt!);
    const eligible = repairEligibility(record.behaviorCode, identifiedOn, today, rules);
    if (!eligible.ok) {
      throw hubError(ErrorCode.CONFLICT, `尚未到可申请信用修复的时间：${eligible.severity === "SEVERE" ? "严重" : "中度"}失信行为自认定之日（${identifiedOn}）起满规定期限后方可申请，最早 ${eligible.eligibleOn}`, {
        eligibleOn: eligible.eligibleOn,
      });
    }
    const app = tx.create(RepairApplication, {
      familyId: family.id,
      divisionCode: family.divisionCode,
      recordId: record.id,
      method: input.method,
      statement: input.statement.trim(),
      commitmentSha256: input.commitmentSha256.toLowerCase(),
      appliedOn: today,
      appliedBy: c.actor.sub,
      deadline: repairDeadline(today, rules, c.calendar),
      status: "OPEN",
      ruleVersion: rules.version,
    });
    await tx.flush();
    return app;
  });
}

/** R7.5: the decision is due in 3 working days, extendable once by 3. */
export async function extendRepair(c: CreditCtx, applicationId: string): Promise<RepairApplication> {
  const head = await c.em.fork({ keepTransactionContext: true }).findOne(RepairApplication, { id: applicationId }, { fields: ["familyId"] });
  if (!head) throw hubError(ErrorCode.NOT_FOUND, "修复申请不存在");
  return c.em.transactional(async (tx) => {
    await lockFamily(tx, head.familyId);
    const a = await tx.findOneOrFail(RepairApplication, { id: applicationId }, { refresh: true });
    if (a.status !== "OPEN") throw hubError(ErrorCode.CONFLICT, "修复申请已决定");
    if (a.extended) throw hubError(ErrorCode.CONFLICT, "审核期限只能延长一次");
    const rules = (await loadRuleBook(tx)).byVersion(a.ruleVersion)!;
    a.extended = true;
    a.deadline = repairDeadline(a.appliedOn, rules, c.calendar, true);
    await tx.flush();
    return a;
  });
}

/**
 * R7.5: approved, the record is kept and shown as REPAIRED but no longer counts for the score,
 * lists or measures; a listing grounded on it ends.
 */
export async function decideRepair(c: CreditCtx, applicationId: string, approve: boolean, reason: string): Promise<RepairApplication> {
  if (!reason || reason.trim().length < 4) throw badInput([new InputProblem("reason", "请写明审核意见（至少4个字符）")]);
  const head = await c.em.fork({ keepTransactionContext: true }).findOne(RepairApplication, { id: applicationId }, { fields: ["familyId"] });
  if (!head) throw hubError(ErrorCode.NOT_FOUND, "修复申请不存在");
  const today = todayOf(c.clock);
  const now = c.clock.now();
  return c.em.transactional(async (tx) => {
    const family = await lockFamily(tx, head.familyId);
    const a = await tx.findOneOrFail(RepairApplication, { id: applicationId }, { refresh: true });
    if (a.status !== "OPEN") throw hubError(ErrorCode.CONFLICT, `修复申请已于 ${a.decidedOn} 决定`);
    const records = await tx.find(CreditRecord, { familyId: family.id }, { refresh: true });
    const record = records.find((r) => r.id === a.recordId)!;
    const rules = (await loadRuleBook(tx)).forDivision(family.divisionCode, today);
    const dc = documentContext(tx, family, rules, today, c.actor);
    if (approve) {
      if (record.status !== "IDENTIFIED") throw hubError(ErrorCode.CONFLICT, `记录状态已变为 ${record.status}，不能修复`);
      record.status = "REPAIRED";
      for (const e of derivedEntries(await activeEntries(tx, family.id), [record.id])) {
        e.status = "REMOVED";
        e.suspendedFromStatus = null;
        e.removedOn = today;
        e.removalReason = "信用修复";
        e.removalCause = "REPAIRED";
        await appendListChange(tx, e, "REMOVED", now);
        docs.removalNotice(dc, e, "失信行为已纠正并完成信用修复");
      }
      const score = await recomputeScore(tx, family, records, rules, today, now);
      record.points = score.records.find((s) => s.id === record.id)?.points ?? 0;
    }
    const doc = docs.repairDecision(dc, record, approve, reason.trim());
    a.status = approve ? "APPROVED" : "REJECTED";
    a.decisionReason = reason.trim();
    a.decidedOn = today;
    a.decidedBy = c.actor.sub;
    a.decisionDocumentId = doc.id;
    await tx.flush();
    return a;
  });
}

/** Open repair applications past their deadline (R7.5). */
export async function overdueRepairs(em: EntityManager, divisionCodes: string[], today: string): Promise<RepairApplication[]> {
  const open = await em.find(RepairApplication, { status: "OPEN", divisionCode: { $in: divisionCodes } }, { orderBy: { deadline: "asc" } });
  return open.filter((a) => isOverdue(a.deadline, today));
}
