// R7.3 督查考核: the supervision and assessment table of the credit mechanism for housing-authority
// staff, over their jurisdiction — as data and as an Excel workbook.
import { createHash } from "node:crypto";
import { Arg, Ctx, Field, Float, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { jurisdictionDivisions } from "../../src/subgraphs/access";
import { today as todayOf } from "../../src/domain/clock";
import { MAX_ASSESSMENT_YEARS } from "../../src/domain/credit/assessment";
import { findDivision } from "../../src/domain/divisions";
import { ruleBook } from "../../src/subgraphs/archive/credit/credit.read";
import { creditAssessment, type AssessmentData } from "../../src/subgraphs/archive/credit/assessment.service";
import { renderAssessmentXlsx, XLSX_MEDIA_TYPE } from "../../src/subgraphs/archive/report/assessment.xlsx";
import { DateScalar } from "../shared/scalars";
import { staffPeriodScope } from "../shared/staff-period";
import { AdminLevel } from "./archive.types";

@ObjectType({ description: "督查考核表的一行（R7.3）：一个区划（市州或县市区）；各行列相同，可横向比较" })
export class AssessmentRow {
  @Field(() => String, { description: "行政区划代码" })
  divisionCode!: string;

  @Field(() => String)
  divisionName!: string;

  @Field(() => AdminLevel)
  level!: AdminLevel;

  @Field(() => Boolean, { description: "是否为合计行（整个考核范围）" })
  isTotal!: boolean;

  @Field(() => Int, { description: "统计期内作出答复的异议数（R7.2）" })
  objectionsAnswered!: number;

  @Field(() => Int, { description: "其中答复日期不晚于核查期限（含依法延长）的异议数" })
  objectionsAnsweredInTime!: number;

  @Field(() => Float, { nullable: true, description: "异议按期答复率（0–1，四位小数）；无答复时为空" })
  objectionsInTimeShare!: number | null;

  @Field(() => Int, { description: "统计期内办理的失信联合惩戒程序环节数：告知、公示、列入名单、列入期满移出（R6.6）" })
  procedureSteps!: number;

  @Field(() => Int, { description: "其中晚于办理时限（上一环节期限届满后 stepGraceWorkingDays 个工作日）办理的环节数" })
  procedureStepsLate!: number;

  @Field(() => Float, { nullable: true, description: "程序环节按时办理率（0–1）；无环节时为空" })
  procedureStepsOnTimeShare!: number | null;

  @Field(() => Int, { description: "整改期限在统计期内的信用记录数（R6.3；不含不予认定、已撤销）" })
  rectificationsDue!: number;

  @Field(() => Int, { description: "按期整改（整改完成日期不晚于整改期限）" })
  rectifiedOnTime!: number;

  @Field(() => Int, { description: "逾期整改（整改期限届满后完成）" })
  rectifiedLate!: number;

  @Field(() => Int, { description: "截至今天未登记整改完成" })
  notRectified!: number;

  @Field(() => Float, { nullable: true, description: "按期整改率（0–1）" })
  rectifiedOnTimeShare!: number | null;

  @Field(() => Int, { description: "统计期内作出决定的信用修复申请数（R7.5）" })
  repairsDecided!: number;

  @Field(() => Int, { description: "其中决定日期不晚于办理期限（含延长）的申请数" })
  repairsDecidedInTime!: number;

  @Field(() => Float, { nullable: true, description: "修复按期决定率（0–1）" })
  repairsInTimeShare!: number | null;

  @Field(() => Int, { description: "本区划建档家庭数（制表时）" })
  families!: number;

  @Field(() => Int, { description: "统计期内列入失信联合惩戒对象名单的记录数" })
  listings!: number;

  @Field(() => Float, { nullable: true, description: "每万户建档家庭列入失信联合惩戒对象名单数（两位小数）；无建档家庭时为空" })
  listingsPer10kFamilies!: number | null;
}

@ObjectType({ description: "信用管理督查考核表（R7.3）" })
export class CreditAssessment {
  @Field(() => String, { description: "考核范围（行政区划代码）" })
  divisionCode!: string;

  @Field(() => String)
  divisionName!: string;

  @Field(() => DateScalar)
  from!: string;

  @Field(() => DateScalar)
  to!: string;

  @Field(() => DateScalar, { description: "制表日期：整改完成情况、建档家庭数截至此日" })
  asOf!: string;

  @Field(() => [AssessmentRow], { description: "各区划：省级范围为各市州（其后为所辖县市区），市州范围为本市州及所辖县市区" })
  rows!: AssessmentRow[];

  @Field(() => AssessmentRow, { description: "合计行：整个考核范围（省级范围为全省合计）" })
  total!: AssessmentRow;
}

@ObjectType({ description: "导出的文件（Base64）" })
export class AssessmentFile {
  @Field(() => String)
  fileName!: string;

  @Field(() => String)
  mediaType!: string;

  @Field(() => String, { description: "文件内容（Base64）" })
  contentBase64!: string;

  @Field(() => String, { description: "文件内容的 SHA-256（十六进制）" })
  sha256!: string;

  @Field(() => Int, { description: "字节数" })
  size!: number;
}

interface Assessed {
  scope: string;
  divisionName: string;
  from: string;
  to: string;
  asOf: string;
  data: AssessmentData;
}

function toRow(r: AssessmentData["rows"][number]): AssessmentRow {
  const { code, name, ...figures } = r;
  return { divisionCode: code, divisionName: name, ...figures, level: r.level as AdminLevel };
}

/** R7.3: validates the request and decides the jurisdiction, as creditStatistics does. */
async function assess(ctx: SubgraphContext, divisionCode: string | null, from: string, to: string, includeCounties: boolean): Promise<Assessed> {
  // R2.4, R8.1: staff of a housing authority, for their own jurisdiction only (a city: itself and its counties).
  const scope = staffPeriodScope(ctx, divisionCode, from, to, MAX_ASSESSMENT_YEARS, "考核期间");
  const asOf = todayOf(ctx.clock);
  const data = await creditAssessment(ctx.em, {
    scope,
    divisionCodes: jurisdictionDivisions(ctx.caller, scope),
    from,
    to,
    today: asOf,
    includeCounties,
    book: await ruleBook(ctx),
    calendar: ctx.calendar,
  });
  return { scope, divisionName: findDivision(scope)!.name, from, to, asOf, data };
}

@Resolver()
export class AssessmentResolver {
  @Query(() => CreditAssessment, { description: "信用管理督查考核表（R7.3）：各区划异议按期答复、程序环节按时办理、整改、信用修复按期决定、每万户列入数；住房保障主管部门工作人员可查询本辖区" })
  async creditAssessment(
    @Arg("divisionCode", () => String, { nullable: true, description: "考核范围；默认为本机构辖区" }) divisionCode: string | null,
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Arg("includeCounties", () => Boolean, { defaultValue: true, description: "是否列出各市州所辖县市区" }) includeCounties: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreditAssessment> {
    const a = await assess(ctx, divisionCode, from, to, includeCounties);
    return { divisionCode: a.scope, divisionName: a.divisionName, from, to, asOf: a.asOf, rows: a.data.rows.map(toRow), total: toRow(a.data.total) };
  }

  @Query(() => AssessmentFile, { description: "督查考核表导出为 Excel（.xlsx，一个工作表，含标题行、中文表头、合计行和口径说明）（R7.3）" })
  async creditAssessmentWorkbook(
    @Arg("divisionCode", () => String, { nullable: true, description: "考核范围；默认为本机构辖区" }) divisionCode: string | null,
    @Arg("from", () => DateScalar) from: string,
    @Arg("to", () => DateScalar) to: string,
    @Arg("includeCounties", () => Boolean, { defaultValue: true, description: "是否列出各市州所辖县市区" }) includeCounties: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<AssessmentFile> {
    const a = await assess(ctx, divisionCode, from, to, includeCounties);
    const content = await renderAssessmentXlsx({ divisionName: a.divisionName, from, to, today: a.asOf, rows: a.data.rows, total: a.data.total, createdAt: ctx.clock.now() });
    return {
      fileName: `督查考核_${a.scope}_${from}_${to}.xlsx`,
      mediaType: XLSX_MEDIA_TYPE,
      contentBase64: content.toString("base64"),
      sha256: createHash("sha256").update(content).digest("hex"),
      size: content.length,
    };
  }
}
