import { Migration } from "@mikro-orm/migrations";

/**
 * Inbound lists (issue 14 part 5; R6.7, R8.2, R8.3): listings pushed to the hub by the national
 * platform or by other provinces' housing authorities, kept as external entries.
 * - external_listing: one row per (sender, sender's entry), updated by the sender's later
 *   changes (an older change never overwrites a newer one); a removal keeps the row (status
 *   REMOVED, removed_on) for history. Never joined into scores, tiers, lists or measures.
 * - row-level security: a request sees an entry only when one of its subjects is a member of a
 *   family the request may see (hub.divisions, through family_member's and family's own
 *   policies) — existence is data too; only the hub's system scope (hub.divisions = '*', the
 *   archive's internal receiver) writes.
 * - the application role may read, insert and update; never delete.
 */
export class Migration20261204000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "archive"."external_listing" (
        "id" uuid not null primary key,
        "sender_code" varchar(64) not null,
        "sender_name" varchar(128) not null,
        "entry_key" varchar(128) not null,
        "kind" varchar(32) not null,
        "reason" varchar(16) not null,
        "status" varchar(16) not null,
        "decision_number" varchar(64) not null,
        "listed_on" date not null,
        "listed_until" date null,
        "removed_on" date null,
        "removal_reason" text null,
        "authority_code" varchar(64) not null,
        "authority_name" varchar(128) not null,
        "subjects" jsonb not null,
        "subject_ids" text[] not null,
        "behaviors" jsonb not null,
        "basis" jsonb not null,
        "changed_at" timestamptz not null,
        "received_at" timestamptz not null,
        "first_received_at" timestamptz not null,
        "batch_id" varchar(128) not null,
        "batch_sha256" varchar(64) not null,
        "content_sha256" varchar(64) not null,
        "revisions" int not null default 1,
        constraint "external_listing_sender_entry_unique" unique ("sender_code", "entry_key"),
        constraint "external_listing_status_check" check ("status" in ('ACTIVE', 'SUSPENDED', 'REMOVED'))
      );`);
    this.addSql(`create index "external_listing_subject_ids_index" on "archive"."external_listing" using gin ("subject_ids");`);
    this.addSql(`alter table "archive"."external_listing" enable row level security;`);
    this.addSql(`alter table "archive"."external_listing" force row level security;`);
    this.addSql(`create policy "external_listing_by_member" on "archive"."external_listing" for select using (
        coalesce(current_setting('hub.divisions', true), '') = '*'
        or exists (select 1 from "archive"."family_member" m join "archive"."family" f on f."id" = m."family_id"
                    where m."id_number" = any("subject_ids") and "archive"."hub_division_visible"(f."division_code")));`);
    this.addSql(`create policy "external_listing_system_insert" on "archive"."external_listing" for insert with check (coalesce(current_setting('hub.divisions', true), '') = '*');`);
    this.addSql(`create policy "external_listing_system_update" on "archive"."external_listing" for update using (coalesce(current_setting('hub.divisions', true), '') = '*') with check (coalesce(current_setting('hub.divisions', true), '') = '*');`);
    this.addSql(`revoke all on "archive"."external_listing" from hub_app;`);
    this.addSql(`grant select, insert, update on "archive"."external_listing" to hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "archive"."external_listing";`);
  }
}
