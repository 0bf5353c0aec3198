import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import type { AttachmentRef } from "./redress.entity";

/**
 * R6.6 (告知 with 陈述申辩, 国办发〔2020〕49号): what the family said in its defence during the
 * notice period, and how the authority weighed it. Part of the listing decision's documents.
 */
@Entity({ tableName: "list_entry_statement" })
@Index({ properties: ["listEntryId"] })
export class ListEntryStatement {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Property({ type: "uuid" })
  listEntryId!: string;

  @Property({ type: "uuid" })
  familyId!: string;

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "date" })
  receivedOn!: string;

  @Property({ type: "string", length: 16 })
  channel!: "WRITTEN" | "ORAL";

  @Property({ type: "text" })
  content!: string;

  @Property({ type: "json" })
  attachments!: AttachmentRef[];

  /** The authority's consideration (复核意见): adopted or not, and why. */
  @Property({ type: "text", nullable: true })
  assessment?: string | null;

  @Property({ type: "string", length: 128 })
  recordedBy!: string;

  @Property({ type: "datetime" })
  recordedAt!: Date;
}
