import { Migration } from '@mikro-orm/migrations';
import { PROVINCE_RULES_V1 } from '../../../domain/credit/rule-set';

export class Migration20261126224551 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "archive"."credit_document" ("id" uuid not null, "family_id" uuid not null, "kind" varchar(32) not null, "record_id" uuid null, "list_entry_id" uuid null, "number" varchar(64) not null, "title" varchar(200) not null, "body" text not null, "issued_on" date not null, "delivered_on" date null, "rule_version" varchar(32) not null, "issued_by" varchar(128) not null, "issued_by_org" varchar(64) not null, "issued_at" timestamptz not null, constraint "credit_document_pkey" primary key ("id"));`);
    this.addSql(`create index "credit_document_list_entry_id_index" on "archive"."credit_document" ("list_entry_id");`);
    this.addSql(`create index "credit_document_family_id_issued_at_index" on "archive"."credit_document" ("family_id", "issued_at");`);

    this.addSql(`create table "archive"."credit_record" ("id" uuid not null, "family_id" uuid not null, "division_code" varchar(6) not null, "behavior_code" varchar(24) not null, "source" varchar(24) not null, "facts" text not null, "legal_basis" text not null, "occurred_on" date not null, "ended_on" date null, "informed_by" varchar(16) null, "informed_on" date null, "status" varchar(16) not null, "candidate_origin" varchar(16) null, "candidate_key" varchar(80) null, "judicial_case_number" varchar(64) null, "rectification_ordered_on" date null, "rectification_deadline" date null, "rectification_complied_on" date null, "decided_at" timestamptz null, "decided_by" varchar(128) null, "decided_by_org" varchar(64) null, "decision_mode" varchar(16) null, "committee" jsonb null, "decision_reason" text null, "rule_version" varchar(32) not null, "points" int null, "created_by" varchar(128) not null, "created_by_org" varchar(64) not null, "created_at" timestamptz not null, "version" int not null default 1, constraint "credit_record_pkey" primary key ("id"));`);
    this.addSql(`create index "credit_record_division_code_status_occurred_on_index" on "archive"."credit_record" ("division_code", "status", "occurred_on");`);
    this.addSql(`create index "credit_record_family_id_status_index" on "archive"."credit_record" ("family_id", "status");`);
    this.addSql(`alter table "archive"."credit_record" add constraint "credit_record_candidate_key_unique" unique ("candidate_key");`);

    this.addSql(`create table "archive"."evidence" ("id" uuid not null, "record_id" uuid not null, "file_name" varchar(200) not null, "media_type" varchar(100) not null, "size" int not null, "sha256" varchar(64) not null, "content" bytea not null, "uploaded_by" varchar(128) not null, "uploaded_at" timestamptz not null, constraint "evidence_pkey" primary key ("id"));`);

    this.addSql(`create table "archive"."family_credit" ("family_id" uuid not null, "division_code" varchar(6) not null, "score" int not null, "tier" varchar(16) not null, "rule_version" varchar(32) not null, "computed_at" timestamptz not null, constraint "family_credit_pkey" primary key ("family_id"));`);
    this.addSql(`create index "family_credit_division_code_tier_index" on "archive"."family_credit" ("division_code", "tier");`);

    this.addSql(`create table "archive"."list_change" ("sequence" bigint not null, "at" timestamptz not null, "list_entry_id" uuid not null, "family_id" uuid not null, "division_code" varchar(6) not null, "kind" varchar(20) not null, "action" varchar(8) not null, "status" varchar(16) not null, constraint "list_change_pkey" primary key ("sequence"));`);
    this.addSql(`create index "list_change_division_code_sequence_index" on "archive"."list_change" ("division_code", "sequence");`);

    this.addSql(`create table "archive"."list_change_counter" ("id" int not null, "last" bigint not null, constraint "list_change_counter_pkey" primary key ("id"));`);

    this.addSql(`create table "archive"."list_entry" ("id" uuid not null, "family_id" uuid not null, "division_code" varchar(6) not null, "kind" varchar(20) not null, "status" varchar(16) not null, "step" varchar(16) null, "since" date not null, "until" date null, "basis" jsonb not null, "rule_version" varchar(32) not null, "batch" varchar(8) null, "reminded_on" date null, "reminder_deadline" date null, "notified_on" date null, "defence_until" date null, "publicity_from" date null, "publicity_until" date null, "listed_on" date null, "listed_until" date null, "removed_on" date null, "removal_reason" varchar(200) null, "created_at" timestamptz not null, "updated_at" timestamptz not null, "version" int not null default 1, constraint "list_entry_pkey" primary key ("id"));`);
    this.addSql(`create index "list_entry_family_id_status_index" on "archive"."list_entry" ("family_id", "status");`);
    this.addSql(`create index "list_entry_kind_status_division_code_since_index" on "archive"."list_entry" ("kind", "status", "division_code", "since");`);

    this.addSql(`create table "archive"."list_outbox" ("id" bigserial primary key, "sequence" bigint not null, "destination" varchar(16) not null, "division_code" varchar(6) not null, "delivered_at" timestamptz null, "attempts" int not null default 0);`);
    this.addSql(`create index "list_outbox_destination_delivered_at_sequence_index" on "archive"."list_outbox" ("destination", "delivered_at", "sequence");`);

    this.addSql(`create table "archive"."rule_set" ("version" varchar(32) not null, "division_code" varchar(6) not null, "parent_version" varchar(32) null, "effective_from" date not null, "rules" jsonb not null, "created_by" varchar(128) not null, "created_at" timestamptz not null, constraint "rule_set_pkey" primary key ("version"));`);
    this.addSql(`create index "rule_set_division_code_effective_from_index" on "archive"."rule_set" ("division_code", "effective_from");`);

    this.addSql(`create table "archive"."warning_batch" ("id" uuid not null, "division_code" varchar(6) not null, "quarter" varchar(8) not null, "published_on" date not null, "added" int not null, "renewed" int not null, "rule_version" varchar(32) not null, "published_by" varchar(128) not null, "created_at" timestamptz not null, constraint "warning_batch_pkey" primary key ("id"));`);
    this.addSql(`alter table "archive"."warning_batch" add constraint "warning_batch_division_code_quarter_unique" unique ("division_code", "quarter");`);

    this.addSql(`alter table "archive"."evidence" add constraint "evidence_record_id_foreign" foreign key ("record_id") references "archive"."credit_record" ("id") on update cascade on delete restrict;`);
    // Hand-written: at most one active entry per family and list (no double listing), records and
    // list entries belong to archived families, the gapless list-change counter, and the
    // province rule set v1 (R2.1) as data.
    this.addSql(`create unique index "list_entry_one_active_per_family_kind" on "archive"."list_entry" ("family_id", "kind") where "status" <> 'REMOVED';`);
    this.addSql(`alter table "archive"."credit_record" add constraint "credit_record_family_id_foreign" foreign key ("family_id") references "archive"."family" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "archive"."list_entry" add constraint "list_entry_family_id_foreign" foreign key ("family_id") references "archive"."family" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "archive"."family_credit" add constraint "family_credit_family_id_foreign" foreign key ("family_id") references "archive"."family" ("id") on update cascade on delete cascade;`);
    this.addSql(`insert into "archive"."list_change_counter" ("id", "last") values (1, 0);`);
    this.addSql(
      this.getKnex().raw(`insert into "archive"."rule_set" ("version", "division_code", "parent_version", "effective_from", "rules", "created_by", "created_at") values (?, '420000', null, ?, cast(? as jsonb), 'migration', now())`, [
        PROVINCE_RULES_V1.version,
        PROVINCE_RULES_V1.effectiveFrom,
        JSON.stringify(PROVINCE_RULES_V1),
      ]),
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "archive"."evidence" drop constraint "evidence_record_id_foreign";`);

    this.addSql(`drop table if exists "archive"."credit_document" cascade;`);

    this.addSql(`drop table if exists "archive"."credit_record" cascade;`);

    this.addSql(`drop table if exists "archive"."evidence" cascade;`);

    this.addSql(`drop table if exists "archive"."family_credit" cascade;`);

    this.addSql(`drop table if exists "archive"."list_change" cascade;`);

    this.addSql(`drop table if exists "archive"."list_change_counter" cascade;`);

    this.addSql(`drop table if exists "archive"."list_entry" cascade;`);

    this.addSql(`drop table if exists "archive"."list_outbox" cascade;`);

    this.addSql(`drop table if exists "archive"."rule_set" cascade;`);

    this.addSql(`drop table if exists "archive"."warning_batch" cascade;`);
  }

}
