// Test databases: one PostgreSQL database per vitest worker (named for tests, refused
// otherwise), or an in-memory PGlite per subgraph.
import { Client } from "pg";

const BASE = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * This worker's database; with a tag, one of its own (a file whose hubs or processes outlive
 * other files' hubs on the same worker, which drop the worker database's schemas).
 */
export function workerDatabaseName(tag = ""): string {
  const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
  return `hub_test_w${tag}${worker}`;
}

/** Creates (if needed) this worker's database (or its tagged one) and drops the subgraph schemas in it. */
export async function freshPostgresDatabase(schemas: string[] = ["archive", "housing", "judicial"], tag = ""): Promise<string> {
  const base = new URL(BASE);
  if (!/test/.test(base.pathname)) throw new Error(`refusing to run tests against a database not named for tests: ${base.pathname}`);
  const name = workerDatabaseName(tag);
  const admin = new Client({ connectionString: BASE });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(BASE);
  url.pathname = `/${name}`;
  if (!/hub_test_/.test(url.pathname)) throw new Error("refusing a database not named for tests");
  const c = new Client({ connectionString: url.toString() });
  await c.connect();
  try {
    for (const s of schemas) await c.query(`drop schema if exists "${s}" cascade`);
  } finally {
    await c.end();
  }
  return url.toString();
}
