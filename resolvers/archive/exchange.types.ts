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
}
