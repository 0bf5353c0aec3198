// R6.7 逐级报送: what the counties and cities reported up, as the higher authority reads it. Every
// list change of a division is appended to the REPORT_UP outbox (list-log.ts); a city reads
// what its counties reported, the province what every city and county reported — the change,
// the entry's period and grounds, the listing decision, and the family (whose data the higher
// authority holds in its own jurisdiction, R2.3).
import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from "type-graphql";
import { authorityDivision } from "../../src/auth/caller";
import { sqlQuery } from "../../src/db/orm";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { jurisdictionDivisions } from "../../src/subgraphs/access";
import { ofFamily } from "../../src/subgraphs/disclosure";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { Category, Locator } from "../shared/category";
import { DateScalar, DateTimeScalar } from "../shared/scalars";
import { Family } from "./archive.types";
import { JointStep, ListChangeAction, ListKind, ListStatus } from "./credit.types";
import { readFamily } from "./family.resolver";

@ObjectType({ description: "下级住房保障主管部门报送的一条名单变更（R6.7 逐级报送）" })
export class ReportedChange {
  @Field(() => String, { description: "名单变更序号" })
  sequence!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => ListKind)
  kind!: ListKind;

  @Field(() => ListChangeAction)
  action!: ListChangeAction;

  @Field(() => ListStatus)
  status!: ListStatus;

  @Field(() => String, { nullable: true, description: "变更原因（LISTED、SUSPENDED、RESUMED、EXPIRED、REVOKED、REPAIRED、CORRECTED、CLOSED、ESCALATED）" })
  cause!: string | null;

  @Field(() => String, { description: "报送区划（家庭所在区划）" })
  divisionCode!: string;

  @Field(() => ID)
  listEntryId!: string;

  @Field(() => DateScalar)
  since!: string;

  @Field(() => DateScalar, { nullable: true })
  until!: string | null;

  @Field(() => JointStep, { nullable: true })
  step!: JointStep | null;

  @Field(() => [String], { description: "列入依据（R6.3 第几项、R6.4 转入等）" })
  reasons!: string[];

  @Field(() => String, { nullable: true, description: "列入决定书文号" })
  decisionNumber!: string | null;

  familyId!: string;

  @Locator()
  @Field(() => Family)
  family!: Family;
}

@ObjectType({ description: "一页报送记录；endCursor 续读" })
export class ReportedChangePage {
  @Field(() => [ReportedChange])
  items!: ReportedChange[];

  @Field(() => String, { nullable: true })
  endCursor!: string | null;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

interface Row {
  sequence: string;
  at: Date | string;
  kind: string;
  action: string;
  status: string;
  cause: string | null;
  division_code: string;
  list_entry_id: string;
  family_id: string;
  since: string;
  until: string | null;
  step: string | null;
  basis: { reasons: string[] };
  decision_number: string | null;
}

@Resolver(() => ReportedChange)
export class ReportUpResolver {
  @FieldResolver(() => Family)
  async family(@Root() r: ReportedChange, @Ctx() ctx: SubgraphContext): Promise<Family> {
    const f = await readFamily(ctx, r.familyId);
    if (!f) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在");
    return f;
  }

  @Category("LISTS")
  @Query(() => ReportedChangePage, { description: "下级（县、市）逐级报送的名单变更，按序号升序，可从 after 续读（R6.7）；市级看所辖县区，省级看全部市县" })
  async reportsReceived(
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true, description: "上一页的 endCursor（名单变更序号）" }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<ReportedChangePage> {
    const own = authorityDivision(ctx.caller.org);
    if (!ctx.caller.sub || !own) throw hubError(ErrorCode.FORBIDDEN, "只有住房保障主管部门工作人员可以查阅下级报送的名单变更");
    const p: InputProblem[] = [];
    if (!Number.isInteger(first) || first < 1 || first > 200) p.push(new InputProblem("first", "应为1至200"));
    if (after != null && !/^\d{1,18}$/.test(after)) p.push(new InputProblem("after", "游标应为名单变更序号"));
    if (p.length) throw badInput(p);
    // The lower levels only: a division's own changes are its own records, not a report to it.
    const below = jurisdictionDivisions(ctx.caller).filter((d) => d !== own);
    if (!below.length) return { items: [], endCursor: after, hasNextPage: false };
    const rows = await sqlQuery<Row>(
      ctx.em,
      `select c."sequence"::text as "sequence", c."at", c."kind", c."action", c."status", c."cause", c."division_code",
              c."list_entry_id"::text as "list_entry_id", c."family_id"::text as "family_id",
              to_char(e."since", 'YYYY-MM-DD') as "since", to_char(e."until", 'YYYY-MM-DD') as "until", e."step", e."basis",
              (select d."number" from "archive"."credit_document" d where d."list_entry_id" = e."id" and d."kind" = 'LISTING_DECISION' order by d."issued_on" desc limit 1) as "decision_number"
         from "archive"."list_outbox" o
         join "archive"."list_change" c on c."sequence" = o."sequence"
         join "archive"."list_entry" e on e."id" = c."list_entry_id"
        where o."destination" = 'REPORT_UP' and c."division_code" = any(cast(? as text[])) and o."sequence" > ?
        order by o."sequence"
        limit ?`,
      [`{${below.join(",")}}`, after ?? "0", first + 1],
    );
    const page = rows.slice(0, first);
    return {
      items: page.map((r) =>
        ofFamily(
          {
            sequence: r.sequence,
            at: new Date(r.at),
            kind: r.kind as ListKind,
            action: r.action as ListChangeAction,
            status: r.status as ListStatus,
            cause: r.cause,
            divisionCode: r.division_code,
            listEntryId: r.list_entry_id,
            since: r.since,
            until: r.until,
            step: (r.step as JointStep | null) ?? null,
            reasons: r.basis.reasons,
            decisionNumber: r.decision_number,
            familyId: r.family_id,
          } as ReportedChange,
          r.family_id,
          r.division_code,
        ),
      ),
      endCursor: page.length ? page[page.length - 1].sequence : after,
      hasNextPage: rows.length > first,
    };
  }
}
