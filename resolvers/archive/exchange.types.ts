// GraphQL types of the provincial data exchange (R2.3, R6.7): the outbox of list changes to
// report up (county → city → province) and to push to the national platform.
import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { Category } from "../shared/category";
import { DateScalar, DateTimeScalar } from "../shared/scalars";
import { ListChangeAction, ListKind, ListStatus } from "./credit.types";

export enum OutboxDestination {
  REPORT_UP = "REPORT_UP",
  NATIONAL = "NATIONAL",
}
registerEnumType(OutboxDestination, {
  name: "OutboxDestination",
  description: "名单变更的报送去向（R6.7）",
  valuesConfig: { REPORT_UP: { description: "逐级上报（县 → 市 → 省）" }, NATIONAL: { description: "推送全国信用信息共享平台（失信联合惩戒名单）" } },
});

export enum NationalChangeReason {
  LISTED = "LISTED",
  SUSPENDED = "SUSPENDED",
  RESUMED = "RESUMED",
  CORRECTED = "CORRECTED",
  EXPIRED = "EXPIRED",
  REVOKED = "REVOKED",
  REPAIRED = "REPAIRED",
  CLOSED = "CLOSED",
}
registerEnumType(NationalChangeReason, {
  name: "NationalChangeReason",
  description: "推送国家平台的名单变更原因（R6.7）",
  valuesConfig: {
    LISTED: { description: "列入失信联合惩戒对象名单" },
    SUSPENDED: { description: "异议核查期间暂停执行（R7.2），接收方应暂停惩戒措施" },
    RESUMED: { description: "异议不成立，恢复执行" },
    CORRECTED: { description: "异议部分成立，信息更正后继续执行" },
    EXPIRED: { description: "列入期限届满，移出名单" },
    REVOKED: { description: "异议成立，信用记录撤销，移出名单" },
    REPAIRED: { description: "信用修复，移出名单（R7.5）" },
    CLOSED: { description: "程序终止，移出名单" },
  },
});

@ObjectType({ description: "名单责任主体（申请人及其配偶）的完整身份（R6.7：接收平台据以实施联合惩戒）" })
export class NationalSubject {
  @Category("IDENTITY")
  @Field(() => String)
  name!: string;

  @Category("IDENTITY")
  @Field(() => String)
  idNumber!: string;

  @Category("IDENTITY")
  @Field(() => String, { description: "与申请人关系（本人、配偶）" })
  relation!: string;
}

@ObjectType({ description: "列入所依据的失信行为（R6.3）" })
export class NationalBehavior {
  @Field(() => String, { description: "失信行为代码（B01…B11 或细化类型）" })
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => DateScalar)
  occurredOn!: string;

  @Field(() => String, { description: "认定依据" })
  legalBasis!: string;
}

@ObjectType({ description: "推送国家平台的一条失信联合惩戒名单信息（R6.7）" })
export class NationalListing {
  @Field(() => NationalChangeReason)
  reason!: NationalChangeReason;

  @Category("IDENTITY")
  @Field(() => [NationalSubject], { description: "责任主体的完整姓名和身份证号码（仅在推送国家平台时提供）" })
  subjects!: NationalSubject[];

  @Category("CREDIT")
  @Field(() => [NationalBehavior])
  behaviors!: NationalBehavior[];

  @Field(() => [String], { description: "列入情形（R6.3 第（一）至（五）项、R6.4 转入）" })
  basis!: string[];

  @Field(() => String, { nullable: true, description: "列入决定书文号" })
  decisionNumber!: string | null;

  @Field(() => DateScalar, { nullable: true })
  listedOn!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "列入期限截止日期（不含）" })
  listedUntil!: string | null;

  @Field(() => DateScalar, { nullable: true })
  removedOn!: string | null;

  @Field(() => String, { nullable: true })
  removalReason!: string | null;

  @Field(() => String, { description: "作出决定的住房保障主管部门代码（HA-区划代码）" })
  authorityCode!: string;

  @Field(() => String)
  authorityName!: string;
}

@ObjectType({ description: "待报送的名单变更（R6.7）：变更本身，以及接收方需要的名单期限和脱敏后的申请人身份" })
export class OutboxItem {
  @Field(() => String, { description: "名单变更序号（全序、连续；十进制字符串）" })
  sequence!: string;

  @Field(() => OutboxDestination)
  destination!: OutboxDestination;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => ListKind)
  kind!: ListKind;

  @Field(() => ListChangeAction)
  action!: ListChangeAction;

  @Field(() => ListStatus, { description: "变更后的名单状态" })
  status!: ListStatus;

  @Field(() => ID)
  familyId!: string;

  @Field(() => ID)
  listEntryId!: string;

  @Field(() => String)
  divisionCode!: string;

  @Field(() => DateScalar, { nullable: true, description: "名单记录的起始日期（报送时的值）" })
  since!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "名单记录的截止日期（报送时的值）" })
  until!: string | null;

  @Category("IDENTITY")
  @Field(() => String, { nullable: true, description: "申请人姓名，脱敏（姓 + 每个其余字一个 *，R8.5）" })
  maskedName!: string | null;

  @Category("IDENTITY")
  @Field(() => String, { nullable: true, description: "申请人身份证号码，脱敏（前 6 位 + 8 个 * + 后 4 位，R8.5）" })
  maskedIdNumber!: string | null;

  @Field(() => Int, { description: "已记录的失败发送次数" })
  attempts!: number;

  @Field(() => NationalListing, { nullable: true, description: "推送国家平台的失信联合惩戒名单内容（仅 NATIONAL；R6.7）：接收平台据以实施联合惩戒所需的完整信息" })
  national!: NationalListing | null;
}
