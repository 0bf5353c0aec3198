import { hubNow } from "../../../domain/clock";
import { Entity, Opt, PrimaryKey, Property, Unique } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";

/** R5.3: a quarterly publication of a division's warning list. */
@Entity({ tableName: "warning_batch" })
@Unique({ properties: ["divisionCode", "quarter"] })
export class WarningBatch {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @Property({ type: "string", length: 8 })
  quarter!: string;

  @Property({ type: "date" })
  publishedOn!: string;

  @Property({ type: "integer" })
  added!: number;

  @Property({ type: "integer" })
  renewed!: number;

  @Property({ type: "string", length: 32 })
  ruleVersion!: string;

  @Property({ type: "string", length: 128 })
  publishedBy!: string;

  @Property({ type: "datetime" })
  createdAt: Date & Opt = hubNow();
}
