// One MikroORM instance per subgraph, each in its own PostgreSQL schema (or, embedded, its
// own PGlite database). Migrations are committed and applied at start; schema sync is never
// used outside tests.
import "reflect-metadata";
import { DefaultLogger, IsolationLevel, LoggerOptions, MikroORM, type EntityClass, type LogContext, type LoggerNamespace, type MigrationObject } from "@mikro-orm/core";
import { PostgreSqlDriver } from "@mikro-orm/postgresql";
import "./pg-cork";
import { Migrator } from "@mikro-orm/migrations";
import { PGlite } from "@electric-sql/pglite";
import type { PGliteDriver as PGliteDriverClass } from "mikro-orm-pglite" with { "resolution-mode": "import" };

// mikro-orm-pglite ships CommonJS beside its ESM build; its types are declared as ESM only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PGliteDriver } = require("mikro-orm-pglite") as { PGliteDriver: typeof PGliteDriverClass };
import fs from "node:fs";
import path from "node:path";
import type { SubgraphName } from "../config";
import { APP_ROLE } from "./least-privilege";

export interface SubgraphDbSpec {
  name: SubgraphName;
  entities: EntityClass<unknown>[];
  migrations: MigrationObject[];
}

export type DbTarget =
  | { kind: "postgres"; url: string }
  /** dataDir undefined: in memory (tests). */
  | { kind: "pglite"; dataDir?: string };

/** Counts SQL statements (used by the statement-count test and by debug logging). */
export class StatementCounter {
  count = 0;
  readonly statements: string[] = [];
  constructor(private readonly keep = false) {}
  record(sql: string) {
    this.count++;
    if (this.keep) this.statements.push(sql);
  }
  reset() {
    this.count = 0;
    this.statements.length = 0;
  }
}

class CountingLogger extends DefaultLogger {
  constructor(
    options: LoggerOptions,
    private readonly counter?: StatementCounter,
    private readonly echo = false,
  ) {
    super(options);
  }
  override isEnabled(namespace: LoggerNamespace, context?: LogContext): boolean {
    return namespace === "query" ? true : super.isEnabled(namespace, context);
  }
  override logQuery(context: { query: string } & LogContext): void {
    this.counter?.record(context.query);
    if (this.echo) super.logQuery(context);
  }
  override log(namespace: LoggerNamespace, message: string, context?: LogContext): void {
    if (namespace === "query" && !this.echo) return;
    super.log(namespace, message, context);
  }
}

export interface OpenedDb {
  orm: MikroORM;
  close(): Promise<void>;
}

export interface OpenOptions {
  counter?: StatementCounter;
  debugSql?: boolean;
  poolMax?: number;
  /**
   * The explicit system scope of the hub's own commands (`seed`): every connection of the pool
   * runs as the application role and sees every division. Never used by the services.
   */
  systemScope?: boolean;
}

export async function openSubgraphDb(spec: SubgraphDbSpec, target: DbTarget, options: OpenOptions = {}): Promise<OpenedDb> {
  const common = {
    entities: spec.entities,
    schema: spec.name,
    extensions: [Migrator],
    discovery: { warnWhenNoEntities: true },
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ensureDatabase: false,
    loggerFactory: (o: LoggerOptions) => new CountingLogger(o, options.counter, options.debugSql),
    migrations: {
      tableName: "mikro_orm_migrations",
      migrationsList: spec.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      silent: true,
      emit: "ts" as const,
    },
  };
  if (target.kind === "postgres") {
    const orm = await MikroORM.init({
      ...common,
      driver: PostgreSqlDriver,
      clientUrl: target.url,
      pool: {
        min: 0,
        max: options.poolMax ?? 10,
        ...(options.systemScope
          ? {
              afterCreate: (conn: { query: (sql: string, cb: (err: unknown) => void) => void }, done: (err: unknown, conn: unknown) => void) =>
                conn.query(`select set_config('hub.divisions', '*', false), set_config('role', '${APP_ROLE}', false)`, (err) => done(err, conn)),
            }
          : {}),
      },
    });
    return { orm, close: () => orm.close(true) };
  }
  if (target.dataDir) fs.mkdirSync(target.dataDir, { recursive: true });
  const pglite = new PGlite(target.dataDir);
  // Dates (OID 1082) stay 'YYYY-MM-DD' strings, as node-postgres gives them under MikroORM.
  (pglite as unknown as { parsers: Record<number, (value: string) => unknown> }).parsers[1082] = (value) => value;
  await pglite.waitReady;
  const orm = await MikroORM.init({
    ...common,
    driver: PGliteDriver,
    dbName: "postgres",
    driverOptions: { connection: { pglite: () => pglite } },
  });
  return {
    orm,
    close: async () => {
      await orm.close(true);
      await pglite.close();
    },
  };
}

/** Committed migrations not recorded in the schema's migrations table; null when it cannot be read. */
export async function pendingMigrations(orm: MikroORM): Promise<string[] | null> {
  const schema = orm.config.get("schema") ?? "public";
  const migrations = orm.config.get("migrations");
  const strip = (n: string) => n.replace(/\.[cm]?[jt]s$/, "");
  const expected = (migrations.migrationsList ?? []).map((m) => strip(m.name));
  try {
    const rows = (await orm.em.fork().getConnection().execute(`select name from "${schema}"."${migrations.tableName ?? "mikro_orm_migrations"}"`)) as { name: string }[];
    const applied = new Set(rows.map((r) => strip(r.name)));
    return expected.filter((n) => !applied.has(n));
  } catch {
    return null;
  }
}

/** Creates the subgraph's schema if needed and applies pending migrations. */
export async function migrate(db: OpenedDb, schema: string): Promise<string[]> {
  await db.orm.em.getConnection().execute(`create schema if not exists "${schema}"`);
  const done = await db.orm.getMigrator().up();
  return done.map((m) => m.name);
}

export function pgliteDir(dataDir: string, subgraph: SubgraphName): string {
  return path.join(dataDir, subgraph);
}

/**
 * Raw SQL through an EntityManager, inside its transaction when it has one (a request's read
 * scope runs in one; on the embedded database a second connection would wait forever).
 */
export function sqlQuery<T>(em: import("@mikro-orm/core").EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return (em as unknown as import("@mikro-orm/postgresql").EntityManager).execute(sql, params as never[], "all") as Promise<T[]>;
}

/** Runs the rest of the transaction as the application role with these divisions (both settings end with it). */
function setScope(em: import("@mikro-orm/core").EntityManager, divisions: "*" | readonly string[]): Promise<unknown> {
  return sqlQuery(em, `select set_config('hub.divisions', ?, true), set_config('role', ?, true)`, [divisions === "*" ? "*" : divisions.join(","), APP_ROLE]);
}

/**
 * Opens the request's scope (R8.4): one transaction that runs as the application role with the
 * divisions the caller may touch, so that row-level security hides (and refuses writes to) every
 * other family. A query reads one snapshot, read only (a family moved by a concurrent write is
 * seen before or after the move, never half); a mutation writes in one transaction. If the scope
 * cannot be set, the transaction is rolled back at once (no connection is left in it).
 */
export async function beginScope(em: import("@mikro-orm/core").EntityManager, divisions: "*" | readonly string[], mode: "read" | "write"): Promise<void> {
  await em.begin(mode === "read" ? { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true } : {});
  try {
    await setScope(em, divisions);
  } catch (e) {
    await em.rollback().catch(() => undefined);
    throw e;
  }
}

/**
 * A transaction of its own (a fresh connection, committed when `fn` returns) under an explicit
 * scope: for long batch work of a request (rescoring a province) that must not hold every row
 * lock until the request ends.
 */
export async function scopedTransaction<T>(em: import("@mikro-orm/core").EntityManager, divisions: "*" | readonly string[], fn: (tx: import("@mikro-orm/core").EntityManager) => Promise<T>): Promise<T> {
  // The embedded database has one connection: a second transaction would wait for the request's
  // forever, so there the batch is a savepoint of the request's transaction.
  const embedded = em.getDriver() instanceof PGliteDriver;
  return em.fork(embedded ? { keepTransactionContext: true } : {}).transactional(async (tx) => {
    await setScope(tx, divisions);
    return fn(tx);
  });
}

/**
 * Readiness (R8.4): the application role can read and write this schema — and, where rows are
 * under row-level security, a write inside the scope passes and one outside it is refused. A
 * transaction that is always rolled back; null when ready, else the reason.
 */
export async function probeApplicationRole(orm: MikroORM, schema: string, rowSecurity: boolean): Promise<string | null> {
  const em = orm.em.fork();
  try {
    await em.begin();
  } catch {
    return "database unavailable";
  }
  try {
    await sqlQuery(em, `select set_config('role', ?, true), set_config('hub.divisions', '420100', true)`, [APP_ROLE]);
    await sqlQuery(em, `select 1 from "${schema}"."mikro_orm_migrations" limit 1`);
    await sqlQuery(em, `insert into "${schema}"."readiness_probe" ("division_code") values ('420100')`);
    if (rowSecurity) {
      await sqlQuery(em, "savepoint outside_scope");
      let refused = false;
      try {
        await sqlQuery(em, `insert into "${schema}"."readiness_probe" ("division_code") values ('420600')`);
      } catch {
        refused = true;
      }
      await sqlQuery(em, "rollback to savepoint outside_scope");
      if (!refused) return "row-level security does not hold for the application role";
    }
    return null;
  } catch (e) {
    return `the application role cannot read and write: ${(e as { code?: string }).code ?? "error"}`;
  } finally {
    await em.rollback().catch(() => undefined);
  }
}

/**
 * What makes the login role unfit to run a service in production (R8.4: no superuser, no
 * BYPASSRLS, no DDL, a member of the application role); empty when fit.
 */
export async function runtimeRoleProblems(orm: MikroORM, schema: string): Promise<string[]> {
  const [r] = await sqlQuery<{ user: string; super: boolean; bypass: boolean; create: boolean; member: boolean }>(
    orm.em.fork(),
    `select current_user as "user", r.rolsuper as super, r.rolbypassrls as bypass,
            has_schema_privilege(current_user, ?, 'CREATE') as "create",
            exists (select 1 from pg_roles a where a.rolname = ?) and pg_has_role(current_user, ?, 'MEMBER') as member
       from pg_roles r where r.rolname = current_user`,
    [schema, APP_ROLE, APP_ROLE],
  );
  const problems: string[] = [];
  if (!r) return ["未能读取当前数据库角色"];
  if (r.super) problems.push(`数据库角色 ${r.user} 是超级用户`);
  if (r.bypass) problems.push(`数据库角色 ${r.user} 有 BYPASSRLS（可绕过行级安全）`);
  if (r.create) problems.push(`数据库角色 ${r.user} 可在模式 ${schema} 中建表（DDL 应只由属主角色执行 hub migrate）`);
  if (!r.member) problems.push(`数据库角色 ${r.user} 不是应用角色 ${APP_ROLE} 的成员（执行 hub migrate --runtime-role ${r.user}，或 GRANT ${APP_ROLE} TO ${r.user}）`);
  return problems;
}
