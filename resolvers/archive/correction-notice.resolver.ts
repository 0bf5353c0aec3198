// Correction notices reach their recipients (R7.2 恢复信誉). An organisation that received a
// family's data later revoked or corrected lists its notices, pulls them from a resumable feed and
// acknowledges them; the issuing authority and its superiors see which are not acknowledged.
// A caller only ever sees notices addressed to its own organisation (the signed caller's `org`);
// another organisation's notice reads as absent (NOT_FOUND), so its existence is not revealed.
// Reading a notice is audited (R8.3): the family it names, as a document (EVIDENCE) disclosed
// under the notice's own 文号 — not as credit data, so that reading a notice never makes its
// reader a "recipient" of later records (restoreReputation counts CREDIT/LISTS disclosures).
import { Arg, Ctx, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import type { GraphQLResolveInfo } from "graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { jurisdictionDivisions } from "../../src/subgraphs/access";
import { authorityDivision } from "../../src/auth/caller";
import { today as todayOf } from "../../src/domain/clock";
import { daysBetween } from "../../src/domain/credit/dates";
import { allDivisions, findDivision, isWithinJurisdiction } from "../../src/domain/divisions";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import {
  acknowledgeNotice,
  enterRecipientScope,
  isSequenceCursor,
  noticeFeed,
  noticesOf,
  outstandingNotices,
  type CorrectionNoticeRow,
} from "../../src/subgraphs/archive/credit/correction-notice.service";
import { checkFirst, wantsTotalCount, type Connection } from "../shared/connection";
import { isUuid } from "../shared/ids";
import {
  CorrectionAction,
  CorrectionNotice,
  CorrectionNoticeConnection,
  OutstandingCorrectionNotice,
  OutstandingCorrectionNoticeConnection,
} from "./correction-notice.types";

const NOT_FOUND_MESSAGE = "更正通知不存在";

/** The signed caller's organisation, with the request's row-level security addressed to it. */
async function recipientOf(ctx: SubgraphContext): Promise<{ org: string; sub: string }> {
  if (!ctx.caller.sub || !ctx.caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
  await enterRecipientScope(ctx.em, ctx.caller.org);
  return { org: ctx.caller.org, sub: ctx.caller.sub };
}

function cursorArg(name: string, value: string | null): string | null {
  if (value == null) return null;
  if (!isSequenceCursor(value)) throw badInput([new InputProblem(name, "游标应为更正通知序号")]);
  return value;
}

/** The recipient's view; its reading is recorded for the audit (the notice's 文号 as the basis). */
function toNotice(ctx: SubgraphContext, r: CorrectionNoticeRow): CorrectionNotice {
  ctx.disclosures.disclosed(r.familyId, "EVIDENCE", { mode: "FULL", via: r.number });
  return {
    id: r.id,
    sequence: r.sequence,
    number: r.number,
    title: r.title,
    issuedOn: r.issuedOn,
    issuedAt: r.issuedAt,
    issuingAuthorityCode: r.issuedByOrg,
    issuingAuthorityName: r.issuingAuthorityName,
    recipientCode: r.recipientCode,
    recipientName: r.recipientName,
    action: r.action as CorrectionAction,
    subject: r.subject,
    familyId: r.familyId,
    recordId: r.recordId,
    listEntryId: r.listEntryId,
    body: r.body,
    acknowledgedAt: r.acknowledgedAt,
    acknowledgedBy: r.acknowledgedBy,
  };
}

function page<T>(rows: CorrectionNoticeRow[], first: number, totalCount: number, after: string | null, node: (r: CorrectionNoticeRow) => T): Connection<T> {
  const edges = rows.slice(0, first).map((r) => ({ cursor: r.sequence, node: node(r) }));
  return { totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? after ?? null }, edges };
}

@Resolver()
export class CorrectionNoticeResolver {
  @Query(() => CorrectionNoticeConnection, { description: "本机构收到的更正通知（R7.2 恢复信誉），最新在前（分页）；只含发给调用方机构的通知" })
  async correctionNotices(
    @Arg("acknowledged", () => Boolean, { nullable: true, description: "只看已确认（true）或未确认（false）的" }) acknowledged: boolean | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<CorrectionNotice>> {
    checkFirst(first);
    const before = cursorArg("after", after);
    const { org } = await recipientOf(ctx);
    const { rows, totalCount } = await noticesOf(ctx.em, org, { acknowledged, before, first, count: wantsTotalCount(info) });
    return page(rows, first, totalCount, after, (r) => toNotice(ctx, r));
  }

  @Query(() => CorrectionNoticeConnection, {
    description: "本机构更正通知的全序记录：游标之后发出的通知，按发出（提交）顺序；可从任一游标续读，不重不漏（同 listChanges）",
  })
  async correctionNoticeFeed(
    @Arg("after", () => String, { nullable: true, description: "上次读到的 endCursor；不填从头读" }) after: string | null,
    @Arg("first", () => Int) first: number,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<CorrectionNotice>> {
    checkFirst(first);
    const from = cursorArg("after", after) ?? "0";
    const { org } = await recipientOf(ctx);
    const { rows, totalCount } = await noticeFeed(ctx.em, org, from, first, wantsTotalCount(info));
    return page(rows, first, totalCount, after, (r) => toNotice(ctx, r));
  }

  @Mutation(() => CorrectionNotice, { description: "确认收到更正通知（幂等：以首次确认的时间和人员为准）；不是发给本机构的通知返回 NOT_FOUND" })
  async acknowledgeCorrectionNotice(@Arg("id", () => ID) id: string, @Ctx() ctx: SubgraphContext): Promise<CorrectionNotice> {
    const { org, sub } = await recipientOf(ctx);
    if (!isUuid(id)) throw hubError(ErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    const row = await acknowledgeNotice(ctx.em, org, sub, id, ctx.clock.now());
    if (!row) throw hubError(ErrorCode.NOT_FOUND, NOT_FOUND_MESSAGE);
    return toNotice(ctx, row);
  }

  @Query(() => OutstandingCorrectionNoticeConnection, {
    description: "本辖区尚未确认收到的更正通知（发出机关及其上级机关），最早发出的在前（分页）；可按区划、收件机构筛选",
  })
  async unacknowledgedCorrectionNotices(
    @Arg("divisionCode", () => String, { nullable: true, description: "家庭所在区划（本辖区内）" }) divisionCode: string | null,
    @Arg("recipientCode", () => String, { nullable: true }) recipientCode: string | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<OutstandingCorrectionNotice>> {
    checkFirst(first);
    const from = cursorArg("after", after);
    if (divisionCode && !findDivision(divisionCode)) throw badInput([new InputProblem("divisionCode", `行政区划代码“${divisionCode}”不存在于湖北省区划中`)]);
    const own = authorityDivision(ctx.caller.org);
    if (!own) throw hubError(ErrorCode.FORBIDDEN, "只有住房保障主管部门可以查看更正通知的确认情况");
    if (divisionCode && !isWithinJurisdiction(divisionCode, own) && !isWithinJurisdiction(own, divisionCode)) {
      throw hubError(ErrorCode.FORBIDDEN, `区划 ${divisionCode} 不在本机构辖区内`, { divisionCode });
    }
    const divisions = jurisdictionDivisions(ctx.caller, divisionCode);
    await recipientOf(ctx);
    const { rows, totalCount } = await outstandingNotices(ctx.em, divisions.length === allDivisions().length ? "*" : divisions, {
      recipientCode,
      after: from,
      first,
      count: wantsTotalCount(info),
    });
    const today = todayOf(ctx.clock);
    return page(rows, first, totalCount, after, (r) => {
      // Staff of the family's jurisdiction: the family is only located (its archive reference).
      ctx.disclosures.located(r.familyId, { mode: "FULL", via: null });
      return {
        id: r.id,
        number: r.number,
        recipientCode: r.recipientCode,
        recipientName: r.recipientName,
        issuedOn: r.issuedOn,
        issuingAuthorityCode: r.issuedByOrg,
        divisionCode: r.divisionCode,
        familyId: r.familyId,
        recordId: r.recordId,
        action: r.action as CorrectionAction,
        daysOutstanding: Math.max(0, daysBetween(r.issuedOn, today)),
      } satisfies OutstandingCorrectionNotice;
    });
  }
}
