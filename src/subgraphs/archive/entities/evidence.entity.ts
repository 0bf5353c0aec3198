import { hubNow } from "../../../domain/clock";
import { Entity, Index, ManyToOne, Opt, PrimaryKey, Property, Rel } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { CreditRecord } from "./credit-record.entity";

/** A file of evidence for a record (R5.2), stored with its SHA-256. */
@Entity({ tableName: "evidence" })
@Index({ properties: ["record", "uploadedAt"] })
export class Evidence {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => CreditRecord, { deleteRule: "restrict" })
  record!: Rel<CreditRecord>;

  @Property({ type: "string", length: 200 })
  fileName!: string;

  @Property({ type: "string", length: 100 })
  mediaType!: string;

  @Property({ type: "integer" })
  size!: number;

  @Property({ type: "string", length: 64 })
  sha256!: string;

  @Property({ type: "blob", lazy: true })
  content!: Buffer;

  @Property({ type: "string", length: 128 })
  uploadedBy!: string;

  @Property({ type: "datetime" })
  uploadedAt: Date & Opt = hubNow();
}
