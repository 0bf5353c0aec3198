-- Run once by the database administrator of a managed PostgreSQL (a role with CREATEROLE and
-- CREATEDB; nobody needs to be superuser):
--   psql "postgres://<admin>@<host>:5432/postgres" -v dbname=hub \
--        -v owner_password='<…>' -v runtime_password='<…>' -f deploy/postgres-roles.sql
-- Roles (R8.4, least privilege):
--   hub_owner    owns the database and its schemas; runs `npm run hub -- migrate` (DDL) only
--   hub_runtime  the services' login: no superuser, no BYPASSRLS, no DDL; a member of hub_app
--   hub_app      what every request runs as (NOLOGIN); `hub migrate` grants it SELECT, INSERT,
--                UPDATE, DELETE on the hub's tables (and ALTER DEFAULT PRIVILEGES for new ones),
--                under row-level security on the family tables
-- Idempotent: roles that exist are kept (their passwords too).
select format('create role hub_owner login password %L nosuperuser nobypassrls', :'owner_password')
 where not exists (select 1 from pg_roles where rolname = 'hub_owner') \gexec
select format('create role hub_runtime login password %L nosuperuser nobypassrls', :'runtime_password')
 where not exists (select 1 from pg_roles where rolname = 'hub_runtime') \gexec
select 'create role hub_app nologin nosuperuser nobypassrls'
 where not exists (select 1 from pg_roles where rolname = 'hub_app') \gexec
-- The runtime role may SET ROLE hub_app (each request does, inside its transaction) and nothing else.
grant hub_app to hub_runtime;
-- The administrator may hand the new database to the owner.
grant hub_owner to current_user;
select format('create database %I owner hub_owner', :'dbname')
 where not exists (select 1 from pg_database where datname = :'dbname') \gexec
select format('revoke all on database %I from public', :'dbname') \gexec
select format('grant connect on database %I to hub_runtime', :'dbname') \gexec
select format('grant connect, create on database %I to hub_owner', :'dbname') \gexec
