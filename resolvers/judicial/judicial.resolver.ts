import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { groupByKey, loaderFor } from "../../src/subgraphs/subgraph-context";
import { JudicialRecord as JudicialRecordEntity } from "../../src/subgraphs/judicial/entities/judicial-record.entity";
import { CitingRecord, JudicialFamily, JudicialKind, JudicialLookup, JudicialRecord } from "./judicial.types";

const day = (v: string | Date) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

/**
 * A record as data of the family it was reached through: the disclosure policy decides every
 * field for that family's division (R8.2) — never for the court's.
 */
function toRecord(r: JudicialRecordEntity, familyId: string, familyDivision: string): JudicialRecord {
  return {
    id: r.id,
    idNumber: r.idNumber,
    kind: r.kind as JudicialKind,
    caseNumber: r.caseNumber,
    court: r.court,
    decidedOn: day(r.decidedOn),
    summary: r.summary,
    familyId,
    familyDivision,
  };
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

/**
 * The judgment a family's credit record cites (R6.5), as data of that family. A case whose party
 * is not a member of the family is not the family's data: absent (whoever recorded the number).
 */
export async function citedJudicialRecord(ctx: SubgraphContext, citing: CitingRecord): Promise<JudicialRecord | null> {
  if (!citing.judicialCaseNumber || !citing.familyId || !citing.familyDivision) return null;
  const row = await caseLoader(ctx).load(citing.judicialCaseNumber);
  if (!row || !(citing.familyMemberIdNumbers ?? []).includes(row.idNumber)) return null;
  return toRecord(row, citing.familyId, citing.familyDivision);
}

/** The records of a person the archive located for the caller (none when it did not). */
export async function recordsOfLookup(ctx: SubgraphContext, lookup: JudicialLookup): Promise<JudicialRecord[]> {
  if (!lookup.familyId || !lookup.divisionCode) return [];
  const rows = await recordsByIdNumber(ctx).load(lookup.idNumber.trim().toUpperCase());
  return rows.map((r) => toRecord(r, lookup.familyId!, lookup.divisionCode!));
}

@Resolver(() => JudicialFamily)
export class JudicialResolver {
  @FieldResolver(() => [JudicialRecord], { nullable: true, description: "家庭成员的司法及行政处罚信息" })
  async judicial(@Root() family: JudicialFamily, @Ctx() ctx: SubgraphContext): Promise<JudicialRecord[]> {
    // Division and member ID numbers come from the archive via @requires.
    const lists = await recordsByIdNumber(ctx).loadMany(family.memberIdNumbers ?? []);
    return lists
      .flatMap((l) => (l instanceof Error ? [] : l))
      .map((r) => toRecord(r, family.id, family.divisionCode))
      .sort((a, b) => b.decidedOn.localeCompare(a.decidedOn));
  }
}

@Resolver(() => JudicialLookup)
export class JudicialLookupResolver {
  @FieldResolver(() => [JudicialRecord], { nullable: true, description: "该人的司法及行政处罚信息（按其所在家庭的区划和书面许可提供）" })
  async records(@Root() lookup: JudicialLookup, @Ctx() ctx: SubgraphContext): Promise<JudicialRecord[]> {
    return recordsOfLookup(ctx, lookup);
  }
}

@Resolver(() => CitingRecord)
export class CitingRecordResolver {
  @FieldResolver(() => JudicialRecord, { nullable: true, description: "所依据的司法或行政处罚信息" })
  async judicialRecord(@Root() citing: CitingRecord, @Ctx() ctx: SubgraphContext): Promise<JudicialRecord | null> {
    return citedJudicialRecord(ctx, citing);
  }
}
