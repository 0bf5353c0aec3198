import { Migration } from '@mikro-orm/migrations';

export class Migration20261126222349 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "housing";`);
    this.addSql(`create table "housing"."tenancy" ("id" uuid not null, "family_id" uuid not null, "division_code" varchar(6) not null, "unit_address" varchar(200) not null, "lease_start" date not null, "lease_end" date not null, "monthly_rent" numeric(10,2) not null, "created_at" timestamptz not null, constraint "tenancy_pkey" primary key ("id"));`);
    this.addSql(`create index "tenancy_division_code_index" on "housing"."tenancy" ("division_code");`);
    this.addSql(`alter table "housing"."tenancy" add constraint "tenancy_family_id_unique" unique ("family_id");`);

    this.addSql(`create table "housing"."rent_ledger_entry" ("id" uuid not null, "tenancy_id" uuid not null, "month" date not null, "amount_due" numeric(10,2) not null, "amount_paid" numeric(10,2) not null, "paid_on" date null, constraint "rent_ledger_entry_pkey" primary key ("id"));`);
    this.addSql(`alter table "housing"."rent_ledger_entry" add constraint "rent_ledger_entry_tenancy_id_month_unique" unique ("tenancy_id", "month");`);

    this.addSql(`create table "housing"."occupancy_check" ("id" uuid not null, "tenancy_id" uuid not null, "checked_on" date not null, "occupied" boolean not null, "inspector" varchar(64) not null, "note" varchar(200) null, constraint "occupancy_check_pkey" primary key ("id"));`);
    this.addSql(`create index "occupancy_check_tenancy_id_checked_on_index" on "housing"."occupancy_check" ("tenancy_id", "checked_on");`);

    this.addSql(`create table "housing"."housing_warning" ("id" uuid not null, "tenancy_id" uuid not null, "issued_on" date not null, "kind" varchar(24) not null, "reason" varchar(300) not null, constraint "housing_warning_pkey" primary key ("id"));`);

    this.addSql(`alter table "housing"."rent_ledger_entry" add constraint "rent_ledger_entry_tenancy_id_foreign" foreign key ("tenancy_id") references "housing"."tenancy" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "housing"."occupancy_check" add constraint "occupancy_check_tenancy_id_foreign" foreign key ("tenancy_id") references "housing"."tenancy" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "housing"."housing_warning" add constraint "housing_warning_tenancy_id_foreign" foreign key ("tenancy_id") references "housing"."tenancy" ("id") on update cascade on delete cascade;`);
  }

}
