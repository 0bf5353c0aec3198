import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Category, Locator } from "../shared/category";
import { DateScalar } from "../shared/scalars";

export enum JudicialKind {
  JUDGMENT = "JUDGMENT",
  ADMINISTRATIVE_PENALTY = "ADMINISTRATIVE_PENALTY",
  ENFORCEMENT = "ENFORCEMENT",
}
registerEnumType(JudicialKind, {
  name: "JudicialKind",
  description: "司法及行政信息类别",
  valuesConfig: {
    JUDGMENT: { description: "法院判决" },
    ADMINISTRATIVE_PENALTY: { description: "行政处罚" },
    ENFORCEMENT: { description: "行政强制执行" },
  },
});

@ObjectType({ description: "外部部门提供的司法判决、行政处罚、强制执行信息（R6.5）" })
@Directive('@key(fields: "caseNumber")')
export class JudicialRecord {
  @Field(() => ID)
  id!: string;

  @Category("IDENTITY")
  @Field(() => String, { nullable: true, description: "当事人身份证号码" })
  idNumber!: string | null;

  /** Not exposed: the family the record was reached through (per-division decisions), if any. */
  familyId?: string;
  /** Not exposed: the division deciding the record's categories (the family's, else the authority's). */
  divisionCode!: string;
  /** Not exposed: how the JUDICIAL category was granted. */
  mode!: "FULL" | "MASKED";

  @Field(() => JudicialKind)
  kind!: JudicialKind;

  @Field(() => String, { description: "案号或决定书文号" })
  caseNumber!: string;

  @Field(() => String, { description: "作出决定的法院或行政机关" })
  court!: string;

  @Field(() => DateScalar)
  decidedOn!: string;

  @Field(() => String)
  summary!: string;
}

@ObjectType("Family")
@Directive('@key(fields: "id")')
export class JudicialFamily {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  @Directive("@external")
  divisionCode!: string;

  @Field(() => [String])
  @Directive("@external")
  memberIdNumbers!: string[];

  @Category("JUDICIAL")
  @Locator()
  @Field(() => [JudicialRecord], { nullable: true, description: "家庭成员的司法及行政处罚信息" })
  @Directive('@requires(fields: "divisionCode memberIdNumbers")')
  judicial!: JudicialRecord[] | null;
}
