import { Migration } from '@mikro-orm/migrations';

export class Migration20261127003107 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "archive"."audit_entry" ("seq" bigint not null, "at" timestamptz not null, "kind" varchar(16) not null, "org_code" varchar(64) null, "user_sub" varchar(128) null, "client_address" varchar(64) null, "operation_name" varchar(128) null, "document_hash" varchar(64) null, "permissions" jsonb not null, "categories_returned" jsonb not null, "categories_denied" jsonb not null, "family_ids" jsonb not null, "outcome" varchar(16) not null, "detail" jsonb null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null, constraint "audit_entry_pkey" primary key ("seq"));`);
    this.addSql(`create index "audit_entry_at_index" on "archive"."audit_entry" ("at");`);
    this.addSql(`create index "audit_entry_org_code_at_index" on "archive"."audit_entry" ("org_code", "at");`);

    this.addSql(`create table "archive"."audit_head" ("id" int not null, "seq" bigint not null, "hash" varchar(64) not null, constraint "audit_head_pkey" primary key ("id"));`);

    this.addSql(`create table "archive"."sharing_permission" ("id" uuid not null, "document_number" varchar(64) not null, "grantor_code" varchar(64) not null, "grantor_level" varchar(16) not null, "grantor_division" varchar(6) not null, "grantee_code" varchar(64) not null, "purpose" text not null, "scopes" jsonb not null, "division_codes" jsonb not null, "valid_from" timestamptz not null, "valid_until" timestamptz not null, "letter_sha256" varchar(64) null, "created_at" timestamptz not null, "created_by" varchar(128) not null, "revoked_at" timestamptz null, "revoked_by" varchar(128) null, "revocation_reason" text null, constraint "sharing_permission_pkey" primary key ("id"));`);
    this.addSql(`alter table "archive"."sharing_permission" add constraint "sharing_permission_document_number_unique" unique ("document_number");`);
    this.addSql(`create index "sharing_permission_grantee_code_valid_until_index" on "archive"."sharing_permission" ("grantee_code", "valid_until");`);




  
    // R8.3: find a family's disclosures (accessHistory) by containment.
    this.addSql(`create index "audit_entry_family_ids_index" on "archive"."audit_entry" using gin ("family_ids" jsonb_path_ops);`);
    this.addSql(`insert into "archive"."audit_head" ("id", "seq", "hash") values (1, 0, repeat('0', 64));`);
    // R8.3: the audit trail is append-only; any change or removal is refused.
    this.addSql(`create function "archive"."audit_append_only"() returns trigger language plpgsql as $$ begin raise exception 'audit entries are append-only (R8.3)'; end $$;`);
    this.addSql(`create trigger "audit_entry_append_only" before update or delete on "archive"."audit_entry" for each row execute function "archive"."audit_append_only"();`);
    this.addSql(`create trigger "audit_entry_no_truncate" before truncate on "archive"."audit_entry" for each statement execute function "archive"."audit_append_only"();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "archive"."audit_entry" cascade;`);
    this.addSql(`drop function if exists "archive"."audit_append_only"();`);

    this.addSql(`drop table if exists "archive"."audit_head" cascade;`);

    this.addSql(`drop table if exists "archive"."sharing_permission" cascade;`);
  }

}
