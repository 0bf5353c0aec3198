import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * R8.3: one append-only, hash-chained entry per request that disclosed (or was refused) family
 * data, and per grant, revocation or registration. `hash` = SHA-256 over the previous entry's
 * hash and this entry's canonical content; a trigger refuses UPDATE and DELETE.
 */
@Entity({ tableName: "audit_entry" })
@Index({ properties: ["orgCode", "at"] })
@Index({ properties: ["at"] })
export class AuditEntry {
  @PrimaryKey({ type: "bigint", autoincrement: false })
  seq!: string;

  @Property({ type: "datetime" })
  at!: Date;

  /** DISCLOSURE | GRANT | REVOKE | REGISTER */
  @Property({ type: "string", length: 16 })
  kind!: string;

  @Property({ type: "string", length: 64, nullable: true })
  orgCode?: string | null;

  @Property({ type: "string", length: 128, nullable: true })
  userSub?: string | null;

  @Property({ type: "string", length: 64, nullable: true })
  clientAddress?: string | null;

  @Property({ type: "string", length: 128, nullable: true })
  operationName?: string | null;

  /** SHA-256 of the printed operation document. */
  @Property({ type: "string", length: 64, nullable: true })
  documentHash?: string | null;

  /** 文号 of the permissions used ("辖区" for the authority's own jurisdiction). */
  @Property({ type: "json" })
  permissions!: string[];

  @Property({ type: "json" })
  categoriesReturned!: string[];

  @Property({ type: "json" })
  categoriesDenied!: string[];

  @Property({ type: "json" })
  familyIds!: string[];

  /** DISCLOSED | PARTIAL | DENIED | FAILED | GRANTED | REVOKED | REGISTERED */
  @Property({ type: "string", length: 16 })
  outcome!: string;

  @Property({ type: "json", nullable: true })
  detail?: Record<string, unknown> | null;

  @Property({ type: "string", length: 64 })
  prevHash!: string;

  @Property({ type: "string", length: 64 })
  hash!: string;
}

/** The head of the chain, locked by each append so that entries follow commit order. */
@Entity({ tableName: "audit_head" })
export class AuditHead {
  @PrimaryKey({ type: "integer", autoincrement: false })
  id!: number;

  @Property({ type: "bigint" })
  seq!: string;

  @Property({ type: "string", length: 64 })
  hash!: string;
}
