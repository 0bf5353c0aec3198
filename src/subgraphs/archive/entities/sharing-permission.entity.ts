import { Entity, Index, Opt, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import type { DataCategory, SharingMode } from "../../../domain/permissions";

/**
 * A written permission (书面许可, R8.1, R8.2): the housing authority at the grantee's level lets
 * the grantee receive the named data categories of families in the named divisions, for a
 * purpose, in a validity window, until revoked. Never deleted.
 */
@Entity({ tableName: "sharing_permission" })
@Index({ properties: ["granteeCode", "validUntil"] })
export class SharingPermission {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** 文号 */
  @Unique()
  @Property({ type: "string", length: 64 })
  documentNumber!: string;

  @Property({ type: "string", length: 64 })
  grantorCode!: string;

  @Property({ type: "string", length: 16 })
  grantorLevel!: "PROVINCE" | "CITY";

  @Property({ type: "string", length: 6 })
  grantorDivision!: string;

  @Property({ type: "string", length: 64 })
  granteeCode!: string;

  @Property({ type: "text" })
  purpose!: string;

  /** Category → FULL | MASKED */
  @Property({ type: "json" })
  scopes!: Partial<Record<DataCategory, SharingMode>>;

  /** Division roots covered (each with its subtree), inside the grantor's jurisdiction. */
  @Property({ type: "json" })
  divisionCodes!: string[];

  @Property({ type: "datetime" })
  validFrom!: Date;

  @Property({ type: "datetime" })
  validUntil!: Date;

  /** SHA-256 of the signed letter (hex). */
  @Property({ type: "string", length: 64, nullable: true })
  letterSha256?: string | null;

  @Property({ type: "datetime" })
  createdAt!: Date;

  @Property({ type: "string", length: 128 })
  createdBy!: string;

  @Property({ type: "datetime", nullable: true })
  revokedAt?: Date | null;

  @Property({ type: "string", length: 128, nullable: true })
  revokedBy?: string | null;

  @Property({ type: "text", nullable: true })
  revocationReason?: string | null;
}
