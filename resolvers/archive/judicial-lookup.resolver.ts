// Look-up of a person's judicial records by ID number (R6.5, R8.2): the archive locates the
// person's family (audited, no oracle); the judicial subgraph returns the records for it, decided
// for the family's division. A caller who may not locate the family gets what an unknown number
// gets: no records.
import { Arg, Ctx, Directive, Field, ID, ObjectType, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { parseIdNumber } from "../../src/domain/id-number";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput } from "../../src/errors";
import { Category, Locator } from "../shared/category";
import { locatePermitted } from "./family.resolver";

@ObjectType("JudicialLookup", { description: "按身份证号码查询司法及行政处罚信息" })
@Directive('@key(fields: "idNumber")')
export class JudicialLookup {
  @Locator()
  @Field(() => String, { description: "所查询的身份证号码" })
  idNumber!: string;

  /** The family of the person, when the caller may locate it (the judicial subgraph @requires it). */
  @Locator()
  @Directive("@inaccessible")
  @Field(() => ID, { nullable: true })
  familyId!: string | null;

  @Locator()
  @Directive("@inaccessible")
  @Field(() => String, { nullable: true })
  divisionCode!: string | null;
}

/** The look-up of a (valid) ID number: located for this caller, audited. */
export async function judicialLookup(ctx: SubgraphContext, idNumber: string): Promise<JudicialLookup> {
  const normalized = idNumber.trim().toUpperCase();
  const member = await locatePermitted(ctx, normalized, ["JUDICIAL"]);
  return { idNumber: normalized, familyId: member?.familyId ?? null, divisionCode: member?.divisionCode ?? null };
}

@Resolver()
export class JudicialLookupResolver {
  @Category("JUDICIAL")
  @Query(() => JudicialLookup, { description: "按身份证号码查询司法及行政处罚信息（按该人所在家庭的区划和书面许可提供；无权知悉时与未登记的号码答复相同）" })
  async judicialRecords(@Arg("idNumber", () => String) idNumber: string, @Ctx() ctx: SubgraphContext): Promise<JudicialLookup> {
    const parsed = parseIdNumber(idNumber);
    if (!parsed.ok) throw badInput([new InputProblem("idNumber", parsed.reason)]);
    return judicialLookup(ctx, idNumber);
  }
}
