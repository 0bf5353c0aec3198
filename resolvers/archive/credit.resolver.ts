import { Arg, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { isUuid } from "../shared/ids";
import { sqlQuery } from "../../src/db/orm";
import { Kind, type GraphQLResolveInfo } from "graphql";
import { toDivision } from "../../src/subgraphs/archive/family.mapper";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { assertCanWrite, jurisdictionDivisions, locateRow, readableDivisions, sharingDenied, splitByJurisdiction } from "../../src/subgraphs/access";
import { ofFamily, ofNoFamily } from "../../src/subgraphs/disclosure";
import { OUTSIDER_LIST_STATUSES } from "../../src/domain/disclosure-policy";
import { authorityDivision, hasJurisdiction } from "../../src/auth/caller";
import { allDivisions } from "../../src/domain/divisions";
import { Category } from "../shared/category";
import { today as todayOf } from "../../src/domain/clock";
import { parseIdNumber } from "../../src/domain/id-number";
import { findDivision, isWithinJurisdiction, PROVINCE_CODE } from "../../src/domain/divisions";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { Family as FamilyEntity } from "../../src/subgraphs/archive/entities/family.entity";
import { DISCLOSURE_POLICY } from "../../src/domain/disclosure-policy";
import { pgTextArray, rowRuleSql } from "../../src/subgraphs/row-rule.sql";
import { CreditRecord } from "../../src/subgraphs/archive/entities/credit-record.entity";
import { CreditDocument } from "../../src/subgraphs/archive/entities/credit-document.entity";
import { ListEntry } from "../../src/subgraphs/archive/entities/list-entry.entity";
import { addEvidence, identifyRecord, orderRectification, recordBehavior, recordCompliance, rejectRecord, type CreditCtx } from "../../src/subgraphs/archive/credit/credit.service";
import { advanceJointProcedure, assessStatement, closeJointProcedure, overdueSteps, publishWarningBatch, recordStatement, runListMaintenance } from "../../src/subgraphs/archive/credit/procedure.service";
import { ListEntryStatement } from "../../src/subgraphs/archive/entities/list-entry-statement.entity";
import { DateScalar } from "../shared/scalars";
import { listingExpired } from "../../src/domain/credit/procedure";
import { activeListsLoader, creditOf, evidenceLoader, measuresFor, ruleBook, toListEntryView, toMembership } from "../../src/subgraphs/archive/credit/credit.read";
import { checkFirst, decodeCursor, encodeCursor, wantsTotalCount, type Connection } from "../shared/connection";
import { familyLoader, locatePermitted, readFamily } from "./family.resolver";
import { externalEntriesFor } from "../../src/subgraphs/archive/inbound/inbound.service";
import { Family } from "./archive.types";
import {
  CreditCheckResult,
  CreditDocumentView,
  DefenceStatementInput,
  DefenceStatementView,
  StatementChannel,
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
  MaintenanceReportView,
  OverdueStepView,
  JointStep,
  RecordBehaviorInput,
  WarningBatchView,
} from "./credit.types";


function creditCtx(ctx: SubgraphContext): CreditCtx {
  return { em: ctx.em, actor: { sub: ctx.caller.sub ?? "", org: ctx.caller.org ?? "" }, clock: ctx.clock, calendar: ctx.calendar };
}

/** The division of a write's target (any family's: the jurisdiction is decided on it). */
async function familyDivision(ctx: SubgraphContext, familyId: string): Promise<string> {
  const f = await locateRow(ctx.em, "family", familyId);
  if (!f) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
  return f.divisionCode;
}

async function recordDivision(ctx: SubgraphContext, recordId: string): Promise<string> {
  const r = await locateRow(ctx.em, "record", recordId);
  if (!r) throw hubError(ErrorCode.NOT_FOUND, "信用记录不存在");
  return r.divisionCode;
}

async function entryDivision(ctx: SubgraphContext, entryId: string): Promise<string> {
  const e = await locateRow(ctx.em, "entry", entryId);
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
    return creditOf(ctx, family.id, family.divisionCode);
  }

  @Category("LISTS")
  @FieldResolver(() => [ListMembership], { nullable: true, description: "当前所在名单（不含已移出）" })
  async lists(@Root() family: Family, @Ctx() ctx: SubgraphContext): Promise<ListMembership[]> {
    return (await activeListsLoader(ctx).load(family.id)).map(toMembership);
  }

  @Category("EVIDENCE")
  @FieldResolver(() => [CreditDocumentView], { nullable: true, description: "向家庭送达的书面文书" })
  async documents(@Root() family: Family, @Ctx() ctx: SubgraphContext): Promise<CreditDocumentView[]> {
    const rows = await ctx.em.find(CreditDocument, { familyId: family.id }, { orderBy: { issuedAt: "asc", id: "asc" } });
    // The status of each document's list entry (the policy shows outsiders only public acts of visible entries).
    const entryIds = [...new Set(rows.map((r) => r.listEntryId).filter((id): id is string => !!id))];
    const entries = entryIds.length ? await ctx.em.find(ListEntry, { id: { $in: entryIds } }, { fields: ["id", "status"] }) : [];
    const status = new Map(entries.map((e) => [e.id, e.status as string]));
    return rows.map((r) =>
      ofFamily(
        { id: r.id, kind: r.kind, number: r.number, title: r.title, body: r.body, issuedOn: r.issuedOn, deliveredOn: r.deliveredOn ?? null, ruleVersion: r.ruleVersion, recordId: r.recordId ?? null, listEntryId: r.listEntryId ?? null, listEntryStatus: r.listEntryId ? (status.get(r.listEntryId) ?? null) : null },
        family.id,
        family.divisionCode,
      ),
    );
  }
}

/** A record by id for its family (null when absent or hidden by row-level security). */
export async function creditRecordById(ctx: SubgraphContext, id: string): Promise<CreditRecordView | null> {
  const r = isUuid(id) ? await ctx.em.findOne(CreditRecord, { id }) : null;
  if (!r) return null;
  const view = await creditOf(ctx, r.familyId, r.divisionCode);
  return view.records.find((x) => x.id === id) ?? null;
}

@Resolver(() => CreditRecordView)
export class CreditRecordResolver {
  /** The members of the record's family: the judicial subgraph shows a cited case only for one of them. */
  @FieldResolver(() => [String])
  async familyMemberIdNumbers(@Root() record: CreditRecordView, @Ctx() ctx: SubgraphContext): Promise<string[]> {
    const family = await familyLoader(ctx).load(record.familyId);
    return family ? family.members.getItems().map((m) => m.idNumber) : [];
  }

  @FieldResolver(() => [EvidenceFile], { nullable: true })
  async evidence(@Root() record: CreditRecordView, @Ctx() ctx: SubgraphContext): Promise<EvidenceFile[]> {
    const rows = await evidenceLoader(ctx).load(record.id);
    return rows.map((e) => ({ id: e.id, fileName: e.fileName, mediaType: e.mediaType, size: e.size, sha256: e.sha256, uploadedAt: e.uploadedAt }));
  }

  @Category("CREDIT")
  @Query(() => CreditRecordView, { nullable: true, description: "按编号查询一条信用记录" })
  async creditRecord(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<CreditRecordView | null> {
    const r = isUuid(id) ? await ctx.em.findOne(CreditRecord, { id }) : null;
    if (!r) {
      // Hidden by row-level security (a family the caller may not locate) or absent: "not yours"
      // is told apart from "no such record" (an id is not guessable), never where it is (R8.4).
      const [hidden] = isUuid(id) ? await sqlQuery<{ division: string | null }>(ctx.em, `select "archive"."record_division"(?) as division`, [id]) : [];
      if (hidden?.division) {
        ctx.disclosures.deny("CREDIT");
        throw sharingDenied(null, "CREDIT");
      }
      return null;
    }
    const view = await creditOf(ctx, r.familyId, r.divisionCode);
    return view.records.find((x) => x.id === id) ?? null;
  }

  @Mutation(() => CreditRecordView, { description: "记录失信行为（R3.2、R5.1），待认定" })
  async recordBehavior(@Arg("input", () => RecordBehaviorInput) input: RecordBehaviorInput, @Ctx() ctx: SubgraphContext): Promise<CreditRecordView> {
    assertCanWrite(ctx.caller, await familyDivision(ctx, input.familyId), [...OPERATORS]);
    const evidence = (input.evidence ?? []).map((f, i) => {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(f.contentBase64)) throw badInput([new InputProblem(`evidence[${i}].contentBase64`, "文件内容应为 Base64 编码")]);
      return { fileName: f.fileName, mediaType: f.mediaType, content: Buffer.from(f.contentBase64, "base64") };
    });
    const r = await recordBehavior(creditCtx(ctx), { ...input, behaviorCode: input.behavior, evidence });
    return this.view(ctx, r.id);
  }

  @Mutation(() => EvidenceFile, { description: "上传证据材料（存储 SHA-256）" })
  async addEvidence(@Arg("recordId", () => ID) recordId: string, @Arg("file", () => EvidenceInput) file: EvidenceInput, @Ctx() ctx: SubgraphContext): Promise<EvidenceFile> {
    assertCanWrite(ctx.caller, await recordDivision(ctx, recordId), ["OPERATOR", "IDENTIFIER", "ADMIN"]);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(file.contentBase64)) throw badInput([new InputProblem("file.contentBase64", "文件内容应为 Base64 编码")]);
    const e = await addEvidence(creditCtx(ctx), recordId, { fileName: file.fileName, mediaType: file.mediaType, content: Buffer.from(file.contentBase64, "base64") });
    const record = await ctx.em.findOneOrFail(CreditRecord, { id: recordId }, { fields: ["familyId", "divisionCode"] });
    return ofFamily({ id: e.id, fileName: e.fileName, mediaType: e.mediaType, size: e.size, sha256: e.sha256, uploadedAt: e.uploadedAt }, record.familyId, record.divisionCode);
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

  @Mutation(() => CreditRecordView, { description: "认定后责令限期改正（R6.3）：期限届满仍未改正的，次日的名单维护启动失信联合惩戒程序" })
  async orderRectification(@Arg("recordId", () => ID) recordId: string, @Arg("deadline", () => DateScalar) deadline: string, @Ctx() ctx: SubgraphContext): Promise<CreditRecordView> {
    assertCanWrite(ctx.caller, await recordDivision(ctx, recordId), [...IDENTIFIERS]);
    await orderRectification(creditCtx(ctx), recordId, deadline);
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
    // The whole province needs no division filter: the (kind, status, since, id) index serves the page.
    const where = divisions.length === allDivisions().length ? { kind, status: "LISTED" as const } : { kind, status: "LISTED" as const, divisionCode: { $in: divisions } };
    const cursor = decodeCursor(after, ["date", "uuid"]);
    // `since <= cursor` (implied by the $or) lets the (kind, status, since, id) index start at the cursor.
    const page = cursor ? { ...where, since: { $lte: String(cursor[0]) }, $or: [{ since: { $lt: String(cursor[0]) } }, { since: String(cursor[0]), id: { $lt: String(cursor[1]) } }] } : where;
    const [rows, totalCount] = await Promise.all([
      ctx.em.find(ListEntry, page, { orderBy: [{ since: "desc" }, { id: "desc" }], limit: first + 1 }),
      wantsTotalCount(info) ? ctx.em.count(ListEntry, where) : Promise.resolve(-1),
    ]);
    const edges = rows.slice(0, first).map((e) => ({ cursor: encodeCursor([e.since, e.id]), node: toListEntryView(e) as CreditListEntry }));
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
    if (!divisions.length) throw sharingDenied(null, "LISTS");
    let from = "0";
    if (after != null) {
      if (!/^\d{1,18}$/.test(after)) throw badInput([new InputProblem("after", "游标应为名单变更序号")]);
      from = after;
    }
    // The caller's jurisdiction sees every change; divisions covered only by a permission see the
    // changes the disclosure policy shows outsiders (the same rule the mechanism applies to rows).
    const { own, permitted } = splitByJurisdiction(ctx.caller, divisions);
    const previouslyShown = `exists (select 1 from "archive"."list_change" p where p."list_entry_id" = c."list_entry_id" and p."division_code" = c."division_code" and p."sequence" < c."sequence" and p."status" = any(cast(? as text[])))`;
    const shownStatuses = pgTextArray(OUTSIDER_LIST_STATUSES);
    const rule = rowRuleSql(DISCLOSURE_POLICY.ListChangeView.outsiders!, { status: `c."status"`, action: `c."action"`, previouslyShown: { sql: previouslyShown, params: [shownStatuses] } });
    const visible: string[] = [];
    const params: unknown[] = [];
    if (own.length === allDivisions().length) visible.push("true");
    else if (own.length) {
      visible.push(`c."division_code" = any(cast(? as text[]))`);
      params.push(pgTextArray(own));
    }
    if (permitted.length) {
      visible.push(`(c."division_code" = any(cast(? as text[])) and ${rule.sql})`);
      params.push(pgTextArray(permitted), ...rule.params);
    }
    const where = `(${visible.join(" or ")})`;
    const rows = await sqlQuery<{ sequence: string; at: Date; kind: string; action: string; status: string; family_id: string; list_entry_id: string; division_code: string; previously_shown: boolean }>(
      ctx.em,
      `select c."sequence"::text as "sequence", c."at", c."kind", c."action", c."status", c."family_id"::text as "family_id", c."list_entry_id"::text as "list_entry_id", c."division_code",
              case when c."action" = 'REMOVED' then ${previouslyShown} else false end as "previously_shown"
         from "archive"."list_change" c
        where c."sequence" > ? and ${where}
        order by c."sequence" limit ?`,
      [shownStatuses, from, ...params, first + 1],
    );
    const totalCount = wantsTotalCount(info)
      ? Number((await sqlQuery<{ n: string }>(ctx.em, `select count(*) as n from "archive"."list_change" c where ${where}`, params))[0].n)
      : -1;
    const edges = rows.slice(0, first).map((c) => ({
      cursor: String(c.sequence),
      node: ofFamily(
        { sequence: Number(c.sequence), at: new Date(c.at), kind: c.kind as ListKind, action: c.action as ListChangeAction, status: c.status as ListStatus, familyId: c.family_id, listEntryId: c.list_entry_id, divisionCode: c.division_code, previouslyShown: c.previously_shown },
        c.family_id,
        c.division_code,
      ),
    }));
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

  @Category("LISTS")
  @Mutation(() => DefenceStatementView, { description: "登记家庭在告知期内的陈述申辩（R6.6）；列入决定书载明陈述申辩及复核意见" })
  async recordDefenceStatement(@Arg("entryId", () => ID) entryId: string, @Arg("input", () => DefenceStatementInput) input: DefenceStatementInput, @Ctx() ctx: SubgraphContext): Promise<DefenceStatementView> {
    assertCanWrite(ctx.caller, await entryDivision(ctx, entryId), ["OPERATOR", "IDENTIFIER", "ADMIN"]);
    return toStatementView(await recordStatement(creditCtx(ctx), entryId, input));
  }

  @Category("LISTS")
  @Mutation(() => DefenceStatementView, { description: "复核陈述申辩（采纳与否及理由）；登记人不能复核（分工明确）；全部复核后方可办理下一环节" })
  async assessDefenceStatement(@Arg("statementId", () => ID) statementId: string, @Arg("assessment", () => String) assessment: string, @Ctx() ctx: SubgraphContext): Promise<DefenceStatementView> {
    const head = await ctx.em.findOne(ListEntryStatement, { id: statementId }, { fields: ["divisionCode"] });
    if (!head) throw hubError(ErrorCode.NOT_FOUND, "陈述申辩记录不存在");
    assertCanWrite(ctx.caller, head.divisionCode, [...IDENTIFIERS]);
    return toStatementView(await assessStatement(creditCtx(ctx), statementId, assessment));
  }

  @Category("LISTS")
  @Query(() => [DefenceStatementView], { description: "某一失信联合惩戒程序的陈述申辩（本辖区工作人员）" })
  async defenceStatements(@Arg("entryId", () => ID) entryId: string, @Ctx() ctx: SubgraphContext): Promise<DefenceStatementView[]> {
    const division = await entryDivision(ctx, entryId);
    // Staff of the family's own jurisdiction only (R6.6: the defence is between the family and its authorities).
    if (!authorityDivision(ctx.caller.org) || !hasJurisdiction(ctx.caller, division)) throw hubError(ErrorCode.FORBIDDEN, "只有该家庭所在辖区的住房保障主管部门工作人员可以查阅陈述申辩");
    const rows = await ctx.em.find(ListEntryStatement, { listEntryId: entryId }, { orderBy: { receivedOn: "asc", recordedAt: "asc" } });
    return rows.map(toStatementView);
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
    return { expired: report.expired, started: report.started, overdue: report.overdue.map((o) => ofFamily({ listEntryId: o.entryId, familyId: o.familyId, divisionCode: o.divisionCode, step: o.overdue.step as JointStep, dueSince: o.overdue.dueSince, overdueSince: o.overdue.overdueSince }, o.familyId, o.divisionCode)) };
  }

  @Category("LISTS")
  @Query(() => [OverdueStepView], { description: "逾期未办理的程序环节" })
  async overdueProcedureSteps(@Arg("divisionCode", () => String, { nullable: true }) divisionCode: string | null, @Ctx() ctx: SubgraphContext): Promise<OverdueStepView[]> {
    const divisions = staffDivisions(ctx, divisionCode);
    const list = await overdueSteps(ctx.em, await ruleBook(ctx), ctx.calendar, todayOf(ctx.clock), divisions);
    return list.map((o) => ofFamily({ listEntryId: o.entryId, familyId: o.familyId, divisionCode: o.divisionCode, step: o.overdue.step as JointStep, dueSince: o.overdue.dueSince, overdueSince: o.overdue.overdueSince }, o.familyId, o.divisionCode));
  }
}

function toStatementView(r: ListEntryStatement): DefenceStatementView {
  return ofFamily(
    {
      id: r.id,
      listEntryId: r.listEntryId,
      receivedOn: r.receivedOn,
      channel: r.channel as StatementChannel,
      content: r.content,
      attachments: r.attachments.map((a) => `${a.fileName}（SHA-256 ${a.sha256}）`),
      assessment: r.assessment ?? null,
      recordedBy: r.recordedBy,
    },
    r.familyId,
    r.divisionCode,
  );
}

/** The answer for an unknown number — and, alike, for a family the caller may not locate (no oracle). */
function unknownCheck(): CreditCheckResult {
  return ofNoFamily({ found: false, familyId: null, divisionCode: null, family: null, score: null, tier: null, lists: [], measures: [], suspendedByObjection: false, externalListings: [], ruleVersion: null });
}

@Resolver(() => CreditCheckResult)
export class CreditCheckResolver {
  @FieldResolver(() => Family, { nullable: true })
  async family(@Root() result: CreditCheckResult, @Ctx() ctx: SubgraphContext, @Info() info: GraphQLResolveInfo): Promise<Family | null> {
    if (!result.familyId) return null;
    // The usual selection (id and division) is answered from the check's own row; anything else loads the archive.
    if (result.divisionCode && selectsOnly(info, LIGHT_FAMILY_FIELDS)) {
      return { id: result.familyId, divisionCode: result.divisionCode, division: toDivision(result.divisionCode) } as Family;
    }
    return readFamily(ctx, result.familyId);
  }

  @Category("CREDIT", "LISTS")
  @Query(() => CreditCheckResult, { description: "办理住房保障业务前按任一家庭成员身份证号码核查信用状况（R6.2）；需本辖区或书面许可（R8.2）；对无权知悉该家庭的调用方，与未登记的号码答复相同" })
  async creditCheck(@Arg("idNumber", () => String) idNumber: string, @Ctx() ctx: SubgraphContext): Promise<CreditCheckResult> {
    const parsed = parseIdNumber(idNumber);
    if (!parsed.ok) throw badInput([new InputProblem("idNumber", parsed.reason)]);
    // R8.2: a family the caller may not locate answers as an unknown number, and is audited (R8.3).
    const member = await locatePermitted(ctx, idNumber, ["CREDIT", "LISTS"]);
    if (!member) return unknownCheck();
    const [credit] = await sqlQuery<{ score: number | null; tier: string | null; rule_version: string | null; suspended: boolean | null; expired_listing_on: string | null }>(
      ctx.em,
      `select c."score", c."tier", c."rule_version",
              exists (select 1 from "archive"."credit_record" r where r."family_id" = f."id" and r."suspended_by_objection") as suspended,
              (select to_char(max(e."listed_on"), 'YYYY-MM-DD') from "archive"."list_entry" e
                where e."family_id" = f."id" and e."kind" = 'JOINT_PUNISHMENT' and e."status" = 'REMOVED' and e."removal_cause" = 'EXPIRED' and e."listed_on" is not null) as expired_listing_on
         from "archive"."family" f left join "archive"."family_credit" c on c."family_id" = f."id" where f."id" = ?`,
      [member.familyId],
    );
    const today = todayOf(ctx.clock);
    // R6.7 inbound: the person's entries on the national or another province's lists, shown apart
    // (never part of the score, tier, lists or measures below); row-level security and the
    // disclosure policy (LISTS, for this family's division) decide who sees them.
    const [book, active, external] = await Promise.all([ruleBook(ctx), activeListsLoader(ctx).load(member.familyId), externalEntriesFor(ctx.em, idNumber, today)]);
    // R6.6: a listing ends on its own date, even before the daily duty has recorded the removal.
    const entries = active.filter((e) => !listingExpired(e, today));
    const rules = book.forDivision(member.divisionCode, today);
    const tier = (credit?.tier ?? "GOOD") as CreditTier;
    const suspended = Boolean(credit?.suspended) || entries.some((e) => e.status === "SUSPENDED");
    // The policy decides every field for the family's division (CreditCheckResult names its family).
    return {
      found: true,
      familyId: member.familyId,
      divisionCode: member.divisionCode,
      family: null,
      score: credit?.score ?? 100,
      tier,
      lists: entries.map(toMembership),
      // R7.2: while an objection is verified no measure applies.
      // R6.1: M07 runs five years from the listing decision, also after the listing expired.
      measures: suspended ? [] : measuresFor(rules, tier, entries, today, credit?.expired_listing_on ?? active.find((e) => listingExpired(e, today))?.listedOn ?? null),
      suspendedByObjection: suspended,
      externalListings: external.map((e) => ({ ...e, kind: e.kind as ListKind })),
      ruleVersion: credit?.rule_version ?? rules.version,
    };
  }
}
