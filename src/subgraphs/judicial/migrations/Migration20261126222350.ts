import { Migration } from '@mikro-orm/migrations';

export class Migration20261126222350 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create schema if not exists "judicial";`);
    this.addSql(`create table "judicial"."judicial_record" ("id" uuid not null, "id_number" varchar(18) not null, "kind" varchar(24) not null, "case_number" varchar(64) not null, "court" varchar(128) not null, "division_code" varchar(6) not null, "decided_on" date not null, "summary" varchar(500) not null, "received_at" timestamptz not null, constraint "judicial_record_pkey" primary key ("id"));`);
    this.addSql(`create index "judicial_record_id_number_index" on "judicial"."judicial_record" ("id_number");`);
    this.addSql(`alter table "judicial"."judicial_record" add constraint "judicial_record_case_number_unique" unique ("case_number");`);
  }

}
