import { Migration } from "@mikro-orm/migrations";
import { appRoleGrants } from "../../../db/least-privilege";

/** R8.4, least privilege: the application role reads and writes the judicial schema, never DDL. */
export class Migration20261201100002 extends Migration {
  override async up(): Promise<void> {
    for (const sql of appRoleGrants("judicial")) this.addSql(sql);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "judicial"."readiness_probe";`);
    this.addSql(`revoke all on all tables in schema "judicial" from hub_app;`);
  }
}
