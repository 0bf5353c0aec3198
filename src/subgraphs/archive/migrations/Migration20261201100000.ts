import { Migration } from "@mikro-orm/migrations";
import { appRoleGrants } from "../../../db/least-privilege";

/**
 * R8.4, least privilege: the application role reads and writes the archive (never DDL), under
 * row-level security for writes too; the readiness probe table is under the same policy, so that
 * `/ready` proves a write inside the scope passes and one outside it is refused. The index serves
 * the partners' change feed (whether an earlier change of an entry was one they saw).
 */
export class Migration20261201100000 extends Migration {
  override async up(): Promise<void> {
    for (const sql of appRoleGrants("archive")) this.addSql(sql);
    this.addSql(`alter table "archive"."readiness_probe" enable row level security;`);
    this.addSql(`create policy "readiness_probe_by_division" on "archive"."readiness_probe" using ("archive"."hub_division_visible"("division_code")) with check ("archive"."hub_division_visible"("division_code"));`);
    this.addSql(`create index "list_change_list_entry_id_sequence_index" on "archive"."list_change" ("list_entry_id", "sequence");`);
    // Locators of write targets (SECURITY DEFINER, family and division only): a write names its
    // target by id, and the jurisdiction is decided on the target's real division, visible or not.
    this.addSql(`create function "archive"."row_location"(kind text, row_id uuid) returns table (family_id uuid, division_code text) language sql stable security definer set search_path = pg_catalog as $$
      select f."id", f."division_code"::text from "archive"."family" f where $1 = 'family' and f."id" = $2
      union all select r."family_id", r."division_code"::text from "archive"."credit_record" r where $1 = 'record' and r."id" = $2
      union all select e."family_id", e."division_code"::text from "archive"."list_entry" e where $1 = 'entry' and e."id" = $2
      union all select o."family_id", o."division_code"::text from "archive"."objection" o where $1 = 'objection' and o."id" = $2
      union all select a."family_id", a."division_code"::text from "archive"."repair_application" a where $1 = 'repair' and a."id" = $2
      limit 1
    $$;`);
    this.addSql(`create function "archive"."family_locations"(ids uuid[]) returns table (family_id uuid, division_code text) language sql stable security definer set search_path = pg_catalog as $$
      select f."id", f."division_code"::text from "archive"."family" f where f."id" = any($1)
    $$;`);
    // The application role is always under row-level security (it owns nothing); the owner role
    // only migrates — and owns the SECURITY DEFINER locators and the public list, which must see
    // every division (they return divisions and masked data only). So the policies apply to
    // everyone but the owner (no FORCE); services never connect as the owner (refused at start).
    for (const table of ["family", "credit_record", "list_entry", "family_member", "family_credit", "credit_document", "evidence", "objection", "repair_application", "readiness_probe"]) {
      this.addSql(`alter table "archive"."${table}" no force row level security;`);
    }
    this.addSql(`revoke all on function "archive"."row_location"(text, uuid), "archive"."family_locations"(uuid[]) from public;`);
    this.addSql(`grant execute on function "archive"."row_location"(text, uuid), "archive"."family_locations"(uuid[]) to hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "archive"."row_location"(text, uuid);`);
    this.addSql(`drop function if exists "archive"."family_locations"(uuid[]);`);
    this.addSql(`drop index if exists "archive"."list_change_list_entry_id_sequence_index";`);
    this.addSql(`drop table if exists "archive"."readiness_probe";`);
    this.addSql(`revoke insert, update, delete on all tables in schema "archive" from hub_app;`);
  }
}
