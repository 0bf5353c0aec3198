import { hubNow } from "../../../domain/clock";
import { Entity, Index, Opt, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";

export type JudicialKind = "JUDGMENT" | "ADMINISTRATIVE_PENALTY" | "ENFORCEMENT";

/** R6.5: a court judgment, administrative penalty or enforcement case about a person. */
@Entity({ tableName: "judicial_record" })
@Index({ properties: ["idNumber"] })
@Unique({ properties: ["caseNumber"] })
export class JudicialRecord {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  /** The person concerned, by GB 11643 resident identity number. */
  @Property({ type: "string", length: 18 })
  idNumber!: string;

  @Property({ type: "string", length: 24 })
  kind!: JudicialKind;

  /** 案号 / 处罚决定书文号 */
  @Property({ type: "string", length: 64 })
  caseNumber!: string;

  /** Court or administrative body that decided. */
  @Property({ type: "string", length: 128 })
  court!: string;

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "date" })
  decidedOn!: string;

  @Property({ type: "string", length: 500 })
  summary!: string;

  @Property({ type: "datetime" })
  receivedAt: Date & Opt = hubNow();
}
