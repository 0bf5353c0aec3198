import { hubNow } from "../../../domain/clock";
import { Entity, Index, Opt, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";

/** R6.5: 法院判决、刑事处罚、行政处罚、行政强制（执行）、行政确认. */
export type JudicialKind = "JUDGMENT" | "CRIMINAL_PENALTY" | "ADMINISTRATIVE_PENALTY" | "ENFORCEMENT" | "ADMINISTRATIVE_CONFIRMATION";
export const JUDICIAL_KINDS: readonly JudicialKind[] = ["JUDGMENT", "CRIMINAL_PENALTY", "ADMINISTRATIVE_PENALTY", "ENFORCEMENT", "ADMINISTRATIVE_CONFIRMATION"];

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

  @Property({ type: "string", length: 32 })
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

  /** The registered department that supplied the record (null: the demo data). */
  @Property({ type: "string", length: 64, nullable: true })
  ownerOrg?: string | null;

  @Property({ type: "string", length: 64, nullable: true })
  sourceSystem?: string | null;

  @Property({ type: "string", length: 64, nullable: true })
  sourceId?: string | null;

  @Property({ type: "string", length: 64, nullable: true })
  partyName?: string | null;

  @Property({ type: "datetime", nullable: true })
  updatedAt?: Date | null;
}
