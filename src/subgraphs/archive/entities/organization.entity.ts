import { hubNow } from "../../../domain/clock";
import { Entity, Opt, PrimaryKey, Property } from "@mikro-orm/core";

/** A housing authority (HA-<division>) or a partner department, at a level and division. */
@Entity({ tableName: "organization" })
export class Organization {
  @PrimaryKey({ type: "string", length: 64 })
  code!: string;

  @Property({ type: "string", length: 128 })
  name!: string;

  @Property({ type: "string", length: 24 })
  kind!: "HOUSING_AUTHORITY" | "PARTNER";

  @Property({ type: "string", length: 16 })
  level!: "PROVINCE" | "CITY" | "COUNTY";

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "datetime" })
  createdAt: Date & Opt = hubNow();
}
