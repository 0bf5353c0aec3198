// Batch intake from the registered departments (issue 14; R6.5) and the department's own reads
// of what it supplied. Every value is text as the source wrote it: a bad value is that row's
// problem, never an error for the whole batch.
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { today as todayOf } from "../../src/domain/clock";
import { importJudicialRecords, suppliedRecords, type SuppliedRecordRow } from "../../src/subgraphs/judicial/intake.service";
import { hasRole } from "../../src/auth/caller";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { InputProblem } from "../../src/domain/input-problem";
import { INTAKE_ARGS, IntakeReport } from "../shared/intake.types";
import { DateScalar, DateTimeScalar } from "../shared/scalars";
import { connectionOf, decodeCursor, encodeCursor, MAX_PAGE, type Connection } from "../shared/connection";
import { JudicialKind } from "./judicial.types";

const opt = (description: string) => ({ nullable: true, description });

@InputType({ description: "一条司法判决、刑事处罚、行政处罚、行政强制或行政确认信息（R6.5）" })
export class JudicialIntakeRow {
  @Field(() => String, opt("来源编号（报送部门系统中的编号）"))
  sourceId?: string | null;
  @Field(() => String, opt("当事人身份证号码"))
  idNumber?: string | null;
  @Field(() => String, opt("当事人姓名"))
  partyName?: string | null;
  @Field(() => String, opt("案号或决定书文号"))
  caseNumber?: string | null;
  @Field(() => String, opt("作出决定的法院或行政机关"))
  authority?: string | null;
  @Field(() => String, opt("决定日期 YYYY-MM-DD"))
  decidedOn?: string | null;
  @Field(() => String, opt("主要内容"))
  summary?: string | null;
}

@ObjectType({ description: "本部门报送的一条信息（仅报送部门自己可见全部；其他机构只能经家庭档案看到家庭成员的信息）" })
export class SuppliedJudicialRecord {
  @Field(() => ID)
  id!: string;
  @Field(() => JudicialKind)
  kind!: JudicialKind;
  @Field(() => String)
  idNumber!: string;
  @Field(() => String, { nullable: true })
  partyName!: string | null;
  @Field(() => String)
  caseNumber!: string;
  @Field(() => String)
  authority!: string;
  @Field(() => DateScalar)
  decidedOn!: string;
  @Field(() => String)
  summary!: string;
  @Field(() => String, { nullable: true })
  sourceSystem!: string | null;
  @Field(() => String, { nullable: true })
  sourceId!: string | null;
  @Field(() => DateTimeScalar)
  receivedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true })
  updatedAt!: Date | null;
}

const SuppliedJudicialRecordConnection = connectionOf(SuppliedJudicialRecord, "SuppliedJudicialRecord");

const toSupplied = (r: SuppliedRecordRow): SuppliedJudicialRecord => ({
  id: r.id,
  kind: r.kind as JudicialKind,
  idNumber: r.id_number,
  partyName: r.party_name,
  caseNumber: r.case_number,
  authority: r.court,
  decidedOn: r.decided_on,
  summary: r.summary,
  sourceSystem: r.source_system,
  sourceId: r.source_id,
  receivedAt: new Date(r.received_at),
  updatedAt: r.updated_at ? new Date(r.updated_at) : null,
});

@Resolver()
export class JudicialIntakeResolver {
  @Mutation(() => IntakeReport, { description: "报送司法及行政信息（每次最多1000行，一类；按 来源系统+来源编号 幂等；登记的数据提供部门报送本部门的记录，R6.5）" })
  async importJudicialRecords(
    @Arg("kind", () => JudicialKind) kind: JudicialKind,
    @Arg("sourceSystem", () => String) sourceSystem: string,
    @Arg("rows", () => [JudicialIntakeRow]) rows: JudicialIntakeRow[],
    @Arg("dryRun", () => Boolean, INTAKE_ARGS.dryRun) dryRun: boolean,
    @Arg("allOrNothing", () => Boolean, INTAKE_ARGS.allOrNothing) allOrNothing: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IntakeReport> {
    return importJudicialRecords(
      { em: ctx.em, caller: ctx.caller, archive: ctx.archive, requestId: ctx.requestId, now: ctx.clock.now(), today: todayOf(ctx.clock) },
      kind,
      sourceSystem,
      rows,
      { dryRun, allOrNothing },
    );
  }

  @Query(() => SuppliedJudicialRecordConnection, { description: "本部门报送的司法及行政信息，最近的在前" })
  async suppliedJudicialRecords(
    @Arg("kind", () => JudicialKind, { nullable: true }) kind: JudicialKind | null,
    @Arg("first", () => Int, { defaultValue: 100 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<SuppliedJudicialRecord>> {
    if (!ctx.caller.sub || !ctx.caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
    if (!hasRole(ctx.caller, "OPERATOR", "ADMIN", "AUDITOR")) throw hubError(ErrorCode.FORBIDDEN, "需要以下角色之一：OPERATOR、ADMIN、AUDITOR");
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput([new InputProblem("first", `每页条数应为1至${MAX_PAGE}`)]);
    const cursor = decodeCursor(after, ["datetime", "uuid"]);
    // Only the supplier's own rows: whatever the caller is, nothing of another organisation's.
    const rows = await suppliedRecords(ctx.em, ctx.caller.org, kind, first, cursor ? { receivedAt: cursor[0], id: cursor[1] } : null);
    const page = rows.slice(0, first);
    const edges = page.map((r) => ({ cursor: encodeCursor([new Date(r.received_at).toISOString(), r.id]), node: toSupplied(r) }));
    const [{ count }] = await ctx.em.getConnection().execute<{ count: number }[]>(`select count(*)::int as "count" from "judicial"."judicial_record" where "owner_org" = ?${kind ? ` and "kind" = ?` : ""}`, kind ? [ctx.caller.org, kind] : [ctx.caller.org]);
    return { totalCount: count, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges };
  }
}
