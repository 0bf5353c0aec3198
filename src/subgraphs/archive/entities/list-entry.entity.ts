import { hubNow } from "../../../domain/clock";
import { Entity, Index, Opt, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import type { ListKind } from "../../../domain/credit/rule-set";
import type { JointStep, ListStatus, RemovalCause } from "../../../domain/credit/procedure";

/**
 * A family on a list (R5.3, R6.3, R6.4): warning, key attention or joint punishment, with the
 * joint-punishment procedure's dates (R6.6). At most one active (not REMOVED) entry per family
 * and kind — a partial unique index guarantees it.
 */
@Entity({ tableName: "list_entry" })
@Index({ properties: ["kind", "status", "divisionCode", "since"] })
@Index({ properties: ["familyId", "status"] })
// List pages newest first after a (since, id) cursor (Migration20261202100000).
@Index({ name: "list_entry_kind_status_since_id_index", expression: 'create index "list_entry_kind_status_since_id_index" on "archive"."list_entry" ("kind", "status", "since" desc, "id" desc)' })
export class ListEntry {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Property({ type: "uuid" })
  familyId!: string;

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "string", length: 20 })
  kind!: ListKind;

  @Property({ type: "string", length: 16 })
  status!: ListStatus;

  /** Joint punishment only: the procedure step. */
  @Property({ type: "string", length: 16, nullable: true })
  step?: JointStep | null;

  @Property({ type: "date" })
  since!: string;

  @Property({ type: "date", nullable: true })
  until?: string | null;

  /** The records the entry rests on, and why (R6.3 criterion or R6.4 escalation). */
  @Property({ type: "json" })
  basis!: { recordIds: string[]; reasons: string[] };

  @Property({ type: "string", length: 32 })
  ruleVersion!: string;

  /** Warning list: the quarterly batch (e.g. 2026Q4) that published or last renewed the entry. */
  @Property({ type: "string", length: 8, nullable: true })
  batch?: string | null;

  @Property({ type: "date", nullable: true })
  remindedOn?: string | null;

  @Property({ type: "date", nullable: true })
  reminderDeadline?: string | null;

  @Property({ type: "date", nullable: true })
  notifiedOn?: string | null;

  @Property({ type: "date", nullable: true })
  defenceUntil?: string | null;

  @Property({ type: "date", nullable: true })
  publicityFrom?: string | null;

  @Property({ type: "date", nullable: true })
  publicityUntil?: string | null;

  @Property({ type: "date", nullable: true })
  listedOn?: string | null;

  @Property({ type: "date", nullable: true })
  listedUntil?: string | null;

  @Property({ type: "date", nullable: true })
  removedOn?: string | null;

  @Property({ type: "string", length: 200, nullable: true })
  removalReason?: string | null;

  /** R7.2: the status the entry had before an objection SUSPENDED it (restored unless revoked). */
  @Property({ type: "string", length: 16, nullable: true })
  suspendedFromStatus?: ListStatus | null;

  /** R7.2: the day the objection suspended the entry (its running period resumes with these days). */
  @Property({ type: "date", nullable: true })
  suspendedOn?: string | null;

  /** Why the entry left its list (R6.7 states it to the national platform; M07 runs on only after EXPIRED). */
  @Property({ type: "string", length: 16, nullable: true })
  removalCause?: RemovalCause | null;

  @Property({ type: "datetime" })
  createdAt: Date & Opt = hubNow();

  @Property({ type: "datetime", onUpdate: () => hubNow() })
  updatedAt: Date & Opt = hubNow();

  @Property({ type: "integer", version: true })
  version!: number & Opt;
}
