import { Entity, ManyToOne, PrimaryKey, Property, Rel, Unique } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { Tenancy } from "./tenancy.entity";

/** One rent month of a tenancy: due and paid. */
@Entity({ tableName: "rent_ledger_entry" })
@Unique({ properties: ["tenancy", "month"] })
export class RentLedgerEntry {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Tenancy, { deleteRule: "cascade" })
  tenancy!: Rel<Tenancy>;

  /** First day of the rent month. */
  @Property({ type: "date" })
  month!: string;

  @Property({ type: "decimal", precision: 10, scale: 2, runtimeType: "number" })
  amountDue!: number;

  @Property({ type: "decimal", precision: 10, scale: 2, runtimeType: "number" })
  amountPaid!: number;

  @Property({ type: "date", nullable: true })
  paidOn?: string | null;
}
