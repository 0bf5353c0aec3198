import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { groupByKey, loaderFor } from "../../src/subgraphs/subgraph-context";
import { decisionFor, reveal, sharingDenied, shown } from "../../src/subgraphs/access";
import { accessSubject } from "../../src/auth/caller";
import { PROVINCE_CODE } from "../../src/domain/divisions";
import { availableCategories, maskIdNumber, type Decision } from "../../src/domain/permissions";
import { Category } from "../shared/category";
import { parseIdNumber } from "../../src/domain/id-number";
import { badInput } from "../../src/errors";
import { JudicialRecord as JudicialRecordEntity } from "../../src/subgraphs/judicial/entities/judicial-record.entity";
import { JudicialFamily, JudicialKind, JudicialRecord } from "./judicial.types";

const day = (v: string | Date) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

const MASKED_SUMMARY = "（按书面许可以脱敏方式提供，内容已隐去）";

/** The record as the JUDICIAL decision allows (R8.5: masked, the summary is hidden). */
function toRecord(r: JudicialRecordEntity, d: Decision, familyId?: string, divisionCode?: string): JudicialRecord {
  return {
    id: r.id,
    idNumber: r.idNumber,
    kind: r.kind as JudicialKind,
    caseNumber: r.caseNumber,
    court: r.court,
    decidedOn: day(r.decidedOn),
    summary: shown(d, r.summary, () => MASKED_SUMMARY),
    familyId,
    divisionCode: divisionCode ?? r.divisionCode,
    mode: d.mode,
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
 * A judicial record cited by a credit record. The archive revealed the citation only after
 * deciding JUDICIAL for the family's division; here the caller must hold JUDICIAL somewhere
 * (fail closed), and the record's own division decides the mode.
 */
export async function judicialRecordByCaseNumber(ctx: SubgraphContext, caseNumber: string): Promise<JudicialRecord | null> {
  if (!availableCategories(accessSubject(ctx.caller)).has("JUDICIAL")) throw sharingDenied(PROVINCE_CODE, "JUDICIAL");
  const row = await caseLoader(ctx).load(caseNumber);
  if (!row) return null;
  // Fail closed: a cited case decided outside the caller's divisions stays hidden, whatever cites it.
  const d = decisionFor(ctx.caller, row.divisionCode, "JUDICIAL");
  if (!d) {
    ctx.disclosures.deny("JUDICIAL");
    throw sharingDenied(row.divisionCode, "JUDICIAL");
  }
  return toRecord(row, d);
}

@Resolver(() => JudicialFamily)
export class JudicialResolver {
  @Category("JUDICIAL")
  @FieldResolver(() => [JudicialRecord], { nullable: true, description: "家庭成员的司法及行政处罚信息" })
  async judicial(@Root() family: JudicialFamily, @Ctx() ctx: SubgraphContext): Promise<JudicialRecord[]> {
    // Division and member ID numbers come from the archive via @requires; without them, deny.
    const d = reveal(ctx, family.id, family.divisionCode ?? "", "JUDICIAL");
    const lists = await recordsByIdNumber(ctx).loadMany(family.memberIdNumbers ?? []);
    return lists
      .flatMap((l) => (l instanceof Error ? [] : l))
      .map((r) => toRecord(r, d, family.id, family.divisionCode))
      .sort((a, b) => b.decidedOn.localeCompare(a.decidedOn));
  }

  @Category("JUDICIAL")
  @Query(() => [JudicialRecord], { description: "按身份证号码查询司法及行政处罚信息（限作出机关在本辖区或书面许可覆盖的记录）" })
  async judicialRecords(@Arg("idNumber", () => String) idNumber: string, @Ctx() ctx: SubgraphContext): Promise<JudicialRecord[]> {
    const parsed = parseIdNumber(idNumber);
    if (!parsed.ok) throw badInput([{ field: "idNumber", message: parsed.reason }]);
    const rows = await recordsByIdNumber(ctx).load(idNumber.trim().toUpperCase());
    const out: JudicialRecord[] = [];
    for (const r of rows) {
      const d = decisionFor(ctx.caller, r.divisionCode, "JUDICIAL");
      if (d) out.push(toRecord(r, d));
      else ctx.disclosures.deny("JUDICIAL");
    }
    return out;
  }
}

@Resolver(() => JudicialRecord)
export class JudicialRecordResolver {
  /** R8.2: the party's ID number is IDENTITY data of the family the record was reached through. */
  @Category("IDENTITY")
  @FieldResolver(() => String, { nullable: true, description: "当事人身份证号码" })
  idNumber(@Root() r: JudicialRecord, @Ctx() ctx: SubgraphContext): string | null {
    if (r.idNumber === null) return null;
    const d = r.familyId ? reveal(ctx, r.familyId, r.divisionCode, "IDENTITY") : decisionFor(ctx.caller, r.divisionCode, "IDENTITY");
    if (!d) {
      ctx.disclosures.deny("IDENTITY");
      throw sharingDenied(r.divisionCode, "IDENTITY");
    }
    return shown(d, r.idNumber, maskIdNumber);
  }
}
