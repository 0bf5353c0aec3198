import { hubNow } from "../../../domain/clock";
import { Collection, Entity, Index, OneToMany, Opt, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import type { RecordStatus } from "../../../domain/credit/score";
import type { RecordSource } from "../../../domain/credit/rule-set";
import { Evidence } from "./evidence.entity";

export interface CommitteeDecision {
  members: { name: string; organization: string }[];
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
}

/**
 * A dishonest behaviour (R3.2) recorded with its source (R5.1), facts, evidence and legal basis
 * (R5.2), and its identification (R5.4, R5.5) or rejection. Records are never deleted.
 */
@Entity({ tableName: "credit_record" })
@Index({ properties: ["familyId", "status"] })
@Index({ properties: ["divisionCode", "status", "occurredOn"] })
@Unique({ properties: ["candidateKey"] })
export class CreditRecord {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Property({ type: "uuid" })
  familyId!: string;

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "string", length: 24 })
  behaviorCode!: string;

  @Property({ type: "string", length: 24 })
  source!: RecordSource;

  @Property({ type: "text" })
  facts!: string;

  @Property({ type: "text" })
  legalBasis!: string;

  @Property({ type: "date" })
  occurredOn!: string;

  @Property({ type: "date", nullable: true })
  endedOn?: string | null;

  /** 告知书 (NOTICE_LETTER) or 承诺书 (COMMITMENT) by which the family was told (R5.1). */
  @Property({ type: "string", length: 16, nullable: true })
  informedBy?: "NOTICE_LETTER" | "COMMITMENT" | null;

  @Property({ type: "date", nullable: true })
  informedOn?: string | null;

  @Property({ type: "string", length: 16 })
  status!: RecordStatus;

  /** R7.2: an objection is being verified: the record counts for nothing meanwhile. */
  @Property({ type: "boolean" })
  suspendedByObjection: boolean & Opt = false;

  /** Automatic candidates (R4 (6), (7)): ARREARS or VACANCY, with a key that makes the scan idempotent. */
  @Property({ type: "string", length: 16, nullable: true })
  candidateOrigin?: "ARREARS" | "VACANCY" | null;

  @Property({ type: "string", length: 80, nullable: true })
  candidateKey?: string | null;

  /** A judicial record of the judicial subgraph the identification relies on (R6.5). */
  @Property({ type: "string", length: 64, nullable: true })
  judicialCaseNumber?: string | null;

  /** R6.3: the rectification order (责令限期改正) and its deadline, and when it was complied with. */
  @Property({ type: "date", nullable: true })
  rectificationOrderedOn?: string | null;

  @Property({ type: "date", nullable: true })
  rectificationDeadline?: string | null;

  @Property({ type: "date", nullable: true })
  rectificationCompliedOn?: string | null;

  @Property({ type: "datetime", nullable: true })
  decidedAt?: Date | null;

  @Property({ type: "string", length: 128, nullable: true })
  decidedBy?: string | null;

  @Property({ type: "string", length: 64, nullable: true })
  decidedByOrg?: string | null;

  /** IDENTIFIER (an identifier of the jurisdiction) or COMMITTEE (R5.5 review committee). */
  @Property({ type: "string", length: 16, nullable: true })
  decisionMode?: "IDENTIFIER" | "COMMITTEE" | null;

  @Property({ type: "json", nullable: true })
  committee?: CommitteeDecision | null;

  @Property({ type: "text", nullable: true })
  decisionReason?: string | null;

  /** The rule-set version used when recording and, later, when deciding (R2.1). */
  @Property({ type: "string", length: 32 })
  ruleVersion!: string;

  /** The deduction stated in the identification notice. */
  @Property({ type: "integer", nullable: true })
  points?: number | null;

  @OneToMany(() => Evidence, (e) => e.record)
  evidence = new Collection<Evidence>(this);

  @Property({ type: "string", length: 128 })
  createdBy!: string;

  @Property({ type: "string", length: 64 })
  createdByOrg!: string;

  @Property({ type: "datetime" })
  createdAt: Date & Opt = hubNow();

  @Property({ type: "integer", version: true })
  version!: number & Opt;
}
