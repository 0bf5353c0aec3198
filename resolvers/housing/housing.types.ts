import { Category, Locator } from "../shared/category";
import { Directive, Field, Float, ID, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../shared/scalars";

@ObjectType({ description: "租金台账的一个月" })
export class RentMonth {
  @Field(() => DateScalar, { description: "租金月份（当月1日）" })
  month!: string;

  @Field(() => Float)
  amountDue!: number;

  @Field(() => Float)
  amountPaid!: number;

  @Field(() => DateScalar, { nullable: true })
  paidOn!: string | null;
}

@ObjectType({ description: "入户核查（是否实际居住）" })
export class OccupancyCheck {
  @Field(() => DateScalar)
  checkedOn!: string;

  @Field(() => Boolean)
  occupied!: boolean;

  @Field(() => String)
  inspector!: string;

  @Field(() => String, { nullable: true })
  note!: string | null;
}

@ObjectType({ description: "运营单位发出的提醒或警告" })
export class HousingWarning {
  @Field(() => DateScalar)
  issuedOn!: string;

  @Field(() => String, { description: "RENT_ARREARS、VACANCY 或 OTHER" })
  kind!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => String, { nullable: true, description: "发出单位" })
  issuedBy!: string | null;
}

@ObjectType({ description: "公租房租赁情况（市县运营管理）" })
export class Tenancy {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "房屋地址" })
  unitAddress!: string;

  @Field(() => DateScalar)
  leaseStart!: string;

  @Field(() => DateScalar)
  leaseEnd!: string;

  @Field(() => Float, { description: "月租金（元）" })
  monthlyRent!: number;

  @Field(() => Int, { description: "累计欠租月数（根据租金台账计算）" })
  monthsInArrears!: number;

  @Field(() => Float, { description: "累计欠租金额（元）" })
  arrearsAmount!: number;

  @Field(() => Int, { description: "连续闲置月数（根据入户核查计算）" })
  monthsVacant!: number;

  @Field(() => [RentMonth])
  rentLedger!: RentMonth[];

  @Field(() => [OccupancyCheck])
  occupancyChecks!: OccupancyCheck[];

  @Field(() => [HousingWarning])
  warnings!: HousingWarning[];
}

@ObjectType("Family")
@Directive('@key(fields: "id")')
export class HousingFamily {
  @Locator()
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  @Directive("@external")
  divisionCode!: string;

  @Category("TENANCY")
  @Locator()
  @Field(() => Tenancy, { nullable: true, description: "公租房租赁情况" })
  @Directive('@requires(fields: "divisionCode")')
  tenancy!: Tenancy | null;
}
