// M24: the scheduler's claims and run history (src/jobs/scheduler.ts). The scheduler runs in
// every gateway replica; each due slot of a duty is claimed here first — the unique (duty, slot)
// row decides which replica runs it (exactly once), a claim whose runner vanished is taken over
// after its lease, and a failed slot is retried a few times. Province staff read the history.
import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { authorityDivision, hasRole } from "../../src/auth/caller";
import { sqlQuery } from "../../src/db/orm";
import { PROVINCE_CODE } from "../../src/domain/divisions";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { DateScalar, DateTimeScalar } from "../shared/scalars";

export const MAX_DUTY_ATTEMPTS = 3;

@ObjectType({ description: "一项计数" })
export class DutyCount {
  @Field(() => String)
  name!: string;

  @Field(() => Float)
  value!: number;
}

@InputType()
export class DutyCountInput {
  @Field(() => String)
  name!: string;

  @Field(() => Float)
  value!: number;
}

@ObjectType({ description: "定时任务的一次运行（M24）：开始、结束、计数和错误" })
export class DutyRunView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "任务代码，如 LIST_MAINTENANCE" })
  duty!: string;

  @Field(() => String, { description: "应运行的时段：业务日期（每日任务）或季度（如 2026Q4）" })
  slot!: string;

  @Field(() => DateScalar)
  businessDate!: string;

  @Field(() => String, { description: "RUNNING、SUCCEEDED 或 FAILED" })
  status!: string;

  @Field(() => String, { description: "运行该任务的实例" })
  instance!: string;

  @Field(() => DateTimeScalar)
  startedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => [DutyCount])
  counts!: DutyCount[];

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Boolean, { description: "补运行（服务停机期间错过的时段）" })
  catchUp!: boolean;

  @Field(() => Int)
  attempts!: number;
}

interface DutyRow {
  id: string;
  duty: string;
  slot: string;
  business_date: string;
  status: string;
  instance: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  counts: Record<string, number> | string;
  error: string | null;
  catch_up: boolean;
  attempts: number;
}

const COLUMNS = `"id"::text as "id", "duty", "slot", to_char("business_date", 'YYYY-MM-DD') as "business_date", "status", "instance", "started_at", "finished_at", "counts", "error", "catch_up", "attempts"`;

function toView(r: DutyRow): DutyRunView {
  const counts = typeof r.counts === "string" ? (JSON.parse(r.counts) as Record<string, number>) : r.counts;
  return {
    id: r.id,
    duty: r.duty,
    slot: r.slot,
    businessDate: r.business_date,
    status: r.status,
    instance: r.instance,
    startedAt: new Date(r.started_at),
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
    counts: Object.entries(counts).map(([name, value]) => ({ name, value: Number(value) })),
    error: r.error,
    catchUp: r.catch_up,
    attempts: r.attempts,
  };
}

/** The scheduler is the province authority's job (ADMIN); the history is readable by province staff. */
function assertProvince(ctx: SubgraphContext, admin: boolean) {
  if (!ctx.caller.sub || !ctx.caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
  if (authorityDivision(ctx.caller.org) !== PROVINCE_CODE || (admin && !hasRole(ctx.caller, "ADMIN"))) {
    throw hubError(ErrorCode.FORBIDDEN, admin ? "只有省级住房保障主管部门（HA-420000）的管理员（任务身份）可以登记定时任务运行" : "只有省级住房保障主管部门（HA-420000）工作人员可以查看定时任务运行记录");
  }
}

const DUTY = /^[A-Z][A-Z_]{2,31}$/;
const SLOT = /^(\d{4}-\d{2}-\d{2}|\d{4}Q[1-4])$/;

@Resolver()
export class DutyResolver {
  @Mutation(() => DutyRunView, { nullable: true, description: "认领某任务某时段的运行（每个时段只运行一次）；已被其他实例认领时返回 null" })
  async claimDutyRun(
    @Arg("duty", () => String) duty: string,
    @Arg("slot", () => String) slot: string,
    @Arg("businessDate", () => DateScalar) businessDate: string,
    @Arg("instance", () => String) instance: string,
    @Arg("catchUp", () => Boolean) catchUp: boolean,
    @Arg("leaseSeconds", () => Int, { defaultValue: 1800, description: "认领后未结束的运行，超过此时间视为中断，可由其他实例接手" }) leaseSeconds: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DutyRunView | null> {
    assertProvince(ctx, true);
    const p: InputProblem[] = [];
    if (!DUTY.test(duty)) p.push(new InputProblem("duty", "任务代码应为3至32个大写字母或下划线"));
    if (!SLOT.test(slot)) p.push(new InputProblem("slot", "时段应为 YYYY-MM-DD 或 YYYYQn"));
    if (!instance.trim() || instance.length > 128) p.push(new InputProblem("instance", "实例名称不能为空且不超过128个字符"));
    if (!Number.isInteger(leaseSeconds) || leaseSeconds < 10 || leaseSeconds > 86400) p.push(new InputProblem("leaseSeconds", "租约应为10至86400秒"));
    if (p.length) throw badInput(p);
    const now = ctx.clock.now();
    return ctx.em.transactional(async (em) => {
      const [fresh] = await sqlQuery<DutyRow>(
        em,
        `insert into "archive"."duty_run" ("id", "duty", "slot", "business_date", "status", "instance", "started_at", "counts", "catch_up", "attempts")
         values (gen_random_uuid(), ?, ?, ?, 'RUNNING', ?, ?, '{}', ?, 1) on conflict ("duty", "slot") do nothing returning ${COLUMNS}`,
        [duty, slot, businessDate, instance.trim(), now, catchUp],
      );
      if (fresh) return toView(fresh);
      // Taken over: a runner that vanished (lease over), or a failed slot retried (after the lease too).
      const leaseEnd = new Date(now.getTime() - leaseSeconds * 1000);
      const [retaken] = await sqlQuery<DutyRow>(
        em,
        `update "archive"."duty_run" set "status" = 'RUNNING', "instance" = ?, "started_at" = ?, "finished_at" = null, "attempts" = "attempts" + 1, "catch_up" = "catch_up" or ?
          where "duty" = ? and "slot" = ? and "attempts" < ? and "started_at" < ?
            and ("status" = 'RUNNING' or "status" = 'FAILED')
          returning ${COLUMNS}`,
        [instance.trim(), now, catchUp, duty, slot, MAX_DUTY_ATTEMPTS, leaseEnd],
      );
      return retaken ? toView(retaken) : null;
    });
  }

  @Mutation(() => DutyRunView, { description: "登记一次运行的结果（计数或错误）" })
  async finishDutyRun(
    @Arg("id", () => ID) id: string,
    @Arg("succeeded", () => Boolean) succeeded: boolean,
    @Arg("counts", () => [DutyCountInput], { defaultValue: [] }) counts: DutyCountInput[],
    @Arg("error", () => String, { nullable: true }) error: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DutyRunView> {
    assertProvince(ctx, true);
    if (!/^[0-9a-f-]{36}$/.test(id)) throw badInput([new InputProblem("id", "运行编号格式不正确")]);
    const [row] = await sqlQuery<DutyRow>(
      ctx.em,
      `update "archive"."duty_run" set "status" = ?, "finished_at" = ?, "counts" = ?::jsonb, "error" = ? where "id" = ? and "status" = 'RUNNING' returning ${COLUMNS}`,
      [succeeded ? "SUCCEEDED" : "FAILED", ctx.clock.now(), JSON.stringify(Object.fromEntries(counts.map((c) => [c.name, c.value]))), error ? error.slice(0, 4000) : null, id],
    );
    if (!row) throw hubError(ErrorCode.CONFLICT, "该运行已结束或已被其他实例接手");
    return toView(row);
  }

  @Query(() => [DutyRunView], { description: "定时任务运行记录，最新在前（省级住房保障主管部门工作人员）" })
  async dutyRuns(
    @Arg("duty", () => String, { nullable: true }) duty: string | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<DutyRunView[]> {
    assertProvince(ctx, false);
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput([new InputProblem("first", "应为1至500")]);
    const rows = await sqlQuery<DutyRow>(
      ctx.em,
      `select ${COLUMNS} from "archive"."duty_run" ${duty ? `where "duty" = ?` : ""} order by "started_at" desc, "slot" desc limit ?`,
      duty ? [duty, first] : [first],
    );
    return rows.map(toView);
  }
}
