import { Entity, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";

/**
 * One run of a scheduled duty (M24: list maintenance, procedure deadlines, candidate scan,
 * rescoring, the national push, the quarterly warning publication). (duty, slot) is unique:
 * whichever replica inserts the row first runs the slot, the others skip it — exactly once.
 */
@Entity({ tableName: "duty_run" })
@Unique({ name: "duty_run_duty_slot_unique", properties: ["duty", "slot"] })
export class DutyRun {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Property({ type: "string", length: 32 })
  duty!: string;

  /** The due slot: a business date (daily duties) or a quarter (2026Q4). */
  @Property({ type: "string", length: 32 })
  slot!: string;

  @Property({ type: "date" })
  businessDate!: string;

  @Property({ type: "string", length: 16 })
  status!: "RUNNING" | "SUCCEEDED" | "FAILED";

  @Property({ type: "string", length: 128 })
  instance!: string;

  @Property({ type: "datetime" })
  startedAt!: Date;

  @Property({ type: "datetime", nullable: true })
  finishedAt?: Date | null;

  @Property({ type: "json" })
  counts!: Record<string, number | string>;

  @Property({ type: "text", nullable: true })
  error?: string | null;

  /** Run late, for a slot whose time had passed while no replica was up. */
  @Property({ type: "boolean" })
  catchUp!: boolean;

  /** A failed slot is taken again (a retry) up to MAX_DUTY_ATTEMPTS times. */
  @Property({ type: "integer" })
  attempts!: number;
}
