// A/B benchmark of the contract CreditCheck: two builds of the hub (e.g. before and after a
// change), each started as its own process (`hub start` on its own PostgreSQL database, same demo
// data and seed), loaded in turn from this separate process, in alternating rounds, so that the
// two are measured side by side in one run.
//   git worktree add /tmp/hub-before <commit> && (cd /tmp/hub-before && ln -s $PWD/node_modules . && npx tsc -p tsconfig.build.json)
//   npm run bench:ab -- /tmp/hub-before .
// HUB_BENCH_FAMILIES (20000), HUB_BENCH_SECONDS (10 per round), HUB_BENCH_ROUNDS (3),
// HUB_BENCH_CONCURRENCY (20); databases hub_bench_ab_a / _b are kept between runs.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import jwt from "jsonwebtoken";
import { Client } from "pg";

const FAMILIES = Number(process.env.HUB_BENCH_FAMILIES ?? 20_000);
const SECONDS = Number(process.env.HUB_BENCH_SECONDS ?? 10);
const ROUNDS = Number(process.env.HUB_BENCH_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.HUB_BENCH_CONCURRENCY ?? 20);
const PG = process.env.HUB_BENCH_PG ?? "postgres://postgres@127.0.0.1:5432";
// The development token key (src/config.ts; both builds run in development mode on loopback).
const DEV_JWT_SECRET = process.env.HUB_JWT_SECRET ?? "hubei-credit-hub-development-secret-do-not-use-in-production";

const CREDIT_CHECK = `query CreditCheck($idNumber: String!) {
  creditCheck(idNumber: $idNumber) { found family { id division { code } } score tier lists { kind status since until } measures { code name } suspendedByObjection }
}`;

interface Side {
  name: string;
  dir: string;
  db: string;
  port: number;
  child?: ChildProcess;
}

async function ensureDatabase(name: string): Promise<void> {
  const admin = new Client({ connectionString: `${PG}/postgres` });
  await admin.connect();
  const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
  if (!exists.rowCount) await admin.query(`create database "${name}"`);
  await admin.end();
}

async function start(side: Side): Promise<void> {
  await ensureDatabase(side.db);
  const env = {
    ...process.env,
    DATABASE_URL: `${PG}/${side.db}`,
    HUB_MODE: "development",
    PORT: String(side.port),
    ARCHIVE_PORT: String(side.port + 1),
    HOUSING_PORT: String(side.port + 2),
    JUDICIAL_PORT: String(side.port + 3),
    HUB_SEED_FAMILIES: String(FAMILIES),
    HUB_RATE_LIMIT_PER_SECOND: "1000000",
    HUB_RATE_LIMIT_BURST: "1000000",
    HUB_LOG_LEVEL: "warn",
  };
  side.child = spawn(process.execPath, [path.join(side.dir, "dist/src/cli/hub.js"), "start"], { env, stdio: ["ignore", "ignore", "inherit"] });
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    if (side.child.exitCode !== null) throw new Error(`${side.name} exited with ${side.child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${side.port}/ready`);
      if (r.ok) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${side.name} not ready`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function load(side: Side, token: string, ids: string[], seconds: number) {
  const url = `http://127.0.0.1:${side.port}/graphql`;
  const latencies: number[] = [];
  let errors = 0;
  let i = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        const idNumber = ids[i++ % ids.length];
        const t0 = performance.now();
        try {
          const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: CREDIT_CHECK, variables: { idNumber } }) });
          const j = (await r.json()) as { errors?: unknown };
          if (!r.ok || j.errors) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return { rps: latencies.length / seconds, p50: pct(50), p99: pct(99), errors };
}

async function main() {
  const [a, b] = process.argv.slice(2);
  if (!a || !b) throw new Error("usage: bench-ab <dir A> <dir B>");
  const sides: Side[] = [
    { name: `A ${a}`, dir: path.resolve(a), db: "hub_bench_ab_a", port: 5100 },
    { name: `B ${b}`, dir: path.resolve(b), db: "hub_bench_ab_b", port: 5200 },
  ];
  try {
    for (const s of sides) {
      console.log(`starting ${s.name} (seeding ${FAMILIES} families the first time) …`);
      await start(s);
    }
    const c = new Client({ connectionString: `${PG}/${sides[0].db}` });
    await c.connect();
    const ids = (await c.query<{ id_number: string }>(`select "id_number" from "archive"."family_member" order by md5("id_number") limit 5000`)).rows.map((r) => r.id_number);
    await c.end();
    const token = jwt.sign({ org: "HA-420000", roles: ["AUDITOR"] }, DEV_JWT_SECRET, { algorithm: "HS256", subject: "bench", issuer: "hubei-credit-hub", expiresIn: 3600 });
    for (const s of sides) await load(s, token, ids.slice(0, 200), 3); // warm-up
    const results: Record<string, { rps: number; p50: number; p99: number; errors: number }[]> = { A: [], B: [] };
    for (let r = 0; r < ROUNDS; r++) {
      for (const [k, s] of [["A", sides[0]], ["B", sides[1]]] as const) {
        const m = await load(s, token, ids, SECONDS);
        results[k].push(m);
        console.log(`round ${r + 1} ${k}: ${m.rps.toFixed(0)} req/s  p50 ${m.p50.toFixed(1)} ms  p99 ${m.p99.toFixed(1)} ms  errors ${m.errors}`);
      }
    }
    const mean = (l: { rps: number }[]) => l.reduce((x, y) => x + y.rps, 0) / l.length;
    console.log(`\nCreditCheck, ${FAMILIES} families on PostgreSQL, ${CONCURRENCY} connections, ${ROUNDS} alternating rounds of ${SECONDS} s:`);
    console.log(`  A ${a}: ${mean(results.A).toFixed(0)} req/s`);
    console.log(`  B ${b}: ${mean(results.B).toFixed(0)} req/s  (${(mean(results.B) / mean(results.A)).toFixed(2)}× A)`);
  } finally {
    for (const s of sides) s.child?.kill("SIGTERM");
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
