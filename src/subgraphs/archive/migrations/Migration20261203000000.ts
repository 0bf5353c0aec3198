import { Migration } from "@mikro-orm/migrations";

/**
 * Issue 13 (R6.6, R6.7, R7.2, R5.x):
 * - list_entry.suspended_on: the day an objection suspended the entry, so that the step's
 *   period resumes with the days it was suspended (R7.2 暂不执行) when the objection is answered;
 * - list_entry.removal_cause: why an entry left its list (EXPIRED, REVOKED, REPAIRED, CORRECTED,
 *   CLOSED, ESCALATED) — the national push states it (R6.7), and M07 runs on only after EXPIRED;
 * - list_change.cause: why the change happened (LISTED, SUSPENDED, RESUMED, CORRECTED and the
 *   removal causes), for the national push;
 * - the national outbox carries only listings: entries becoming LISTED or leaving LISTED (R6.7),
 *   so the pending pushes of entries never listed are dropped;
 * - list_entry_statement: the family's statement and defence (陈述申辩) during the notice period;
 * - duty_run: the scheduler's run history, one row per duty and due slot (exactly once).
 */
export class Migration20261203000000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "archive"."list_entry" add column "suspended_on" date null, add column "removal_cause" varchar(16) null;`);
    this.addSql(`update "archive"."list_entry" set "removal_cause" = case
        when "removal_reason" like '%期限届满%' then 'EXPIRED'
        when "removal_reason" like '%撤销%' then 'REVOKED'
        when "removal_reason" like '%修复%' then 'REPAIRED'
        when "removal_reason" like '转入%' then 'ESCALATED'
        else 'CLOSED' end
      where "status" = 'REMOVED';`);
    this.addSql(`alter table "archive"."list_change" add column "cause" varchar(16) null;`);
    this.addSql(`delete from "archive"."list_outbox" o using "archive"."list_change" c, "archive"."list_entry" e
      where o."destination" = 'NATIONAL' and o."delivered_at" is null and c."sequence" = o."sequence" and e."id" = c."list_entry_id" and e."listed_on" is null;`);
    this.addSql(`create table "archive"."list_entry_statement" (
        "id" uuid not null primary key,
        "list_entry_id" uuid not null,
        "family_id" uuid not null,
        "division_code" varchar(6) not null,
        "received_on" date not null,
        "channel" varchar(16) not null,
        "content" text not null,
        "attachments" jsonb not null default '[]',
        "assessment" text null,
        "recorded_by" varchar(128) not null,
        "recorded_at" timestamptz not null
      );`);
    this.addSql(`create index "list_entry_statement_entry_index" on "archive"."list_entry_statement" ("list_entry_id");`);
    // R8.4: the family's statement is family data, under the same row-level security as its entry.
    this.addSql(`alter table "archive"."list_entry_statement" enable row level security;`);
    this.addSql(`alter table "archive"."list_entry_statement" force row level security;`);
    this.addSql(`create policy "list_entry_statement_by_division" on "archive"."list_entry_statement" using ("archive"."hub_division_visible"("division_code")) with check ("archive"."hub_division_visible"("division_code"));`);
    this.addSql(`grant select, insert, update on "archive"."list_entry_statement" to hub_app;`);
    this.addSql(`create table "archive"."duty_run" (
        "id" uuid not null primary key,
        "duty" varchar(32) not null,
        "slot" varchar(32) not null,
        "business_date" date not null,
        "status" varchar(16) not null,
        "instance" varchar(128) not null,
        "started_at" timestamptz not null,
        "finished_at" timestamptz null,
        "counts" jsonb not null default '{}',
        "error" text null,
        "catch_up" boolean not null default false,
        "attempts" integer not null default 1,
        constraint "duty_run_duty_slot_unique" unique ("duty", "slot")
      );`);
    this.addSql(`create index "duty_run_started_index" on "archive"."duty_run" ("started_at" desc);`);
    this.addSql(`grant select, insert, update on "archive"."duty_run" to hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "archive"."duty_run";`);
    this.addSql(`drop table if exists "archive"."list_entry_statement";`);
    this.addSql(`alter table "archive"."list_change" drop column "cause";`);
    this.addSql(`alter table "archive"."list_entry" drop column "suspended_on", drop column "removal_cause";`);
  }
}
