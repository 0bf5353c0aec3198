// R2.3, R6.7: the outbox of list changes for the provincial data-exchange jobs
// (src/jobs/exchange/push.ts). The job reads pending items (a query: it runs in the request's
// read-only transaction under row-level security) and acknowledges delivered batches (mutations:
// the only writes). Only the province authority's ADMIN may do either.
import { Arg, Ctx, Int, Mutation, Query, Resolver } from "type-graphql";
import { sqlQuery } from "../../src/db/orm";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { ofFamily } from "../../src/subgraphs/disclosure";
import { authorityDivision, hasRole } from "../../src/auth/caller";
import { PROVINCE_CODE } from "../../src/domain/divisions";
import { maskIdNumber, maskName } from "../../src/domain/permissions";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { ListOutbox } from "../../src/subgraphs/archive/entities/list-change.entity";
import { Category } from "../shared/category";
import { checkFirst, MAX_PAGE } from "../shared/connection";
import { ListChangeAction, ListKind, ListStatus } from "./credit.types";
import { NationalChangeReason, OutboxDestination, OutboxItem, type NationalListing } from "./exchange.types";
import { behaviorOf } from "../../src/domain/credit/rule-set";
import { cityOf } from "../../src/domain/divisions";
import { authorityName } from "../../src/subgraphs/archive/credit/documents";
import { ruleBook } from "../../src/subgraphs/archive/credit/credit.read";
import { appendAudit } from "../../src/subgraphs/archive/sharing/audit.service";

/** R2.4, R6.7: the exchange is the province authority's (HA-420000) job, with the ADMIN role. */
function assertProvinceAdmin(ctx: SubgraphContext): void {
  if (!ctx.caller.sub || !ctx.caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
  if (authorityDivision(ctx.caller.org) !== PROVINCE_CODE || !hasRole(ctx.caller, "ADMIN")) {
    throw hubError(ErrorCode.FORBIDDEN, "只有省级住房保障主管部门（HA-420000）的管理员（ADMIN）可以办理名单变更报送");
  }
}

/** The batch id the push job sends: `<destination>-<first sequence>-<last sequence>`. */
export function batchIdOf(destination: string, sequences: readonly string[]): string {
  const sorted = [...sequences].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
  return `${destination}-${sorted[0]}-${sorted[sorted.length - 1]}`;
}

/** Validates an acknowledgement's sequences and batch id (the id must name exactly this batch). */
function checkBatch(destination: OutboxDestination, sequences: string[], batchId: string): string[] {
  const problems: InputProblem[] = [];
  if (sequences.length === 0 || sequences.length > MAX_PAGE) problems.push(new InputProblem("sequences", `应为1至${MAX_PAGE}个名单变更序号`));
  const bad = sequences.find((s) => !/^[1-9]\d{0,17}$/.test(s));
  if (bad !== undefined) problems.push(new InputProblem("sequences", `“${bad}”不是名单变更序号`));
  const unique = [...new Set(sequences)];
  if (unique.length !== sequences.length) problems.push(new InputProblem("sequences", "序号有重复"));
  if (!problems.length && batchIdOf(destination, unique) !== batchId) {
    problems.push(new InputProblem("batchId", `批次号应为 ${batchIdOf(destination, unique)}（去向-首个序号-末个序号）`));
  }
  if (problems.length) throw badInput(problems);
  return unique;
}

/** The organisation code the audit records for deliveries to the national platform (R6.7, R8.3). */
export const NATIONAL_PLATFORM_ORG = "NATIONAL-MOHURD";

/** R6.7: the responsible members of a listed family — the applicant and the spouse (共同申请人). */
const RESPONSIBLE_RELATIONS = ["本人", "配偶"];

interface NationalRow {
  sequence: string;
  cause: string | null;
  basis: { recordIds: string[]; reasons: string[] };
  listed_on: string | null;
  listed_until: string | null;
  removed_on: string | null;
  removal_reason: string | null;
  decision_number: string | null;
  decided_by_org: string | null;
}

/**
 * R6.7: what the national platform and the departments that punish need to act — whom (full
 * name and ID number of the responsible members), why (behaviours, basis), by what decision
 * (document number, period, authority) — read in the job's transaction for the NATIONAL items.
 */
async function nationalListings(ctx: SubgraphContext, rows: PendingRow[]): Promise<Map<string, NationalListing>> {
  const out = new Map<string, NationalListing>();
  if (!rows.length) return out;
  const sequences = [...new Set(rows.map((r) => r.sequence))];
  const details = await sqlQuery<NationalRow>(
    ctx.em,
    `select c."sequence"::text as "sequence", c."cause", e."basis",
            to_char(e."listed_on", 'YYYY-MM-DD') as "listed_on", to_char(e."listed_until", 'YYYY-MM-DD') as "listed_until",
            to_char(e."removed_on", 'YYYY-MM-DD') as "removed_on", e."removal_reason",
            d."number" as "decision_number", d."issued_by_org" as "decided_by_org"
       from "archive"."list_change" c
       join "archive"."list_entry" e on e."id" = c."list_entry_id"
       left join lateral (select "number", "issued_by_org" from "archive"."credit_document" x
                           where x."list_entry_id" = e."id" and x."kind" = 'LISTING_DECISION' order by x."issued_on" desc limit 1) d on true
      where c."sequence" in (${sequences.map(() => "?").join(", ")})`,
    sequences,
  );
  const familyIds = [...new Set(rows.map((r) => r.family_id))];
  const members = await sqlQuery<{ family_id: string; name: string; id_number: string; relation: string }>(
    ctx.em,
    `select "family_id"::text as "family_id", "name", "id_number", "relation" from "archive"."family_member"
      where "family_id" in (${familyIds.map(() => "?").join(", ")}) and "relation" in (${RESPONSIBLE_RELATIONS.map(() => "?").join(", ")})
      order by "family_id", "position"`,
    [...familyIds, ...RESPONSIBLE_RELATIONS],
  );
  const recordIds = [...new Set(details.flatMap((d) => d.basis.recordIds))];
  const records = recordIds.length
    ? await sqlQuery<{ id: string; behavior_code: string; occurred_on: string; legal_basis: string; rule_version: string }>(
        ctx.em,
        `select "id"::text as "id", "behavior_code", to_char("occurred_on", 'YYYY-MM-DD') as "occurred_on", "legal_basis", "rule_version"
           from "archive"."credit_record" where "id" in (${recordIds.map(() => "?").join(", ")})`,
        recordIds,
      )
    : [];
  const book = await ruleBook(ctx);
  const byRow = new Map(rows.map((r) => [r.sequence, r]));
  for (const d of details) {
    const row = byRow.get(d.sequence)!;
    const authority = d.decided_by_org ?? `HA-${cityOf(row.division_code)?.code ?? row.division_code}`;
    const reason = (d.cause && d.cause in NationalChangeReason ? d.cause : row.status === "LISTED" ? "LISTED" : "CLOSED") as NationalChangeReason;
    out.set(d.sequence, {
      reason,
      subjects: members.filter((m) => m.family_id === row.family_id).map((m) => ({ name: m.name, idNumber: m.id_number, relation: m.relation })),
      behaviors: d.basis.recordIds
        .map((id) => records.find((r) => r.id === id))
        .filter((r): r is (typeof records)[number] => Boolean(r))
        .map((r) => ({ code: r.behavior_code, name: (book.byVersion(r.rule_version) && behaviorOf(book.byVersion(r.rule_version)!, r.behavior_code)?.name) ?? r.behavior_code, occurredOn: r.occurred_on, legalBasis: r.legal_basis })),
      basis: d.basis.reasons,
      decisionNumber: d.decision_number,
      listedOn: d.listed_on,
      listedUntil: d.listed_until,
      removedOn: d.removed_on,
      removalReason: d.removal_reason,
      authorityCode: authority,
      authorityName: authorityName(authority.replace(/^HA-/, "")),
    });
  }
  return out;
}

interface PendingRow {
  sequence: string;
  attempts: number;
  at: string;
  kind: string;
  action: string;
  status: string;
  family_id: string;
  list_entry_id: string;
  division_code: string;
  since: string | null;
  until: string | null;
  name: string | null;
  id_number: string | null;
}

@Resolver()
export class ExchangeResolver {
  @Category("LISTS")
  @Query(() => [OutboxItem], { description: "待报送的名单变更，按序号升序（R6.7）；申请人身份已脱敏。仅省级住房保障主管部门管理员" })
  async outboxPending(
    @Arg("destination", () => OutboxDestination) destination: OutboxDestination,
    @Arg("first", () => Int) first: number,
    @Ctx() ctx: SubgraphContext,
  ): Promise<OutboxItem[]> {
    assertProvinceAdmin(ctx);
    checkFirst(first);
    // In the query's read-only transaction under row-level security (the province sees all).
    const rows = await sqlQuery<PendingRow>(
      ctx.em,
      `select o."sequence"::text as "sequence", o."attempts",
              to_char(c."at" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "at",
              c."kind", c."action", c."status", c."family_id"::text as "family_id", c."list_entry_id"::text as "list_entry_id", c."division_code",
              to_char(e."since", 'YYYY-MM-DD') as "since", to_char(e."until", 'YYYY-MM-DD') as "until",
              m."name", m."id_number"
         from "archive"."list_outbox" o
         join "archive"."list_change" c on c."sequence" = o."sequence"
         left join "archive"."list_entry" e on e."id" = c."list_entry_id"
         left join lateral (select "name", "id_number" from "archive"."family_member" fm where fm."family_id" = c."family_id" order by fm."position" limit 1) m on true
        where o."destination" = ? and o."delivered_at" is null
        order by o."sequence", o."id"
        limit ?`,
      [destination, first],
    );
    const national = destination === OutboxDestination.NATIONAL ? await nationalListings(ctx, rows) : new Map<string, NationalListing>();
    const seen = new Set<string>();
    const items: OutboxItem[] = [];
    for (const r of rows) {
      if (seen.has(r.sequence)) continue;
      seen.add(r.sequence);
      // R8.3: the disclosure policy decides and audits each field for the entry's family.
      items.push(ofFamily({
        sequence: r.sequence,
        destination,
        at: new Date(r.at),
        kind: r.kind as ListKind,
        action: r.action as ListChangeAction,
        status: r.status as ListStatus,
        familyId: r.family_id,
        listEntryId: r.list_entry_id,
        divisionCode: r.division_code,
        since: r.since,
        until: r.until,
        // R8.5: identity leaves the hub only masked.
        maskedName: r.name === null ? null : maskName(r.name),
        maskedIdNumber: r.id_number === null ? null : maskIdNumber(r.id_number),
        attempts: r.attempts,
        national: national.get(r.sequence) ?? null,
      }, r.family_id, r.division_code));
    }
    return items;
  }

  @Category("LISTS")
  @Query(() => Int, { description: "待报送的名单变更条数（R6.7）。仅省级住房保障主管部门管理员" })
  async outboxPendingCount(@Arg("destination", () => OutboxDestination) destination: OutboxDestination, @Ctx() ctx: SubgraphContext): Promise<number> {
    assertProvinceAdmin(ctx);
    const [row] = await sqlQuery<{ n: string }>(ctx.em, `select count(distinct "sequence")::text as n from "archive"."list_outbox" where "destination" = ? and "delivered_at" is null`, [destination]);
    return Number(row?.n ?? 0);
  }

  @Category("LISTS")
  @Mutation(() => Int, {
    description: "确认一个批次已被接收方收妥（HTTP 2xx 之后）：将这些序号标记为已报送，返回本次新标记的条数；重复确认返回 0。仅省级住房保障主管部门管理员",
  })
  async markOutboxDelivered(
    @Arg("destination", () => OutboxDestination) destination: OutboxDestination,
    @Arg("sequences", () => [String]) sequences: string[],
    @Arg("batchId", () => String) batchId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    assertProvinceAdmin(ctx);
    const unique = checkBatch(destination, sequences, batchId);
    return ctx.em.transactional(async (em) => {
      const known = await em.count(ListOutbox, { destination, sequence: { $in: unique } });
      if (known < unique.length) throw badInput([new InputProblem("sequences", `有序号不在${destination === "NATIONAL" ? "国家平台" : "逐级上报"}报送队列中`)]);
      const now = ctx.clock.now();
      const fresh = await em.find(ListOutbox, { destination, sequence: { $in: unique }, deliveredAt: null }, { fields: ["sequence"] });
      const marked = await em.nativeUpdate(ListOutbox, { destination, sequence: { $in: unique }, deliveredAt: null }, { deliveredAt: now });
      if (destination === OutboxDestination.NATIONAL && fresh.length) {
        // R6.7, R8.3: the push is a disclosure by the province under its own authority (not a
        // written permission): who received which families' identity, credit and list data.
        const families = await sqlQuery<{ family_id: string }>(
          em,
          `select distinct "family_id"::text as "family_id" from "archive"."list_change" where "sequence" in (${fresh.map(() => "?").join(", ")}) order by 1`,
          fresh.map((f) => f.sequence),
        );
        await appendAudit(em, {
          at: now,
          kind: "DISCLOSURE",
          orgCode: NATIONAL_PLATFORM_ORG,
          userSub: ctx.caller.sub,
          clientAddress: null,
          operationName: "NationalPush",
          documentHash: null,
          permissions: ["省级住房保障主管部门职权（R6.7 推送全国信用信息共享平台）"],
          categoriesReturned: ["IDENTITY", "CREDIT", "LISTS"],
          categoriesDenied: [],
          familyIds: families.map((f) => f.family_id),
          outcome: "DELIVERED",
          detail: { batchId, sequences: fresh.map((f) => f.sequence).sort((a, b) => Number(a) - Number(b)), sender: ctx.caller.org },
        });
      }
      return marked;
    });
  }

  @Category("LISTS")
  @Mutation(() => Int, { description: "记录一个批次的一次失败发送（尚未报送的序号失败次数加一），返回更新的条数。仅省级住房保障主管部门管理员" })
  async recordOutboxAttempt(
    @Arg("destination", () => OutboxDestination) destination: OutboxDestination,
    @Arg("sequences", () => [String]) sequences: string[],
    @Arg("batchId", () => String) batchId: string,
    @Ctx() ctx: SubgraphContext,
  ): Promise<number> {
    assertProvinceAdmin(ctx);
    const unique = checkBatch(destination, sequences, batchId);
    const rows = await sqlQuery<{ id: string }>(
      ctx.em,
      `update "archive"."list_outbox" set "attempts" = "attempts" + 1
        where "destination" = ? and "delivered_at" is null and "sequence" in (${unique.map(() => "?").join(", ")}) returning "id"`,
      [destination, ...unique],
    );
    return rows.length;
  }
}
