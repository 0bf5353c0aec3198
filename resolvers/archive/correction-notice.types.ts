// GraphQL types of correction notices (R7.2 恢复信誉): the recipient's view and the issuing
// authorities' list of notices not yet acknowledged. A notice carries its own text and the
// family's archive reference, never a live family field (no `Family`, nothing under a category).
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar, DateTimeScalar } from "../shared/scalars";
import { connectionOf } from "../shared/connection";

export enum CorrectionAction {
  REVOKED = "REVOKED",
  CORRECTED = "CORRECTED",
}
registerEnumType(CorrectionAction, {
  name: "CorrectionAction",
  description: "更正通知所告知的处理结果",
  valuesConfig: { REVOKED: { description: "信用记录经异议核查已撤销" }, CORRECTED: { description: "信用记录经异议核查已更正" } },
});

@ObjectType({ description: "信用信息更正通知书（R7.2 恢复信誉），致曾经本枢纽获取该信息的机构；只有收件机构可以查看" })
export class CorrectionNotice {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "更正通知的全序号（游标，按发出提交顺序只增不减）；本机构收到的通知按此排序，序号可不连续" })
  sequence!: string;

  @Field(() => String, { description: "文号" })
  number!: string;

  @Field(() => String)
  title!: string;

  @Field(() => DateScalar)
  issuedOn!: string;

  @Field(() => DateTimeScalar)
  issuedAt!: Date;

  @Field(() => String, { description: "发出通知的住房保障主管部门（机构代码）" })
  issuingAuthorityCode!: string;

  @Field(() => String)
  issuingAuthorityName!: string;

  @Field(() => String, { description: "收件机构代码" })
  recipientCode!: string;

  @Field(() => String)
  recipientName!: string;

  @Field(() => CorrectionAction)
  action!: CorrectionAction;

  @Field(() => String, { description: "所更正或撤销的信息（发出时的文字）" })
  subject!: string;

  @Field(() => ID, { description: "家庭档案编号（通知所指的档案，不含家庭信息本身）" })
  familyId!: string;

  @Field(() => ID, { nullable: true, description: "所涉信用记录" })
  recordId!: string | null;

  @Field(() => ID, { nullable: true, description: "所涉名单记录" })
  listEntryId!: string | null;

  @Field(() => String, { description: "通知正文（发出时的文字）" })
  body!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  acknowledgedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "确认收到的人员（sub）" })
  acknowledgedBy!: string | null;
}

@ObjectType({ description: "尚未确认收到的更正通知（发出机关和上级机关查看）" })
export class OutstandingCorrectionNotice {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  number!: string;

  @Field(() => String)
  recipientCode!: string;

  @Field(() => String)
  recipientName!: string;

  @Field(() => DateScalar)
  issuedOn!: string;

  @Field(() => String)
  issuingAuthorityCode!: string;

  @Field(() => String, { description: "家庭所在区划" })
  divisionCode!: string;

  @Field(() => ID)
  familyId!: string;

  @Field(() => ID, { nullable: true })
  recordId!: string | null;

  @Field(() => CorrectionAction)
  action!: CorrectionAction;

  @Field(() => Int, { description: "自发出之日起未确认的天数" })
  daysOutstanding!: number;
}

export const CorrectionNoticeConnection = connectionOf(CorrectionNotice, "CorrectionNotice");
export const OutstandingCorrectionNoticeConnection = connectionOf(OutstandingCorrectionNotice, "OutstandingCorrectionNotice");
