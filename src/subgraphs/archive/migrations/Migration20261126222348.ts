import { Migration } from '@mikro-orm/migrations';

export class Migration20261126222348 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "archive";`);
    this.addSql(`create table "archive"."family" ("id" uuid not null, "division_code" varchar(6) not null, "hukou_division_code" varchar(6) not null, "marital_status" varchar(16) not null, "household_size" int not null, "annual_income" numeric(14,2) not null, "property_count" int not null, "housing_status" varchar(32) not null, "per_capita_area" numeric(8,2) null, "guarantee_category" varchar(64) not null, "guarantee_mode" varchar(32) not null, "guarantee_group" varchar(64) not null, "priority" boolean not null default false, "priority_reason" varchar(64) null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, constraint "family_pkey" primary key ("id"));`);
    this.addSql(`create index "family_division_code_created_at_id_index" on "archive"."family" ("division_code", "created_at", "id");`);

    this.addSql(`create table "archive"."family_change" ("id" uuid not null, "family_id" uuid not null, "at" timestamptz not null, "action" varchar(8) not null, "actor_sub" varchar(128) not null, "actor_org" varchar(64) not null, "reason" text not null, "changes" jsonb not null, constraint "family_change_pkey" primary key ("id"));`);
    this.addSql(`create index "family_change_family_id_at_index" on "archive"."family_change" ("family_id", "at");`);

    this.addSql(`create table "archive"."family_member" ("id" uuid not null, "family_id" uuid not null, "position" int not null, "name" varchar(64) not null, "id_number" varchar(18) not null, "relation" varchar(16) not null, constraint "family_member_pkey" primary key ("id"));`);
    this.addSql(`create index "family_member_family_id_position_index" on "archive"."family_member" ("family_id", "position");`);
    this.addSql(`alter table "archive"."family_member" add constraint "family_member_id_number_unique" unique ("id_number");`);

    this.addSql(`create table "archive"."organization" ("code" varchar(64) not null, "name" varchar(128) not null, "kind" varchar(24) not null, "level" varchar(16) not null, "division_code" varchar(6) not null, "created_at" timestamptz not null, constraint "organization_pkey" primary key ("code"));`);

    this.addSql(`alter table "archive"."family_member" add constraint "family_member_family_id_foreign" foreign key ("family_id") references "archive"."family" ("id") on update cascade on delete cascade;`);
  }

}
