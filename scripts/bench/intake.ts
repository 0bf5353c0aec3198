// `npm run bench:intake` (issue 14): 100,000 rent-ledger lines from a CSV file through the
// gateway, by the same code path as `hub import` (src/jobs/intake/), against a hub started in
// this process on real PostgreSQL. First the seeded demo families' tenancies are loaded through
// importTenancies (a CSV too); then the ledger file twice: the first run inserts every line, the
// second finds every line unchanged. Prints rows/s, the peak RSS and RSS before and after each
// run (sampled every 50 ms: the process holds the hub too, so the figures are the client's and
// the server's together). Figures are printed, not asserted.
//   npm run bench:intake [-- --rows 100000 --families 10000]
// Data: BENCH_INTAKE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/hub_bench_intake,
// created if missing; its subgraph schemas are dropped at each run).
import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import { loadConfig } from "../../src/config";
import { startHub } from "../../src/hub";
import { signToken } from "../../src/auth/jwt";
import { seedDemoData } from "../../src/seed/seed";
import { generateFamilies } from "../../src/seed/demo-data";
import { shanghaiDate } from "../../src/domain/credit/dates";
import { csvLine } from "../../src/jobs/intake/csv";
import { runImport } from "../../src/jobs/intake/cli";
import { silentProgress } from "../../src/jobs/intake/progress";
import { configureLogging } from "../../src/observability/logger";

const argv = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const ROWS = Number(opt("rows", "100000"));
const FAMILIES = Number(opt("families", "10000"));
const URL_ = process.env.BENCH_INTAKE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/hub_bench_intake";
const SEED = 20261126;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function freshDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/bench/.test(name)) throw new Error(`refusing a database not named for benchmarks: ${name}`);
  const admin = new Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
  await admin.connect();
  try {
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    for (const s of ["archive", "housing", "judicial"]) await c.query(`drop schema if exists "${s}" cascade`);
  } finally {
    await c.end();
  }
}

/** RSS sampled every 50 ms while `fn` runs. */
async function sampled<T>(fn: () => Promise<T>): Promise<{ value: T; before: number; peak: number; after: number; seconds: number }> {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const t0 = process.hrtime.bigint();
  try {
    const value = await fn();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const after = process.memoryUsage().rss;
    return { value, before, peak: Math.max(peak, after), after, seconds };
  } finally {
    clearInterval(timer);
  }
}

async function main() {
  const today = shanghaiDate(new Date());
  console.log(`intake benchmark: ${ROWS.toLocaleString()} rent-ledger lines, ${FAMILIES.toLocaleString()} demo families, ${os.cpus().length} CPUs, Node ${process.versions.node}`);
  await freshDatabase(URL_);
  // The hub's per-request log lines would drown the figures.
  configureLogging({ level: "warn" });
  const config = loadConfig({
    HUB_MODE: "test",
    HUB_SUBGRAPH_KEYS: `b1:${randomBytes(24).toString("base64url")}`,
    HUB_PUBLIC_LIST_MAX_AGE: "0",
    HUB_SCHEDULER: "0",
    HUB_SEED_FAMILIES: "0",
    DATABASE_URL: URL_,
  } as NodeJS.ProcessEnv);
  const hub = await startHub(config, { subgraphs: ["archive", "housing", "judicial"], gateway: true, ephemeralPorts: true, db: () => ({ kind: "postgres", url: URL_ }) });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-intake-"));
  try {
    const seedStarted = Date.now();
    const dbs = hub.dbs;
    await seedDemoData({ archive: dbs.archive!.orm.em.fork(), housing: dbs.housing!.orm.em.fork(), judicial: dbs.judicial!.orm.em.fork() }, { families: FAMILIES, seed: SEED, today });
    console.log(`  seeded ${FAMILIES.toLocaleString()} demo families in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

    // The province authority loads for every division (its jurisdiction is the province).
    const token = signToken({ sub: "bench-intake", org: "HA-420000", roles: ["OPERATOR"] }, config, 3600);
    const run = async (kind: string, file: string) => {
      const out: string[] = [];
      const code = await runImport([kind, file, "--source", "基准测试系统", "--token", token, "--gateway", hub.gatewayUrl!], config, {
        progress: silentProgress,
        out: (l) => out.push(l),
        err: (l) => out.push(l),
      });
      return { code, out };
    };

    // 1. Tenancies of the seeded families (importTenancies), from a CSV.
    const tenancies: string[] = [];
    let text = csvLine(["租赁合同编号", "承租人身份证号码", "承租人姓名", "行政区划代码", "房屋地址", "租赁起始日期", "租赁终止日期", "月租金"]);
    for (const f of generateFamilies({ count: FAMILIES, seed: SEED, today })) {
      if (!f.tenancy || !f.members[0]) continue;
      const id = `BENCH-${String(f.index).padStart(7, "0")}`;
      tenancies.push(id);
      text += csvLine([id, f.members[0].idNumber, f.members[0].name, f.family.divisionCode, f.tenancy.unitAddress, f.tenancy.leaseStart, f.tenancy.leaseEnd, f.tenancy.monthlyRent.toFixed(2)]);
    }
    const tenancyFile = path.join(dir, "tenancies.csv");
    fs.writeFileSync(tenancyFile, text);
    const t = await sampled(() => run("tenancies", tenancyFile));
    console.log(`  tenancies: ${tenancies.length.toLocaleString()} rows in ${t.seconds.toFixed(1)} s (${(tenancies.length / t.seconds).toFixed(0)} rows/s), exit ${t.value.code}`);
    for (const l of t.value.out) console.log(`    ${l}`);

    // 2. The ledger file: ROWS lines, months before the demo ledger's (each line a new row).
    const months = Math.ceil(ROWS / tenancies.length);
    const ledgerFile = path.join(dir, "rent-ledger.csv");
    const fd = fs.openSync(ledgerFile, "w");
    fs.writeSync(fd, "\uFEFF" + csvLine(["租赁合同编号", "租金月份", "应缴金额", "实缴金额", "缴纳日期", "来源编号"]));
    let written = 0;
    let chunk = "";
    for (let m = 0; m < months && written < ROWS; m++) {
      const month = new Date(Date.UTC(2019, m, 1)).toISOString().slice(0, 7);
      for (let i = 0; i < tenancies.length && written < ROWS; i++, written++) {
        const unpaid = (i + m) % 9 === 0;
        chunk += `${tenancies[i]},${month},500.00,${unpaid ? "0.00" : "500.00"},${unpaid ? "" : `${month}-0${1 + (i % 9)}`},\r\n`;
        if (chunk.length > 1 << 20) {
          fs.writeSync(fd, chunk);
          chunk = "";
        }
      }
    }
    fs.writeSync(fd, chunk);
    fs.closeSync(fd);
    const bytes = fs.statSync(ledgerFile).size;
    console.log(`  rent ledger file: ${written.toLocaleString()} lines, ${(bytes / 1024 / 1024).toFixed(1)} MB (${tenancies.length.toLocaleString()} tenancies × ${months} months)`);

    const first = await sampled(() => run("rent-ledger", ledgerFile));
    console.log(`\n  first load:  ${written.toLocaleString()} rows in ${first.seconds.toFixed(1)} s = ${(written / first.seconds).toFixed(0)} rows/s   RSS before ${mb(first.before)}, peak ${mb(first.peak)}, after ${mb(first.after)}   exit ${first.value.code}`);
    for (const l of first.value.out) console.log(`    ${l}`);
    const second = await sampled(() => run("rent-ledger", ledgerFile));
    const allUnchanged = second.value.out.some((l) => l.includes(`新增 0、更新 0、未变 ${written}、拒绝 0`));
    console.log(`\n  second load: ${written.toLocaleString()} rows in ${second.seconds.toFixed(1)} s = ${(written / second.seconds).toFixed(0)} rows/s   RSS before ${mb(second.before)}, peak ${mb(second.peak)}, after ${mb(second.after)}   exit ${second.value.code}`);
    for (const l of second.value.out) console.log(`    ${l}`);
    console.log(`  second load: ${allUnchanged ? `all ${written.toLocaleString()} rows unchanged` : "NOT all rows unchanged"}`);
    console.log(`\n  target ≥ 5,000 rows/s: first load ${(written / first.seconds).toFixed(0)} rows/s, second ${(written / second.seconds).toFixed(0)} rows/s`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await hub.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
