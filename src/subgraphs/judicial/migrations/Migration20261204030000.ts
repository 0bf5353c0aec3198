import { Migration } from "@mikro-orm/migrations";

/**
 * Intake from the external departments (issue 14; R6.5): a record belongs to the registered
 * department that supplied it (owner_org) under its source system and source id (the
 * idempotency key); updates keep the row as it was in intake_revision. The kind takes the five
 * kinds of R6.5 (法院判决、刑事处罚、行政处罚、行政强制、行政确认).
 */
export class Migration20261204030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "judicial"."judicial_record" alter column "kind" type varchar(32);`);
    this.addSql(`alter table "judicial"."judicial_record" add column "owner_org" varchar(64) null, add column "source_system" varchar(64) null, add column "source_id" varchar(64) null, add column "party_name" varchar(64) null, add column "updated_at" timestamptz null;`);
    this.addSql(`create unique index "judicial_record_source_unique" on "judicial"."judicial_record" ("owner_org", "source_system", "source_id") where "source_system" is not null;`);
    this.addSql(`create index "judicial_record_owner_index" on "judicial"."judicial_record" ("owner_org", "received_at");`);
    this.addSql(`create table "judicial"."intake_revision" (
        "id" bigserial primary key,
        "kind" varchar(32) not null,
        "row_id" uuid not null,
        "source_system" varchar(64) not null,
        "source_id" varchar(64) not null,
        "changed_at" timestamptz not null,
        "changed_by" varchar(128) not null,
        "changed_by_org" varchar(64) not null,
        "before" jsonb not null,
        "after" jsonb not null
      );`);
    this.addSql(`create index "intake_revision_row_index" on "judicial"."intake_revision" ("row_id", "id");`);
    // Append-only history: the application role adds revisions, never changes one.
    this.addSql(`revoke all on "judicial"."intake_revision" from hub_app;`);
    this.addSql(`grant select, insert on "judicial"."intake_revision" to hub_app;`);
    this.addSql(`grant usage, select on sequence "judicial"."intake_revision_id_seq" to hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "judicial"."intake_revision";`);
    this.addSql(`drop index if exists "judicial"."judicial_record_source_unique";`);
    this.addSql(`alter table "judicial"."judicial_record" drop column if exists "owner_org", drop column if exists "source_system", drop column if exists "source_id", drop column if exists "party_name", drop column if exists "updated_at";`);
  }
}
