import { Migration } from "@mikro-orm/migrations";

/**
 * Province releases of the rule set (R2.1, R4.2): a city's or county's refinement stops applying
 * from a new province version's date — carried onto it (REBASED) or looser than it (LOOSER, with
 * the values concerned) — and a carried rule set names the refinement it carries on.
 */
export class Migration20261203010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "archive"."rule_set" add column "ends_on" date null, add column "end_reason" varchar(16) null, add column "end_detail" jsonb null, add column "carries" varchar(32) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "archive"."rule_set" drop column "ends_on", drop column "end_reason", drop column "end_detail", drop column "carries";`);
  }
}
