import { Entity, Index, Opt, PrimaryKey, Property } from "@mikro-orm/core";
import type { ListKind } from "../../../domain/credit/rule-set";
import type { ListStatus, RemovalCause } from "../../../domain/credit/procedure";

/**
 * R6.7: every list entry change, in a total order. `sequence` is gapless and follows commit
 * order (allocated from list_change_counter under a row lock), so paging from any cursor never
 * skips or repeats a change.
 */
@Entity({ tableName: "list_change" })
@Index({ properties: ["divisionCode", "sequence"] })
export class ListChange {
  @PrimaryKey({ type: "bigint", autoincrement: false })
  sequence!: string;

  @Property({ type: "datetime" })
  at!: Date;

  @Property({ type: "uuid" })
  listEntryId!: string;

  @Property({ type: "uuid" })
  familyId!: string;

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "string", length: 20 })
  kind!: ListKind;

  @Property({ type: "string", length: 8 })
  action!: "ADDED" | "CHANGED" | "REMOVED";

  @Property({ type: "string", length: 16 })
  status!: ListStatus;

  /** Why (R6.7): LISTED, SUSPENDED, RESUMED, CORRECTED, or the removal cause. */
  @Property({ type: "string", length: 16, nullable: true })
  cause?: ListChangeCause | null;
}

export type ListChangeCause = "LISTED" | "SUSPENDED" | "RESUMED" | RemovalCause;

/** The single-row counter that allocates list_change sequences. */
@Entity({ tableName: "list_change_counter" })
export class ListChangeCounter {
  @PrimaryKey({ type: "integer", autoincrement: false })
  id!: number;

  @Property({ type: "bigint" })
  last!: string;
}

/** R6.7: list changes to report up (county → city → province) and to push to the national platform. */
@Entity({ tableName: "list_outbox" })
@Index({ properties: ["destination", "deliveredAt", "sequence"] })
export class ListOutbox {
  @PrimaryKey({ type: "bigint", autoincrement: true })
  id!: string;

  @Property({ type: "bigint" })
  sequence!: string;

  @Property({ type: "string", length: 16 })
  destination!: "REPORT_UP" | "NATIONAL";

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "datetime", nullable: true })
  deliveredAt?: Date | null;

  @Property({ type: "integer" })
  attempts: number & Opt = 0;
}
