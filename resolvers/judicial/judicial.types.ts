import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Category, Locator } from "../shared/category";
import { DateScalar } from "../shared/scalars";

export enum JudicialKind {
  JUDGMENT = "JUDGMENT",
  CRIMINAL_PENALTY = "CRIMINAL_PENALTY",
  ADMINISTRATIVE_PENALTY = "ADMINISTRATIVE_PENALTY",
  ENFORCEMENT = "ENFORCEMENT",
  ADMINISTRATIVE_CONFIRMATION = "ADMINISTRATIVE_CONFIRMATION",
}
registerEnumType(JudicialKind, {
  name: "JudicialKind",
  description: "司法及行政信息类别",
  valuesConfig: {
    JUDGMENT: { description: "法院判决" },
    CRIMINAL_PENALTY: { description: "刑事处罚" },
    ADMINISTRATIVE_PENALTY: { description: "行政处罚" },
    ENFORCEMENT: { description: "行政强制执行" },
    ADMINISTRATIVE_CONFIRMATION: { description: "行政确认" },
  },
});

/**
 * A judgment, penalty or enforcement record (R6.5), always reached through a family (its members,
 * a look-up located by the archive, a credit record citing it): data of that family, decided for
 * the family's division — never for the court's.
 */
@ObjectType({ description: "外部部门提供的司法判决、行政处罚、强制执行信息（R6.5）" })
export class JudicialRecord {
  @Field(() => ID)
  id!: string;

  @Category("IDENTITY")
  @Field(() => String, { nullable: true, description: "当事人身份证号码" })
  idNumber!: string | null;

  /** Not exposed: the family the record was reached through (the disclosure policy's scope). */
  familyId!: string;
  familyDivision!: string;

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
  @Locator()
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

/** A look-up by ID number, located by the archive (the family of the person, if the caller may locate it). */
@ObjectType("JudicialLookup")
@Directive('@key(fields: "idNumber")')
export class JudicialLookup {
  @Locator()
  @Field(() => String)
  idNumber!: string;

  @Field(() => ID, { nullable: true })
  @Directive("@external")
  familyId!: string | null;

  @Field(() => String, { nullable: true })
  @Directive("@external")
  divisionCode!: string | null;

  @Category("JUDICIAL")
  @Locator()
  @Field(() => [JudicialRecord], { nullable: true, description: "该人的司法及行政处罚信息（按其所在家庭的区划和书面许可提供）" })
  @Directive('@requires(fields: "familyId divisionCode")')
  records!: JudicialRecord[] | null;
}

/** A credit record of the archive citing a judgment: the judicial subgraph resolves the citation. */
@ObjectType("CreditRecordView")
@Directive('@key(fields: "id")')
export class CitingRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @Directive("@external")
  judicialCaseNumber!: string | null;

  @Field(() => ID)
  @Directive("@external")
  familyId!: string;

  @Field(() => String)
  @Directive("@external")
  familyDivision!: string;

  @Field(() => [String])
  @Directive("@external")
  familyMemberIdNumbers!: string[];

  @Category("JUDICIAL")
  @Locator()
  @Field(() => JudicialRecord, { nullable: true, description: "所依据的司法或行政处罚信息" })
  @Directive('@requires(fields: "judicialCaseNumber familyId familyDivision familyMemberIdNumbers")')
  judicialRecord!: JudicialRecord | null;
}
