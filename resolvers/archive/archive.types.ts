// GraphQL types of the archive subgraph. Entities are not GraphQL types: family.mapper.ts
// decides what is exposed.
import { Directive, Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../shared/scalars";
import { connectionOf } from "../shared/connection";
import { Category, Locator } from "../shared/category";

export enum AdminLevel {
  PROVINCE = "PROVINCE",
  CITY = "CITY",
  COUNTY = "COUNTY",
}
registerEnumType(AdminLevel, { name: "AdminLevel", description: "行政级别" });

export enum OrganizationKind {
  HOUSING_AUTHORITY = "HOUSING_AUTHORITY",
  PARTNER = "PARTNER",
  DEPARTMENT = "DEPARTMENT",
}
registerEnumType(OrganizationKind, {
  name: "OrganizationKind",
  description: "机构类别：住房保障主管部门、合作部门或登记的数据提供部门",
  valuesConfig: {
    HOUSING_AUTHORITY: { description: "住房保障主管部门（HA-<区划代码>）" },
    PARTNER: { description: "合作部门（凭书面许可获取信息）" },
    DEPARTMENT: { description: "登记的数据提供部门（法院、行政处罚机关等，报送本部门的司法及行政信息，R6.5）" },
  },
});

export enum GuaranteeMode {
  PHYSICAL_ALLOCATION = "PHYSICAL_ALLOCATION",
  RENTAL_SUBSIDY = "RENTAL_SUBSIDY",
}
registerEnumType(GuaranteeMode, {
  name: "GuaranteeMode",
  description: "保障方式",
  valuesConfig: { PHYSICAL_ALLOCATION: { description: "实物配租" }, RENTAL_SUBSIDY: { description: "租赁补贴" } },
});

@ObjectType({ description: "行政区划（GB/T 2260）" })
@Directive('@key(fields: "code")')
export class Division {
  @Field(() => ID)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => AdminLevel)
  level!: AdminLevel;

  parentCode!: string | null;
}

@ObjectType({ description: "家庭成员" })
export class Person {
  @Category("IDENTITY")
  @Field(() => String, { nullable: true, description: "姓名" })
  name!: string | null;

  @Category("IDENTITY")
  @Field(() => String, { nullable: true, description: "居民身份证号码" })
  idNumber!: string | null;

  @Category("HOUSEHOLD")
  @Field(() => String, { nullable: true, description: "与申请人关系" })
  relation!: string | null;
}

@ObjectType({ description: "户籍与婚姻" })
export class Household {
  @Field(() => String, { description: "户籍所在地区划代码（全国行政区划代码 GB/T 2260，可为外省）" })
  hukouDivisionCode!: string;

  @Field(() => String, { nullable: true, description: "户籍所在地名称（含省、市），如 四川省成都市锦江区" })
  hukouDivisionName!: string | null;

  @Field(() => Boolean, { description: "户籍在湖北省外" })
  hukouOutOfProvince!: boolean;

  @Field(() => String, { description: "婚姻状况" })
  maritalStatus!: string;

  @Field(() => Int, { description: "家庭人口数" })
  size!: number;
}

@ObjectType({ description: "经济状况" })
export class Economic {
  @Field(() => Float, { description: "家庭年收入（元）" })
  annualIncome!: number;

  @Field(() => Int, { description: "房产数量" })
  propertyCount!: number;
}

@ObjectType({ description: "住房状况" })
export class HousingSituation {
  @Field(() => String)
  status!: string;

  @Field(() => Float, { nullable: true, description: "人均住房面积（平方米）" })
  perCapitaArea!: number | null;
}

@ObjectType({ description: "保障情况" })
export class Guarantee {
  @Field(() => String, { description: "保障类别" })
  category!: string;

  @Field(() => GuaranteeMode, { description: "保障方式" })
  mode!: GuaranteeMode;

  @Field(() => String, { description: "保障群体" })
  group!: string;

  @Field(() => Boolean, { description: "是否优先保障" })
  priority!: boolean;

  @Field(() => String, { nullable: true, description: "优先保障理由" })
  priorityReason!: string | null;
}

@ObjectType({ description: "公租房保障家庭的统一档案（R3.1）；每个字段属于一个数据类别（R8.2）" })
@Directive('@key(fields: "id")')
export class Family {
  @Locator()
  @Field(() => ID)
  id!: string;

  @Locator()
  @Field(() => String, { description: "档案所属区划代码" })
  divisionCode!: string;

  @Locator()
  @Field(() => Division)
  division!: Division;

  @Category("IDENTITY")
  @Field(() => Person, { nullable: true, description: "申请人" })
  applicant!: Person | null;

  @Category("HOUSEHOLD")
  @Field(() => [Person], { nullable: true })
  members!: Person[] | null;

  @Locator()
  @Directive("@inaccessible")
  @Field(() => [String], { description: "全体成员身份证号码（仅供其他子图按身份证号关联，不对外提供）" })
  memberIdNumbers!: string[];

  @Category("HOUSEHOLD")
  @Field(() => Household, { nullable: true })
  household!: Household | null;

  @Category("ECONOMIC")
  @Field(() => Economic, { nullable: true })
  economic!: Economic | null;

  @Category("HOUSING")
  @Field(() => HousingSituation, { nullable: true })
  housing!: HousingSituation | null;

  @Category("GUARANTEE")
  @Field(() => Guarantee, { nullable: true })
  guarantee!: Guarantee | null;

  @Locator()
  @Field(() => Int, { description: "档案版本号（乐观锁）" })
  version!: number;

  @Locator()
  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Locator()
  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType({ description: "字段变更：变更前后" })
export class FieldChangeView {
  @Field(() => String)
  field!: string;

  @Field(() => String, { nullable: true, description: "变更前（JSON）" })
  before!: string | null;

  @Field(() => String, { nullable: true, description: "变更后（JSON）" })
  after!: string | null;
}

@ObjectType({ description: "档案变更记录（R3.3）：何人、何时、何事、何因" })
export class ArchiveChange {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  familyId!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => String, { description: "CREATE 或 UPDATE" })
  action!: string;

  @Field(() => String, { description: "操作人" })
  actorSub!: string;

  @Field(() => String, { description: "操作机构" })
  actorOrg!: string;

  @Field(() => String, { description: "变更原因" })
  reason!: string;

  @Field(() => [FieldChangeView])
  changes!: FieldChangeView[];
}

@ObjectType({ description: "机构：住房保障主管部门或合作部门" })
@Directive('@key(fields: "code")')
export class Organization {
  @Field(() => ID)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => AdminLevel)
  level!: AdminLevel;

  @Field(() => Division)
  division!: Division;
}

export const FamilyConnection = connectionOf(Family, "Family");
export const ArchiveChangeConnection = connectionOf(ArchiveChange, "ArchiveChange");

@InputType({ description: "家庭成员" })
export class PersonInput {
  @Field(() => String)
  name!: string;

  @Field(() => String)
  idNumber!: string;

  @Field(() => String)
  relation!: string;
}

@InputType()
export class HouseholdInput {
  @Field(() => String)
  hukouDivisionCode!: string;

  @Field(() => String)
  maritalStatus!: string;

  @Field(() => Int)
  size!: number;
}

@InputType()
export class EconomicInput {
  @Field(() => Float)
  annualIncome!: number;

  @Field(() => Int)
  propertyCount!: number;
}

@InputType()
export class HousingSituationInput {
  @Field(() => String)
  status!: string;

  @Field(() => Float, { nullable: true })
  perCapitaArea?: number | null;
}

@InputType()
export class GuaranteeInput {
  @Field(() => String)
  category!: string;

  @Field(() => GuaranteeMode)
  mode!: GuaranteeMode;

  @Field(() => String)
  group!: string;

  @Field(() => Boolean)
  priority!: boolean;

  @Field(() => String, { nullable: true })
  priorityReason?: string | null;
}

@InputType({ description: "新建家庭档案" })
export class CreateFamilyInput {
  @Field(() => String)
  divisionCode!: string;

  @Field(() => [PersonInput], { description: "第一名为申请人（关系“本人”）" })
  members!: PersonInput[];

  @Field(() => HouseholdInput)
  household!: HouseholdInput;

  @Field(() => EconomicInput)
  economic!: EconomicInput;

  @Field(() => HousingSituationInput)
  housing!: HousingSituationInput;

  @Field(() => GuaranteeInput)
  guarantee!: GuaranteeInput;
}

@InputType({ description: "修改家庭档案：只修改给出的部分" })
export class UpdateFamilyInput {
  @Field(() => String, { nullable: true })
  divisionCode?: string;

  @Field(() => [PersonInput], { nullable: true })
  members?: PersonInput[];

  @Field(() => HouseholdInput, { nullable: true })
  household?: HouseholdInput;

  @Field(() => EconomicInput, { nullable: true })
  economic?: EconomicInput;

  @Field(() => HousingSituationInput, { nullable: true })
  housing?: HousingSituationInput;

  @Field(() => GuaranteeInput, { nullable: true })
  guarantee?: GuaranteeInput;
}
