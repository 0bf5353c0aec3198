import { Entity, Index, ManyToOne, PrimaryKey, Property, Rel } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { Tenancy } from "./tenancy.entity";

/** A warning the municipal operations issued to the tenant (e.g. 催缴租金, 闲置整改). */
@Entity({ tableName: "housing_warning" })
@Index({ properties: ["tenancy", "issuedOn"] })
export class HousingWarning {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Tenancy, { deleteRule: "cascade" })
  tenancy!: Rel<Tenancy>;

  @Property({ type: "date" })
  issuedOn!: string;

  /** RENT_ARREARS or VACANCY or OTHER */
  @Property({ type: "string", length: 24 })
  kind!: string;

  @Property({ type: "string", length: 300 })
  reason!: string;

  /** The unit that issued it (loaded warnings; issue 14). */
  @Property({ type: "string", length: 64, nullable: true })
  issuedBy?: string | null;
}
