import { Entity, Index, ManyToOne, PrimaryKey, Property, Rel, Unique } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { Family } from "./family.entity";

/** A member of a family; position 0 is the applicant (申请人). */
@Entity({ tableName: "family_member" })
@Unique({ properties: ["idNumber"] })
@Index({ properties: ["family", "position"] })
export class FamilyMember {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @ManyToOne(() => Family, { deleteRule: "cascade" })
  family!: Rel<Family>;

  @Property({ type: "integer" })
  position!: number;

  @Property({ type: "string", length: 64 })
  name!: string;

  /** GB 11643 resident identity number, validated on input. */
  @Property({ type: "string", length: 18 })
  idNumber!: string;

  /** Relation to the applicant: 本人, 配偶, 子女, 父母, … */
  @Property({ type: "string", length: 16 })
  relation!: string;
}
