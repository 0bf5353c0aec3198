import { hubNow } from "../../../domain/clock";
import { Entity, Opt, PrimaryKey, Property } from "@mikro-orm/core";

/**
 * A housing authority (HA-<division>), a partner department, or a registered department that
 * supplies its own judicial and administrative records (DEPARTMENT, R6.5), at a level and division.
 */
@Entity({ tableName: "organization" })
export class Organization {
  @PrimaryKey({ type: "string", length: 64 })
  code!: string;

  @Property({ type: "string", length: 128 })
  name!: string;

  @Property({ type: "string", length: 24 })
  kind!: "HOUSING_AUTHORITY" | "PARTNER" | "DEPARTMENT";

  @Property({ type: "string", length: 16 })
  level!: "PROVINCE" | "CITY" | "COUNTY";

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "datetime" })
  createdAt: Date & Opt = hubNow();
}
