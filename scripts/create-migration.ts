// Dev tool: diff a subgraph's entities against its migrated schema on a scratch PostgreSQL
// database and write a new migration file. Usage (after npm run build):
//   node dist/scripts/create-migration.js <archive|housing|judicial>
import path from "node:path";
import { migrate, openSubgraphDb } from "../src/db/orm";
import { subgraphDbs } from "../src/subgraphs/registry";
import type { SubgraphName } from "../src/config";

async function main() {
  const name = process.argv[2] as SubgraphName;
  const spec = subgraphDbs[name];
  if (!spec) throw new Error("usage: create-migration <archive|housing|judicial>");
  const url = process.env.SCRATCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/hub_scratch";
  const db = await openSubgraphDb(spec, { kind: "postgres", url });
  try {
    // Only this subgraph's schema may exist in the scratch database, or the diff would drop the others.
    for (const other of Object.keys(subgraphDbs)) await db.orm.em.getConnection().execute(`drop schema if exists "${other}" cascade`);
    await migrate(db, name);
    const dir = path.resolve("src/subgraphs", name, "migrations");
    const migrator = db.orm.getMigrator();
    (migrator as unknown as { options: { path: string; pathTs: string } }).options.path = dir;
    (migrator as unknown as { options: { path: string; pathTs: string } }).options.pathTs = dir;
    const result = await migrator.createMigration(dir, false, spec.migrations.length === 0);
    if (!result.fileName) console.log("no changes");
    else console.log("wrote", path.join(dir, result.fileName), "\n", result.diff.up.join("\n"));
  } finally {
    await db.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
