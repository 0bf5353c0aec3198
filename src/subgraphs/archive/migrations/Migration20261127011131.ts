import { Migration } from '@mikro-orm/migrations';

export class Migration20261127011131 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "archive"."objection" ("id" uuid not null, "family_id" uuid not null, "division_code" varchar(6) not null, "record_id" uuid null, "list_entry_id" uuid null, "record_ids" jsonb not null, "reasons" text not null, "attachments" jsonb not null, "filed_on" date not null, "filed_at" timestamptz not null, "filed_by" varchar(128) not null, "deadline" date not null, "extension_reason" text null, "status" varchar(16) not null, "decision" varchar(16) null, "decision_reason" text null, "decided_on" date null, "decided_by" varchar(128) null, "answer_document_id" uuid null, "rule_version" varchar(32) not null, "version" int not null default 1, constraint "objection_pkey" primary key ("id"));`);
    this.addSql(`create index "objection_division_code_status_index" on "archive"."objection" ("division_code", "status");`);
    this.addSql(`create index "objection_family_id_filed_at_index" on "archive"."objection" ("family_id", "filed_at");`);

    this.addSql(`create table "archive"."repair_application" ("id" uuid not null, "family_id" uuid not null, "division_code" varchar(6) not null, "record_id" uuid not null, "method" varchar(32) not null, "statement" text not null, "commitment_sha256" varchar(64) not null, "applied_on" date not null, "applied_by" varchar(128) not null, "deadline" date not null, "extended" boolean not null default false, "status" varchar(16) not null, "decision_reason" text null, "decided_on" date null, "decided_by" varchar(128) null, "decision_document_id" uuid null, "rule_version" varchar(32) not null, "version" int not null default 1, constraint "repair_application_pkey" primary key ("id"));`);
    this.addSql(`create index "repair_application_division_code_status_index" on "archive"."repair_application" ("division_code", "status");`);
    this.addSql(`create index "repair_application_family_id_applied_on_index" on "archive"."repair_application" ("family_id", "applied_on");`);

    this.addSql(`alter table "archive"."credit_document" add column "recipient_code" varchar(64) null;`);

    this.addSql(`alter table "archive"."credit_record" add column "suspended_by_objection" boolean not null default false;`);

    this.addSql(`alter table "archive"."list_entry" add column "suspended_from_status" varchar(16) null;`);
    // R8.4: the new family tables are under row-level security like the others.
    for (const table of ["objection", "repair_application"]) {
      this.addSql(`alter table "archive"."${table}" enable row level security;`);
      this.addSql(`alter table "archive"."${table}" force row level security;`);
      this.addSql(`create policy "${table}_by_division" on "archive"."${table}" using ("archive"."hub_division_visible"("division_code")) with check ("archive"."hub_division_visible"("division_code"));`);
    }
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "archive"."objection" cascade;`);

    this.addSql(`drop table if exists "archive"."repair_application" cascade;`);

    this.addSql(`alter table "archive"."credit_document" drop column "recipient_code";`);

    this.addSql(`alter table "archive"."credit_record" drop column "suspended_by_objection";`);

    this.addSql(`alter table "archive"."list_entry" drop column "suspended_from_status";`);
  }

}
