// GraphQL types of credit records, scores and lists (archive subgraph). Names follow the
// consumer contract (../shared/contract/operations.graphql).
import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { Category, Locator } from "../shared/category";
import { DateScalar, DateTimeScalar } from "../shared/scalars";
import { connectionOf } from "../shared/connection";
import { Family } from "./archive.types";

export enum CreditTier {
  GOOD = "GOOD",
  MILD = "MILD",
  MODERATE = "MODERATE",
  SEVERE = "SEVERE",
}
registerEnumType(CreditTier, {
  name: "CreditTier",
  description: "信用等级（R5.2）",
  valuesConfig: { GOOD: { description: "守信（100分）" }, MILD: { description: "轻度失信" }, MODERATE: { description: "中度失信" }, SEVERE: { description: "严重失信" } },
});

export enum ListKind {
  WARNING = "WARNING",
  KEY_ATTENTION = "KEY_ATTENTION",
  JOINT_PUNISHMENT = "JOINT_PUNISHMENT",
}
registerEnumType(ListKind, {
  name: "ListKind",
  valuesConfig: { WARNING: { description: "警示名单" }, KEY_ATTENTION: { description: "重点关注名单" }, JOINT_PUNISHMENT: { description: "失信联合惩戒对象名单" } },
});

export enum ListStatus {
  PRELIMINARY = "PRELIMINARY",
  PUBLICIZING = "PUBLICIZING",
  LISTED = "LISTED",
  SUSPENDED = "SUSPENDED",
  REMOVED = "REMOVED",
}
registerEnumType(ListStatus, {
  name: "ListStatus",
  valuesConfig: {
    PRELIMINARY: { description: "程序中（催告、告知）" },
    PUBLICIZING: { description: "初步名单公示中" },
    LISTED: { description: "已列入" },
    SUSPENDED: { description: "异议核查中，暂停执行" },
    REMOVED: { description: "已移出" },
  },
});

export enum ListChangeAction {
  ADDED = "ADDED",
  CHANGED = "CHANGED",
  REMOVED = "REMOVED",
}
registerEnumType(ListChangeAction, { name: "ListChangeAction" });

export enum JointStep {
  REMINDED = "REMINDED",
  NOTIFIED = "NOTIFIED",
  PUBLICIZING = "PUBLICIZING",
  LISTED = "LISTED",
  REMOVED = "REMOVED",
}
registerEnumType(JointStep, {
  name: "JointStep",
  description: "失信联合惩戒程序环节（R6.6）",
  valuesConfig: { REMINDED: { description: "已催告" }, NOTIFIED: { description: "已告知（陈述申辩期）" }, PUBLICIZING: { description: "公示中" }, LISTED: { description: "已列入" }, REMOVED: { description: "已移出" } },
});

export enum RecordSource {
  SELF_DECLARATION = "SELF_DECLARATION",
  MANAGEMENT = "MANAGEMENT",
  DEPARTMENT = "DEPARTMENT",
  PUBLIC_COMPLAINT = "PUBLIC_COMPLAINT",
  OTHER = "OTHER",
}
registerEnumType(RecordSource, {
  name: "RecordSource",
  description: "信用信息来源（R5.1）",
  valuesConfig: {
    SELF_DECLARATION: { description: "（一）保障家庭自行申报、承诺" },
    MANAGEMENT: { description: "（二）住房保障管理部门在管理过程中获取" },
    DEPARTMENT: { description: "（三）相关部门提供" },
    PUBLIC_COMPLAINT: { description: "（四）公众投诉、信访、媒体报道并经查证属实" },
    OTHER: { description: "（五）其他" },
  },
});

export enum RecordStatus {
  CANDIDATE = "CANDIDATE",
  PENDING = "PENDING",
  IDENTIFIED = "IDENTIFIED",
  REJECTED = "REJECTED",
  REVOKED = "REVOKED",
  REPAIRED = "REPAIRED",
}
registerEnumType(RecordStatus, {
  name: "RecordStatus",
  valuesConfig: {
    CANDIDATE: { description: "系统发现的线索，待认定" },
    PENDING: { description: "已记录，待认定" },
    IDENTIFIED: { description: "已认定" },
    REJECTED: { description: "不予认定" },
    REVOKED: { description: "已撤销" },
    REPAIRED: { description: "已修复（保留记录，不再作为惩戒依据）" },
  },
});

export enum InformedBy {
  NOTICE_LETTER = "NOTICE_LETTER",
  COMMITMENT = "COMMITMENT",
}
registerEnumType(InformedBy, { name: "InformedBy", valuesConfig: { NOTICE_LETTER: { description: "告知书" }, COMMITMENT: { description: "承诺书" } } });

@ObjectType({ description: "证据材料（存储 SHA-256）" })
export class EvidenceFile {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  mediaType!: string;

  @Field(() => Int)
  size!: number;

  @Field(() => String)
  sha256!: string;

  @Field(() => DateTimeScalar)
  uploadedAt!: Date;
}

@ObjectType({ description: "评审委员会成员" })
export class CommitteeMember {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  organization!: string;
}

@ObjectType({ description: "评审委员会决定（R5.5）" })
export class CommitteeDecisionView {
  @Field(() => [CommitteeMember])
  members!: CommitteeMember[];

  @Field(() => Int)
  votesFor!: number;

  @Field(() => Int)
  votesAgainst!: number;

  @Field(() => Int)
  abstentions!: number;
}

@ObjectType({ description: "责令限期整改（R6.3）" })
export class Rectification {
  @Field(() => DateScalar)
  orderedOn!: string;

  @Field(() => DateScalar)
  deadline!: string;

  @Field(() => DateScalar, { nullable: true })
  compliedOn!: string | null;
}

@ObjectType({ description: "认定结论" })
export class RecordDecision {
  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => String)
  by!: string;

  @Field(() => String)
  organization!: string;

  @Field(() => String, { description: "IDENTIFIER（认定人员）或 COMMITTEE（评审委员会）" })
  mode!: string;

  @Field(() => CommitteeDecisionView, { nullable: true })
  committee!: CommitteeDecisionView | null;

  @Field(() => String)
  reason!: string;
}

@ObjectType({ description: "失信行为记录（R3.2）" })
@Directive('@key(fields: "id")')
export class CreditRecordView {
  @Field(() => ID)
  id!: string;

  /**
   * The record's family, for the judicial subgraph's cited judgment (@requires): it shows the
   * case only when its party is a member of this family, decided for this family's division.
   */
  @Locator()
  @Directive("@inaccessible")
  @Field(() => ID)
  familyId!: string;

  @Locator()
  @Directive("@inaccessible")
  @Field(() => String)
  familyDivision!: string;

  @Locator()
  @Directive("@inaccessible")
  @Field(() => [String])
  familyMemberIdNumbers!: string[];

  /** The family's division (the same as familyDivision). */
  divisionCode!: string;

  @Field(() => String, { description: "失信行为编码（B01…B11 及细化类型）" })
  behavior!: string;

  @Field(() => String)
  behaviorName!: string;

  @Field(() => RecordStatus)
  status!: RecordStatus;

  @Field(() => RecordSource)
  source!: RecordSource;

  @Field(() => String)
  facts!: string;

  @Field(() => String)
  legalBasis!: string;

  @Field(() => DateScalar)
  occurredOn!: string;

  @Field(() => DateScalar, { nullable: true })
  endedOn!: string | null;

  @Field(() => Int, { description: "当前计入的扣分（不计入时为0）" })
  points!: number;

  @Field(() => Boolean, { description: "是否计入信用分和名单" })
  counts!: boolean;

  @Field(() => Boolean, { description: "异议核查中，暂停使用（R7.2）" })
  suspendedByObjection!: boolean;

  @Field(() => Boolean, { description: "已超过该行为的惩戒（使用）期限，归档保存，不再提供（R7.4）" })
  archived!: boolean;

  @Field(() => InformedBy, { nullable: true })
  informedBy!: InformedBy | null;

  @Field(() => DateScalar, { nullable: true })
  informedOn!: string | null;

  @Field(() => String, { nullable: true, description: "系统发现的线索来源：ARREARS（欠租）或 VACANCY（空置）" })
  candidateOrigin!: string | null;

  @Category("JUDICIAL")
  @Field(() => String, { nullable: true })
  judicialCaseNumber!: string | null;

  @Field(() => Rectification, { nullable: true })
  rectification!: Rectification | null;

  @Field(() => RecordDecision, { nullable: true })
  decision!: RecordDecision | null;

  @Field(() => String)
  ruleVersion!: string;

  @Field(() => Int)
  version!: number;

  @Category("EVIDENCE")
  @Field(() => [EvidenceFile], { nullable: true })
  evidence!: EvidenceFile[] | null;
}

@ObjectType({ description: "信用分、等级与记录" })
export class CreditView {
  familyId!: string;

  @Field(() => Int)
  score!: number;

  @Field(() => CreditTier)
  tier!: CreditTier;

  @Field(() => String, { description: "计算所用的规则版本" })
  ruleVersion!: string;

  @Field(() => [CreditRecordView])
  records!: CreditRecordView[];
}

@ObjectType({ description: "名单记录" })
export class ListMembership {
  @Field(() => ID)
  id!: string;

  @Field(() => ListKind)
  kind!: ListKind;

  @Field(() => ListStatus)
  status!: ListStatus;

  @Field(() => DateScalar)
  since!: string;

  @Field(() => DateScalar, { nullable: true })
  until!: string | null;

  @Field(() => JointStep, { nullable: true })
  step!: JointStep | null;
}

@ObjectType({ description: "失信联合惩戒程序各环节日期（R6.6）" })
export class JointProcedureView {
  @Field(() => DateScalar)
  remindedOn!: string;

  @Field(() => DateScalar)
  reminderDeadline!: string;

  @Field(() => DateScalar, { nullable: true })
  notifiedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  defenceUntil!: string | null;

  @Field(() => DateScalar, { nullable: true })
  publicityFrom!: string | null;

  @Field(() => DateScalar, { nullable: true })
  publicityUntil!: string | null;

  @Field(() => DateScalar, { nullable: true })
  listedOn!: string | null;

  @Field(() => DateScalar, { nullable: true })
  listedUntil!: string | null;

  @Field(() => DateScalar, { nullable: true })
  removedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "下一环节最早可办理日期" })
  nextStepFrom!: string | null;
}

@ObjectType({ description: "名单中的一户家庭" })
export class CreditListEntry {
  @Field(() => ID)
  id!: string;

  familyId!: string;

  @Field(() => ListKind)
  kind!: ListKind;

  @Field(() => ListStatus)
  status!: ListStatus;

  @Field(() => DateScalar)
  since!: string;

  @Field(() => DateScalar, { nullable: true })
  until!: string | null;

  @Field(() => JointStep, { nullable: true })
  step!: JointStep | null;

  @Field(() => JointProcedureView, { nullable: true })
  procedure!: JointProcedureView | null;

  @Field(() => String, { nullable: true, description: "警示名单批次（季度）" })
  batch!: string | null;

  @Field(() => [String], { description: "列入依据（R6.3 第几项、R6.4 转入等）" })
  reasons!: string[];

  @Field(() => String)
  ruleVersion!: string;

  @Field(() => Int)
  version!: number;

  @Locator()
  @Field(() => Family)
  family!: Family;
}

@ObjectType({ description: "惩戒措施（R6.1）" })
export class MeasureView {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => DateScalar, { nullable: true, description: "有自身期限的措施（如 M07 自列入决定起五年）的截止日期（不含）；其余措施随信用等级或名单存续，为 null" })
  until?: string | null;
}

@ObjectType({
  description:
    "国家平台或外省住房保障主管部门推送的名单信息（R6.7，外部名单）：按发送方的决定展示，不计入本省信用分、信用等级、名单和惩戒措施；发送方移出后不再展示",
})
export class ExternalListing {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "发送方机构代码（NATIONAL-MOHURD 住建部，HA-<省级区划代码> 外省住房保障主管部门）" })
  senderCode!: string;

  @Field(() => String, { description: "发送方名称" })
  senderName!: string;

  @Field(() => ListKind, { description: "名单类型（发送方的名单）" })
  kind!: ListKind;

  @Field(() => DateScalar, { description: "列入日期" })
  listedOn!: string;

  @Field(() => DateScalar, { nullable: true, description: "列入期限截止日期（不含）" })
  listedUntil!: string | null;

  @Field(() => String, { description: "列入决定书文号" })
  decisionNumber!: string;

  @Field(() => String, { description: "列入原因（发送方所述失信行为和列入情形）" })
  reason!: string;

  @Field(() => String, { description: "作出列入决定的机构" })
  authorityName!: string;

  @Field(() => DateTimeScalar, { description: "本枢纽收到（最近一次变更）的时间" })
  receivedAt!: Date;
}

@ObjectType({ description: "办理住房保障业务前的信用核查结果（R6.2）" })
export class CreditCheckResult {
  @Locator()
  @Field(() => Boolean)
  found!: boolean;

  @Locator()
  @Field(() => Family, { nullable: true })
  family!: Family | null;

  @Category("CREDIT")
  @Field(() => Int, { nullable: true })
  score!: number | null;

  @Category("CREDIT")
  @Field(() => CreditTier, { nullable: true })
  tier!: CreditTier | null;

  @Category("LISTS")
  @Field(() => [ListMembership], { nullable: true })
  lists!: ListMembership[] | null;

  @Category("LISTS")
  @Field(() => [MeasureView], { nullable: true, description: "当前适用的惩戒措施" })
  measures!: MeasureView[] | null;

  @Category("LISTS")
  @Field(() => Boolean, { nullable: true, description: "异议核查期间暂停执行惩戒（R7.2）" })
  suspendedByObjection!: boolean | null;

  @Category("LISTS")
  @Field(() => [ExternalListing], {
    nullable: true,
    description: "被核查人（按身份证号码）在国家平台或外省名单中的现行记录（R6.7）：单独列示，不计入 score、tier、lists、measures",
  })
  externalListings!: ExternalListing[] | null;

  /** Not exposed: the family checked (none for an unknown number): the policy decides for its division. */
  familyId?: string | null;
  divisionCode?: string | null;

  @Locator()
  @Field(() => String, { nullable: true })
  ruleVersion!: string | null;
}

@ObjectType({ description: "名单变更（R6.7），全序" })
export class ListChangeView {
  @Field(() => Int)
  sequence!: number;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => ListKind)
  kind!: ListKind;

  @Field(() => ListChangeAction)
  action!: ListChangeAction;

  @Field(() => ListStatus)
  status!: ListStatus;

  @Field(() => ID)
  familyId!: string;

  @Field(() => ID)
  listEntryId!: string;

  @Field(() => String)
  divisionCode!: string;

  /** Not exposed: an earlier change of the entry in this division was one a partner may see (policy). */
  previouslyShown?: boolean;
}

@ObjectType({ description: "书面文书（告知书、催告书、决定书等）" })
export class CreditDocumentView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => String, { description: "文号" })
  number!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  body!: string;

  @Field(() => DateScalar)
  issuedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  deliveredOn!: string | null;

  @Field(() => String)
  ruleVersion!: string;

  @Field(() => ID, { nullable: true })
  recordId!: string | null;

  @Field(() => ID, { nullable: true })
  listEntryId!: string | null;

  /** Not exposed: the status of the list entry the document belongs to (the policy's row rule). */
  listEntryStatus?: string | null;
}

export const CreditListConnection = connectionOf(CreditListEntry, "CreditList");
export const ListChangeConnection = connectionOf(ListChangeView, "ListChange");

@InputType()
export class RectificationInput {
  @Field(() => DateScalar)
  orderedOn!: string;

  @Field(() => DateScalar)
  deadline!: string;
}

@InputType({ description: "记录一项失信行为" })
export class RecordBehaviorInput {
  @Field(() => ID)
  familyId!: string;

  @Field(() => String, { description: "失信行为编码，如 B06" })
  behavior!: string;

  @Field(() => RecordSource)
  source!: RecordSource;

  @Field(() => String)
  facts!: string;

  @Field(() => String)
  legalBasis!: string;

  @Field(() => DateScalar)
  occurredOn!: string;

  @Field(() => DateScalar, { nullable: true })
  endedOn?: string | null;

  @Field(() => InformedBy, { nullable: true })
  informedBy?: InformedBy | null;

  @Field(() => DateScalar, { nullable: true })
  informedOn?: string | null;

  @Field(() => String, { nullable: true, description: "所依据的司法或行政处罚案号（R6.5）" })
  judicialCaseNumber?: string | null;

  @Field(() => RectificationInput, { nullable: true })
  rectification?: RectificationInput | null;

  @Field(() => [EvidenceInput], { nullable: true, description: "随记录一并上传的证据材料（认定前至少一份，R5 证据确凿）" })
  evidence?: EvidenceInput[] | null;
}

@InputType()
export class CommitteeMemberInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  organization!: string;
}

@InputType({ description: "评审委员会决定（R5.5）" })
export class CommitteeInput {
  @Field(() => [CommitteeMemberInput])
  members!: CommitteeMemberInput[];

  @Field(() => Int)
  votesFor!: number;

  @Field(() => Int)
  votesAgainst!: number;

  @Field(() => Int)
  abstentions!: number;
}

@InputType({ description: "认定或不予认定" })
export class DecisionInput {
  @Field(() => String)
  reason!: string;

  @Field(() => CommitteeInput, { nullable: true })
  committee?: CommitteeInput | null;

  @Field(() => DateScalar, { nullable: true, description: "告知书送达日期（默认今天）" })
  deliveredOn?: string | null;

  @Field(() => Int, { nullable: true })
  expectedVersion?: number | null;

  @Field(() => InformedBy, { nullable: true, description: "记录尚未登记时：家庭据以知悉的告知书或信用承诺书（R5.1）" })
  informedBy?: InformedBy | null;

  @Field(() => DateScalar, { nullable: true })
  informedOn?: string | null;
}

export enum StatementChannel {
  WRITTEN = "WRITTEN",
  ORAL = "ORAL",
}
registerEnumType(StatementChannel, { name: "StatementChannel", description: "陈述申辩方式", valuesConfig: { WRITTEN: { description: "书面" }, ORAL: { description: "口头（记录在案）" } } });

@InputType({ description: "陈述申辩附件（Base64，仅存 SHA-256 和大小）" })
export class StatementAttachmentInput {
  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  contentBase64!: string;
}

@InputType({ description: "家庭在告知期内的陈述申辩（R6.6）" })
export class DefenceStatementInput {
  @Field(() => DateScalar)
  receivedOn!: string;

  @Field(() => StatementChannel)
  channel!: StatementChannel;

  @Field(() => String)
  content!: string;

  @Field(() => [StatementAttachmentInput], { defaultValue: [] })
  attachments!: StatementAttachmentInput[];
}

@ObjectType({ description: "陈述申辩及复核意见（R6.6），列入决定书载明" })
export class DefenceStatementView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  listEntryId!: string;

  @Field(() => DateScalar)
  receivedOn!: string;

  @Field(() => StatementChannel)
  channel!: StatementChannel;

  @Field(() => String)
  content!: string;

  @Field(() => [String], { description: "附件的文件名和 SHA-256" })
  attachments!: string[];

  @Field(() => String, { nullable: true, description: "复核意见" })
  assessment!: string | null;

  @Field(() => String)
  recordedBy!: string;
}

@InputType({ description: "证据文件（Base64）" })
export class EvidenceInput {
  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  mediaType!: string;

  @Field(() => String)
  contentBase64!: string;
}

@ObjectType({ description: "季度警示名单发布结果（R5.3）" })
export class WarningBatchView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  divisionCode!: string;

  @Field(() => String)
  quarter!: string;

  @Field(() => DateScalar)
  publishedOn!: string;

  @Field(() => Int)
  added!: number;

  @Field(() => Int)
  renewed!: number;

  @Field(() => String)
  ruleVersion!: string;
}

@ObjectType({ description: "逾期未办理的程序环节" })
export class OverdueStepView {
  @Field(() => ID)
  listEntryId!: string;

  @Field(() => ID)
  familyId!: string;

  @Field(() => String)
  divisionCode!: string;

  @Field(() => JointStep)
  step!: JointStep;

  @Field(() => DateScalar)
  dueSince!: string;

  @Field(() => DateScalar)
  overdueSince!: string;
}

@ObjectType({ description: "名单维护结果" })
export class MaintenanceReportView {
  @Field(() => Int, { description: "期满移出的名单记录数" })
  expired!: number;

  @Field(() => Int, { description: "整改期限届满后启动的联合惩戒程序数" })
  started!: number;

  @Field(() => [OverdueStepView])
  overdue!: OverdueStepView[];
}
