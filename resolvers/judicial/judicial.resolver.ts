import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { groupByKey, loaderFor } from "../../src/subgraphs/subgraph-context";
import { assertCanRead, sharingDenied } from "../../src/subgraphs/access";
import { authorityDivision, hasJurisdiction } from "../../src/auth/caller";
import { PROVINCE_CODE } from "../../src/domain/divisions";
import { parseIdNumber } from "../../src/domain/id-number";
import { badInput } from "../../src/errors";
import { JudicialRecord as JudicialRecordEntity } from "../../src/subgraphs/judicial/entities/judicial-record.entity";
import { JudicialFamily, JudicialKind, JudicialRecord } from "./judicial.types";

const day = (v: string | Date) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

function toRecord(r: JudicialRecordEntity): JudicialRecord {
  return { id: r.id, idNumber: r.idNumber, kind: r.kind as JudicialKind, caseNumber: r.caseNumber, court: r.court, decidedOn: day(r.decidedOn), summary: r.summary };
}

/** Records for a batch of ID numbers: one statement for any number of people. */
function recordsByIdNumber(ctx: SubgraphContext) {
  return loaderFor<string, JudicialRecordEntity[]>(ctx, "judicialByIdNumber", async (ids) => {
    const rows = await ctx.em.find(JudicialRecordEntity, { idNumber: { $in: [...ids] } }, { orderBy: { decidedOn: "desc", caseNumber: "asc" } });
    return groupByKey(ids, rows, (r) => r.idNumber);
  });
}

function caseLoader(ctx: SubgraphContext) {
  return loaderFor<string, JudicialRecordEntity | null>(ctx, "judicialByCase", async (numbers) => {
    const rows = await ctx.em.find(JudicialRecordEntity, { caseNumber: { $in: [...numbers] } });
    const by = new Map(rows.map((r) => [r.caseNumber, r]));
    return numbers.map((n) => by.get(n) ?? null);
  });
}

/** A cited judicial record: housing-authority staff only (the citing credit record was checked by the archive). */
export async function judicialRecordByCaseNumber(ctx: SubgraphContext, caseNumber: string): Promise<JudicialRecord | null> {
  if (!authorityDivision(ctx.caller.org)) throw sharingDenied(PROVINCE_CODE, "JUDICIAL");
  const row = await caseLoader(ctx).load(caseNumber);
  return row ? toRecord(row) : null;
}

@Resolver(() => JudicialFamily)
export class JudicialResolver {
  @FieldResolver(() => [JudicialRecord])
  async judicial(@Root() family: JudicialFamily, @Ctx() ctx: SubgraphContext): Promise<JudicialRecord[]> {
    // Division and member ID numbers come from the archive via @requires; without them, deny.
    assertCanRead(ctx.caller, family.divisionCode ?? "", "JUDICIAL");
    const lists = await recordsByIdNumber(ctx).loadMany(family.memberIdNumbers ?? []);
    return lists.flatMap((l) => (l instanceof Error ? [] : l)).map(toRecord).sort((a, b) => b.decidedOn.localeCompare(a.decidedOn));
  }

  @Query(() => [JudicialRecord], { description: "按身份证号码查询司法及行政处罚信息（限作出机关在本辖区的记录）" })
  async judicialRecords(@Arg("idNumber", () => String) idNumber: string, @Ctx() ctx: SubgraphContext): Promise<JudicialRecord[]> {
    const parsed = parseIdNumber(idNumber);
    if (!parsed.ok) throw badInput([{ field: "idNumber", message: parsed.reason }]);
    const rows = await recordsByIdNumber(ctx).load(idNumber.trim().toUpperCase());
    return rows.filter((r) => hasJurisdiction(ctx.caller, r.divisionCode)).map(toRecord);
  }
}
