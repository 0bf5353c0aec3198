import { hubNow } from "../../../domain/clock";
import { Collection, Entity, Index, OneToMany, Opt, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { OccupancyCheckEntry } from "./occupancy-check.entity";
import { RentLedgerEntry } from "./rent-ledger-entry.entity";
import { HousingWarning } from "./housing-warning.entity";

/** A family's public-rental tenancy, kept by the municipal housing operations. */
@Entity({ tableName: "tenancy" })
@Unique({ properties: ["familyId"] })
@Index({ properties: ["divisionCode"] })
export class Tenancy {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  /** The archive's family id (federation key). */
  @Property({ type: "uuid" })
  familyId!: string;

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "string", length: 200 })
  unitAddress!: string;

  @Property({ type: "date" })
  leaseStart!: string;

  @Property({ type: "date" })
  leaseEnd!: string;

  @Property({ type: "decimal", precision: 10, scale: 2, runtimeType: "number" })
  monthlyRent!: number;

  @OneToMany(() => RentLedgerEntry, (l) => l.tenancy, { orderBy: { month: "asc" } })
  rentLedger = new Collection<RentLedgerEntry>(this);

  @OneToMany(() => OccupancyCheckEntry, (c) => c.tenancy, { orderBy: { checkedOn: "asc" } })
  occupancyChecks = new Collection<OccupancyCheckEntry>(this);

  @OneToMany(() => HousingWarning, (w) => w.tenancy, { orderBy: { issuedOn: "asc" } })
  warnings = new Collection<HousingWarning>(this);

  @Property({ type: "datetime" })
  createdAt: Date & Opt = hubNow();
}
