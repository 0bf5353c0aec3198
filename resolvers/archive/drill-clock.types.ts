// GraphQL types of a drill or acceptance hub's clock (development only).
import { Field, ObjectType } from "type-graphql";
import { DateScalar, DateTimeScalar } from "../shared/scalars";

@ObjectType({ description: "演练时钟（仅开发模式的演练、验收环境；生产系统始终使用真实时间）" })
export class DrillClockView {
  @Field(() => DateTimeScalar, { description: "演练时钟的当前时刻" })
  now!: Date;

  @Field(() => DateScalar, { description: "演练时钟的今天（北京时间）：期限、名单期间、使用期限均按此计算" })
  today!: string;

  @Field(() => Boolean, { description: "时钟静止（HUB_CLOCK_FIXED=1）；否则从设定时刻起随真实时间走动" })
  fixed!: boolean;

  @Field(() => DateTimeScalar, { description: "本次演练开始的时刻（HUB_CLOCK）" })
  startedAt!: Date;

  @Field(() => String, { nullable: true, description: "节假日日历未包含演练时钟所在年份时的提示（工作日只按周末计算）" })
  calendarWarning!: string | null;
}
