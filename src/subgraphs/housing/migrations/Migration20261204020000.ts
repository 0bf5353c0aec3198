import { Migration } from "@mikro-orm/migrations";

/**
 * Intake from the municipal housing systems (issue 14; R2.2, R3.3): every loaded row keeps its
 * source system and source id (the idempotency key: a rerun finds it, a changed row is an
 * update), and every update keeps the row as it was in intake_revision (who, when, before, after).
 * A tenancy keeps the applicant's ID number it was loaded with.
 */
export class Migration20261204020000 extends Migration {
  override async up(): Promise<void> {
    for (const table of ["tenancy", "rent_ledger_entry", "occupancy_check", "housing_warning"]) {
      this.addSql(`alter table "housing"."${table}" add column "owner_org" varchar(64) null, add column "source_system" varchar(64) null, add column "source_id" varchar(64) null, add column "updated_at" timestamptz null;`);
      // Source ids are the loading authority's own: one namespace per organisation and source system.
      this.addSql(`create unique index "${table}_source_unique" on "housing"."${table}" ("owner_org", "source_system", "source_id") where "source_system" is not null;`);
    }
    this.addSql(`alter table "housing"."tenancy" add column "applicant_id_number" varchar(18) null;`);
    this.addSql(`alter table "housing"."housing_warning" add column "issued_by" varchar(64) null;`);
    this.addSql(`create table "housing"."intake_revision" (
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
    this.addSql(`create index "intake_revision_row_index" on "housing"."intake_revision" ("row_id", "id");`);
    // Append-only history: the application role adds revisions, never changes one.
    this.addSql(`revoke all on "housing"."intake_revision" from hub_app;`);
    this.addSql(`grant select, insert on "housing"."intake_revision" to hub_app;`);
    this.addSql(`grant usage, select on sequence "housing"."intake_revision_id_seq" to hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "housing"."intake_revision";`);
    this.addSql(`alter table "housing"."housing_warning" drop column if exists "issued_by";`);
    this.addSql(`alter table "housing"."tenancy" drop column if exists "applicant_id_number";`);
    for (const table of ["tenancy", "rent_ledger_entry", "occupancy_check", "housing_warning"]) {
      this.addSql(`alter table "housing"."${table}" drop column if exists "owner_org", drop column if exists "source_system", drop column if exists "source_id", drop column if exists "updated_at";`);
    }
  }
}
