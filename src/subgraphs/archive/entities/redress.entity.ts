import { Entity, Index, Opt, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import type { ObjectionDecision, RepairMethod } from "../../../domain/credit/redress";

/** An attachment named by its hash (the file itself stays with the filing office). */
export interface AttachmentRef {
  fileName: string;
  sha256: string;
  size: number;
}

/**
 * R7.2: a family's objection (异议) against a record or a listing. While OPEN the record counts
 * for nothing and listings derived from it are SUSPENDED. Never deleted.
 */
@Entity({ tableName: "objection" })
@Index({ properties: ["familyId", "filedAt"] })
@Index({ properties: ["divisionCode", "status"] })
export class Objection {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @Property({ type: "uuid" })
  familyId!: string;

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "uuid", nullable: true })
  recordId?: string | null;

  @Property({ type: "uuid", nullable: true })
  listEntryId?: string | null;

  /** The records the objection suspends (the record, or the listing's basis). */
  @Property({ type: "json" })
  recordIds!: string[];

  @Property({ type: "text" })
  reasons!: string;

  @Property({ type: "json" })
  attachments!: AttachmentRef[];

  @Property({ type: "date" })
  filedOn!: string;

  @Property({ type: "datetime" })
  filedAt!: Date;

  @Property({ type: "string", length: 128 })
  filedBy!: string;

  @Property({ type: "date" })
  deadline!: string;

  @Property({ type: "text", nullable: true })
  extensionReason?: string | null;

  /** OPEN | DECIDED */
  @Property({ type: "string", length: 16 })
  status!: "OPEN" | "DECIDED";

  @Property({ type: "string", length: 16, nullable: true })
  decision?: ObjectionDecision | null;

  @Property({ type: "text", nullable: true })
  decisionReason?: string | null;

  @Property({ type: "date", nullable: true })
  decidedOn?: string | null;

  @Property({ type: "string", length: 128, nullable: true })
  decidedBy?: string | null;

  @Property({ type: "uuid", nullable: true })
  answerDocumentId?: string | null;

  @Property({ type: "string", length: 32 })
  ruleVersion!: string;

  @Property({ type: "integer", version: true })
  version!: number & Opt;
}

/** R7.5: an application for credit repair (信用修复) of one record. Never deleted. */
@Entity({ tableName: "repair_application" })
@Index({ properties: ["familyId", "appliedOn"] })
@Index({ properties: ["divisionCode", "status"] })
export class RepairApplication {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @Property({ type: "uuid" })
  familyId!: string;

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "uuid" })
  recordId!: string;

  @Property({ type: "string", length: 32 })
  method!: RepairMethod;

  @Property({ type: "text" })
  statement!: string;

  /** SHA-256 of the signed credit commitment (信用承诺书). */
  @Property({ type: "string", length: 64 })
  commitmentSha256!: string;

  @Property({ type: "date" })
  appliedOn!: string;

  @Property({ type: "string", length: 128 })
  appliedBy!: string;

  @Property({ type: "date" })
  deadline!: string;

  @Property({ type: "boolean" })
  extended: boolean & Opt = false;

  /** OPEN | APPROVED | REJECTED */
  @Property({ type: "string", length: 16 })
  status!: "OPEN" | "APPROVED" | "REJECTED";

  @Property({ type: "text", nullable: true })
  decisionReason?: string | null;

  @Property({ type: "date", nullable: true })
  decidedOn?: string | null;

  @Property({ type: "string", length: 128, nullable: true })
  decidedBy?: string | null;

  @Property({ type: "uuid", nullable: true })
  decisionDocumentId?: string | null;

  @Property({ type: "string", length: 32 })
  ruleVersion!: string;

  @Property({ type: "integer", version: true })
  version!: number & Opt;
}
