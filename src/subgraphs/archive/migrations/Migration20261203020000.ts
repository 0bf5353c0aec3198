import { Migration } from "@mikro-orm/migrations";

/**
 * R7.2 (restoring reputation): the recipient's copy of each correction notice, so that the
 * organisation that received data later revoked or corrected can read, pull and acknowledge it.
 * - correction_notice: the notice as sent (its own text, the family reference, no live family
 *   field), in a gapless total order (`sequence`, allocated from correction_notice_counter under a
 *   row lock, so a feed resumed from any cursor never skips or repeats a notice);
 * - row-level security: the addressee (hub.org, set from the signed caller by the notice
 *   resolvers and by the issuing transaction), or a housing authority for the families in its
 *   scope (hub.divisions) — nobody else sees a row, and without hub.org nobody at all;
 * - the application role may insert and read, and update only the acknowledgement.
 */
export class Migration20261203020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "archive"."correction_notice_counter" ("id" int not null, "last" bigint not null, constraint "correction_notice_counter_pkey" primary key ("id"));`);
    this.addSql(`insert into "archive"."correction_notice_counter" ("id", "last") values (1, 0);`);
    this.addSql(`create table "archive"."correction_notice" (
        "sequence" bigint not null primary key,
        "id" uuid not null unique,
        "number" varchar(64) not null,
        "title" varchar(200) not null,
        "recipient_code" varchar(64) not null,
        "recipient_name" varchar(128) not null,
        "family_id" uuid not null,
        "division_code" varchar(6) not null,
        "record_id" uuid null,
        "list_entry_id" uuid null,
        "action" varchar(16) not null,
        "subject" text not null,
        "body" text not null,
        "issued_on" date not null,
        "issued_at" timestamptz not null,
        "issued_by" varchar(128) not null,
        "issued_by_org" varchar(64) not null,
        "issuing_authority_name" varchar(128) not null,
        "acknowledged_at" timestamptz null,
        "acknowledged_by" varchar(128) null
      );`);
    this.addSql(`create index "correction_notice_recipient_sequence_index" on "archive"."correction_notice" ("recipient_code", "sequence");`);
    this.addSql(`create index "correction_notice_outstanding_index" on "archive"."correction_notice" ("division_code", "sequence") where "acknowledged_at" is null;`);
    this.addSql(`alter table "archive"."correction_notice" enable row level security;`);
    // The addressee sees its own notices; a housing authority those of the families in its scope.
    // A request that names no organisation (hub.org unset) sees none (fail closed).
    const visible = `"recipient_code" = current_setting('hub.org', true) or (current_setting('hub.org', true) like 'HA-%' and "archive"."hub_division_visible"("division_code"))`;
    this.addSql(`create policy "correction_notice_by_recipient_or_authority" on "archive"."correction_notice" using (${visible}) with check (${visible});`);
    this.addSql(`revoke all on "archive"."correction_notice" from hub_app;`);
    this.addSql(`grant select, insert on "archive"."correction_notice" to hub_app;`);
    this.addSql(`grant update ("acknowledged_at", "acknowledged_by") on "archive"."correction_notice" to hub_app;`);
    this.addSql(`revoke all on "archive"."correction_notice_counter" from hub_app;`);
    this.addSql(`grant select, update on "archive"."correction_notice_counter" to hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "archive"."correction_notice";`);
    this.addSql(`drop table if exists "archive"."correction_notice_counter";`);
  }
}
