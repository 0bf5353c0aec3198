// GraphQL types of rule sets (R2.1, R4.1, R4.2, R6.1).
import { Field, Int, InputType, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar } from "../shared/scalars";

@ObjectType({ description: "失信行为目录中的一项（R4.1）" })
export class BehaviorRuleView {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int, { description: "扣分" })
  deduction!: number;

  @Field(() => Int, { nullable: true, description: "逾期不整改时符合列入联合惩戒名单的情形（R6.3 第几项）" })
  jointCriterion!: number | null;

  @Field(() => Boolean, { description: "是否主观故意（信用修复方式不同，R7.5）" })
  intentional!: boolean;

  @Field(() => Int, { description: "惩戒期限（年，R7.4）" })
  useYears!: number;

  @Field(() => String, { nullable: true, description: "细化类型所属的全省目录行为" })
  parentCode!: string | null;

  @Field(() => String, { nullable: true, description: "增加细化类型的区划" })
  addedBy!: string | null;
}

@ObjectType({ description: "惩戒措施（R6.1）" })
export class MeasureRuleView {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: "适用的信用等级或名单" })
  appliesTo!: string[];
}

export enum RuleSetStatus {
  SCHEDULED = "SCHEDULED",
  IN_FORCE = "IN_FORCE",
  SUPERSEDED = "SUPERSEDED",
  STOPPED_LOOSER = "STOPPED_LOOSER",
}
registerEnumType(RuleSetStatus, {
  name: "RuleSetStatus",
  description: "规则版本状态（截至今天）",
  valuesConfig: {
    SCHEDULED: { description: "待生效" },
    IN_FORCE: { description: "现行有效" },
    SUPERSEDED: { description: "已被新版本取代" },
    STOPPED_LOOSER: { description: "宽于新的全省版本，已停止适用（R4.2）" },
  },
});

export enum RuleSetEndReason {
  REBASED = "REBASED",
  LOOSER = "LOOSER",
}
registerEnumType(RuleSetEndReason, {
  name: "RuleSetEndReason",
  description: "细化规则停止适用的原因（R4.2）",
  valuesConfig: { REBASED: { description: "已接续到新的全省版本" }, LOOSER: { description: "宽于新的全省版本" } },
});

@ObjectType({ description: "细化规则中宽于新的上级规则的取值（R4.2）" })
export class LooserValueView {
  @Field(() => String, { description: "如 behaviors.B06.deduction、keyAttention.mildCount" })
  field!: string;

  @Field(() => Int, { nullable: true, description: "细化规则的取值" })
  value!: number | null;

  @Field(() => Int, { nullable: true, description: "新的上级规则的取值" })
  baseValue!: number | null;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: "信用规则（版本化）" })
export class RuleSetView {
  @Field(() => String)
  version!: string;

  @Field(() => String)
  divisionCode!: string;

  @Field(() => String, { nullable: true })
  parentVersion!: string | null;

  @Field(() => DateScalar)
  effectiveFrom!: string;

  @Field(() => [BehaviorRuleView])
  behaviors!: BehaviorRuleView[];

  @Field(() => [MeasureRuleView])
  measures!: MeasureRuleView[];

  @Field(() => [String], { description: "国家规定可直接列入失信联合惩戒对象名单的失信行为（R6.3 第（五）项）" })
  stateListedBehaviors!: string[];

  @Field(() => String, { description: "所依据的全省版本" })
  provinceVersion!: string;

  @Field(() => RuleSetStatus)
  status!: RuleSetStatus;

  @Field(() => DateScalar, { nullable: true, description: "停止适用日期（新的全省版本生效之日，R4.2）" })
  endsOn!: string | null;

  @Field(() => RuleSetEndReason, { nullable: true })
  endReason!: RuleSetEndReason | null;

  @Field(() => String, { nullable: true, description: "宽于的上级规则版本" })
  looserThan!: string | null;

  @Field(() => [LooserValueView], { description: "宽于新的上级规则的取值" })
  looserValues!: LooserValueView[];

  @Field(() => String, { nullable: true, description: "接续到新的全省版本时：所接续的细化规则版本" })
  carries!: string | null;

  @Field(() => String, { description: "完整规则（JSON）：分档、名单、期限等" })
  rulesJson!: string;
}

@ObjectType({ description: "因宽于新的全省版本而停止适用的细化规则（R4.2）" })
export class StoppedRefinementView {
  @Field(() => String)
  divisionCode!: string;

  @Field(() => String)
  version!: string;

  @Field(() => DateScalar, { description: "自该日起停止适用，该区划改用上级规则" })
  stopsOn!: string;

  @Field(() => String, { description: "宽于的上级规则版本" })
  looserThan!: string;

  @Field(() => [LooserValueView])
  looserValues!: LooserValueView[];
}

@ObjectType({ description: "发布全省规则新版本的结果" })
export class RuleSetReleaseView {
  @Field(() => RuleSetView)
  ruleSet!: RuleSetView;

  @Field(() => [RuleSetView], { description: "仍严于新版本、接续适用的市县细化规则" })
  carriedOver!: RuleSetView[];

  @Field(() => [StoppedRefinementView], { description: "宽于新版本、自其生效之日起停止适用的市县细化规则" })
  stopped!: StoppedRefinementView[];
}

@InputType()
export class BehaviorChangeInput {
  @Field(() => String)
  code!: string;

  @Field(() => Int, { nullable: true })
  deduction?: number;

  @Field(() => Int, { nullable: true })
  useYears?: number;
}

@InputType()
export class SubTypeInput {
  @Field(() => String, { description: "如 B06-A" })
  code!: string;

  @Field(() => String)
  parentCode!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  deduction!: number;
}

@InputType()
export class TiersInput {
  @Field(() => Int, { nullable: true })
  mildFrom?: number;

  @Field(() => Int, { nullable: true })
  moderateFrom?: number;
}

@InputType()
export class RepeatInput {
  @Field(() => Int, { nullable: true })
  windowMonths?: number;

  @Field(() => Int, { nullable: true })
  multiplier?: number;
}

@InputType()
export class WarningRuleInput {
  @Field(() => Int, { nullable: true })
  entryMonths?: number;
}

@InputType()
export class KeyAttentionInput {
  @Field(() => Int, { nullable: true })
  periodMonths?: number;

  @Field(() => Int, { nullable: true })
  mildCount?: number;

  @Field(() => Int, { nullable: true })
  windowMonths?: number;
}

@InputType()
export class JointPunishmentRuleInput {
  @Field(() => Int, { nullable: true })
  reminderWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  defenceWorkingDays?: number;

  @Field(() => Int, { nullable: true })
  publicityDays?: number;

  @Field(() => Int, { nullable: true })
  listingYears?: number;

  @Field(() => Int, { nullable: true })
  minListingYears?: number;

  @Field(() => Int, { nullable: true })
  stepGraceWorkingDays?: number;
}

@InputType()
export class MeasureInput {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [String])
  appliesTo!: string[];
}

@InputType({ description: "市、县对全省规则的细化（只能从严，R4.2）" })
export class RuleSetRefinementInput {
  @Field(() => String, { description: "如 420100-v1" })
  version!: string;

  @Field(() => String)
  divisionCode!: string;

  @Field(() => DateScalar)
  effectiveFrom!: string;

  @Field(() => [BehaviorChangeInput], { nullable: true })
  behaviors?: BehaviorChangeInput[];

  @Field(() => [SubTypeInput], { nullable: true })
  subTypes?: SubTypeInput[];

  @Field(() => TiersInput, { nullable: true })
  tiers?: TiersInput;

  @Field(() => RepeatInput, { nullable: true })
  repeat?: RepeatInput;

  @Field(() => WarningRuleInput, { nullable: true })
  warning?: WarningRuleInput;

  @Field(() => KeyAttentionInput, { nullable: true })
  keyAttention?: KeyAttentionInput;

  @Field(() => JointPunishmentRuleInput, { nullable: true })
  jointPunishment?: JointPunishmentRuleInput;

  @Field(() => [MeasureInput], { nullable: true })
  measures?: MeasureInput[];
}

@ObjectType({ description: "批量重新计算信用分的结果" })
export class RescoreReportView {
  @Field(() => Int)
  families!: number;

  @Field(() => Int, { description: "分数或等级发生变化的家庭数" })
  changed!: number;

  @Field(() => Int)
  batches!: number;

  @Field(() => Int, { description: "信用等级发生变化并已发出等级调整告知书的家庭数（R5.4）" })
  tierChanges!: number;
}

@InputType({ description: "全省失信行为目录中的一项（R4.1；细化类型填写 parentCode）" })
export class ProvinceBehaviorInput {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  deduction!: number;

  @Field(() => Int, { nullable: true, description: "逾期不整改时符合的 R6.3 列入情形（1–4）" })
  jointCriterion?: number | null;

  @Field(() => Boolean)
  intentional!: boolean;

  @Field(() => Int)
  useYears!: number;

  @Field(() => String, { nullable: true })
  parentCode?: string | null;
}

@InputType()
export class ProvinceTiersInput {
  @Field(() => Int)
  mildFrom!: number;

  @Field(() => Int)
  moderateFrom!: number;
}

@InputType()
export class ProvinceRepeatInput {
  @Field(() => Int)
  windowMonths!: number;

  @Field(() => Int)
  multiplier!: number;
}

@InputType()
export class ProvinceWarningInput {
  @Field(() => Int)
  entryMonths!: number;
}

@InputType()
export class ProvinceKeyAttentionInput {
  @Field(() => Int)
  periodMonths!: number;

  @Field(() => Int)
  mildCount!: number;

  @Field(() => Int)
  windowMonths!: number;
}

@InputType()
export class ProvinceJointPunishmentInput {
  @Field(() => Int)
  reminderWorkingDays!: number;

  @Field(() => Int)
  defenceWorkingDays!: number;

  @Field(() => Int)
  publicityDays!: number;

  @Field(() => Int)
  listingYears!: number;

  @Field(() => Int)
  minListingYears!: number;

  @Field(() => Int)
  stepGraceWorkingDays!: number;
}

@InputType()
export class ObjectionRuleInput {
  @Field(() => Int)
  decisionWorkingDays!: number;

  @Field(() => Int)
  maxWorkingDays!: number;
}

@InputType()
export class RepairWaitingInput {
  @Field(() => Int)
  mild!: number;

  @Field(() => Int)
  moderate!: number;

  @Field(() => Int)
  severe!: number;
}

@InputType()
export class RepairRuleInput {
  @Field(() => RepairWaitingInput, { description: "认定后最早可申请修复的月数" })
  waitingMonths!: RepairWaitingInput;

  @Field(() => Int)
  decisionWorkingDays!: number;

  @Field(() => Int)
  extensionWorkingDays!: number;
}

@InputType({ description: "全省信用规则新版本的完整内容（R2.1、R4.1、R5.2、R6.1、R6.3、R6.4、R6.6、R7.2、R7.4、R7.5）" })
export class ProvinceRuleSetInput {
  @Field(() => String, { description: "如 420000-v2" })
  version!: string;

  @Field(() => DateScalar, { description: "生效日期，不早于今天" })
  effectiveFrom!: string;

  @Field(() => [ProvinceBehaviorInput])
  behaviors!: ProvinceBehaviorInput[];

  @Field(() => [String], { description: "国家规定可直接列入失信联合惩戒对象名单的失信行为编码（R6.3 第（五）项）" })
  stateListedBehaviors!: string[];

  @Field(() => ProvinceTiersInput)
  tiers!: ProvinceTiersInput;

  @Field(() => ProvinceRepeatInput)
  repeat!: ProvinceRepeatInput;

  @Field(() => ProvinceWarningInput)
  warning!: ProvinceWarningInput;

  @Field(() => ProvinceKeyAttentionInput)
  keyAttention!: ProvinceKeyAttentionInput;

  @Field(() => ProvinceJointPunishmentInput)
  jointPunishment!: ProvinceJointPunishmentInput;

  @Field(() => ObjectionRuleInput)
  objection!: ObjectionRuleInput;

  @Field(() => RepairRuleInput)
  repair!: RepairRuleInput;

  @Field(() => [MeasureInput])
  measures!: MeasureInput[];
}
