// Objection (R7.2), credit repair (R7.5) and the family's credit report (R7.1). Staff of the
// family's jurisdiction file for the family; reviewers decide; nothing is deleted.
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { assertCanWrite, jurisdictionDivisions, locateRow, sharingDenied } from "../../src/subgraphs/access";
import { ofFamily } from "../../src/subgraphs/disclosure";
import { hasJurisdiction } from "../../src/auth/caller";
import { today as todayOf } from "../../src/domain/clock";
import { isOverdue } from "../../src/domain/credit/redress";
import { ErrorCode, hubError } from "../../src/errors";
import { Objection, RepairApplication } from "../../src/subgraphs/archive/entities/redress.entity";
import {
  applyForRepair,
  decideObjection,
  decideRepair,
  extendObjection,
  extendRepair,
  fileObjection,
  familyOfCase,
  overdueObjections,
  overdueRepairs,
} from "../../src/subgraphs/archive/credit/redress.service";
import type { CreditCtx } from "../../src/subgraphs/archive/credit/credit.service";
import { creditOf } from "../../src/subgraphs/archive/credit/credit.read";
import { assembleCreditReport } from "../../src/subgraphs/archive/report/report.service";
import { renderCreditReportPdf } from "../../src/subgraphs/archive/report/credit-report.pdf";
import { AllCategories, Category } from "../shared/category";
import { isUuid } from "../shared/ids";
import { familyDivisionOf } from "./family.resolver";
import { Family } from "./archive.types";
import {
  CreditReportView,
  ObjectionDecisionInput,
  ObjectionInput,
  ObjectionOutcomeView,
  ObjectionView,
  OverdueRedressView,
  RepairInput,
  RepairView,
  type ObjectionDecision,
  type RepairMethod,
} from "./redress.types";

const FILERS = ["OPERATOR", "REVIEWER", "ADMIN"] as const;
const REVIEWERS = ["REVIEWER", "ADMIN"] as const;

function creditCtx(ctx: SubgraphContext): CreditCtx {
  return { em: ctx.em, actor: { sub: ctx.caller.sub ?? "", org: ctx.caller.org ?? "" }, clock: ctx.clock, calendar: ctx.calendar };
}

function toObjectionView(o: Objection, today: string): ObjectionView {
  return ofFamily({
    id: o.id,
    familyId: o.familyId,
    recordId: o.recordId ?? null,
    listEntryId: o.listEntryId ?? null,
    recordIds: o.recordIds,
    reasons: o.reasons,
    attachments: o.attachments,
    filedOn: o.filedOn,
    deadline: o.deadline,
    extensionReason: o.extensionReason ?? null,
    status: o.status,
    decision: (o.decision as ObjectionDecision) ?? null,
    decisionReason: o.decisionReason ?? null,
    decidedOn: o.decidedOn ?? null,
    answerDocumentId: o.answerDocumentId ?? null,
    overdue: o.status === "OPEN" && isOverdue(o.deadline, today),
  }, o.familyId, o.divisionCode);
}

function toRepairView(a: RepairApplication, today: string): RepairView {
  return ofFamily({
    id: a.id,
    familyId: a.familyId,
    recordId: a.recordId,
    method: a.method as RepairMethod,
    statement: a.statement,
    commitmentSha256: a.commitmentSha256,
    appliedOn: a.appliedOn,
    deadline: a.deadline,
    status: a.status,
    decisionReason: a.decisionReason ?? null,
    decidedOn: a.decidedOn ?? null,
    decisionDocumentId: a.decisionDocumentId ?? null,
    overdue: a.status === "OPEN" && isOverdue(a.deadline, today),
  }, a.familyId, a.divisionCode);
}

/** The division of an objection or repair to act on (the jurisdiction is decided on it). */
async function divisionOfCase(ctx: SubgraphContext, entity: typeof Objection | typeof RepairApplication, id: string): Promise<string> {
  const row = await locateRow(ctx.em, entity === Objection ? "objection" : "repair", id);
  if (!row) throw hubError(ErrorCode.NOT_FOUND, entity === Objection ? "异议不存在" : "修复申请不存在");
  return row.divisionCode;
}

@Resolver(() => Family)
export class FamilyRedressResolver {
  @Category("CREDIT")
  @FieldResolver(() => [ObjectionView], { nullable: true, description: "异议（R7.2）" })
  async objections(@Root() family: Family, @Ctx() ctx: SubgraphContext): Promise<ObjectionView[]> {
    const rows = await ctx.em.find(Objection, { familyId: family.id }, { orderBy: { filedAt: "desc" } });
    return rows.map((o) => toObjectionView(o, todayOf(ctx.clock)));
  }

  @Category("CREDIT")
  @FieldResolver(() => [RepairView], { nullable: true, description: "信用修复申请（R7.5）" })
  async repairs(@Root() family: Family, @Ctx() ctx: SubgraphContext): Promise<RepairView[]> {
    const rows = await ctx.em.find(RepairApplication, { familyId: family.id }, { orderBy: { appliedOn: "desc", id: "desc" } });
    return rows.map((a) => toRepairView(a, todayOf(ctx.clock)));
  }
}

@Resolver()
export class RedressResolver {
  @Mutation(() => ObjectionView, { description: "代家庭提出异议（R7.2）：相关记录立即暂停使用，名单显示为 SUSPENDED" })
  async fileObjection(@Arg("input", () => ObjectionInput) input: ObjectionInput, @Ctx() ctx: SubgraphContext): Promise<ObjectionView> {
    for (const id of [input.recordId, input.listEntryId]) if (id != null && !isUuid(id)) throw hubError(ErrorCode.NOT_FOUND, "记录不存在");
    const target = await familyOfCase(ctx.em, input);
    assertCanWrite(ctx.caller, target.divisionCode, [...FILERS]);
    const o = await fileObjection(creditCtx(ctx), target, { recordId: input.recordId, listEntryId: input.listEntryId, reasons: input.reasons, attachments: input.attachments });
    return toObjectionView(o, todayOf(ctx.clock));
  }

  @Mutation(() => ObjectionView, { description: "延长异议核查期限（一次，合计不超过20个工作日），书面告知家庭" })
  async extendObjection(@Arg("id", () => ID) id: string, @Arg("reason", () => String) reason: string, @Ctx() ctx: SubgraphContext): Promise<ObjectionView> {
    assertCanWrite(ctx.caller, await divisionOfCase(ctx, Objection, id), [...REVIEWERS]);
    return toObjectionView(await extendObjection(creditCtx(ctx), id, reason), todayOf(ctx.clock));
  }

  @Mutation(() => ObjectionOutcomeView, { description: "异议核查结论（R7.2）：维持、更正或撤销，书面答复；撤销或更正已提供过的记录时向获取方发出更正通知" })
  async decideObjection(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ObjectionDecisionInput) input: ObjectionDecisionInput,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ObjectionOutcomeView> {
    assertCanWrite(ctx.caller, await divisionOfCase(ctx, Objection, id), [...REVIEWERS]);
    const out = await decideObjection(creditCtx(ctx), id, { decision: input.decision, reason: input.reason, correction: input.correction ?? null });
    return { objection: toObjectionView(out.objection, todayOf(ctx.clock)), correctionNotices: out.correctionNotices, publicNoticesWithdrawn: out.publicNoticesWithdrawn };
  }

  @Mutation(() => RepairView, { description: "信用修复申请（R7.5），附已签署的信用承诺书；未到可申请时间时返回 CONFLICT 及最早日期" })
  async applyForRepair(@Arg("input", () => RepairInput) input: RepairInput, @Ctx() ctx: SubgraphContext): Promise<RepairView> {
    if (!isUuid(input.recordId)) throw hubError(ErrorCode.NOT_FOUND, "信用记录不存在");
    const target = await familyOfCase(ctx.em, { recordId: input.recordId });
    assertCanWrite(ctx.caller, target.divisionCode, [...FILERS]);
    return toRepairView(await applyForRepair(creditCtx(ctx), target, input), todayOf(ctx.clock));
  }

  @Mutation(() => RepairView, { description: "延长修复审核期限（一次，3个工作日）" })
  async extendRepair(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<RepairView> {
    assertCanWrite(ctx.caller, await divisionOfCase(ctx, RepairApplication, id), [...REVIEWERS]);
    return toRepairView(await extendRepair(creditCtx(ctx), id), todayOf(ctx.clock));
  }

  @Mutation(() => RepairView, { description: "信用修复决定（R7.5）：通过后记录保留并标注已修复，不再计入信用分、名单和惩戒" })
  async decideRepair(
    @Arg("id", () => ID) id: string,
    @Arg("approve", () => Boolean) approve: boolean,
    @Arg("reason", () => String) reason: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RepairView> {
    assertCanWrite(ctx.caller, await divisionOfCase(ctx, RepairApplication, id), [...REVIEWERS]);
    return toRepairView(await decideRepair(creditCtx(ctx), id, approve, reason), todayOf(ctx.clock));
  }

  @Query(() => OverdueRedressView, { description: "本辖区逾期未答复的异议和逾期未决定的修复申请" })
  async overdueRedress(@Arg("divisionCode", () => String, { nullable: true }) divisionCode: string | null, @Ctx() ctx: SubgraphContext): Promise<OverdueRedressView> {
    const divisions = jurisdictionDivisions(ctx.caller, divisionCode);
    if (!divisions.length) throw sharingDenied(null);
    const today = todayOf(ctx.clock);
    const [objections, repairs] = await Promise.all([overdueObjections(ctx.em, divisions, today), overdueRepairs(ctx.em, divisions, today)]);
    return { objections: objections.map((o) => toObjectionView(o, today)), repairs: repairs.map((a) => toRepairView(a, today)) };
  }

  @AllCategories("IDENTITY", "CREDIT", "LISTS")
  @Query(() => CreditReportView, { description: "家庭信用报告（R7.1）：由家庭所在地住房保障主管部门出具；含信息提供记录" })
  async creditReport(
    @Arg("familyId", () => ID) familyId: string,
    @Arg("pdf", () => Boolean, { defaultValue: false, description: "同时生成可打印的 PDF" }) pdf: boolean,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreditReportView> {
    if (!isUuid(familyId)) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
    const division = await familyDivisionOf(ctx, familyId);
    if (!division) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
    // R7.1: the family asks its local authority; no one else produces its report.
    if (!hasJurisdiction(ctx.caller, division)) {
      ctx.disclosures.refused(familyId, ["CREDIT"]);
      throw sharingDenied(ctx.disclosures.locate(division) ? division : null, "CREDIT");
    }
    const credit = await creditOf(ctx, familyId, division);
    const report = await assembleCreditReport(ctx.em, familyId, credit, `${ctx.caller.org}/${ctx.caller.sub}`, ctx.clock.now());
    return ofFamily({ report: report as unknown as Record<string, unknown>, pdfBase64: pdf ? (await renderCreditReportPdf(report)).toString("base64") : null }, familyId, division);
  }
}
