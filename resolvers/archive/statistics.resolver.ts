// R7.3: statistics of the credit mechanism for housing-authority staff, over their jurisdiction.
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { jurisdictionDivisions } from "../../src/subgraphs/access";
import { today as todayOf } from "../../src/domain/clock";
import { ruleBook } from "../../src/subgraphs/archive/credit/credit.read";
import { creditStatistics } from "../../src/subgraphs/archive/credit/statistics.service";
import { DateScalar } from "../shared/scalars";
import { staffPeriodScope } from "../shared/staff-period";
import { ListKind, ListStatus } from "./credit.types";

/** R7.3: the longest period one request may cover. */
const MAX_PERIOD_YEARS = 5;

@ObjectType({ description: "按类别计数" })
export class Count {
  @Field(() => String)
  key!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "名单记录按名单种类和状态计数" })
export class ListCount {
  @Field(() => ListKind)
  kind!: ListKind;

  @Field(() => ListStatus)
  status!: ListStatus;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "信用管理统计（R7.3）" })
export class CreditStatistics {
  @Field(() => String, { description: "统计范围（行政区划代码）" })
  divisionCode!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => [Count], { description: "统计期内认定的失信行为记录，按失信行为编码（认定日期按北京时间；含已修复，不含不予认定、已撤销）" })
  recordsByBehavior!: Count[];

  @Field(() => [Count], { description: "统计期内认定的失信行为记录，按信息来源（R5.1）" })
  recordsBySource!: Count[];

  @Field(() => [Count], { description: "统计期内登记的信用记录，按当前状态" })
  recordsByStatus!: Count[];

  @Field(() => [Count], { description: "当前各信用等级的家庭数（无扣分记录的家庭计为守信），含四个等级" })
  familiesByTier!: Count[];

  @Field(() => [ListCount], { description: "当前在各名单中的记录（按名单种类和状态，不含已移出）；状态为 REMOVED 的行为统计期内移出的记录数（每种名单一行）" })
  listEntriesByStatus!: ListCount[];

  @Field(() => Int, { description: "今天逾期未办理的失信联合惩戒程序环节数" })
  overdueSteps!: number;
}

@Resolver()
export class StatisticsResolver {
  @Query(() => CreditStatistics, { description: "本辖区信用管理统计（R7.3），住房保障主管部门工作人员可查询" })
  async creditStatistics(
    @Arg("divisionCode", () => String, { nullable: true }) divisionCode: string | null,
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreditStatistics> {
    // R2.4, R8.1: staff of a housing authority, for their own jurisdiction only.
    const scope = staffPeriodScope(ctx, divisionCode, from, to, MAX_PERIOD_YEARS, "统计期间");
    const divisions = jurisdictionDivisions(ctx.caller, divisionCode);
    const data = await creditStatistics(ctx.em, { divisionCodes: divisions, from, to, today: todayOf(ctx.clock), book: await ruleBook(ctx), calendar: ctx.calendar });
    return { divisionCode: scope, from, to, ...data } as CreditStatistics;
  }
}
