// GraphQL types of objections (R7.2), repairs (R7.5) and the credit report (R7.1).
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { GraphQLJSONObject } from "graphql-scalars";
import { DateScalar } from "../shared/scalars";

export enum ObjectionDecision {
  UPHELD = "UPHELD",
  CORRECTED = "CORRECTED",
  REVOKED = "REVOKED",
}
registerEnumType(ObjectionDecision, {
  name: "ObjectionDecision",
  description: "异议核查结论",
  valuesConfig: { UPHELD: { description: "异议不成立，维持原记录" }, CORRECTED: { description: "部分有误，更正记录" }, REVOKED: { description: "异议成立，撤销记录" } },
});

export enum RepairMethod {
  EXPLANATION = "EXPLANATION",
  EXTENSION = "EXTENSION",
  PERFORMANCE = "PERFORMANCE",
  PUNISHMENT_AND_CONDUCT = "PUNISHMENT_AND_CONDUCT",
}
registerEnumType(RepairMethod, {
  name: "RepairMethod",
  description: "信用修复方式（R7.5）",
  valuesConfig: {
    EXPLANATION: { description: "说明情况（非故意）" },
    EXTENSION: { description: "申请延期（非故意）" },
    PERFORMANCE: { description: "履行义务（非故意）" },
    PUNISHMENT_AND_CONDUCT: { description: "接受惩戒并保持良好信用（故意）" },
  },
});

@ObjectType({ description: "附件（存 SHA-256）" })
export class AttachmentView {
  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  sha256!: string;

  @Field(() => Int)
  size!: number;
}

@ObjectType({ description: "异议（R7.2）" })
export class ObjectionView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  familyId!: string;

  @Field(() => ID, { nullable: true })
  recordId!: string | null;

  @Field(() => ID, { nullable: true })
  listEntryId!: string | null;

  @Field(() => [ID], { description: "暂停使用的信用记录" })
  recordIds!: string[];

  @Field(() => String)
  reasons!: string;

  @Field(() => [AttachmentView])
  attachments!: AttachmentView[];

  @Field(() => DateScalar)
  filedOn!: string;

  @Field(() => DateScalar, { description: "答复期限（工作日，按节假日日历）" })
  deadline!: string;

  @Field(() => String, { nullable: true })
  extensionReason!: string | null;

  @Field(() => String, { description: "OPEN 或 DECIDED" })
  status!: string;

  @Field(() => ObjectionDecision, { nullable: true })
  decision!: ObjectionDecision | null;

  @Field(() => String, { nullable: true })
  decisionReason!: string | null;

  @Field(() => DateScalar, { nullable: true })
  decidedOn!: string | null;

  @Field(() => ID, { nullable: true, description: "书面答复" })
  answerDocumentId!: string | null;

  @Field(() => Boolean, { description: "已过答复期限仍未答复" })
  overdue!: boolean;
}

@ObjectType({ description: "异议核查结果" })
export class ObjectionOutcomeView {
  @Field(() => ObjectionView)
  objection!: ObjectionView;

  @Field(() => Int, { description: "向曾获取错误信息的机构发出的更正通知数（R7.2 恢复名誉）" })
  correctionNotices!: number;

  @Field(() => Int, { description: "撤回的公开名单信息数" })
  publicNoticesWithdrawn!: number;
}

@ObjectType({ description: "信用修复申请（R7.5）" })
export class RepairView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  familyId!: string;

  @Field(() => ID)
  recordId!: string;

  @Field(() => RepairMethod)
  method!: RepairMethod;

  @Field(() => String)
  statement!: string;

  @Field(() => String, { description: "信用承诺书 SHA-256" })
  commitmentSha256!: string;

  @Field(() => DateScalar)
  appliedOn!: string;

  @Field(() => DateScalar)
  deadline!: string;

  @Field(() => String, { description: "OPEN、APPROVED 或 REJECTED" })
  status!: string;

  @Field(() => String, { nullable: true })
  decisionReason!: string | null;

  @Field(() => DateScalar, { nullable: true })
  decidedOn!: string | null;

  @Field(() => ID, { nullable: true })
  decisionDocumentId!: string | null;

  @Field(() => Boolean)
  overdue!: boolean;
}

@InputType()
export class AttachmentInput {
  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  contentBase64!: string;
}

@InputType({ description: "提出异议：针对一条信用记录或一条名单记录" })
export class ObjectionInput {
  @Field(() => ID, { nullable: true })
  recordId?: string | null;

  @Field(() => ID, { nullable: true })
  listEntryId?: string | null;

  @Field(() => String, { description: "家庭陈述的异议理由" })
  reasons!: string;

  @Field(() => [AttachmentInput], { defaultValue: [] })
  attachments!: AttachmentInput[];
}

@InputType({ description: "更正内容" })
export class RecordCorrectionInput {
  @Field(() => String, { nullable: true })
  behaviorCode?: string | null;

  @Field(() => String, { nullable: true })
  facts?: string | null;

  @Field(() => DateScalar, { nullable: true })
  occurredOn?: string | null;

  @Field(() => DateScalar, { nullable: true })
  endedOn?: string | null;
}

@InputType()
export class ObjectionDecisionInput {
  @Field(() => ObjectionDecision)
  decision!: ObjectionDecision;

  @Field(() => String)
  reason!: string;

  @Field(() => RecordCorrectionInput, { nullable: true })
  correction?: RecordCorrectionInput | null;
}

@InputType({ description: "信用修复申请" })
export class RepairInput {
  @Field(() => ID)
  recordId!: string;

  @Field(() => RepairMethod)
  method!: RepairMethod;

  @Field(() => String, { description: "纠正失信行为的情况" })
  statement!: string;

  @Field(() => String, { description: "已签署的信用承诺书的 SHA-256" })
  commitmentSha256!: string;
}

@ObjectType({ description: "逾期未办理的异议和修复" })
export class OverdueRedressView {
  @Field(() => [ObjectionView])
  objections!: ObjectionView[];

  @Field(() => [RepairView])
  repairs!: RepairView[];
}

@ObjectType({ description: "家庭信用报告（R7.1）" })
export class CreditReportView {
  @Field(() => GraphQLJSONObject, { description: "报告内容（JSON）：档案摘要、信用分与等级、全部记录及异议、修复、名单历史、信息提供记录" })
  report!: Record<string, unknown>;

  @Field(() => String, { nullable: true, description: "可打印的 PDF（Base64），仅在请求时生成" })
  pdfBase64!: string | null;
}
