// The application role (R8.4, least privilege): `hub_app` is what every request runs as — no
// superuser, no BYPASSRLS, no DDL, only the rows and statements of its schema — and the runtime
// login role the services connect with is a member of it. Migrations (run by the owner role with
// `hub migrate`) create it if they may (CREATEROLE) or find it created by the administrator.
export const APP_ROLE = "hub_app";

/** SQL granting the application role the statements a subgraph needs on its schema. */
export function appRoleGrants(schema: string): string[] {
  return [
    `do $$ begin if not exists (select 1 from pg_roles where rolname = '${APP_ROLE}') then create role ${APP_ROLE} nologin nosuperuser nobypassrls; end if; end $$;`,
    `grant usage on schema "${schema}" to ${APP_ROLE};`,
    `grant select, insert, update, delete on all tables in schema "${schema}" to ${APP_ROLE};`,
    `grant usage, select, update on all sequences in schema "${schema}" to ${APP_ROLE};`,
    `alter default privileges in schema "${schema}" grant select, insert, update, delete on tables to ${APP_ROLE};`,
    `alter default privileges in schema "${schema}" grant usage, select, update on sequences to ${APP_ROLE};`,
    // The migrations' own record is the owner's: readable (readiness), never writable at run time.
    `revoke insert, update, delete on "${schema}"."mikro_orm_migrations" from ${APP_ROLE};`,
    // The readiness probe writes here (and rolls back) to prove the runtime role can write.
    `create table if not exists "${schema}"."readiness_probe" ("division_code" varchar(6) not null);`,
    `grant select, insert on "${schema}"."readiness_probe" to ${APP_ROLE};`,
  ];
}
