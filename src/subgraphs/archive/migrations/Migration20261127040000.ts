import { Migration } from "@mikro-orm/migrations";

/**
 * R8.5: the public list masks names like the rest of the hub (src/domain/id-number.ts maskName):
 * a compound surname (欧阳, 司马, …) stays whole, then one `*` per further character. The list of
 * compound surnames is the one of id-number.ts at the time of writing; a test compares both.
 */
export class Migration20261127040000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function "archive"."public_mask_name"(n text) returns text language sql immutable set search_path = pg_catalog as $$
      select case
        when char_length(n) >= 3 and left(n, 2) = any (array['欧阳','司马','上官','诸葛','东方','皇甫','尉迟','公孙','慕容','令狐','长孙','宇文','司徒','夏侯'])
          then left(n, 2) || repeat('*', char_length(n) - 2)
        else left(n, 1) || repeat('*', greatest(char_length(n) - 1, 0))
      end
    $$;`);
    this.addSql(`grant execute on function "archive"."public_mask_name"(text) to hub_app;`);
    this.addSql(`create or replace function "archive"."public_list_page"(p_kind text, p_divisions text[], p_statuses text[], p_since date, p_id uuid, p_limit int)
      returns table (entry_id uuid, division_code text, since date, until date, masked_name text, masked_id_number text, behavior_codes text[], total bigint)
      language sql stable security definer set search_path = pg_catalog as $$
        with visible as (
          select e."id", e."division_code", e."since", e."until", e."family_id", e."basis"
            from "archive"."list_entry" e
           where e."kind" = p_kind and e."status" = any(p_statuses) and e."status" <> 'SUSPENDED' and e."division_code" = any(p_divisions)
        )
        select v."id", v."division_code"::text, v."since", v."until",
               "archive"."public_mask_name"(m."name"),
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
  }

  override async down(): Promise<void> {
    this.addSql(`drop function if exists "archive"."public_mask_name"(text);`);
  }
}
