import { Migration } from "@mikro-orm/migrations";

/**
 * Issue 12, R8.2: every change of a written permission is pushed to the gateways at commit
 * (NOTIFY hub_grants, payload the grantee's code; `*` after a TRUNCATE), so that they can keep
 * a copy of the permissions in force and drop it the moment one is granted, revoked or changed
 * (src/gateway/grants-cache.ts).
 */
export class Migration20261202110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create or replace function "archive"."notify_grants"() returns trigger language plpgsql set search_path = pg_catalog as $$
      begin
        if tg_op = 'TRUNCATE' then
          perform pg_notify('hub_grants', '*');
        elsif tg_op = 'DELETE' then
          perform pg_notify('hub_grants', old."grantee_code");
        else
          perform pg_notify('hub_grants', new."grantee_code");
          if tg_op = 'UPDATE' and old."grantee_code" is distinct from new."grantee_code" then
            perform pg_notify('hub_grants', old."grantee_code");
          end if;
        end if;
        return null;
      end
    $$;`);
    this.addSql(`create trigger "sharing_permission_notify" after insert or update or delete on "archive"."sharing_permission" for each row execute function "archive"."notify_grants"();`);
    this.addSql(`create trigger "sharing_permission_notify_truncate" after truncate on "archive"."sharing_permission" for each statement execute function "archive"."notify_grants"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists "sharing_permission_notify_truncate" on "archive"."sharing_permission";`);
    this.addSql(`drop trigger if exists "sharing_permission_notify" on "archive"."sharing_permission";`);
    this.addSql(`drop function if exists "archive"."notify_grants"();`);
  }
}
