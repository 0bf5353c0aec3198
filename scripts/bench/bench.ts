// `npm run bench` (issue 12): a fair side-by-side benchmark. Every service runs as its own
// process (`hub serve …`, as in production, as an ordinary database role), the load comes from
// a separate process (autocannon), and in the same run the same workloads go to
//   - the floor: the SQL the operation needs over plain node:http + pg,
//   - the archive subgraph called directly (signed),
//   - the hub gateway (authorization and audit on), and the same gateway with both off
//     (HUB_BENCH_WITHOUT_AUTHORIZATION, refused outside development) to price them,
//   - Apollo Gateway 2 on the same supergraph and subgraphs, signing like the hub's gateway.
// It prints one table per workload: req/s, p50, p99, errors, CPU ms per request of each process,
// RSS, and the ratios to the floor and to Apollo Gateway.
//   npm run bench [-- --families 200000 --seconds 10 --connections 20 --only CreditCheck,PublicList --soak]
// Data: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hub_bench, created if
// missing; seeded set-based once and kept between runs).
import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { Client } from "pg";
import { loadConfig, SUBGRAPHS } from "../../src/config";
import { signToken } from "../../src/auth/jwt";
import { freePort } from "../free-port";
import { BENCH_PARTNER, ensureBenchData } from "./seed";
import { InternalClient } from "../../src/gateway/internal-client";
import { schemaDir } from "../../src/gateway/compose";
import type { LoadResult, LoadSpec } from "./load";

// Works from scripts/ and from dist/scripts/.
const ROOT = path.dirname(schemaDir());
const CLI = path.join(ROOT, "dist/src/cli/hub.js");
const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const FAMILIES = Number(opt("families", "200000"));
const SECONDS = Number(opt("seconds", "10"));
const CONNECTIONS = Number(opt("connections", "20"));
const ONLY = opt("only", "").split(",").filter(Boolean);
const SOAK = argv.includes("--soak");
const ENGINES = opt("engines", "").split(",").filter(Boolean);
const OWNER_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/hub_bench";
const RUNTIME_ROLE = "hub_bench_runtime";
// The services reach PostgreSQL over its Unix socket when it is on this machine (as a deployment
// on one host should: over loopback TCP each write costs the sender the whole receive path).
const SOCKET_DIR = process.env.BENCH_PG_SOCKET_DIR ?? "/var/run/postgresql";
const useSocket = fs.existsSync(path.join(SOCKET_DIR, ".s.PGSQL.5432")) && ["127.0.0.1", "localhost"].includes(new URL(OWNER_URL).hostname);
const viaSocket = (url: URL) => (useSocket ? `postgres://${url.username}@${encodeURIComponent(SOCKET_DIR)}${url.pathname}` : url.toString());
const runtimeUrl = viaSocket(Object.assign(new URL(OWNER_URL), { username: RUNTIME_ROLE, password: "" }));
const floorUrl = viaSocket(new URL(OWNER_URL));
const CLK_TCK = 100;

// ---------------------------------------------------------------------------------------
// Processes

function start(name: string, script: string, args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    // BENCH_PROFILE=archive,gateway: CPU profiles of those services (in bench-profiles/).
    const profile = (process.env.BENCH_PROFILE ?? "").split(",").includes(name) ? ["--cpu-prof", `--cpu-prof-dir=${path.join(ROOT, "bench-profiles")}`] : [];
    const child = spawn(process.execPath, [...profile, script, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${out}`)), 60_000);
    const onData = (d: Buffer) => {
      out += d;
      if (ready.test(out)) {
        clearTimeout(timer);
        child.stdout!.off("data", onData);
        child.stderr!.off("data", onData);
        child.stdout!.resume();
        child.stderr!.on("data", (e: Buffer) => process.stderr.write(`[${name}] ${e}`));
        resolve(child);
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`${name} exited ${code}:\n${out}`)));
  });
}

function cpuTicks(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return 0;
  }
}

function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** Every PostgreSQL server process (backends included): the database's share of the CPU. */
function postgresPids(): number[] {
  return fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
    } catch {
      return false;
    }
  });
}

function cpuOf(pids: number[]): Map<number, number> {
  return new Map(pids.map((pid) => [pid, cpuTicks(pid)]));
}

/** CPU ticks used between two readings by the processes alive at both (a process that ended is left out). */
function cpuUsed(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0;
  for (const [pid, t] of after) {
    const b = before.get(pid);
    if (b !== undefined && t >= b && t > 0) sum += t - b;
  }
  return sum;
}

async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const file = path.join(os.tmpdir(), `hub-bench-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(file, JSON.stringify(spec));
  try {
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, [path.join(__dirname, "load.js"), file], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout))),
    );
    return JSON.parse(out.trim().split("\n").pop()!) as LoadResult;
  } finally {
    fs.rmSync(file, { force: true });
  }
}

// ---------------------------------------------------------------------------------------
// Workloads

const contract = fs.readFileSync(path.join(ROOT, "schema/contract/operations.graphql"), "utf8");
function contractOperation(name: string): string {
  const start = contract.search(new RegExp(`^(query|mutation) ${name}\\b`, "m"));
  if (start < 0) throw new Error(`contract operation ${name} not found`);
  let depth = 0;
  for (let i = contract.indexOf("{", start); i < contract.length; i++) {
    if (contract[i] === "{") depth++;
    if (contract[i] === "}" && --depth === 0) return contract.slice(start, i + 1);
  }
  throw new Error(`contract operation ${name} is not closed`);
}

const FAMILY_PAGE = `query FamilyPage($after: String) {
  families(first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { node { id division { code } members { name idNumber relation } tenancy { unitAddress leaseStart monthsInArrears } judicial { caseNumber court kind decidedOn } } }
  }
}`;

interface Workload {
  name: string;
  label: string;
  /** GraphQL document and variables per request (hub gateway, Apollo, archive direct). */
  graphql: { query: string; operationName: string; variables: Record<string, unknown>[] };
  /** The floor's route and variables. */
  floor: { route: string; variables: Record<string, unknown>[] };
  /** Token of the caller (null: anonymous). */
  token: string | null;
  /** Engines that take part. */
  engines: Engine[];
}

type Engine = "floor" | "archive" | "hub" | "hub-no-authz" | "apollo";
const ENGINE_LABEL: Record<Engine, string> = {
  floor: "plain SQL over HTTP (floor)",
  archive: "archive subgraph direct (signed)",
  hub: "hub gateway",
  "hub-no-authz": "hub gateway, authz+audit off",
  apollo: "Apollo Gateway 2.14",
};

const b64 = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString("base64url");

async function sampleInputs() {
  const c = new Client({ connectionString: OWNER_URL });
  await c.connect();
  try {
    const ids = (await c.query<{ id_number: string }>(`select "id_number" from "archive"."family_member" tablesample system (2) limit 5000`)).rows.map((r) => r.id_number);
    // Random cursors: any UUID (the page starts after it), any (since, id) of the list.
    const familyCursors = Array.from({ length: 5000 }, () => b64([crypto.randomUUID()]));
    const listCursors = (await c.query<{ since: string; id: string }>(`select to_char("since", 'YYYY-MM-DD') as since, "id" from "archive"."list_entry" tablesample system (20) where "kind" = 'JOINT_PUNISHMENT' and "status" = 'LISTED' limit 5000`)).rows.map((r) => b64([r.since, r.id]));
    return { ids, familyCursors, listCursors };
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------

interface Row {
  engine: Engine;
  result: LoadResult;
  cpuMsPerRequest: Record<string, number>;
  rssMb: Record<string, number>;
}

function fmt(n: number, digits = 0): string {
  return Number.isFinite(n) ? n.toFixed(digits) : "—";
}

function printTable(w: Workload, rows: Row[]): string {
  const floor = rows.find((r) => r.engine === "floor")?.result.rps;
  const apollo = rows.find((r) => r.engine === "apollo")?.result.rps;
  const lines = [
    `### ${w.label}`,
    "",
    "| engine | req/s | p50 ms | p99 ms | errors | CPU ms/req (engine · archive · housing · judicial · PostgreSQL) | RSS MB (engine · archive) | × floor | × Apollo |",
    "|---|---:|---:|---:|---:|---|---|---:|---:|",
  ];
  for (const r of rows) {
    const c = r.cpuMsPerRequest;
    lines.push(
      `| ${ENGINE_LABEL[r.engine]} | ${fmt(r.result.rps)} | ${fmt(r.result.p50, 1)} | ${fmt(r.result.p99, 1)} | ${r.result.errors} | ${[c.engine, c.archive, c.housing, c.judicial, c.postgres].map((v) => fmt(v ?? NaN, 2)).join(" · ")} | ${fmt(r.rssMb.engine ?? NaN)} · ${fmt(r.rssMb.archive ?? NaN)} | ${floor ? fmt(r.result.rps / floor, 2) : "—"} | ${apollo ? fmt(r.result.rps / apollo, 2) : "—"} |`,
    );
  }
  for (const r of rows) if (r.result.firstError) lines.push("", `first error (${ENGINE_LABEL[r.engine]}): ${r.result.firstError}`);
  return lines.join("\n");
}

async function main() {
  const admin = new Client({ connectionString: Object.assign(new URL(OWNER_URL), { pathname: "/postgres" }).toString() });
  await admin.connect();
  const dbName = new URL(OWNER_URL).pathname.slice(1);
  if (!(await admin.query("select 1 from pg_database where datname = $1", [dbName])).rowCount) await admin.query(`create database "${dbName}"`);
  await admin.end();
  const data = await ensureBenchData(OWNER_URL, FAMILIES, RUNTIME_ROLE, (l) => console.log(l));
  if (data.seededNow) console.log(`  已写入 ${data.seededNow} 户，${data.seconds.toFixed(1)} 秒（${fmt(data.familiesPerSecond ?? NaN)} 户/秒）`);

  const ports = { gateway: await freePort(), noAuthz: await freePort(), apollo: await freePort(), floor: await freePort(), archive: await freePort(), housing: await freePort(), judicial: await freePort() };
  const env: Record<string, string> = {
    HUB_MODE: "development",
    HUB_LOG_LEVEL: "warn",
    DATABASE_URL: runtimeUrl,
    HUB_AUTO_MIGRATE: "0",
    HUB_DB_POOL_MAX: process.env.HUB_DB_POOL_MAX ?? "20",
    // The load comes from a few organisations: their rate limit (R8.4) is lifted for the measurement.
    HUB_RATE_LIMIT_PER_SECOND: "1000000",
    HUB_RATE_LIMIT_BURST: "1000000",
    PORT: String(ports.gateway),
    ARCHIVE_PORT: String(ports.archive),
    HOUSING_PORT: String(ports.housing),
    JUDICIAL_PORT: String(ports.judicial),
  };
  const config = loadConfig({ ...env });
  const services: Record<string, ChildProcess> = {};
  const stopAll = async () => {
    await Promise.all(
      Object.values(services).map(async (child) => {
        if (child.exitCode !== null) return;
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }),
    );
  };
  process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));
  try {
    for (const name of SUBGRAPHS) services[name] = await start(name, CLI, ["serve", name], env, /subgraph http/);
    services.hub = await start("gateway", CLI, ["serve", "gateway"], env, /gateway http/);
    services["hub-no-authz"] = await start("gateway-no-authz", CLI, ["serve", "gateway"], { ...env, PORT: String(ports.noAuthz), HUB_BENCH_WITHOUT_AUTHORIZATION: "1" }, /gateway http/);
    services.apollo = await start("apollo", path.join(__dirname, "apollo-gateway.js"), [], { ...env, PORT: String(ports.apollo) }, /apollo gateway http/);
    services.floor = await start("floor", path.join(__dirname, "floor.js"), [], { DATABASE_URL: floorUrl, PORT: String(ports.floor), BENCH_POOL_MAX: env.HUB_DB_POOL_MAX }, /floor http/);
    const urls: Record<Engine, string> = {
      floor: `http://127.0.0.1:${ports.floor}`,
      archive: config.subgraphUrls.archive,
      hub: `http://127.0.0.1:${ports.gateway}/graphql`,
      "hub-no-authz": `http://127.0.0.1:${ports.noAuthz}/graphql`,
      apollo: `http://127.0.0.1:${ports.apollo}/`,
    };
    const inputs = await sampleInputs();
    const partner = signToken({ sub: "bench-partner", org: BENCH_PARTNER, roles: ["CONSUMER"] }, config);
    const staff = signToken({ sub: "bench-operator", org: "HA-420000", roles: ["OPERATOR"] }, config);
    const partnerGrants = await grantsOf(config);
    const all: Engine[] = ["floor", "archive", "hub", "hub-no-authz", "apollo"];
    const gateways: Engine[] = ["floor", "hub", "hub-no-authz", "apollo"];
    const workloads: Workload[] = [
      {
        name: "CreditCheck",
        label: "contract `CreditCheck` (a partner department, random member ID numbers)",
        graphql: { query: contractOperation("CreditCheck"), operationName: "CreditCheck", variables: inputs.ids.map((idNumber) => ({ idNumber })) },
        floor: { route: "/credit-check", variables: inputs.ids.map((idNumber) => ({ idNumber })) },
        token: partner,
        engines: all,
      },
      {
        name: "FamilyPage",
        label: "50 families with members, tenancy and judicial records (province staff, random cursors)",
        graphql: { query: FAMILY_PAGE, operationName: "FamilyPage", variables: inputs.familyCursors.map((after) => ({ after })) },
        floor: { route: "/families", variables: inputs.familyCursors.map((after) => ({ after })) },
        token: staff,
        engines: gateways,
      },
      {
        name: "CreditList",
        label: "contract `CreditList`, 20 rows of the joint-punishment list (province staff, random cursors)",
        graphql: { query: contractOperation("CreditList"), operationName: "CreditList", variables: inputs.listCursors.map((after) => ({ kind: "JOINT_PUNISHMENT", first: 20, after })) },
        floor: { route: "/credit-list", variables: inputs.listCursors.map((after) => ({ kind: "JOINT_PUNISHMENT", after })) },
        token: staff,
        engines: gateways,
      },
      {
        name: "PublicList",
        label: "contract `PublicList` (anonymous portal visitors, the same page of 武汉市)",
        graphql: { query: contractOperation("PublicList"), operationName: "PublicList", variables: [{ kind: "JOINT_PUNISHMENT", divisionCode: "420100", first: 20 }] },
        floor: { route: "/public-list", variables: [{ kind: "JOINT_PUNISHMENT", divisionCode: "420100" }] },
        token: null,
        engines: ["floor", "hub", "apollo"],
      },
    ].filter((w) => !ONLY.length || ONLY.includes(w.name)) as Workload[];

    const report: string[] = [
      `Measured ${new Date().toISOString()} on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "cpu"}), Node ${process.version}; ${data.families} families on PostgreSQL (${useSocket ? "Unix socket" : "TCP"}); ${CONNECTIONS} connections, ${SECONDS} s per cell after a 3 s warm-up; every service and the load generator in its own process.`,
    ];
    console.log(report[0]);
    for (const w of workloads) {
      const rows: Row[] = [];
      for (const engine of w.engines.filter((e) => !ENGINES.length || ENGINES.includes(e))) {
        const spec = (seconds: number): LoadSpec => {
          const floor = engine === "floor";
          const vars = floor ? w.floor.variables : w.graphql.variables;
          const bodies = vars.map((variables) => JSON.stringify(floor ? { variables } : { query: w.graphql.query, operationName: w.graphql.operationName, variables }));
          return {
            url: floor ? `${urls.floor}${w.floor.route}` : urls[engine],
            headers: !floor && w.token && engine !== "archive" ? { authorization: `Bearer ${w.token}` } : {},
            bodies,
            connections: CONNECTIONS,
            seconds,
            ...(engine === "archive"
              ? { sign: { key: config.signingKeys[0], caller: { sub: "bench-partner", org: BENCH_PARTNER, roles: ["CONSUMER"], grants: partnerGrants }, audience: "archive" } }
              : {}),
          } as LoadSpec;
        };
        await runLoad(spec(3));
        const watched: Record<string, number[]> = {
          engine: engine === "archive" ? [] : [services[engine].pid!],
          archive: [services.archive.pid!],
          housing: [services.housing.pid!],
          judicial: [services.judicial.pid!],
          postgres: postgresPids(),
        };
        const before = Object.fromEntries(Object.entries(watched).map(([k, pids]) => [k, cpuOf(pids)]));
        const result = await runLoad(spec(SECONDS));
        const cpuMsPerRequest = Object.fromEntries(Object.entries(watched).map(([k, pids]) => [k, pids.length ? (cpuUsed(before[k], cpuOf(pids)) * (1000 / CLK_TCK)) / Math.max(1, result.requests) : NaN]));
        const rss = { engine: engine === "archive" ? NaN : rssMb(services[engine].pid!), archive: rssMb(services.archive.pid!) };
        rows.push({ engine, result, cpuMsPerRequest, rssMb: rss });
        console.log(`  ${w.name} · ${ENGINE_LABEL[engine]}: ${fmt(result.rps)} req/s, p99 ${fmt(result.p99, 1)} ms, errors ${result.errors}`);
      }
      if (w.name === "CreditCheck") {
        // p99 at a steady offered load (the partner-facing latency target).
        const steady = await runLoad({
          url: urls.hub,
          headers: { authorization: `Bearer ${w.token}` },
          bodies: w.graphql.variables.map((variables) => JSON.stringify({ query: w.graphql.query, operationName: w.graphql.operationName, variables })),
          connections: CONNECTIONS,
          seconds: SECONDS,
          rate: 200,
        });
        report.push(`\nhub gateway, CreditCheck at 200 req/s offered: p50 ${fmt(steady.p50, 1)} ms, p99 ${fmt(steady.p99, 1)} ms, errors ${steady.errors}`);
      }
      const table = printTable(w, rows);
      report.push("", table);
      console.log(`\n${table}\n`);
    }
    if (!ONLY.length || ONLY.includes("Export")) report.push("", await exportRun(urls.hub, services.hub.pid!, env));
    if (SOAK) report.push("", await soak(urls.hub, services.hub.pid!, workloads.find((w) => w.name === "CreditCheck")!));
    const file = path.join(ROOT, "bench-results.md");
    fs.writeFileSync(file, `${report.join("\n")}\n`);
    console.log(`\n${report.slice(1).join("\n")}\n\n(written to ${path.relative(process.cwd(), file)})`);
  } finally {
    await stopAll();
  }
}

function grantsOf(config: ReturnType<typeof loadConfig>) {
  return new InternalClient(config.subgraphUrls.archive, config.signingKeys[0]).grantsInForce(BENCH_PARTNER, "bench");
}

/** A list export of the warning list (≥ 100,000 rows) through the hub gateway, as staff run it. */
async function exportRun(gatewayUrl: string, gatewayPid: number, env: Record<string, string>): Promise<string> {
  const out = path.join(os.tmpdir(), `hub-bench-export-${process.pid}.csv`);
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, "exchange", "export", "--list", "WARNING", "--out", out], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: new URL(gatewayUrl).port },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let peakExport = 0;
  let peakGateway = 0;
  const rssSamples: number[] = [];
  const timer = setInterval(() => {
    peakExport = Math.max(peakExport, rssMb(child.pid!));
    const g = rssMb(gatewayPid);
    peakGateway = Math.max(peakGateway, g);
    rssSamples.push(rssMb(child.pid!));
  }, 250);
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d));
  child.stderr!.on("data", (d: Buffer) => (log += d));
  const code = await new Promise<number | null>((r) => child.once("exit", r));
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) return `### Export\n\nexport failed (${code}): ${log.slice(-500)}`;
  const rows = fs.readFileSync(out, "utf8").split("\n").filter(Boolean).length - 1;
  fs.rmSync(out, { force: true });
  const quarter = rssSamples.slice(Math.floor(rssSamples.length / 4));
  const line = `### Export\n\n\`hub exchange export --list WARNING\` (CSV, through the hub gateway): ${rows} rows in ${seconds.toFixed(1)} s = ${fmt(rows / seconds)} rows/s; export process RSS peak ${fmt(peakExport)} MB (after the first quarter ${fmt(Math.min(...quarter))}–${fmt(Math.max(...quarter))} MB), gateway RSS peak ${fmt(peakGateway)} MB`;
  console.log(line);
  return line;
}

/** Five minutes of CreditCheck at full load: throughput and gateway RSS per minute. */
async function soak(gatewayUrl: string, gatewayPid: number, w: Workload): Promise<string> {
  const lines = ["### Soak: CreditCheck through the hub gateway for 5 minutes", "", "| minute | req/s | gateway RSS MB at its end |", "|---:|---:|---:|"];
  const rss: number[] = [];
  const timer = setInterval(() => rss.push(rssMb(gatewayPid)), 60_000);
  const result = await runLoad({
    url: gatewayUrl,
    headers: { authorization: `Bearer ${w.token}` },
    bodies: w.graphql.variables.map((variables) => JSON.stringify({ query: w.graphql.query, operationName: w.graphql.operationName, variables })),
    connections: CONNECTIONS,
    seconds: 300,
  });
  clearInterval(timer);
  const perMinute: number[] = [];
  for (let m = 0; m < 5; m++) perMinute.push(result.perSecond.slice(m * 60, m * 60 + 60).reduce((a, b) => a + b, 0) / 60);
  perMinute.forEach((r, m) => lines.push(`| ${m + 1} | ${fmt(r)} | ${fmt(rss[m] ?? rssMb(gatewayPid))} |`));
  lines.push("", `minute 5 / minute 1: ${fmt(perMinute[4] / perMinute[0], 2)}; errors ${result.errors}`);
  const text = lines.join("\n");
  console.log(text);
  return text;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
