// Batch intake from the municipal housing systems (issue 14): up to 1,000 rows per call, written
// by the housing authority whose jurisdiction covers them. Every value is text as the source wrote
// it: a bad value is that row's problem (with its field), never an error for the whole batch.
import { Arg, Ctx, Field, InputType, Mutation, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { today as todayOf } from "../../src/domain/clock";
import { importHousingWarnings, importOccupancyChecks, importRentLedger, importTenancies, type HousingIntakeCtx } from "../../src/subgraphs/housing/intake.service";
import { INTAKE_ARGS, IntakeReport } from "../shared/intake.types";

const opt = (description: string) => ({ nullable: true, description });

@InputType({ description: "一份公租房租赁（来自市县公租房管理系统）" })
export class TenancyIntakeRow {
  @Field(() => String, opt("租赁合同编号（来源编号）"))
  sourceId?: string | null;
  @Field(() => String, opt("申请人身份证号码（须为本辖区已建档家庭的成员）"))
  applicantIdNumber?: string | null;
  @Field(() => String, opt("申请人姓名"))
  applicantName?: string | null;
  @Field(() => String, opt("房屋所在区划代码（GB/T 2260）"))
  divisionCode?: string | null;
  @Field(() => String, opt("房屋地址"))
  unitAddress?: string | null;
  @Field(() => String, opt("租赁起始日期 YYYY-MM-DD"))
  leaseStart?: string | null;
  @Field(() => String, opt("租赁终止日期 YYYY-MM-DD"))
  leaseEnd?: string | null;
  @Field(() => String, opt("月租金（元）"))
  monthlyRent?: string | null;
}

@InputType({ description: "租金台账的一个月" })
export class RentLedgerIntakeRow {
  @Field(() => String, opt("来源编号（缺省为 租赁合同编号:YYYY-MM）"))
  sourceId?: string | null;
  @Field(() => String, opt("租赁合同编号"))
  tenancySourceId?: string | null;
  @Field(() => String, opt("租金月份 YYYY-MM"))
  month?: string | null;
  @Field(() => String, opt("应缴金额（元）"))
  amountDue?: string | null;
  @Field(() => String, opt("实缴金额（元）"))
  amountPaid?: string | null;
  @Field(() => String, opt("缴纳日期 YYYY-MM-DD（不能晚于今天）"))
  paidOn?: string | null;
}

@InputType({ description: "一次入户核查" })
export class OccupancyCheckIntakeRow {
  @Field(() => String, opt("来源编号"))
  sourceId?: string | null;
  @Field(() => String, opt("租赁合同编号"))
  tenancySourceId?: string | null;
  @Field(() => String, opt("核查日期 YYYY-MM-DD"))
  checkedOn?: string | null;
  @Field(() => String, opt("是否实际居住：是/否"))
  occupied?: string | null;
  @Field(() => String, opt("核查人"))
  inspector?: string | null;
  @Field(() => String, opt("备注"))
  note?: string | null;
}

@InputType({ description: "运营单位发出的一次提醒或警告" })
export class HousingWarningIntakeRow {
  @Field(() => String, opt("来源编号"))
  sourceId?: string | null;
  @Field(() => String, opt("租赁合同编号"))
  tenancySourceId?: string | null;
  @Field(() => String, opt("发出日期 YYYY-MM-DD"))
  issuedOn?: string | null;
  @Field(() => String, opt("类别：欠租（RENT_ARREARS）、空置（VACANCY）、其他（OTHER）"))
  kind?: string | null;
  @Field(() => String, opt("警告事由"))
  reason?: string | null;
  @Field(() => String, opt("发出单位"))
  issuedBy?: string | null;
}

function intakeCtx(ctx: SubgraphContext): HousingIntakeCtx {
  return { em: ctx.em, caller: ctx.caller, archive: ctx.archive, requestId: ctx.requestId, now: ctx.clock.now(), today: todayOf(ctx.clock) };
}

@Resolver()
export class HousingIntakeResolver {
  @Mutation(() => IntakeReport, { description: "接入公租房租赁（每次最多1000行；按 来源系统+租赁合同编号 幂等；本辖区住房保障部门）" })
  async importTenancies(
    @Arg("sourceSystem", () => String) sourceSystem: string,
    @Arg("rows", () => [TenancyIntakeRow]) rows: TenancyIntakeRow[],
    @Arg("dryRun", () => Boolean, INTAKE_ARGS.dryRun) dryRun: boolean,
    @Arg("allOrNothing", () => Boolean, INTAKE_ARGS.allOrNothing) allOrNothing: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IntakeReport> {
    return importTenancies(intakeCtx(ctx), sourceSystem, rows, { dryRun, allOrNothing });
  }

  @Mutation(() => IntakeReport, { description: "接入租金台账（每次最多1000行；按 租赁+月份 幂等；本辖区住房保障部门）" })
  async importRentLedger(
    @Arg("sourceSystem", () => String) sourceSystem: string,
    @Arg("rows", () => [RentLedgerIntakeRow]) rows: RentLedgerIntakeRow[],
    @Arg("dryRun", () => Boolean, INTAKE_ARGS.dryRun) dryRun: boolean,
    @Arg("allOrNothing", () => Boolean, INTAKE_ARGS.allOrNothing) allOrNothing: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IntakeReport> {
    return importRentLedger(intakeCtx(ctx), sourceSystem, rows, { dryRun, allOrNothing });
  }

  @Mutation(() => IntakeReport, { description: "接入入户核查（每次最多1000行；按 来源系统+来源编号 幂等；本辖区住房保障部门）" })
  async importOccupancyChecks(
    @Arg("sourceSystem", () => String) sourceSystem: string,
    @Arg("rows", () => [OccupancyCheckIntakeRow]) rows: OccupancyCheckIntakeRow[],
    @Arg("dryRun", () => Boolean, INTAKE_ARGS.dryRun) dryRun: boolean,
    @Arg("allOrNothing", () => Boolean, INTAKE_ARGS.allOrNothing) allOrNothing: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IntakeReport> {
    return importOccupancyChecks(intakeCtx(ctx), sourceSystem, rows, { dryRun, allOrNothing });
  }

  @Mutation(() => IntakeReport, { description: "接入运营单位的提醒、警告（每次最多1000行；按 来源系统+来源编号 幂等；本辖区住房保障部门）" })
  async importHousingWarnings(
    @Arg("sourceSystem", () => String) sourceSystem: string,
    @Arg("rows", () => [HousingWarningIntakeRow]) rows: HousingWarningIntakeRow[],
    @Arg("dryRun", () => Boolean, INTAKE_ARGS.dryRun) dryRun: boolean,
    @Arg("allOrNothing", () => Boolean, INTAKE_ARGS.allOrNothing) allOrNothing: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IntakeReport> {
    return importHousingWarnings(intakeCtx(ctx), sourceSystem, rows, { dryRun, allOrNothing });
  }
}
