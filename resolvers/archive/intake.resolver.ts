// Intake in the archive (issue 14): the audit of each file load (R8.3) and the judicial leads
// offered to a family's authority (R6.5). The loaded rows themselves go to the subgraph that owns
// their kind (housing, judicial).
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, registerEnumType } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { hasRole } from "../../src/auth/caller";
import { authorityDivision } from "../../src/auth/caller";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { InputProblem } from "../../src/domain/input-problem";
import { isWithinJurisdiction } from "../../src/domain/divisions";
import { sqlQuery } from "../../src/db/orm";
import { jurisdictionDivisions } from "../../src/subgraphs/access";
import { Organization as OrganizationEntity } from "../../src/subgraphs/archive/entities/organization.entity";
import { beginIntakeLoad, finishIntakeLoad, intakeLoadsOf, type IntakeLoadRow } from "../../src/subgraphs/archive/intake/intake.service";
import { pgTextArray } from "../../src/subgraphs/row-rule.sql";
import { connectionOf, decodeCursor, encodeCursor, MAX_PAGE, type Connection } from "../shared/connection";
import { DateScalar, DateTimeScalar } from "../shared/scalars";
import { isUuid } from "../shared/ids";

/** The kinds a file load may carry, and who owns each (issue 14). */
export const HOUSING_INTAKE_KINDS = ["TENANCY", "RENT_LEDGER", "OCCUPANCY_CHECK", "HOUSING_WARNING"] as const;
export const JUDICIAL_INTAKE_KINDS = ["JUDGMENT", "CRIMINAL_PENALTY", "ADMINISTRATIVE_PENALTY", "ENFORCEMENT", "ADMINISTRATIVE_CONFIRMATION"] as const;
const WRITE_ROLES = ["OPERATOR", "ADMIN"] as const;
const LEAD_ROLES = ["IDENTIFIER", "OPERATOR", "ADMIN", "REVIEWER"] as const;

export enum IntakeLoadStatus {
  RUNNING = "RUNNING",
  COMPLETED = "COMPLETED",
  INTERRUPTED = "INTERRUPTED",
}
registerEnumType(IntakeLoadStatus, {
  name: "IntakeLoadStatus",
  description: "数据加载状态",
  valuesConfig: { RUNNING: { description: "加载中" }, COMPLETED: { description: "已完成" }, INTERRUPTED: { description: "中断（可续传）" } },
});

export enum JudicialLeadStatus {
  OFFERED = "OFFERED",
  USED = "USED",
  DISMISSED = "DISMISSED",
}
registerEnumType(JudicialLeadStatus, {
  name: "JudicialLeadStatus",
  description: "司法线索状态",
  valuesConfig: { OFFERED: { description: "待处理" }, USED: { description: "已作为信用记录的依据" }, DISMISSED: { description: "经核实不予采用" } },
});

@InputType({ description: "一次文件加载（记入审计：谁、加载了什么、多少行、文件 SHA-256）" })
export class IntakeLoadInput {
  @Field(() => String, { description: "数据类别，如 RENT_LEDGER、JUDGMENT" })
  kind!: string;

  @Field(() => String, { description: "来源系统" })
  sourceSystem!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => String, { description: "文件的 SHA-256（十六进制）" })
  fileSha256!: string;

  @Field(() => Int)
  totalRows!: number;

  @Field(() => Boolean)
  allOrNothing!: boolean;
}

@InputType({ description: "加载结果" })
export class IntakeLoadResultInput {
  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => Boolean, { description: "是否全部完成（否：中断，可续传）" })
  completed!: boolean;
}

@ObjectType({ description: "一次文件加载（R8.3）" })
export class IntakeLoad {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  kind!: string;

  @Field(() => String)
  sourceSystem!: string;

  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  fileSha256!: string;

  @Field(() => Int)
  totalRows!: number;

  @Field(() => Boolean)
  allOrNothing!: boolean;

  @Field(() => String, { description: "加载机构" })
  org!: string;

  @Field(() => String, { description: "加载人" })
  loadedBy!: string;

  @Field(() => IntakeLoadStatus)
  status!: IntakeLoadStatus;

  @Field(() => DateTimeScalar)
  startedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  rejected!: number;
}

@ObjectType({ description: "与家庭成员相符的司法判决或行政处罚，供家庭所在地住房保障部门作为认定依据（R6.5）" })
export class JudicialLead {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: "家庭档案编号" })
  familyId!: string;

  @Field(() => String)
  divisionCode!: string;

  @Field(() => String, { description: "当事人身份证号码" })
  idNumber!: string;

  @Field(() => String, { description: "当事人与申请人关系" })
  relation!: string;

  @Field(() => String, { description: "类别：JUDGMENT、CRIMINAL_PENALTY、ADMINISTRATIVE_PENALTY、ENFORCEMENT、ADMINISTRATIVE_CONFIRMATION" })
  kind!: string;

  @Field(() => String, { description: "案号或决定书文号（登记信用记录时填入 judicialCaseNumber）" })
  caseNumber!: string;

  @Field(() => String, { description: "作出决定的机关" })
  authority!: string;

  @Field(() => DateScalar)
  decidedOn!: string;

  @Field(() => String, { description: "报送部门" })
  sourceOrg!: string;

  @Field(() => DateTimeScalar)
  offeredAt!: Date;

  @Field(() => JudicialLeadStatus)
  status!: JudicialLeadStatus;

  @Field(() => ID, { nullable: true, description: "以该信息为依据的信用记录" })
  recordId!: string | null;
}

const JudicialLeadConnection = connectionOf(JudicialLead, "JudicialLead");

function toLoad(r: IntakeLoadRow): IntakeLoad {
  return {
    id: r.id,
    kind: r.kind,
    sourceSystem: r.source_system,
    fileName: r.file_name,
    fileSha256: r.file_sha256,
    totalRows: r.total_rows,
    allOrNothing: r.all_or_nothing,
    org: r.org_code,
    loadedBy: r.loaded_by,
    status: r.status as IntakeLoadStatus,
    startedAt: new Date(r.started_at),
    finishedAt: r.finished_at ? new Date(r.finished_at) : null,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
  };
}

interface LeadRow {
  id: string;
  family_id: string;
  division_code: string;
  id_number: string;
  relation: string;
  kind: string;
  case_number: string;
  authority: string;
  decided_on: string;
  source_org: string;
  offered_at: Date;
  status: JudicialLeadStatus;
  record_id: string | null;
}

const toLead = (r: LeadRow): JudicialLead => ({
  id: r.id,
  familyId: r.family_id,
  divisionCode: r.division_code,
  idNumber: r.id_number,
  relation: r.relation,
  kind: r.kind,
  caseNumber: r.case_number,
  authority: r.authority,
  decidedOn: r.decided_on,
  sourceOrg: r.source_org,
  offeredAt: new Date(r.offered_at),
  status: r.status,
  recordId: r.record_id,
});

/** Who may load a kind: the housing authorities for the housing kinds, registered departments for the judicial ones. */
async function assertMayLoad(ctx: SubgraphContext, kind: string): Promise<void> {
  if (!ctx.caller.sub || !ctx.caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
  if (!hasRole(ctx.caller, ...WRITE_ROLES)) throw hubError(ErrorCode.FORBIDDEN, `需要以下角色之一：${WRITE_ROLES.join("、")}`);
  if ((HOUSING_INTAKE_KINDS as readonly string[]).includes(kind)) {
    if (!authorityDivision(ctx.caller.org)) throw hubError(ErrorCode.FORBIDDEN, "租赁、租金台账、入户核查和警告数据只能由住房保障主管部门加载");
    return;
  }
  if ((JUDICIAL_INTAKE_KINDS as readonly string[]).includes(kind)) {
    const org = await ctx.em.findOne(OrganizationEntity, { code: ctx.caller.org }, { fields: ["kind"] });
    if (org?.kind !== "DEPARTMENT") throw hubError(ErrorCode.FORBIDDEN, "司法及行政信息只能由登记的数据提供部门报送本部门的记录（R6.5）");
    return;
  }
  throw badInput([new InputProblem("kind", `数据类别“${kind}”不存在：应为 ${[...HOUSING_INTAKE_KINDS, ...JUDICIAL_INTAKE_KINDS].join("、")} 之一`)]);
}

@Resolver()
export class IntakeResolver {
  @Mutation(() => IntakeLoad, { description: "开始一次文件加载（记入审计：谁、加载了什么、多少行、文件 SHA-256，R8.3）" })
  async beginIntakeLoad(@Arg("input", () => IntakeLoadInput) input: IntakeLoadInput, @Ctx() ctx: SubgraphContext): Promise<IntakeLoad> {
    await assertMayLoad(ctx, input.kind);
    const p: InputProblem[] = [];
    if (!/^[0-9a-f]{64}$/i.test(input.fileSha256)) p.push(new InputProblem("fileSha256", "文件 SHA-256 应为64位十六进制"));
    if (!input.sourceSystem.trim() || input.sourceSystem.length > 64) p.push(new InputProblem("sourceSystem", "来源系统应为1至64个字符"));
    if (!input.fileName.trim() || input.fileName.length > 255) p.push(new InputProblem("fileName", "文件名应为1至255个字符"));
    if (!Number.isInteger(input.totalRows) || input.totalRows < 0) p.push(new InputProblem("totalRows", "行数不能为负"));
    if (p.length) throw badInput(p);
    return toLoad(await beginIntakeLoad(ctx.em, ctx.caller, { ...input, sourceSystem: input.sourceSystem.trim(), fileName: input.fileName.trim() }, ctx.clock.now()));
  }

  @Mutation(() => IntakeLoad, { description: "结束一次文件加载，记录新增、更新、未变、拒绝的行数（R8.3）" })
  async finishIntakeLoad(
    @Arg("id", () => ID) id: string,
    @Arg("result", () => IntakeLoadResultInput) result: IntakeLoadResultInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<IntakeLoad> {
    if (!ctx.caller.sub || !ctx.caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
    if (!isUuid(id)) throw hubError(ErrorCode.NOT_FOUND, "没有该次加载");
    if ([result.inserted, result.updated, result.unchanged, result.rejected].some((n) => !Number.isInteger(n) || n < 0)) throw badInput([new InputProblem("result", "行数不能为负")]);
    const row = await finishIntakeLoad(ctx.em, ctx.caller, id, result, ctx.clock.now());
    if (!row) throw hubError(ErrorCode.NOT_FOUND, "没有该次进行中的加载（只能结束本机构尚未结束的加载）");
    return toLoad(row);
  }

  @Query(() => [IntakeLoad], { description: "本机构的文件加载记录，最近的在前" })
  async intakeLoads(@Arg("first", () => Int, { defaultValue: 50 }) first: number, @Ctx() ctx: SubgraphContext): Promise<IntakeLoad[]> {
    if (!ctx.caller.sub || !ctx.caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput([new InputProblem("first", `每页条数应为1至${MAX_PAGE}`)]);
    return (await intakeLoadsOf(ctx.em, ctx.caller.org, first)).map(toLoad);
  }

  @Query(() => JudicialLeadConnection, { description: "本辖区家庭成员的司法判决、行政处罚等信息，可作为失信行为认定的依据（R6.5）；登记信用记录时以 judicialCaseNumber 引用" })
  async judicialLeads(
    @Arg("divisionCode", () => String, { nullable: true }) divisionCode: string | null,
    @Arg("status", () => JudicialLeadStatus, { defaultValue: JudicialLeadStatus.OFFERED }) status: JudicialLeadStatus,
    @Arg("first", () => Int, { defaultValue: 100 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<JudicialLead>> {
    if (!ctx.caller.sub || !ctx.caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
    if (!hasRole(ctx.caller, ...LEAD_ROLES)) throw hubError(ErrorCode.FORBIDDEN, `需要以下角色之一：${LEAD_ROLES.join("、")}`);
    const own = authorityDivision(ctx.caller.org);
    if (!own) throw hubError(ErrorCode.FORBIDDEN, "司法线索只提供给家庭所在地的住房保障主管部门");
    if (divisionCode && !isWithinJurisdiction(divisionCode, own)) throw hubError(ErrorCode.FORBIDDEN, "只能查看本辖区的司法线索", { divisionCode });
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw badInput([new InputProblem("first", `每页条数应为1至${MAX_PAGE}`)]);
    const cursor = decodeCursor(after, ["datetime", "uuid"]);
    // Staff work: the caller's own jurisdiction only (a permission to read never extends it).
    const divisions = jurisdictionDivisions(ctx.caller, divisionCode);
    const params: unknown[] = [pgTextArray(divisions), status];
    let where = `"division_code" = any(cast(? as text[])) and "status" = ?`;
    const [{ count }] = await sqlQuery<{ count: number }>(ctx.em, `select count(*)::int as "count" from "archive"."judicial_lead" where ${where}`, params);
    if (cursor) {
      where += ` and ("offered_at", "id") < (cast(? as timestamptz), cast(? as uuid))`;
      params.push(cursor[0], cursor[1]);
    }
    const rows = await sqlQuery<LeadRow>(
      ctx.em,
      `select "id", "family_id", "division_code", "id_number", "relation", "kind", "case_number", "authority", to_char("decided_on", 'YYYY-MM-DD') as "decided_on", "source_org", "offered_at", "status", "record_id"
         from "archive"."judicial_lead" where ${where} order by "offered_at" desc, "id" desc limit ?`,
      [...params, first + 1],
    );
    const page = rows.slice(0, first);
    const edges = page.map((r) => ({ cursor: encodeCursor([new Date(r.offered_at).toISOString(), r.id]), node: toLead(r) }));
    return { totalCount: count, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges };
  }

  @Mutation(() => JudicialLead, { description: "经核实不采用一条司法线索（保留记录）" })
  async dismissJudicialLead(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<JudicialLead> {
    if (!ctx.caller.sub || !ctx.caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
    if (!hasRole(ctx.caller, "IDENTIFIER", "ADMIN")) throw hubError(ErrorCode.FORBIDDEN, "需要以下角色之一：IDENTIFIER、ADMIN");
    const divisions = jurisdictionDivisions(ctx.caller);
    const rows = isUuid(id)
      ? await sqlQuery<LeadRow>(
          ctx.em,
          `update "archive"."judicial_lead" set "status" = 'DISMISSED', "settled_at" = ?, "settled_by" = ?
            where "id" = ? and "status" = 'OFFERED' and "division_code" = any(cast(? as text[]))
            returning "id", "family_id", "division_code", "id_number", "relation", "kind", "case_number", "authority", to_char("decided_on", 'YYYY-MM-DD') as "decided_on", "source_org", "offered_at", "status", "record_id"`,
          [ctx.clock.now(), ctx.caller.sub, id, pgTextArray(divisions)],
        )
      : [];
    if (!rows.length) throw hubError(ErrorCode.NOT_FOUND, "本辖区没有该条待处理的司法线索");
    return toLead(rows[0]);
  }
}
