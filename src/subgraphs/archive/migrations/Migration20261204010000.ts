import { Migration } from "@mikro-orm/migrations";

/**
 * Intake (issue 14; R2.2, R6.5, R8.3):
 * - member_families: the family and division of archived members by ID number (SECURITY DEFINER,
 *   nothing else of the row), so that the housing subgraph can attach a loaded tenancy to the
 *   applicant's family and the judicial subgraph can offer a judgment to the family's authority;
 *   the caller decides the jurisdiction on the real division, visible or not (like row_location);
 * - judicial_lead: a judgment or penalty of a member, offered to the family's authority as
 *   evidence for a record (R6.5), with the record it grounded; under row-level security by
 *   division like every family table;
 * - intake_load: each file load — who loaded what, how many rows, the file's SHA-256 — read by the
 *   loading organisation (hub.org) only; the audit chain holds the same facts (R8.3).
 */
export class Migration20261204010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "archive"."member_families"(ids text[]) returns table (id_number text, family_id uuid, division_code text, relation text) language sql stable security definer set search_path = pg_catalog as $$
      select m."id_number"::text, f."id", f."division_code"::text, m."relation"::text
        from "archive"."family_member" m join "archive"."family" f on f."id" = m."family_id"
       where m."id_number" = any($1)
    $$;`);
    this.addSql(`revoke all on function "archive"."member_families"(text[]) from public;`);
    this.addSql(`grant execute on function "archive"."member_families"(text[]) to hub_app;`);

    this.addSql(`create table "archive"."judicial_lead" (
        "id" uuid not null primary key,
        "family_id" uuid not null,
        "division_code" varchar(6) not null,
        "id_number" varchar(18) not null,
        "relation" varchar(16) not null,
        "kind" varchar(32) not null,
        "case_number" varchar(64) not null,
        "authority" varchar(128) not null,
        "decided_on" date not null,
        "source_org" varchar(64) not null,
        "offered_at" timestamptz not null,
        "status" varchar(16) not null default 'OFFERED',
        "record_id" uuid null,
        "settled_at" timestamptz null,
        "settled_by" varchar(128) null,
        constraint "judicial_lead_family_case_unique" unique ("family_id", "case_number")
      );`);
    this.addSql(`create index "judicial_lead_division_status_index" on "archive"."judicial_lead" ("division_code", "status", "offered_at");`);
    this.addSql(`create index "judicial_lead_case_number_index" on "archive"."judicial_lead" ("case_number");`);
    this.addSql(`alter table "archive"."judicial_lead" enable row level security;`);
    this.addSql(`create policy "judicial_lead_by_division" on "archive"."judicial_lead" using ("archive"."hub_division_visible"("division_code")) with check ("archive"."hub_division_visible"("division_code"));`);
    this.addSql(`revoke all on "archive"."judicial_lead" from hub_app;`);
    this.addSql(`grant select, insert on "archive"."judicial_lead" to hub_app;`);
    this.addSql(`grant update ("status", "record_id", "settled_at", "settled_by", "authority", "decided_on", "kind") on "archive"."judicial_lead" to hub_app;`);

    this.addSql(`create table "archive"."intake_load" (
        "id" uuid not null primary key,
        "kind" varchar(32) not null,
        "source_system" varchar(64) not null,
        "file_name" varchar(255) not null,
        "file_sha256" varchar(64) not null,
        "total_rows" int not null,
        "all_or_nothing" boolean not null,
        "org_code" varchar(64) not null,
        "loaded_by" varchar(128) not null,
        "started_at" timestamptz not null,
        "finished_at" timestamptz null,
        "status" varchar(16) not null,
        "inserted" int not null default 0,
        "updated" int not null default 0,
        "unchanged" int not null default 0,
        "rejected" int not null default 0
      );`);
    this.addSql(`create index "intake_load_org_started_index" on "archive"."intake_load" ("org_code", "started_at");`);
    this.addSql(`alter table "archive"."intake_load" enable row level security;`);
    const own = `"org_code" = current_setting('hub.org', true)`;
    this.addSql(`create policy "intake_load_by_org" on "archive"."intake_load" using (${own}) with check (${own});`);
    this.addSql(`revoke all on "archive"."intake_load" from hub_app;`);
    this.addSql(`grant select, insert on "archive"."intake_load" to hub_app;`);
    this.addSql(`grant update ("finished_at", "status", "inserted", "updated", "unchanged", "rejected") on "archive"."intake_load" to hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "archive"."intake_load";`);
    this.addSql(`drop table if exists "archive"."judicial_lead";`);
    this.addSql(`drop function if exists "archive"."member_families"(text[]);`);
  }
}
