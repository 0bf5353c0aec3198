// Benchmark: creditCheck (R6.2) at scale on PostgreSQL, side by side in one run —
// through the gateway, straight to the archive subgraph (signed), and the bare SQL it runs.
//   npm run bench:credit-check                  (1,000,000 families; HUB_BENCH_FAMILIES to change)
// Uses DATABASE_URL or postgres://postgres@127.0.0.1:5432/hub_bench (created if missing; kept
// between runs so that the seeding is paid once).
import { Client, Pool } from "pg";
import { loadConfig } from "../src/config";
import { startHub } from "../src/hub";
import { seedDemoData } from "../src/seed/seed";
import { signToken } from "../src/auth/jwt";
import { signRequest } from "../src/auth/subgraph-signature";
import { Family } from "../src/subgraphs/archive/entities/family.entity";

const FAMILIES = Number(process.env.HUB_BENCH_FAMILIES ?? 1_000_000);
const SECONDS = Number(process.env.HUB_BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.HUB_BENCH_CONCURRENCY ?? 20);
const BASE = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/hub_bench";

const CREDIT_CHECK = `query CreditCheck($idNumber: String!) {
  creditCheck(idNumber: $idNumber) { found family { id division { code } } score tier lists { kind status since until } measures { code name } suspendedByObjection }
}`;

async function ensureDatabase(url: string) {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  await admin.connect();
  const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
  if (!exists.rowCount) await admin.query(`create database "${name}"`);
  await admin.end();
}

async function load(name: string, run: (id: string) => Promise<void>, ids: string[], seconds = SECONDS) {
  const latencies: number[] = [];
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        const id = ids[i++ % ids.length];
        const t0 = performance.now();
        try {
          await run(id);
        } catch {
          errors++;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { name, rps: latencies.length / seconds, p50: pct(50), p99: pct(99), errors };
}

async function main() {
  await ensureDatabase(BASE);
  // The load comes from one organisation: lift its rate limit (R8.4) for the measurement.
  const config = loadConfig({ ...process.env, DATABASE_URL: BASE, HUB_MODE: "test", PORT: "0", ARCHIVE_PORT: "0", HOUSING_PORT: "0", JUDICIAL_PORT: "0", HUB_RATE_LIMIT_PER_SECOND: "1000000", HUB_RATE_LIMIT_BURST: "1000000" });
  const hub = await startHub(config, {
    subgraphs: ["archive", "housing", "judicial"],
    gateway: true,
    ephemeralPorts: true,
    dbOptions: () => ({ poolMax: 20 }),
    beforeListen: async (dbs) => {
      const em = dbs.archive!.orm.em.fork();
      const have = await em.count(Family, {});
      if (have < FAMILIES) {
        const started = Date.now();
        console.log(`seeding ${FAMILIES - have} families (have ${have}) …`);
        await seedDemoData(
          { archive: dbs.archive!.orm.em.fork(), housing: dbs.housing!.orm.em.fork(), judicial: dbs.judicial!.orm.em.fork() },
          { families: FAMILIES - have, seed: 20261126, today: "2026-11-26", startIndex: have, batchSize: 2000, onProgress: (n) => process.stdout.write(`\r  ${have + n}/${FAMILIES}`) },
        );
        console.log(`\n  seeded in ${((Date.now() - started) / 1000).toFixed(0)} s`);
        // Scores and list memberships for a share of the families, set-based.
        const c = em.getConnection();
        await c.execute(`insert into "archive"."family_credit" ("family_id", "division_code", "score", "tier", "rule_version", "computed_at")
          select "id", "division_code", 55, 'SEVERE', '420000-v1', now() from "archive"."family" where ('x' || substr(md5("id"::text), 1, 2))::bit(8)::int < 25
          on conflict do nothing`);
        await c.execute(`insert into "archive"."list_entry" ("id", "family_id", "division_code", "kind", "status", "step", "since", "until", "basis", "rule_version", "reminded_on", "reminder_deadline", "listed_on", "listed_until", "created_at", "updated_at", "version")
          select gen_random_uuid(), "family_id", "division_code", 'JOINT_PUNISHMENT', 'LISTED', 'LISTED', '2026-01-05', '2029-01-05', '{"recordIds":[],"reasons":["R6.3(3)"]}', '420000-v1', '2025-11-01', '2025-11-14', '2026-01-05', '2029-01-05', now(), now(), 1
            from "archive"."family_credit" fc where not exists (select 1 from "archive"."list_entry" le where le."family_id" = fc."family_id" and le."kind" = 'JOINT_PUNISHMENT' and le."status" <> 'REMOVED')`);
        await c.execute(`analyze "archive"."family"; analyze "archive"."family_member"; analyze "archive"."family_credit"; analyze "archive"."list_entry"`);
      }
    },
  });
  const pool = new Pool({ connectionString: BASE, max: CONCURRENCY });
  const sample = await pool.query<{ id_number: string }>(`select "id_number" from "archive"."family_member" tablesample system (1) limit 5000`);
  const ids = sample.rows.map((r) => r.id_number);
  const families = (await pool.query<{ n: string }>(`select count(*) as n from "archive"."family"`)).rows[0].n;
  const token = signToken({ sub: "bench", org: "HA-420000", roles: ["AUDITOR"] }, config);
  const body = (id: string) => JSON.stringify({ query: CREDIT_CHECK, variables: { idNumber: id } });
  const viaGateway = async (id: string) => {
    const r = await fetch(hub.gatewayUrl!, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: body(id) });
    const j = (await r.json()) as { errors?: unknown };
    if (j.errors) throw new Error(JSON.stringify(j.errors));
  };
  const caller = { sub: "bench", org: "HA-420000", roles: ["AUDITOR" as const] };
  const viaSubgraph = async (id: string) => {
    const b = JSON.stringify({ query: `query($idNumber: String!) { creditCheck(idNumber: $idNumber) { found score tier lists { kind status since until } measures { code name } suspendedByObjection } }`, variables: { idNumber: id } });
    const r = await fetch(hub.subgraphUrls.archive, { method: "POST", headers: { "content-type": "application/json", ...signRequest(config.signingKeys[0], caller, b, "archive") }, body: b });
    const j = (await r.json()) as { errors?: unknown };
    if (j.errors) throw new Error(JSON.stringify(j.errors));
  };
  const viaSql = async (id: string) => {
    const r = await pool.query(
      `select f."id", f."division_code", c."score", c."tier" from "archive"."family_member" m join "archive"."family" f on f."id" = m."family_id" left join "archive"."family_credit" c on c."family_id" = f."id" where m."id_number" = $1`,
      [id],
    );
    if (r.rows[0]) await pool.query(`select * from "archive"."list_entry" where "family_id" = $1 and "status" <> 'REMOVED'`, [r.rows[0].id]);
  };
  console.log(`\ncreditCheck on ${families} families, ${CONCURRENCY} concurrent callers, ${SECONDS} s each (2 cores, one Node process for hub and load):`);
  const results = [];
  for (const [name, fn] of [["bare SQL (2 statements)", viaSql], ["archive subgraph (signed)", viaSubgraph], ["gateway (CreditCheck contract op)", viaGateway]] as const) {
    await load(name, fn, ids.slice(0, 200), 2); // warm-up, discarded
    results.push(await load(name, fn, ids));
  }
  const base = results[0].rps;
  for (const r of results) console.log(`  ${r.name.padEnd(36)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50.toFixed(1)} ms  p99 ${r.p99.toFixed(1)} ms  errors ${r.errors}  (${(r.rps / base).toFixed(2)}× bare SQL)`);
  await pool.end();
  await hub.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
