import { Migration } from "@mikro-orm/migrations";

/**
 * R5.3, R6.7, R8.5: the public (masked) lists for municipal portals. The anonymous caller's read
 * scope sees no family row (row-level security); this SECURITY DEFINER function hands out only
 * masked names and ID numbers of listed entries (never SUSPENDED), so no unmasked value leaves
 * the database for a public request.
 */
export class Migration20261127020000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create function "archive"."public_list_page"(p_kind text, p_divisions text[], p_statuses text[], p_since date, p_id uuid, p_limit int)
      returns table (entry_id uuid, division_code text, since date, until date, masked_name text, masked_id_number text, behavior_codes text[], total bigint)
      language sql stable security definer set search_path = pg_catalog as $$
        with visible as (
          select e."id", e."division_code", e."since", e."until", e."family_id", e."basis"
            from "archive"."list_entry" e
           where e."kind" = p_kind and e."status" = any(p_statuses) and e."status" <> 'SUSPENDED' and e."division_code" = any(p_divisions)
        )
        select v."id", v."division_code"::text, v."since", v."until",
               left(m."name", 1) || repeat('*', greatest(char_length(m."name") - 1, 0)),
               left(m."id_number", 6) || '********' || right(m."id_number", 4),
               coalesce((select array_agg(distinct r."behavior_code"::text order by r."behavior_code"::text)
                           from "archive"."credit_record" r
                          where r."id"::text in (select jsonb_array_elements_text(v."basis" -> 'recordIds'))), '{}'),
               (select count(*) from visible)
          from visible v
          join lateral (select "name", "id_number" from "archive"."family_member" where "family_id" = v."family_id" order by "position" limit 1) m on true
         where p_since is null or (v."since", v."id") < (p_since, p_id)
         order by v."since" desc, v."id" desc
         limit p_limit
      $$;`);
    this.addSql(`revoke all on function "archive"."public_list_page"(text, text[], text[], date, uuid, int) from public;`);
    this.addSql(`grant execute on function "archive"."public_list_page"(text, text[], text[], date, uuid, int) to hub_app;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "archive"."public_list_page"(text, text[], text[], date, uuid, int);`);
  }
}
