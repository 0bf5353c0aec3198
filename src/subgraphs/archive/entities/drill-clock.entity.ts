import { Entity, PrimaryKey, Property } from "@mikro-orm/core";

/** The drill clock of a drill or acceptance hub (one row; development only). */
@Entity({ tableName: "drill_clock" })
export class DrillClockRow {
  @PrimaryKey({ type: "smallint", autoincrement: false })
  id!: number;

  /** The drill instant when the row was written. */
  @Property({ type: "datetime" })
  at!: Date;

  /** The real time when the row was written: a running clock goes on from `at` by the real time since. */
  @Property({ type: "datetime" })
  setAt!: Date;

  @Property({ type: "boolean" })
  fixed!: boolean;

  @Property({ type: "datetime" })
  startedAt!: Date;

  @Property({ type: "string", length: 128, nullable: true })
  advancedBy?: string | null;
}
