// GraphQL types of rule sets (R2.1, R4.1, R4.2, R6.1).
import { Field, Int, InputType, ObjectType } from "type-graphql";
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

  @Field(() => String, { description: "完整规则（JSON）：分档、名单、期限等" })
  rulesJson!: string;
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
}
