import { hubNow } from "../../../domain/clock";
import { Entity, Index, Opt, PrimaryKey, Property } from "@mikro-orm/core";
import type { RuleSet } from "../../../domain/credit/rule-set";
import type { LooserValue } from "../../../domain/credit/rule-release";

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

  /**
   * R4.2: a refinement stops applying from this day when a new province version takes effect —
   * carried onto it (REBASED, superseded by the rule set `carries`-ing it) or looser than it (LOOSER).
   */
  @Property({ type: "date", nullable: true })
  endsOn?: string | null;

  @Property({ type: "string", length: 16, nullable: true })
  endReason?: "REBASED" | "LOOSER" | null;

  /** For LOOSER: the rule set it is looser than and the values concerned. */
  @Property({ type: "json", nullable: true })
  endDetail?: { againstVersion: string; looser: LooserValue[] } | null;

  /** For a refinement carried onto a new province version: the refinement it carries on. */
  @Property({ type: "string", length: 32, nullable: true })
  carries?: string | null;
}
