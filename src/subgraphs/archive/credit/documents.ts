// Written documents of the procedures, stored with their dates: identification notices (R5.4),
// key-attention warnings (R6.4), reminders, defence notices, publicity, listing and removal
// (R6.6). Text in Chinese, addressed to the family.
import type { EntityManager } from "@mikro-orm/core";
import { LIST_KIND_NAMES } from "../../../domain/labels";
import { findDivision } from "../../../domain/divisions";
import { RECORD_SOURCE_NAMES, behaviorOf, type RuleSet, type Tier } from "../../../domain/credit/rule-set";
import { CreditDocument, type DocumentKind } from "../entities/credit-document.entity";
import type { CreditRecord } from "../entities/credit-record.entity";
import type { ListEntry } from "../entities/list-entry.entity";

export const TIER_NAMES: Record<Tier, string> = { GOOD: "守信", MILD: "轻度失信", MODERATE: "中度失信", SEVERE: "严重失信" };
const KIND_CODES: Record<DocumentKind, string> = {
  IDENTIFICATION_NOTICE: "认定",
  REJECTION_NOTICE: "不予认定",
  WARNING_NOTICE: "警示",
  KEY_ATTENTION_NOTICE: "关注",
  REMINDER: "催告",
  DEFENCE_NOTICE: "告知",
  PUBLICITY_NOTICE: "公示",
  LISTING_DECISION: "列入",
  REMOVAL_NOTICE: "移出",
  OBJECTION_ANSWER: "异议",
  OBJECTION_EXTENSION: "异议延期",
  REPAIR_DECISION: "修复",
  CORRECTION_NOTICE: "更正",
  PUBLIC_NOTICE_WITHDRAWAL: "撤回",
  RECTIFICATION_ORDER: "责改",
  TIER_CHANGE_NOTICE: "等级",
};

export interface DocumentContext {
  tx: EntityManager;
  familyId: string;
  divisionCode: string;
  applicantName: string;
  issuedOn: string;
  issuedBy: string;
  issuedByOrg: string;
  rules: RuleSet;
}

export function authorityName(divisionCode: string): string {
  return `${findDivision(divisionCode)?.name ?? divisionCode}住房保障主管部门`;
}

function issue(c: DocumentContext, kind: DocumentKind, title: string, body: string, refs: { recordId?: string; listEntryId?: string; deliveredOn?: string | null; recipientCode?: string }): CreditDocument {
  const doc = c.tx.create(CreditDocument, {
    familyId: c.familyId,
    kind,
    recipientCode: refs.recipientCode ?? null,
    recordId: refs.recordId ?? null,
    listEntryId: refs.listEntryId ?? null,
    number: "",
    title,
    body,
    issuedOn: c.issuedOn,
    deliveredOn: refs.deliveredOn ?? null,
    ruleVersion: c.rules.version,
    issuedBy: c.issuedBy,
    issuedByOrg: c.issuedByOrg,
  });
  doc.number = `${c.divisionCode}〔${c.issuedOn.slice(0, 4)}〕${KIND_CODES[kind]}${doc.id.slice(0, 8).toUpperCase()}号`;
  c.tx.persist(doc);
  return doc;
}

const footer = (c: DocumentContext) => `\n\n${authorityName(c.divisionCode)}\n${c.issuedOn}`;

/** R5.4: the identification result and evaluation, and how to object (R7.2). */
export function identificationNotice(c: DocumentContext, record: CreditRecord, points: number, score: number, tier: Tier, deliveredOn: string | null): CreditDocument {
  const behavior = behaviorOf(c.rules, record.behaviorCode);
  const body = [
    `${c.applicantName}家庭：`,
    `经核查，你家庭存在以下失信行为，现依据《湖北省公共租赁住房保障家庭信用管理及失信联合惩戒制度的实施意见（试行）》予以认定：`,
    `一、失信行为：${behavior?.name ?? record.behaviorCode}（${record.behaviorCode}）；发生日期：${record.occurredOn}。`,
    `二、事实：${record.facts}`,
    `三、信息来源：${RECORD_SOURCE_NAMES[record.source]}。`,
    `四、依据：${record.legalBasis}`,
    `五、扣分：${points} 分；认定后信用分 ${score} 分，信用等级：${TIER_NAMES[tier]}（规则版本 ${c.rules.version}）。`,
    `六、如对本认定有异议，可自收到本告知书之日起向本机关提出异议申请并提交相关材料，本机关将在 ${c.rules.objection.decisionWorkingDays} 个工作日内核查并书面答复；异议核查期间暂不执行联合惩戒措施。`,
  ].join("\n");
  return issue(c, "IDENTIFICATION_NOTICE", "失信行为认定告知书", body + footer(c), { recordId: record.id, deliveredOn });
}

export function rejectionNotice(c: DocumentContext, record: CreditRecord, reason: string): CreditDocument {
  const body = `${c.applicantName}家庭：\n经核查，对你家庭“${behaviorOf(c.rules, record.behaviorCode)?.name ?? record.behaviorCode}”的失信行为线索不予认定。理由：${reason}`;
  return issue(c, "REJECTION_NOTICE", "失信行为不予认定告知书", body + footer(c), { recordId: record.id });
}

/** R6.4: the warning to a key-attention family, stating the attention period. */
export function keyAttentionNotice(c: DocumentContext, entry: ListEntry): CreditDocument {
  const body = [
    `${c.applicantName}家庭：`,
    `因你家庭存在中度失信行为或多次轻度失信行为，现将你家庭列入重点关注名单，重点关注期限自 ${entry.since} 至 ${entry.until}。`,
    `重点关注期限内如再发生中度及以上失信行为，将转入失信联合惩戒对象名单，实施联合惩戒。请自觉遵守公共租赁住房管理规定，诚信履约。`,
  ].join("\n");
  return issue(c, "KEY_ATTENTION_NOTICE", "重点关注名单警示告知书", body + footer(c), { listEntryId: entry.id, deliveredOn: c.issuedOn });
}

export function warningNotice(c: DocumentContext, entry: ListEntry, renewed: boolean): CreditDocument {
  const body = `${c.applicantName}家庭：\n你家庭因存在失信行为${renewed ? "继续" : ""}列入本季度（${entry.batch}）警示名单，公示期自 ${entry.since} 至 ${entry.until}。`;
  return issue(c, "WARNING_NOTICE", "警示名单告知书", body + footer(c), { listEntryId: entry.id, deliveredOn: c.issuedOn });
}

/** R6.6: the reminder (催告) states the deadline and the risk of listing. */
export function reminder(c: DocumentContext, entry: ListEntry, reasons: string[]): CreditDocument {
  const body = [
    `${c.applicantName}家庭：`,
    `你家庭存在以下涉嫌严重失信的情形：${reasons.join("；")}。`,
    `请于 ${entry.reminderDeadline} 前（${c.rules.jointPunishment.reminderWorkingDays} 个工作日内）履行相关义务、改正违规行为。`,
    `逾期不履行的，本机关将依照规定启动程序，你家庭可能被列入失信联合惩戒对象名单，并被推送至相关信用信息共享平台实施联合惩戒。`,
  ].join("\n");
  return issue(c, "REMINDER", "催告书", body + footer(c), { listEntryId: entry.id, deliveredOn: c.issuedOn });
}

export function defenceNotice(c: DocumentContext, entry: ListEntry): CreditDocument {
  const body = [
    `${c.applicantName}家庭：`,
    `你家庭在催告期限（${entry.reminderDeadline}）届满后仍未履行义务，本机关拟将你家庭列入失信联合惩戒对象名单。`,
    `你家庭有权进行陈述和申辩，请于 ${entry.defenceUntil} 前（${c.rules.jointPunishment.defenceWorkingDays} 个工作日内）向本机关提出；逾期未提出的，视为放弃陈述和申辩。`,
  ].join("\n");
  return issue(c, "DEFENCE_NOTICE", "拟列入失信联合惩戒对象名单告知书", body + footer(c), { listEntryId: entry.id, deliveredOn: c.issuedOn });
}

export function publicityNotice(c: DocumentContext, entry: ListEntry): CreditDocument {
  const body = `${c.applicantName}家庭列入失信联合惩戒对象初步名单，公示期自 ${entry.publicityFrom} 至 ${entry.publicityUntil}。公示期内对公示内容有异议的，可向本机关书面提出。`;
  return issue(c, "PUBLICITY_NOTICE", "失信联合惩戒对象初步名单公示", body + footer(c), { listEntryId: entry.id, deliveredOn: c.issuedOn });
}

/** R6.3: a rectification order (责令限期改正) issued after identification; its deadline passing unmet starts the procedure. */
export function rectificationOrder(c: DocumentContext, record: CreditRecord): CreditDocument {
  const body = [
    `${c.applicantName}家庭：`,
    `你家庭“${behaviorOf(c.rules, record.behaviorCode)?.name ?? record.behaviorCode}”的失信行为已于认定告知书中告知。现责令你家庭于 ${record.rectificationDeadline} 前改正。`,
    `逾期拒不改正的，本机关将依照规定启动失信联合惩戒程序（催告、告知、公示、列入名单）。`,
  ].join("\n");
  return issue(c, "RECTIFICATION_ORDER", "责令限期改正通知书", body + footer(c), { recordId: record.id, deliveredOn: c.issuedOn });
}

/** R5.4: a tier that changes without a new identification (records leaving the score, a new rule version). */
export function tierChangeNotice(c: DocumentContext, from: { score: number; tier: Tier }, to: { score: number; tier: Tier }, why: string): CreditDocument {
  const body = [
    `${c.applicantName}家庭：`,
    `${why}，你家庭信用分由 ${from.score} 分调整为 ${to.score} 分，信用等级由${TIER_NAMES[from.tier]}调整为${TIER_NAMES[to.tier]}（规则版本 ${c.rules.version}）。`,
    `如对调整结果有异议，可向本机关提出。`,
  ].join("\n");
  return issue(c, "TIER_CHANGE_NOTICE", "信用等级调整告知书", body + footer(c), { deliveredOn: c.issuedOn });
}

export interface StatementSummary {
  receivedOn: string;
  channel: string;
  content: string;
  assessment?: string | null;
}

export function listingDecision(c: DocumentContext, entry: ListEntry, statements: readonly StatementSummary[] = []): CreditDocument {
  const measures = c.rules.measures.filter((m) => m.appliesTo.includes("JOINT_PUNISHMENT")).map((m) => m.name);
  // R6.6 (国办发〔2020〕49号 陈述申辩): the decision states what the family said and how it was weighed.
  const heard = statements.length
    ? `你家庭在告知期内提出陈述申辩 ${statements.length} 次：${statements.map((s, i) => `（${i + 1}）${s.receivedOn}${s.channel === "ORAL" ? "口头" : "书面"}提出：“${s.content.slice(0, 200)}”；复核意见：${s.assessment ?? "未复核"}`).join("；")}。`
    : `你家庭在告知期内未提出陈述申辩，视为放弃。`;
  const body = [
    `${c.applicantName}家庭：`,
    heard,
    `公示期满，本机关决定将你家庭列入失信联合惩戒对象名单，期限自 ${entry.listedOn} 至 ${entry.listedUntil}。`,
    `名单将逐级报送上级住房保障主管部门，并推送至相关信用信息共享平台，由相关部门依法实施联合惩戒：${measures.join("；")}。`,
    `对本决定不服的，可依法申请行政复议或提起行政诉讼；认为信息有误的，可提出异议申请。`,
  ].join("\n");
  return issue(c, "LISTING_DECISION", "列入失信联合惩戒对象名单决定书", body + footer(c), { listEntryId: entry.id, deliveredOn: c.issuedOn });
}

export function removalNotice(c: DocumentContext, entry: ListEntry, reason: string): CreditDocument {
  const names = LIST_KIND_NAMES;
  const body = `${c.applicantName}家庭：\n你家庭自 ${entry.removedOn} 起移出${names[entry.kind]}。原因：${reason}`;
  return issue(c, "REMOVAL_NOTICE", `移出${names[entry.kind]}告知书`, body + footer(c), { listEntryId: entry.id, deliveredOn: c.issuedOn });
}

const DECISION_TEXT: Record<string, string> = {
  UPHELD: "经核查，原信用记录事实清楚、依据充分，异议不成立，维持原记录，恢复执行",
  CORRECTED: "经核查，原信用记录部分有误，已予更正，并重新计算信用分",
  REVOKED: "经核查，异议成立，撤销该信用记录，由其产生的名单一并撤回",
};

/** R7.2: the written answer to an objection. */
export function objectionAnswer(c: DocumentContext, record: CreditRecord | null, decision: string, reason: string, changes: string[]): CreditDocument {
  const what = record ? `“${behaviorOf(c.rules, record.behaviorCode)?.name ?? record.behaviorCode}”信用记录（发生日期 ${record.occurredOn}）` : "名单记录";
  const body = [
    `${c.applicantName}家庭：`,
    `你家庭对${what}提出的异议，本机关已核查完毕。`,
    `${DECISION_TEXT[decision] ?? decision}。理由：${reason}`,
    ...(changes.length ? [`更正内容：${changes.join("；")}`] : []),
    `对本答复不服的，可依法申请行政复议或提起行政诉讼。`,
  ].join("\n");
  return issue(c, "OBJECTION_ANSWER", "信用信息异议答复书", body + footer(c), { recordId: record?.id, deliveredOn: c.issuedOn });
}

/** R7.2: the deadline is extended once, with the reason stated to the family. */
export function objectionExtension(c: DocumentContext, recordId: string | null, deadline: string, reason: string): CreditDocument {
  const body = `${c.applicantName}家庭：\n因${reason}，你家庭异议的核查期限延长至 ${deadline}。核查期间相关信用记录暂停使用。`;
  return issue(c, "OBJECTION_EXTENSION", "异议核查延期通知书", body + footer(c), { recordId: recordId ?? undefined, deliveredOn: c.issuedOn });
}

/** R7.5: the decision on a repair application. */
export function repairDecision(c: DocumentContext, record: CreditRecord, approved: boolean, reason: string): CreditDocument {
  const name = behaviorOf(c.rules, record.behaviorCode)?.name ?? record.behaviorCode;
  const body = [
    `${c.applicantName}家庭：`,
    approved
      ? `你家庭关于“${name}”信用记录（发生日期 ${record.occurredOn}）的信用修复申请，经审核予以通过。该记录予以保留并标注为“已修复”，自 ${c.issuedOn} 起不再计入信用分，不再作为列入名单和实施惩戒的依据。`
      : `你家庭关于“${name}”信用记录的信用修复申请，经审核不予通过。理由：${reason}`,
    ...(approved ? [`说明：${reason}`] : []),
  ].join("\n");
  return issue(c, "REPAIR_DECISION", approved ? "信用修复决定书" : "不予信用修复决定书", body + footer(c), { recordId: record.id, deliveredOn: c.issuedOn });
}

/** R7.2 (restoring reputation): to an organisation that received data later revoked or corrected. */
export function correctionNotice(c: DocumentContext, recipient: { code: string; name: string }, record: CreditRecord, decision: string, receivedOn: string[]): CreditDocument {
  const name = behaviorOf(c.rules, record.behaviorCode)?.name ?? record.behaviorCode;
  const body = [
    `${recipient.name}：`,
    `你单位曾于 ${receivedOn.join("、")} 经本枢纽获取公租房保障家庭（档案编号 ${c.familyId}）的信用信息，其中“${name}”信用记录（发生日期 ${record.occurredOn}）经异议核查已${decision === "REVOKED" ? "撤销" : "更正"}。`,
    `请据此更正或删除你单位留存的相关信息，停止依据原信息实施的惩戒措施，并消除不良影响。`,
  ].join("\n");
  return issue(c, "CORRECTION_NOTICE", "信用信息更正通知书", body + footer(c), { recordId: record.id, recipientCode: recipient.code });
}

/** R7.2: the public notice of a withdrawn listing is taken down; the withdrawal is recorded. */
export function publicNoticeWithdrawal(c: DocumentContext, entry: ListEntry, reason: string): CreditDocument {
  const names = LIST_KIND_NAMES;
  const body = `本机关于 ${entry.since} 公开的${names[entry.kind]}中该家庭的信息，已于 ${c.issuedOn} 撤回，不再公开。原因：${reason}`;
  return issue(c, "PUBLIC_NOTICE_WITHDRAWAL", `撤回${names[entry.kind]}公开信息记录`, body + footer(c), { listEntryId: entry.id });
}
