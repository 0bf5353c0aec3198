// GraphQL types of written permissions (R8.1, R8.2) and the disclosure audit (R8.3).
import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { DateTimeScalar } from "../shared/scalars";
import { connectionOf } from "../shared/connection";
import { AdminLevel, Division, Organization, OrganizationKind } from "./archive.types";

export enum DataCategory {
  IDENTITY = "IDENTITY",
  HOUSEHOLD = "HOUSEHOLD",
  ECONOMIC = "ECONOMIC",
  HOUSING = "HOUSING",
  GUARANTEE = "GUARANTEE",
  CREDIT = "CREDIT",
  LISTS = "LISTS",
  EVIDENCE = "EVIDENCE",
  TENANCY = "TENANCY",
  JUDICIAL = "JUDICIAL",
}
registerEnumType(DataCategory, {
  name: "DataCategory",
  description: "数据类别（R8.2）",
  valuesConfig: {
    IDENTITY: { description: "姓名、身份证号码" },
    HOUSEHOLD: { description: "户籍、婚姻、家庭成员" },
    ECONOMIC: { description: "收入、财产" },
    HOUSING: { description: "住房状况" },
    GUARANTEE: { description: "保障类别、方式、群体、优先" },
    CREDIT: { description: "信用分、等级、失信记录及依据" },
    LISTS: { description: "名单情况" },
    EVIDENCE: { description: "证据材料、文书" },
    TENANCY: { description: "租赁、欠租、空置" },
    JUDICIAL: { description: "司法及行政处罚" },
  },
});

export enum SharingMode {
  FULL = "FULL",
  MASKED = "MASKED",
}
registerEnumType(SharingMode, { name: "SharingMode", description: "提供方式：完整或脱敏（R8.5）" });

@ObjectType({ description: "许可的数据类别及提供方式" })
export class SharingScope {
  @Field(() => DataCategory)
  category!: DataCategory;

  @Field(() => SharingMode)
  mode!: SharingMode;
}

@ObjectType({ description: "书面许可（R8.2）：同级住房保障主管部门许可合作机构获取指定类别、区划的信息" })
export class SharingPermission {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "文号" })
  documentNumber!: string;

  @Field(() => Organization, { description: "许可机关" })
  grantor!: Organization;

  @Field(() => Organization, { description: "被许可机构" })
  grantee!: Organization;

  @Field(() => String, { description: "用途" })
  purpose!: string;

  @Field(() => [SharingScope])
  scopes!: SharingScope[];

  @Field(() => [Division], { description: "覆盖的区划（含下级）" })
  divisions!: Division[];

  @Field(() => DateTimeScalar)
  validFrom!: Date;

  @Field(() => DateTimeScalar)
  validUntil!: Date;

  @Field(() => String, { nullable: true, description: "书面许可文件的 SHA-256" })
  letterSha256!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  revokedBy!: string | null;

  @Field(() => String, { nullable: true })
  revocationReason!: string | null;

  @Field(() => Boolean, { description: "当前是否有效" })
  inForce!: boolean;
}

@InputType({ description: "登记机构" })
export class RegisterOrganizationInput {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => OrganizationKind)
  kind!: OrganizationKind;

  @Field(() => AdminLevel)
  level!: AdminLevel;

  @Field(() => String)
  divisionCode!: string;
}

@InputType()
export class SharingScopeInput {
  @Field(() => DataCategory)
  category!: DataCategory;

  @Field(() => SharingMode)
  mode!: SharingMode;
}

@InputType({ description: "出具书面许可" })
export class GrantSharingPermissionInput {
  @Field(() => String, { description: "文号" })
  documentNumber!: string;

  @Field(() => String)
  granteeCode!: string;

  @Field(() => String)
  purpose!: string;

  @Field(() => [SharingScopeInput])
  scopes!: SharingScopeInput[];

  @Field(() => [String])
  divisionCodes!: string[];

  @Field(() => DateTimeScalar)
  validFrom!: Date;

  @Field(() => DateTimeScalar)
  validUntil!: Date;

  @Field(() => String, { nullable: true })
  letterSha256?: string | null;
}

@ObjectType({ description: "一次提供家庭信息的记录（R8.3）" })
export class AccessRecord {
  @Field(() => ID)
  sequence!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => Organization, { nullable: true, description: "获取信息的机构" })
  organization!: Organization | null;

  @Field(() => String, { nullable: true, description: "获取信息的人员或作业" })
  user!: string | null;

  @Field(() => String, { nullable: true, description: "所依据的书面许可文号（本辖区住房保障主管部门为“辖区”）" })
  permissionDocumentNumber!: string | null;

  @Field(() => [String], { description: "所依据的全部文号" })
  permissionDocumentNumbers!: string[];

  @Field(() => String, { nullable: true })
  operationName!: string | null;

  @Field(() => [DataCategory], { description: "已提供的数据类别" })
  categories!: DataCategory[];

  @Field(() => [DataCategory], { description: "被拒绝的数据类别" })
  deniedCategories!: DataCategory[];

  @Field(() => String, { description: "DISCLOSED、PARTIAL、DENIED 等" })
  outcome!: string;

  @Field(() => String, { nullable: true })
  clientAddress!: string | null;

  @Field(() => [ID], { description: "涉及的家庭档案编号" })
  familyIds!: string[];

  @Field(() => String, { description: "审计记录类别：DISCLOSURE、GRANT、REVOKE、REGISTER" })
  kind!: string;
}

export const AccessRecordConnection = connectionOf(AccessRecord, "AccessRecord");
export const SharingPermissionConnection = connectionOf(SharingPermission, "SharingPermission");

export { OrganizationKind };
