import { hubNow } from "../../../domain/clock";
import { Entity, Index, Opt, PrimaryKey, Property } from "@mikro-orm/core";
import type { RuleSet } from "../../../domain/credit/rule-set";

/** A versioned rule set (R2.1, R4.2): the province's, or a city's or county's stricter refinement. */
@Entity({ tableName: "rule_set" })
@Index({ properties: ["divisionCode", "effectiveFrom"] })
export class RuleSetRow {
  @PrimaryKey({ type: "string", length: 32 })
  version!: string;

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "string", length: 32, nullable: true })
  parentVersion?: string | null;

  @Property({ type: "date" })
  effectiveFrom!: string;

  @Property({ type: "json" })
  rules!: RuleSet;

  @Property({ type: "string", length: 128 })
  createdBy!: string;

  @Property({ type: "datetime" })
  createdAt: Date & Opt = hubNow();
}
