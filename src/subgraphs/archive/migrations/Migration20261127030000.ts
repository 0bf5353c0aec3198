import { Migration } from "@mikro-orm/migrations";

/** The division of a credit record the caller cannot see (R8.4 locator, like family_division). */
export class Migration20261127030000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "archive"."record_division"(record uuid) returns text language sql stable security definer set search_path = pg_catalog as $$
      select "division_code"::text from "archive"."credit_record" where "id" = $1
    $$;`);
    this.addSql(`revoke all on function "archive"."record_division"(uuid) from public;`);
    this.addSql(`grant execute on function "archive"."record_division"(uuid) to hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "archive"."record_division"(uuid);`);
  }
}
