import { hubNow } from "../../../domain/clock";
import { Entity, Index, Opt, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** R3.3: every create or update of an archive keeps who, when, what and why. Append-only. */
@Entity({ tableName: "family_change" })
@Index({ properties: ["familyId", "at"] })
export class FamilyChange {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Property({ type: "uuid" })
  familyId!: string;

  @Property({ type: "datetime" })
  at: Date & Opt = hubNow();

  /** CREATE or UPDATE */
  @Property({ type: "string", length: 8 })
  action!: "CREATE" | "UPDATE";

  @Property({ type: "string", length: 128 })
  actorSub!: string;

  @Property({ type: "string", length: 64 })
  actorOrg!: string;

  @Property({ type: "text" })
  reason!: string;

  @Property({ type: "json" })
  changes!: FieldChange[];
}
