import { hubNow } from "../../../domain/clock";
import { Entity, Index, Opt, PrimaryKey, Property } from "@mikro-orm/core";
import { randomUUID } from "node:crypto";

export type DocumentKind =
  | "IDENTIFICATION_NOTICE" // 失信行为认定告知书 (R5.4)
  | "REJECTION_NOTICE"
  | "WARNING_NOTICE" // 警示名单公示
  | "KEY_ATTENTION_NOTICE" // 重点关注警示及期限 (R6.4)
  | "REMINDER" // 催告书 (R6.6)
  | "DEFENCE_NOTICE" // 告知书（陈述申辩）
  | "PUBLICITY_NOTICE" // 初步名单公示
  | "LISTING_DECISION" // 列入决定
  | "REMOVAL_NOTICE" // 移出
  | "OBJECTION_ANSWER" // 异议答复书 (R7.2)
  | "OBJECTION_EXTENSION" // 延期答复通知
  | "REPAIR_DECISION" // 信用修复决定书 (R7.5)
  | "CORRECTION_NOTICE" // 更正通知（致曾获取错误信息的机构，R7.2）
  | "PUBLIC_NOTICE_WITHDRAWAL" // 撤回公示记录
  | "RECTIFICATION_ORDER" // 责令限期改正通知书 (R6.3, after identification)
  | "TIER_CHANGE_NOTICE"; // 信用等级变化告知书 (R5.4: rescore, expiry)

/** A dated, stored written document of a procedure, addressed to the family. */
@Entity({ tableName: "credit_document" })
@Index({ properties: ["familyId", "issuedAt"] })
@Index({ properties: ["listEntryId"] })
export class CreditDocument {
  @PrimaryKey({ type: "uuid" })
  id: string = randomUUID();

  @Property({ type: "uuid" })
  familyId!: string;

  @Property({ type: "string", length: 32 })
  kind!: DocumentKind;

  @Property({ type: "uuid", nullable: true })
  recordId?: string | null;

  @Property({ type: "uuid", nullable: true })
  listEntryId?: string | null;

  /** 文号 */
  @Property({ type: "string", length: 64 })
  number!: string;

  /** Addressed to an organisation instead of the family (correction notices, R7.2). */
  @Property({ type: "string", length: 64, nullable: true })
  recipientCode?: string | null;

  @Property({ type: "string", length: 200 })
  title!: string;

  @Property({ type: "text" })
  body!: string;

  @Property({ type: "date" })
  issuedOn!: string;

  @Property({ type: "date", nullable: true })
  deliveredOn?: string | null;

  @Property({ type: "string", length: 32 })
  ruleVersion!: string;

  @Property({ type: "string", length: 128 })
  issuedBy!: string;

  @Property({ type: "string", length: 64 })
  issuedByOrg!: string;

  @Property({ type: "datetime" })
  issuedAt: Date & Opt = hubNow();
}
