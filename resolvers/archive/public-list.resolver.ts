// R5.3, R6.7, R8.5: the public warning and punishment lists that municipal portals embed. The
// anonymous caller runs it as a trusted document (R8.4); names and ID numbers are masked in the
// database, SUSPENDED entries (objection under verification) are never shown.
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { sqlQuery } from "../../src/db/orm";
import { cityOf, findDivision, isWithinJurisdiction, allDivisions } from "../../src/domain/divisions";
import { behaviorOf } from "../../src/domain/credit/rule-set";
import { today as todayOf } from "../../src/domain/clock";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput } from "../../src/errors";
import { ruleBook } from "../../src/subgraphs/archive/credit/credit.read";
import { Organization as OrganizationEntity } from "../../src/subgraphs/archive/entities/organization.entity";
import { checkFirst, connectionOf, decodeCursor, encodeCursor, type Connection } from "../shared/connection";
import { DateScalar } from "../shared/scalars";
import { ListKind } from "./credit.types";

@ObjectType({ description: "公开名单的一条（脱敏，R8.5）" })
export class PublicListEntry {
  @Field(() => String, { description: "姓名（姓氏加*）" })
  maskedName!: string;

  @Field(() => String, { description: "身份证号码（前6位、8个*、后4位）" })
  maskedIdNumber!: string;

  @Field(() => [String], { description: "失信行为" })
  behaviors!: string[];

  @Field(() => DateScalar)
  since!: string;

  @Field(() => DateScalar, { nullable: true })
  until!: string | null;

  @Field(() => String, { description: "发布机关" })
  authority!: string;

  @Field(() => String, { description: "区划代码" })
  divisionCode!: string;
}

export const PublicListConnection = connectionOf(PublicListEntry, "PublicList");

interface Row {
  entry_id: string;
  division_code: string;
  since: string | Date;
  until: string | Date | null;
  masked_name: string;
  masked_id_number: string;
  behavior_codes: string[];
  total: string | number;
}

const day = (v: string | Date | null): string | null => (v === null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

@Resolver()
export class PublicListResolver {
  @Query(() => PublicListConnection, { description: "公开的警示名单、失信联合惩戒名单（脱敏），供各地门户网站嵌入；最新在前" })
  async publicList(
    @Arg("kind", () => ListKind) kind: ListKind,
    @Arg("divisionCode", () => String) divisionCode: string,
    @Arg("first", () => Int) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<Connection<PublicListEntry>> {
    checkFirst(first);
    // R5.3, R6.7: the warning and joint-punishment lists are public; key attention is not.
    if (kind === ListKind.KEY_ATTENTION) throw badInput([new InputProblem("kind", "重点关注名单不向社会公开")]);
    if (!findDivision(divisionCode)) throw badInput([new InputProblem("divisionCode", `行政区划代码“${divisionCode}”不存在于湖北省区划中`)]);
    const cursor = decodeCursor(after, ["date", "uuid"]);
    const divisions = allDivisions().filter((d) => isWithinJurisdiction(d.code, divisionCode)).map((d) => d.code);
    // R6.7: a joint-punishment list under publicity (公示) is public too.
    const statuses = kind === ListKind.JOINT_PUNISHMENT ? ["LISTED", "PUBLICIZING"] : ["LISTED"];
    const rows = await sqlQuery<Row>(ctx.em, `select * from "archive"."public_list_page"(?, ?::text[], ?::text[], ?::date, ?::uuid, ?)`, [
      kind,
      `{${divisions.join(",")}}`,
      `{${statuses.join(",")}}`,
      cursor ? String(cursor[0]) : null,
      cursor ? String(cursor[1]) : null,
      first + 1,
    ]);
    const book = await ruleBook(ctx);
    const rules = (d: string) => book.forDivision(d, todayOf(ctx.clock));
    const cities = [...new Set(rows.map((r) => `HA-${cityOf(r.division_code)?.code ?? r.division_code}`))];
    const orgs = cities.length ? await ctx.em.find(OrganizationEntity, { code: { $in: cities } }, { fields: ["code", "name"] }) : [];
    const authority = (d: string) => orgs.find((o) => o.code === `HA-${cityOf(d)?.code ?? d}`)?.name ?? `${cityOf(d)?.name ?? findDivision(d)?.name ?? d}住房保障主管部门`;
    const edges = rows.slice(0, first).map((r) => ({
      cursor: encodeCursor([day(r.since)!, r.entry_id]),
      node: {
        maskedName: r.masked_name,
        maskedIdNumber: r.masked_id_number,
        behaviors: r.behavior_codes.map((c) => behaviorOf(rules(r.division_code), c)?.name ?? c),
        since: day(r.since)!,
        until: day(r.until),
        authority: authority(r.division_code),
        divisionCode: r.division_code,
      },
    }));
    let totalCount = Number(rows[0]?.total ?? 0);
    if (!rows.length && cursor) {
      const [c] = await sqlQuery<Row>(ctx.em, `select * from "archive"."public_list_page"(?, ?::text[], ?::text[], null, null, 1)`, [kind, `{${divisions.join(",")}}`, `{${statuses.join(",")}}`]);
      totalCount = Number(c?.total ?? 0);
    }
    return { totalCount, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null }, edges };
  }
}
