import { Entity, Index, ManyToOne, PrimaryKey, Property, Rel } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { Tenancy } from "./tenancy.entity";

/** An on-site occupancy check (入户核查) of a tenancy. */
@Entity({ tableName: "occupancy_check" })
@Index({ properties: ["tenancy", "checkedOn"] })
export class OccupancyCheckEntry {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Tenancy, { deleteRule: "cascade" })
  tenancy!: Rel<Tenancy>;

  @Property({ type: "date" })
  checkedOn!: string;

  @Property({ type: "boolean" })
  occupied!: boolean;

  @Property({ type: "string", length: 64 })
  inspector!: string;

  @Property({ type: "string", length: 200, nullable: true })
  note?: string | null;
}
