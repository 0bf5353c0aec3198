import { hubNow } from "../../../domain/clock";
import { Collection, Entity, Index, OneToMany, Opt, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";
import { FamilyMember } from "./family-member.entity";

/** R3.1: a family's unified archive — basic information and guarantee status. */
@Entity({ tableName: "family" })
@Index({ properties: ["divisionCode", "createdAt", "id"] })
export class Family {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  /** County- or city-level division whose housing authority keeps the archive (R2.4). */
  @Property({ type: "string", length: 6 })
  divisionCode!: string;

  @OneToMany(() => FamilyMember, (m) => m.family, { orderBy: { position: "asc" } })
  members = new Collection<FamilyMember>(this);

  // 户籍 (household registration), marriage, size
  @Property({ type: "string", length: 6 })
  hukouDivisionCode!: string;

  @Property({ type: "string", length: 16 })
  maritalStatus!: string;

  @Property({ type: "integer" })
  householdSize!: number;

  // Economic situation
  @Property({ type: "decimal", precision: 14, scale: 2, runtimeType: "number" })
  annualIncome!: number;

  @Property({ type: "integer" })
  propertyCount!: number;

  // Housing situation
  @Property({ type: "string", length: 32 })
  housingStatus!: string;

  @Property({ type: "decimal", precision: 8, scale: 2, runtimeType: "number", nullable: true })
  perCapitaArea?: number | null;

  // Guarantee status: 保障类别, 保障方式 (实物配租/租赁补贴), 保障群体, 优先保障
  @Property({ type: "string", length: 64 })
  guaranteeCategory!: string;

  @Property({ type: "string", length: 32 })
  guaranteeMode!: string;

  @Property({ type: "string", length: 64 })
  guaranteeGroup!: string;

  @Property({ type: "boolean" })
  priority: boolean & Opt = false;

  @Property({ type: "string", length: 64, nullable: true })
  priorityReason?: string | null;

  @Property({ type: "integer", version: true })
  version!: number & Opt;

  @Property({ type: "datetime" })
  createdAt: Date & Opt = hubNow();

  @Property({ type: "datetime", onUpdate: () => hubNow() })
  updatedAt: Date & Opt = hubNow();
}
