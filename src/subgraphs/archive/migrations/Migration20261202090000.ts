import { Migration } from "@mikro-orm/migrations";

/**
 * Drill and acceptance hubs: the drill clock's state, one row, kept with the archive so that a
 * restarted drill hub resumes where its clock was and never goes back (development only; a
 * production service refuses a database that holds a drill clock).
 */
export class Migration20261202090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "archive"."drill_clock" (
      "id" smallint not null check ("id" = 1),
      "at" timestamptz not null,
      "set_at" timestamptz not null,
      "fixed" boolean not null,
      "started_at" timestamptz not null,
      "advanced_by" varchar(128) null,
      constraint "drill_clock_pkey" primary key ("id"));`);
    this.addSql(`comment on column "archive"."drill_clock"."at" is 'the drill instant when the row was written';`);
    this.addSql(`comment on column "archive"."drill_clock"."set_at" is 'the real time when the row was written (a running clock goes on from at by the real time since)';`);
    this.addSql(`grant select, insert, update on "archive"."drill_clock" to hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "archive"."drill_clock";`);
  }
}
