import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { isUuid } from "../shared/ids";
import { sqlQuery } from "../../src/db/orm";
import { Kind, type GraphQLResolveInfo } from "graphql";
import { toDivision } from "../../src/subgraphs/archive/family.mapper";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { assertCanWrite, canRead, decisionFor, jurisdictionDivisions, readableDivisions, reveal, sharingDenied, shown } from "../../src/subgraphs/access";
import { authorityDivision } from "../../src/auth/caller";
import { allDivisions } from "../../src/domain/divisions";
import { Category } from "../shared/category";
import { today as todayOf } from "../../src/domain/clock";
import { parseIdNumber } from "../../src/domain/id-number";
import { findDivision, isWithinJurisdiction, PROVINCE_CODE } from "../../src/domain/divisions";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { Family as FamilyEntity } from "../../src/subgraphs/archive/entities/family.entity";
import { CreditRecord } from "../../src/subgraphs/archive/entities/credit-record.entity";
import { CreditDocument } from "../../src/subgraphs/archive/entities/credit-document.entity";
import { ListEntry } from "../../src/subgraphs/archive/entities/list-entry.entity";
import { ListChange } from "../../src/subgraphs/archive/entities/list-change.entity";
import { addEvidence, identifyRecord, recordBehavior, recordCompliance, rejectRecord, type CreditCtx } from "../../src/subgraphs/archive/credit/credit.service";
import { advanceJointProcedure, closeJointProcedure, overdueSteps, publishWarningBatch, runListMaintenance } from "../../src/subgraphs/archive/credit/procedure.service";
import { activeListsLoader, creditOf, evidenceLoader, measuresFor, ruleBook, toListEntryView, toMembership } from "../../src/subgraphs/archive/credit/credit.read";
import { checkFirst, decodeCursor, encodeCursor, wantsTotalCount, type Connection } from "../shared/connection";
import { locateMember, readFamily } from "./family.resolver";
import { Family } from "./archive.types";
import {
  CreditCheckResult,
  CreditDocumentView,
  CreditListConnection,
  CreditListEntry,
  CreditRecordView,
  CreditTier,
  CreditView,
  DecisionInput,
  EvidenceFile,
  EvidenceInput,
  ListChangeAction,
  ListChangeConnection,
  ListChangeView,
  ListKind,
  ListMembership,
  ListStatus,
  MeasureView,
  JudicialRecordRef,
  MaintenanceReportView,
  OverdueStepView,
  JointStep,
  RecordBehaviorInput,
  WarningBatchView,
} from "./credit.types";


function creditCtx(ctx: SubgraphContext): CreditCtx {
  return { em: ctx.em, actor: { sub: ctx.caller.sub ?? "", org: ctx.caller.org ?? "" }, clock: ctx.clock, calendar: ctx.calendar };
}

async function familyDivision(ctx: SubgraphContext, familyId: string): Promise<string> {
  const f = isUuid(familyId) ? await ctx.em.fork().findOne(FamilyEntity, { id: familyId }, { fields: ["divisionCode"] }) : null;
  if (!f) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
  return f.divisionCode;
}

async function recordDivision(ctx: SubgraphContext, recordId: string): Promise<string> {
  const r = isUuid(recordId) ? await ctx.em.fork().findOne(CreditRecord, { id: recordId }, { fields: ["divisionCode"] }) : null;
  if (!r) throw hubError(ErrorCode.NOT_FOUND, "信用记录不存在");
  return r.divisionCode;
}

async function entryDivision(ctx: SubgraphContext, entryId: string): Promise<string> {
  const e = isUuid(entryId) ? await ctx.em.fork().findOne(ListEntry, { id: entryId }, { fields: ["divisionCode"] }) : null;
  if (!e) throw hubError(ErrorCode.NOT_FOUND, "名单记录不存在");
  return e.divisionCode;
}

/** The divisions of the caller's jurisdiction, narrowed to one division's subtree; staff only. */
function staffDivisions(ctx: SubgraphContext, divisionCode: string | null | undefined, roles?: string[]): string[] {
  if (divisionCode && !findDivision(divisionCode)) throw badInput([new InputProblem("divisionCode", `行政区划代码“${divisionCode}”不存在于湖北省区划中`)]);
  const own = authorityDivision(ctx.caller.org);
  if (!own) throw sharingDenied(divisionCode ?? PROVINCE_CODE);
  if (roles && !roles.some((r) => ctx.caller.roles.includes(r as never))) throw hubError(ErrorCode.FORBIDDEN, `需要以下角色之一：${roles.join("、")}`);
  if (divisionCode && !isWithinJurisdiction(divisionCode, own) && !isWithinJurisdiction(own, divisionCode)) {
    throw hubError(ErrorCode.FORBIDDEN, `区划 ${divisionCode} 不在本机构辖区内`, { divisionCode });
  }
  return jurisdictionDivisions(ctx.caller, divisionCode);
}

const OPERATORS = ["OPERATOR", "ADMIN"] as const;

const LIGHT_FAMILY_FIELDS = new Set(["id", "divisionCode", "division", "__typename"]);

/** True when every field selected on this field (fragments included) is in `allowed`. */
function selectsOnly(info: GraphQLResolveInfo, allowed: Set<string>): boolean {
  const check = (selections: readonly import("graphql").SelectionNode[]): boolean =>
    selections.every((sel) => {
      if (sel.kind === Kind.FIELD) return allowed.has(sel.name.value);
      if (sel.kind === Kind.INLINE_FRAGMENT) return check(sel.selectionSet.selections);
      const fragment = info.fragments[sel.name.value];
      return fragment ? check(fragment.selectionSet.selections) : false;
    });
  return info.fieldNodes.every((node) => node.selectionSet !== undefined && check(node.selectionSet.selections));
}
const IDENTIFIERS = ["IDENTIFIER", "ADMIN"] as const;

@Resolver(() => Family)
export class FamilyCreditResolver {
  @Category("CREDIT")
  @FieldResolver(() => CreditView, { nullable: true, description: "信用分、等级和失信行为记录（R5.2）" })
  async credit(@Root() family: Family, @Ctx() ctx: SubgraphContext): Promise<CreditView> {
    const d = reveal(ctx, family.id, family.divisionCode, "CREDIT");
    return maskCredit(d, await creditOf(ctx, family.id, family.divisionCode));
  }

  @Category("LISTS")
  @FieldResolver(() => [ListMembership], { nullable: true, description: "当前所在名单（不含已移出）" })
  async lists(@Root() family: Family, @Ctx() ctx: SubgraphContext): Promise<ListMembership[]> {
    reveal(ctx, family.id, family.divisionCode, "LISTS");
    return (await activeListsLoader(ctx).load(family.id)).map(toMembership);
  }

  @Category("EVIDENCE")
  @FieldResolver(() => [CreditDocumentView], { nullable: true, description: "向家庭送达的书面文书" })
  async documents(@Root() family: Family, @Ctx() ctx: SubgraphContext): Promise<CreditDocumentView[]> {
    const d = reveal(ctx, family.id, family.divisionCode, "EVIDENCE");
    const rows = await ctx.em.find(CreditDocument, { familyId: family.id }, { orderBy: { issuedAt: "asc", id: "asc" } });
    // A notice's text names the family and states the facts: it is shown only to whoever may see
    // evidence, identity and credit in full (R8.2, R8.5); otherwise the title and dates only.
    const whole =
      d.mode === "FULL" && decisionFor(ctx.caller, family.divisionCode, "IDENTITY")?.mode === "FULL" && decisionFor(ctx.caller, family.divisionCode, "CREDIT")?.mode === "FULL";
    if (whole && rows.length) {
      reveal(ctx, family.id, family.divisionCode, "IDENTITY");
      reveal(ctx, family.id, family.divisionCode, "CREDIT");
    }
    const body = (text: string) => (whole ? text : MASKED_TEXT);
    return rows.map((r) => ({ id: r.id, kind: r.kind, number: r.number, title: r.title, body: body(r.body), issuedOn: r.issuedOn, deliveredOn: r.deliveredOn ?? null, ruleVersion: r.ruleVersion, recordId: r.recordId ?? null, listEntryId: r.listEntryId ?? null }));
  }
}

const MASKED_TEXT = "（按书面许可以脱敏方式提供，内容已隐去）";

/**
 * The credit view as a permission discloses it: archived records (past their use period, R7.4)
 * only to the family's own authority; under MASKED the score, tier and behaviours show, the
 * facts do not (R8.5).
 */
function maskCredit(d: { mode: string; via: string | null }, view: CreditView): CreditView {
  const records = d.via === null ? view.records : view.records.filter((r) => !r.archived);
  if (d.mode === "FULL") return { ...view, records };
  return { ...view, records: records.map((r) => ({ ...r, facts: MASKED_TEXT, informedBy: null, decision: null })) };
}

@Resolver(() => CreditRecordView)
export class CreditRecordResolver {
  @FieldResolver(() => [EvidenceFile], { nullable: true })
  async evidence(@Root() record: CreditRecordView, @Ctx() ctx: SubgraphContext): Promise<EvidenceFile[]> {
    const d = reveal(ctx, record.familyId, record.divisionCode, "EVIDENCE");
    const rows = await evidenceLoader(ctx).load(record.id);
    return rows.map((e) => ({ id: e.id, fileName: shown(d, e.fileName, () => "***"), mediaType: e.mediaType, size: e.size, sha256: e.sha256, uploadedAt: e.uploadedAt }));
  }

  @FieldResolver(() => JudicialRecordRef, { nullable: true, description: "所依据的司法或行政处罚信息" })
  judicialRecord(@Root() record: CreditRecordView, @Ctx() ctx: SubgraphContext): JudicialRecordRef | null {
    if (!record.judicialRecord) return null;
    reveal(ctx, record.familyId, record.divisionCode, "JUDICIAL");
    return record.judicialRecord;
  }

  @Category("CREDIT")
  @Query(() => CreditRecordView, { nullable: true, description: "按编号查询一条信用记录" })
  async creditRecord(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<CreditRecordView | null> {
    const r = isUuid(id) ? await ctx.em.findOne(CreditRecord, { id }) : null;
    if (!r) {
      // hidden by row-level security (another division) or absent: tell them apart (R8.4)
      const [hidden] = isUuid(id) ? await sqlQuery<{ division: string | null }>(ctx.em, `select "archive"."record_division"(?) as division`, [id]) : [];
      if (hidden?.division) throw sharingDenied(hidden.division, "CREDIT");
      return null;
    }
    const d = reveal(ctx, r.familyId, r.divisionCode, "CREDIT");
    const view = maskCredit(d, await creditOf(ctx, r.familyId, r.divisionCode));
    return view.records.find((x) => x.id === id) ?? null;
  }

  @Mutation(() => CreditRecordView, { description: "记录失信行为（R3.2、R5.1），待认定" })
  async recordBehavior(@Arg("input", () => RecordBehaviorInput) input: RecordBehaviorInput, @Ctx() ctx: SubgraphContext): Promise<CreditRecordView> {
    assertCanWrite(ctx.caller, await familyDivision(ctx, input.familyId), [...OPERATORS]);
    const r = await recordBehavior(creditCtx(ctx), { ...input, behaviorCode: input.behavior });
    return this.view(ctx, r.id);
  }

  @Mutation(() => EvidenceFile, { description: "上传证据材料（存储 SHA-256）" })
  async addEvidence(@Arg("recordId", () => ID) recordId: string, @Arg("file", () => EvidenceInput) file: EvidenceInput, @Ctx() ctx: SubgraphContext): Promise<EvidenceFile> {
    assertCanWrite(ctx.caller, await recordDivision(ctx, recordId), ["OPERATOR", "IDENTIFIER", "ADMIN"]);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(file.contentBase64)) throw badInput([new InputProblem("file.contentBase64", "文件内容应为 Base64 编码")]);
    const e = await addEvidence(creditCtx(ctx), recordId, { fileName: file.fileName, mediaType: file.mediaType, content: Buffer.from(file.contentBase64, "base64") });
    return { id: e.id, fileName: e.fileName, mediaType: e.mediaType, size: e.size, sha256: e.sha256, uploadedAt: e.uploadedAt };
  }

  @Mutation(() => CreditRecordView, { description: "认定失信行为（R5.2、R5.4、R5.5），生成认定告知书" })
  async identifyRecord(@Arg("recordId", () => ID) recordId: string, @Arg("input", () => DecisionInput) input: DecisionInput, @Ctx() ctx: SubgraphContext): Promise<CreditRecordView> {
    assertCanWrite(ctx.caller, await recordDivision(ctx, recordId), [...IDENTIFIERS]);
    await identifyRecord(creditCtx(ctx), recordId, input);
    return this.view(ctx, recordId);
  }

  @Mutation(() => CreditRecordView, { description: "不予认定" })
  async rejectRecord(@Arg("recordId", () => ID) recordId: string, @Arg("input", () => DecisionInput) input: DecisionInput, @Ctx() ctx: SubgraphContext): Promise<CreditRecordView> {
    assertCanWrite(ctx.caller, await recordDivision(ctx, recordId), [...IDENTIFIERS]);
    await rejectRecord(creditCtx(ctx), recordId, input);
    return this.view(ctx, recordId);
  }

  @Mutation(() => CreditRecordView, { description: "登记已按责令要求完成整改（R6.3）" })
  async recordRectificationCompliance(
    @Arg("recordId", () => ID) recordId: string,
    @Arg("compliedOn", () => String) compliedOn: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreditRecordView> {
    assertCanWrite(ctx.caller, await recordDivision(ctx, recordId), ["OPERATOR", "IDENTIFIER", "ADMIN"]);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(compliedOn)) throw badInput([new InputProblem("compliedOn", "日期格式应为 YYYY-MM-DD")]);
    await recordCompliance(creditCtx(ctx), recordId, compliedOn);
    return this.view(ctx, recordId);
  }

  private async view(ctx: SubgraphContext, recordId: string): Promise<CreditRecordView> {
    ctx.em.clear();
    ctx.loaders.clear();
    const r = await ctx.em.findOneOrFail(CreditRecord, { id: recordId });
    const view = await creditOf(ctx, r.familyId, r.divisionCode);
    return view.records.find((x) => x.id === recordId)!;
  }
}

@Resolver(() => CreditListEntry)
export class CreditListResolver {
  @FieldResolver(() => Family)
  async family(@Root() entry: CreditListEntry, @Ctx() ctx: SubgraphContext): Promise<Family> {
    const f = await readFamily(ctx, entry.familyId);
    if (!f) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
    return f;
  }

  @Category("LISTS")
  @Query(() => CreditListConnection, { description: "警示、重点关注或失信联合惩戒名单（已列入的记录），最新在前；只含调用方有权查看的区划（R8.2）" })
  async creditList(
    @Arg("kind", () => ListKind) kind: ListKind,
    @Arg("divisionCode", () => String, { nullable: true }) divisionCode: string | null,
    @Arg("first", () => Int) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<CreditListEntry>> {
    checkFirst(first);
    if (divisionCode && !findDivision(divisionCode)) throw badInput([new InputProblem("divisionCode", `行政区划代码“${divisionCode}”不存在于湖北省区划中`)]);
    const divisions = readableDivisions(ctx.caller, divisionCode, "LISTS");
    if (!divisions.length) {
      if (divisionCode) throw sharingDenied(divisionCode, "LISTS");
      return { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] };
    }
    const where = { kind, status: "LISTED" as const, divisionCode: { $in: divisions } };
    const cursor = decodeCursor(after, ["date", "uuid"]);
    const page = cursor ? { ...where, $or: [{ since: { $lt: String(cursor[0]) } }, { since: String(cursor[0]), id: { $lt: String(cursor[1]) } }] } : where;
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(ListEntry, page, { orderBy: [{ since: "desc" }, { id: "desc" }], limit: first + 1 }),
      wantsTotalCount(info) ? ctx.em.count(ListEntry, where) : Promise.resolve(-1),
    ]);
    const edges = rows.slice(0, first).map((e) => {
      reveal(ctx, e.familyId, e.divisionCode, "LISTS");
      return { cursor: encodeCursor([e.since, e.id]), node: toListEntryView(e) as CreditListEntry };
    });
    return { totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges };
  }

  @Category("LISTS")
  @Query(() => CreditListConnection, { description: "本辖区进行中的名单程序（含催告、告知、公示中），最新在前（分页）" })
  async listProcedures(
    @Arg("kind", () => ListKind) kind: ListKind,
    @Arg("divisionCode", () => String, { nullable: true }) divisionCode: string | null,
    @Arg("status", () => ListStatus, { nullable: true }) status: ListStatus | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<CreditListEntry>> {
    checkFirst(first);
    const divisions = staffDivisions(ctx, divisionCode);
    const where = { kind, divisionCode: { $in: divisions }, status: status ?? { $ne: "REMOVED" as const } };
    const cursor = decodeCursor(after, ["date", "uuid"]);
    const page = cursor ? { ...where, $or: [{ since: { $lt: cursor[0] } }, { since: cursor[0], id: { $lt: cursor[1] } }] } : where;
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(ListEntry, page, { orderBy: [{ since: "desc" }, { id: "desc" }], limit: first + 1 }),
      wantsTotalCount(info) ? ctx.em.count(ListEntry, where) : Promise.resolve(-1),
    ]);
    const edges = rows.slice(0, first).map((e) => ({ cursor: encodeCursor([e.since, e.id]), node: toListEntryView(e) as CreditListEntry }));
    return { totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges };
  }

  @Category("LISTS")
  @Query(() => ListChangeConnection, { description: "名单变更的全序记录（R6.7），可从任一游标续读；只含调用方有权查看的区划" })
  async listChanges(
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("first", () => Int) first: number,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ListChangeView>> {
    checkFirst(first);
    const divisions = readableDivisions(ctx.caller, null, "LISTS");
    if (!divisions.length) throw sharingDenied(PROVINCE_CODE, "LISTS");
    let from = "0";
    if (after != null) {
      if (!/^\d{1,18}$/.test(after)) throw badInput([new InputProblem("after", "游标应为名单变更序号")]);
      from = after;
    }
    const whole = divisions.length === allDivisions().length;
    const where = { sequence: { $gt: from }, ...(whole ? {} : { divisionCode: { $in: divisions } }) };
    const [rows, totalCount] = await Promise.all([ctx.em.find(ListChange, where, { orderBy: { sequence: "asc" }, limit: first + 1 }), wantsTotalCount(info) ? ctx.em.count(ListChange, whole ? {} : { divisionCode: { $in: divisions } }) : Promise.resolve(-1)]);
    const edges = rows.slice(0, first).map((c) => {
      reveal(ctx, c.familyId, c.divisionCode, "LISTS");
      return {
      cursor: String(c.sequence),
      node: { sequence: Number(c.sequence), at: c.at, kind: c.kind as ListKind, action: c.action as ListChangeAction, status: c.status as ListStatus, familyId: c.familyId, listEntryId: c.listEntryId, divisionCode: c.divisionCode },
      };
    });
    return { totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? after ?? null }, edges };
  }

  @Mutation(() => CreditListEntry, { description: "办理失信联合惩戒程序的下一环节（告知、公示、列入、期满移出），日期为今天；未到期限返回 CONFLICT" })
  async advanceJointProcedure(
    @Arg("entryId", () => ID) entryId: string,
    @Arg("listingYears", () => Int, { nullable: true, description: "列入期限（年），仅列入环节，默认按规则" }) listingYears: number | null,
    @Arg("expectedStep", () => JointStep, { nullable: true, description: "办理所依据的当前环节，不一致时返回 CONFLICT" }) expectedStep: JointStep | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<CreditListEntry> {
    assertCanWrite(ctx.caller, await entryDivision(ctx, entryId), [...IDENTIFIERS]);
    const e = await advanceJointProcedure(creditCtx(ctx), entryId, { listingYears, expectedStep });
    return toListEntryView(e) as CreditListEntry;
  }

  @Mutation(() => CreditListEntry, { description: "终止失信联合惩戒程序（已履行义务或陈述申辩成立）" })
  async closeJointProcedure(@Arg("entryId", () => ID) entryId: string, @Arg("reason", () => String) reason: string, @Ctx() ctx: SubgraphContext): Promise<CreditListEntry> {
    assertCanWrite(ctx.caller, await entryDivision(ctx, entryId), [...IDENTIFIERS]);
    return toListEntryView(await closeJointProcedure(creditCtx(ctx), entryId, reason)) as CreditListEntry;
  }

  @Mutation(() => WarningBatchView, { description: "发布本季度警示名单（R5.3）：新增并续期" })
  async publishWarningBatch(@Arg("divisionCode", () => String) divisionCode: string, @Ctx() ctx: SubgraphContext): Promise<WarningBatchView> {
    const divisions = staffDivisions(ctx, divisionCode, ["ADMIN", "IDENTIFIER"]);
    assertCanWrite(ctx.caller, divisionCode, ["ADMIN", "IDENTIFIER"]);
    const { batch } = await publishWarningBatch(creditCtx(ctx), divisionCode, divisions);
    return { id: batch.id, divisionCode: batch.divisionCode, quarter: batch.quarter, publishedOn: batch.publishedOn, added: batch.added, renewed: batch.renewed, ruleVersion: batch.ruleVersion };
  }

  @Mutation(() => MaintenanceReportView, { description: "名单日常维护：期满移出、整改期限届满启动程序、报告逾期环节" })
  async runListMaintenance(@Arg("divisionCode", () => String, { nullable: true }) divisionCode: string | null, @Ctx() ctx: SubgraphContext): Promise<MaintenanceReportView> {
    const divisions = staffDivisions(ctx, divisionCode, ["ADMIN", "IDENTIFIER"]);
    const report = await runListMaintenance(creditCtx(ctx), divisions);
    return { expired: report.expired, started: report.started, overdue: report.overdue.map((o) => ({ listEntryId: o.entryId, familyId: o.familyId, divisionCode: o.divisionCode, step: o.overdue.step as JointStep, dueSince: o.overdue.dueSince, overdueSince: o.overdue.overdueSince })) };
  }

  @Category("LISTS")
  @Query(() => [OverdueStepView], { description: "逾期未办理的程序环节" })
  async overdueProcedureSteps(@Arg("divisionCode", () => String, { nullable: true }) divisionCode: string | null, @Ctx() ctx: SubgraphContext): Promise<OverdueStepView[]> {
    const divisions = staffDivisions(ctx, divisionCode);
    const list = await overdueSteps(ctx.em, await ruleBook(ctx), ctx.calendar, todayOf(ctx.clock), divisions);
    return list.map((o) => ({ listEntryId: o.entryId, familyId: o.familyId, divisionCode: o.divisionCode, step: o.overdue.step as JointStep, dueSince: o.overdue.dueSince, overdueSince: o.overdue.overdueSince }));
  }
}

/** A part of a credit check, if the caller may see its category for the family's division (R8.2). */
function checked<T>(ctx: SubgraphContext, r: CreditCheckResult, category: "CREDIT" | "LISTS", value: T): T {
  if (r.familyId && r.divisionCode) reveal(ctx, r.familyId, r.divisionCode, category);
  return value;
}

@Resolver(() => CreditCheckResult)
export class CreditCheckResolver {
  @FieldResolver(() => Family, { nullable: true })
  async family(@Root() result: CreditCheckResult & { familyId?: string; divisionCode?: string }, @Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo): Promise<Family | null> {
    if (!result.familyId) return null;
    // The usual selection (id and division) is answered from the check's own row; anything else loads the archive.
    if (result.divisionCode && selectsOnly(info, LIGHT_FAMILY_FIELDS)) {
      return { id: result.familyId, divisionCode: result.divisionCode, division: toDivision(result.divisionCode) } as Family;
    }
    return readFamily(ctx, result.familyId);
  }

  @FieldResolver(() => Int, { nullable: true })
  score(@Root() r: CreditCheckResult, @Ctx() ctx: SubgraphContext): number | null {
    return checked(ctx, r, "CREDIT", r.score);
  }

  @FieldResolver(() => CreditTier, { nullable: true })
  tier(@Root() r: CreditCheckResult, @Ctx() ctx: SubgraphContext): CreditTier | null {
    return checked(ctx, r, "CREDIT", r.tier);
  }

  @FieldResolver(() => [ListMembership], { nullable: true })
  lists(@Root() r: CreditCheckResult, @Ctx() ctx: SubgraphContext): ListMembership[] | null {
    return checked(ctx, r, "LISTS", r.lists);
  }

  @FieldResolver(() => [MeasureView], { nullable: true, description: "当前适用的惩戒措施" })
  measures(@Root() r: CreditCheckResult, @Ctx() ctx: SubgraphContext): MeasureView[] | null {
    return checked(ctx, r, "LISTS", r.measures);
  }

  @FieldResolver(() => Boolean, { nullable: true, description: "异议核查期间暂停执行惩戒（R7.2）" })
  suspendedByObjection(@Root() r: CreditCheckResult, @Ctx() ctx: SubgraphContext): boolean | null {
    return checked(ctx, r, "LISTS", r.suspendedByObjection);
  }

  @Category("CREDIT", "LISTS")
  @Query(() => CreditCheckResult, { description: "办理住房保障业务前按任一家庭成员身份证号码核查信用状况（R6.2）；需本辖区或书面许可（R8.2）" })
  async creditCheck(@Arg("idNumber", () => String) idNumber: string, @Ctx() ctx: SubgraphContext): Promise<CreditCheckResult> {
    const parsed = parseIdNumber(idNumber);
    if (!parsed.ok) throw badInput([new InputProblem("idNumber", parsed.reason)]);
    const empty = { found: false, family: null, score: null, tier: null, lists: [], measures: [], suspendedByObjection: false, ruleVersion: null };
    const member = await locateMember(ctx, idNumber);
    if (!member) return empty;
    // R8.2: the check answers only under jurisdiction or a permission for credit or lists.
    if (!canRead(ctx.caller, member.divisionCode, "CREDIT") && !canRead(ctx.caller, member.divisionCode, "LISTS")) throw sharingDenied(member.divisionCode, "CREDIT");
    const [credit] = await sqlQuery<{ score: number | null; tier: string | null; rule_version: string | null; suspended: boolean | null }>(
      ctx.em,
      `select c."score", c."tier", c."rule_version",
              exists (select 1 from "archive"."credit_record" r where r."family_id" = f."id" and r."suspended_by_objection") as suspended
         from "archive"."family" f left join "archive"."family_credit" c on c."family_id" = f."id" where f."id" = ?`,
      [member.familyId],
    );
    const row = { family_id: member.familyId, division_code: member.divisionCode, score: credit?.score ?? null, tier: credit?.tier ?? null, rule_version: credit?.rule_version ?? null };
    const [book, entries] = await Promise.all([ruleBook(ctx), activeListsLoader(ctx).load(row.family_id)]);
    const rules = book.forDivision(row.division_code, todayOf(ctx.clock));
    const tier = (row.tier ?? "GOOD") as CreditTier;
    const suspended = Boolean(credit?.suspended) || entries.some((e) => e.status === "SUSPENDED");
    return {
      found: true,
      familyId: row.family_id,
      divisionCode: row.division_code,
      family: null,
      score: row.score ?? 100,
      tier,
      lists: entries.map(toMembership),
      // R7.2: while an objection is verified no measure applies.
      measures: suspended ? [] : measuresFor(rules, tier, entries),
      suspendedByObjection: suspended,
      ruleVersion: row.rule_version ?? rules.version,
    } as CreditCheckResult;
  }
}

