import { hubNow } from "../../../domain/clock";
import { Entity, Index, Opt, PrimaryKey, Property } from "@mikro-orm/core";
import type { Tier } from "../../../domain/credit/rule-set";

/** The current score and tier of a family (R5.2), kept up to date by every decision. */
@Entity({ tableName: "family_credit" })
@Index({ properties: ["divisionCode", "tier"] })
export class FamilyCredit {
  @PrimaryKey({ type: "uuid" })
  familyId!: string;

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "integer" })
  score!: number;

  @Property({ type: "string", length: 16 })
  tier!: Tier;

  @Property({ type: "string", length: 32 })
  ruleVersion!: string;

  @Property({ type: "datetime" })
  computedAt: Date & Opt = hubNow();
}
