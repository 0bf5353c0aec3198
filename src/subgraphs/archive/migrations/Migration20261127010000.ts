import { Migration } from "@mikro-orm/migrations";

/**
 * R8.4, the last line of defence: PostgreSQL row-level security on the archive's family tables.
 * Reads run as the application role `hub_app` (no BYPASSRLS, SELECT only) with the caller's
 * readable divisions in `hub.divisions` for the transaction; a query without them sees nothing.
 * FORCE applies the policies to the tables' owner too.
 */
export class Migration20261127010000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`do $$ begin if not exists (select 1 from pg_roles where rolname = 'hub_app') then create role hub_app nologin nosuperuser nobypassrls; end if; end $$;`);
    this.addSql(`grant usage on schema "archive" to hub_app;`);
    this.addSql(`grant select on all tables in schema "archive" to hub_app;`);
    this.addSql(`alter default privileges in schema "archive" grant select on tables to hub_app;`);
    this.addSql(`create function "archive"."hub_division_visible"(division text) returns boolean language sql stable as $$
      select coalesce(current_setting('hub.divisions', true), '') = '*'
          or division = any(string_to_array(coalesce(current_setting('hub.divisions', true), ''), ','))
    $$;`);
    this.addSql(`grant execute on function "archive"."hub_division_visible"(text) to hub_app;`);
    for (const table of ["family", "credit_record", "list_entry"]) {
      this.addSql(`alter table "archive"."${table}" enable row level security;`);
      this.addSql(`alter table "archive"."${table}" force row level security;`);
      this.addSql(`create policy "${table}_by_division" on "archive"."${table}" using ("archive"."hub_division_visible"("division_code")) with check ("archive"."hub_division_visible"("division_code"));`);
    }
    for (const table of ["family_member", "family_credit", "credit_document", "evidence"]) {
      const parent = table === "evidence" ? `select 1 from "archive"."credit_record" r where r."id" = "record_id"` : `select 1 from "archive"."family" f where f."id" = "family_id"`;
      this.addSql(`alter table "archive"."${table}" enable row level security;`);
      this.addSql(`alter table "archive"."${table}" force row level security;`);
      this.addSql(`create policy "${table}_by_division" on "archive"."${table}" using (exists (${parent})) with check (exists (${parent}));`);
    }
    // Locators for refusals: the division of a family the caller cannot see, so that the answer is
    // SHARING_NOT_PERMITTED with the division, not "not found" (SECURITY DEFINER, division only).
    this.addSql(`create function "archive"."family_division"(family uuid) returns text language sql stable security definer set search_path = pg_catalog as $$
      select "division_code"::text from "archive"."family" where "id" = $1
    $$;`);
    this.addSql(`create function "archive"."member_family"(id_number text) returns table (family_id uuid, division_code text) language sql stable security definer set search_path = pg_catalog as $$
      select f."id", f."division_code"::text from "archive"."family_member" m join "archive"."family" f on f."id" = m."family_id" where m."id_number" = $1 limit 1
    $$;`);
    this.addSql(`revoke all on function "archive"."family_division"(uuid), "archive"."member_family"(text) from public;`);
    this.addSql(`grant execute on function "archive"."family_division"(uuid), "archive"."member_family"(text) to hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "archive"."family_division"(uuid);`);
    this.addSql(`drop function if exists "archive"."member_family"(text);`);
    for (const table of ["family", "credit_record", "list_entry", "credit_document", "family_member", "family_credit", "evidence"]) {
      this.addSql(`drop policy if exists "${table}_by_division" on "archive"."${table}";`);
      this.addSql(`alter table "archive"."${table}" no force row level security;`);
      this.addSql(`alter table "archive"."${table}" disable row level security;`);
    }
    this.addSql(`drop function if exists "archive"."hub_division_visible"(text);`);
  }
}
