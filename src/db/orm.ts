// One MikroORM instance per subgraph, each in its own PostgreSQL schema (or, embedded, its
// own PGlite database). Migrations are committed and applied at start; schema sync is never
// used outside tests.
import "reflect-metadata";
import { DefaultLogger, IsolationLevel, LoggerOptions, MikroORM, type EntityClass, type LogContext, type LoggerNamespace, type MigrationObject } from "@mikro-orm/core";
import { PostgreSqlDriver } from "@mikro-orm/postgresql";
import { Migrator } from "@mikro-orm/migrations";
import { PGlite } from "@electric-sql/pglite";
import type { PGliteDriver as PGliteDriverClass } from "mikro-orm-pglite" with { "resolution-mode": "import" };

// mikro-orm-pglite ships CommonJS beside its ESM build; its types are declared as ESM only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PGliteDriver } = require("mikro-orm-pglite") as { PGliteDriver: typeof PGliteDriverClass };
import fs from "node:fs";
import path from "node:path";
import type { SubgraphName } from "../config";

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
      pool: { min: 0, max: options.poolMax ?? 10 },
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

/** The application role of reads (SELECT only, no BYPASSRLS; R8.4). */
export const READ_ROLE = "hub_app";

/**
 * Opens the request's read scope (R8.4): a transaction that runs as the application role with
 * the caller's readable divisions, so row-level security hides every other family.
 */
export async function beginReadScope(em: import("@mikro-orm/core").EntityManager, divisions: "*" | readonly string[]): Promise<void> {
  // One snapshot for the whole request (a family moved by a concurrent write is seen before or
  // after the move, never half), and read only: a query cannot write.
  await em.begin({ isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
  // Both settings are local to the transaction (like SET LOCAL): the rollback ends them.
  await sqlQuery(em, `select set_config('hub.divisions', ?, true), set_config('role', ?, true)`, [divisions === "*" ? "*" : divisions.join(","), READ_ROLE]);
}
