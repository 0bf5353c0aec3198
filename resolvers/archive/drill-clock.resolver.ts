// The clock of a drill or acceptance hub: read by anyone (the banner), moved forward only by the
// province's ADMIN staff — for every service of the hub (the archive keeps it; the gateway and the
// other subgraphs take its time from the answers and the signed calls).
import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { beijingTime, isDrillClock, type DrillClock } from "../../src/domain/clock";
import { shanghaiDate } from "../../src/domain/credit/dates";
import { uncoveredYear } from "../../src/domain/credit/working-days";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { hasRole } from "../../src/auth/caller";
import { PROVINCE_CODE } from "../../src/domain/divisions";
import { saveDrillClock } from "../../src/subgraphs/archive/drill-clock.service";
import { appendAudit } from "../../src/subgraphs/archive/sharing/audit.service";
import { DateTimeScalar } from "../shared/scalars";
import { DrillClockView } from "./drill-clock.types";

function view(clock: DrillClock, calendar: SubgraphContext["calendar"]): DrillClockView {
  const now = clock.now();
  const year = uncoveredYear(calendar, now);
  return {
    now,
    today: shanghaiDate(now),
    fixed: clock.fixed,
    startedAt: clock.startedAt,
    calendarWarning: year === null ? null : `节假日日历未包含 ${year} 年的安排：工作日期限只按周末计算（可用 HUB_HOLIDAYS_FILE 提供）`,
  };
}

@Resolver()
export class DrillClockResolver {
  @Query(() => DrillClockView, { nullable: true, description: "演练时钟；使用真实时间的枢纽（包括全部生产系统）为 null" })
  drillClock(@Ctx() ctx: SubgraphContext): DrillClockView | null {
    return isDrillClock(ctx.clock) ? view(ctx.clock, ctx.calendar) : null;
  }

  @Mutation(() => DrillClockView, { description: "把演练时钟向前拨到指定时刻（仅开发模式的演练环境，省住房保障部门 ADMIN；不能回拨），对本枢纽全部服务生效，记入审计" })
  async advanceClock(@Arg("to", () => DateTimeScalar) to: Date, @Ctx() ctx: SubgraphContext): Promise<DrillClockView> {
    if (ctx.caller.org !== `HA-${PROVINCE_CODE}` || !hasRole(ctx.caller, "ADMIN")) {
      throw hubError(ErrorCode.FORBIDDEN, "只有省住房保障主管部门的管理员（ADMIN）可以调整演练时钟");
    }
    const clock = ctx.clock;
    // Production never has a drill clock (refused at start): the real system's time cannot be moved.
    if (!isDrillClock(clock)) throw hubError(ErrorCode.CONFLICT, "本枢纽使用真实时间，没有演练时钟（仅开发模式下以 HUB_CLOCK 启动的演练环境可以调整时钟）");
    const from = clock.now();
    if (to.getTime() < from.getTime()) {
      throw badInput([new InputProblem("to", `演练时钟不能回拨：当前为 ${beijingTime(from)}，目标 ${beijingTime(to)}更早`)]);
    }
    // Kept with the archive first (a restarted hub resumes there), then moved; on the record.
    await saveDrillClock(ctx.em, clock, to, ctx.caller.sub);
    await appendAudit(ctx.em, {
      at: to,
      kind: "SYSTEM",
      orgCode: ctx.caller.org,
      userSub: ctx.caller.sub,
      clientAddress: ctx.caller.clientAddress ?? null,
      operationName: ctx.caller.operationName ?? null,
      documentHash: null,
      permissions: [],
      categoriesReturned: [],
      categoriesDenied: [],
      familyIds: [],
      outcome: "CLOCK_ADVANCED",
      detail: { from: from.toISOString(), to: to.toISOString() },
    });
    if (!clock.advanceTo(to)) throw hubError(ErrorCode.CONFLICT, "演练时钟已被同时拨到更晚的时刻，请重新读取后再试");
    return view(clock, ctx.calendar);
  }
}
