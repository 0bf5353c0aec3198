// The provincial data-exchange jobs (R2.3, R6.7) through the compiled CLI in child processes,
// against a real hub (PostgreSQL) with the demo data and credit demo data: `pull` and `push`
// killed at any point (SIGKILL) and rerun deliver every list change exactly once; push retries
// 500, 429 and timeouts with backoff, stops on other 4xx, and sends identity only masked;
// `report-up` agrees with listChanges; `export` writes Excel and CSV with Chinese headers.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "./support/test-hub";
import { startReceiver, type Receiver } from "./support/receiver";
import { composeFromCode } from "../src/gateway/compose";
import { seedDemoData } from "../src/seed/seed";
import { seedCreditDemo } from "../src/seed/credit-demo";
import { shanghaiDate } from "../src/domain/credit/dates";
import { sqlQuery } from "../src/db/orm";
import { isWithinJurisdiction } from "../src/domain/divisions";
import { maskIdNumber, maskName } from "../src/domain/permissions";
import { createProgress } from "../src/jobs/exchange/progress";
import { backoffMs } from "../src/jobs/exchange/push";
import { EXPORT_COLUMNS } from "../src/jobs/exchange/export";
import type { ReportUp } from "../src/jobs/exchange/report-up";

const root = path.resolve(__dirname, "..");
const cliPath = path.join(root, "dist/src/cli/hub.js");
const KID = "np-2026";
const SECRET = "national-platform-test-secret-0123456789abcdef";

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
}

describe("provincial data exchange (R2.3, R6.7)", () => {
  let t: TestHub;
  let receiver: Receiver;
  let work: string;
  const children = new Set<ChildProcess>();
  const sql = <T>(text: string, params: unknown[] = []) => sqlQuery<T>(t.hub.dbs.archive!.orm.em.fork(), text, params);

  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
    ...process.env,
    VITEST: "",
    HUB_MODE: "test",
    HUB_JWT_SECRET: t.config.jwtSecret,
    HUB_JWT_ISSUER: t.config.jwtIssuer,
    HUB_NATIONAL_URL: receiver.url,
    HUB_NATIONAL_KEY: `${KID}:${SECRET}`,
    HUB_DATA_DIR: path.join(work, "data"),
    HUB_EXCHANGE_CRASH_AFTER_BATCHES: "",
    HUB_EXCHANGE_CRASH_POINT: "",
    ...extra,
  });

  /** Runs `hub exchange …`; `whileRunning` may kill the child. */
  const exchange = (args: string[], extra: Record<string, string> = {}, whileRunning?: (child: ChildProcess, output: () => string) => Promise<void>): Promise<Run> =>
    new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [cliPath, "exchange", ...args, "--gateway", t.url], { cwd: root, env: env(extra), stdio: ["ignore", "pipe", "pipe"] });
      children.add(child);
      let out = "";
      child.stdout!.on("data", (d) => (out += d));
      child.stderr!.on("data", (d) => (out += d));
      child.on("error", reject);
      child.on("exit", (code, signal) => {
        children.delete(child);
        resolve({ code, signal, out });
      });
      whileRunning?.(child, () => out).catch(reject);
    });

  const waitUntil = async (what: string, ok: () => boolean, ms = 20_000) => {
    const started = Date.now();
    while (!ok()) {
      if (Date.now() - started > ms) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  beforeAll(async () => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "hub-exchange-"));
    // Compile the CLI while the hub starts and the demo data is written.
    const build = promisify(execFile)(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root }).catch(
      (e: Error & { stdout?: string }) => {
        // Type errors elsewhere still emit JavaScript; the exchange jobs are type-checked separately.
        console.warn(`tsc reported errors:\n${e.stdout ?? e.message}`);
      },
    );
    // A database of its own (as the attack suite does), so that other files' hubs never drop it.
    const supergraphSdl = (await composeFromCode()).supergraph;
    t = await startTestHub("postgres", { supergraphSdl, databaseTag: "exchange" });
    const { archive, housing, judicial } = t.hub.dbs;
    const today = shanghaiDate(new Date());
    await seedDemoData({ archive: archive!.orm.em.fork(), housing: housing!.orm.em.fork(), judicial: judicial!.orm.em.fork() }, { families: 300, seed: 9, today });
    await seedCreditDemo(archive!.orm.em.fork(), t.config.calendar, today);
    receiver = await startReceiver({ [KID]: SECRET });
    await build;
  }, 120_000);

  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await receiver?.close();
    await t?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it("shows a bar with rate and remaining time on a terminal, plain lines otherwise; backs off exponentially with jitter", () => {
    let clock = 0;
    const tty = { text: "", isTTY: true, columns: 100, write(s: string) { this.text += s; return true; } };
    const bar = createProgress("拉取名单变更", { total: 100, stream: tty, now: () => clock });
    clock = 2000;
    bar.add(40);
    expect(tty.text).toMatch(/\r\x1b\[2K拉取名单变更 \[█+░+\]  40% 40\/100 条 20\.0 条\/秒 剩余 3 秒/);
    bar.log("一行日志");
    bar.done();
    expect(tty.text).toContain("一行日志\n");
    expect(tty.text.endsWith("\n")).toBe(true);

    const plain = { text: "", isTTY: false, write(s: string) { this.text += s; return true; } };
    clock = 0;
    const lines = createProgress("推送名单变更", { total: 10, stream: plain, now: () => clock, intervalMs: 1000 });
    clock = 1000;
    lines.add(5);
    clock = 1500;
    lines.add(1); // within the interval: no line
    clock = 2500;
    lines.add(4);
    lines.done();
    expect(plain.text).not.toContain("\r");
    expect(plain.text.trim().split("\n")).toEqual([
      "推送名单变更：5/10 条（50%），5.0 条/秒，已用 1 秒，预计剩余 1 秒",
      "推送名单变更：10/10 条（100%），4.0 条/秒，已用 3 秒",
    ]);

    const policy = { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000, timeoutMs: 1000 };
    expect([1, 2, 3, 4, 5].map((k) => backoffMs(policy, k, () => 0.999999, null))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffMs(policy, 3, () => 0, null)).toBe(0); // full jitter
    expect(backoffMs(policy, 1, () => 0, 5000)).toBe(1000); // Retry-After, capped
  });

  it("outbox API: only the province's ADMIN; identity masked; acknowledgements checked", async () => {
    const q = `query($d: OutboxDestination!, $n: Int!) { outboxPending(destination: $d, first: $n) { sequence kind action status familyId divisionCode since until maskedName maskedIdNumber attempts } }`;
    for (const tok of [t.token("HA-420100", ["ADMIN"]), t.token("HA-420000", ["OPERATOR"])]) {
      const r = await t.gql(q, { d: "NATIONAL", n: 5 }, tok);
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    const admin = t.token("HA-420000", ["ADMIN"], "province-admin");
    const r = await t.gql<{ outboxPending: { sequence: string; familyId: string; kind: string; maskedName: string; maskedIdNumber: string; attempts: number }[] }>(q, { d: "NATIONAL", n: 5 }, admin);
    expect(r.errors).toBeUndefined();
    const items = r.data!.outboxPending;
    expect(items).toHaveLength(5);
    const applicants = await sql<{ family_id: string; name: string; id_number: string }>(
      `select family_id::text as family_id, name, id_number from archive.family_member where position = 0 and family_id in (${items.map(() => "?").join(",")})`,
      items.map((i) => i.familyId),
    );
    for (const it of items) {
      const a = applicants.find((x) => x.family_id === it.familyId)!;
      expect(it.kind).toBe("JOINT_PUNISHMENT");
      expect(it.maskedIdNumber).toBe(maskIdNumber(a.id_number));
      expect(it.maskedIdNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(it.maskedName).toBe(maskName(a.name));
    }
    const mark = `mutation($d: OutboxDestination!, $s: [String!]!, $b: String!) { markOutboxDelivered(destination: $d, sequences: $s, batchId: $b) }`;
    const seqs = items.slice(0, 2).map((i) => i.sequence);
    const wrongId = await t.gql(mark, { d: "NATIONAL", s: seqs, b: "NATIONAL-1-2" }, admin);
    expect(wrongId.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const unknown = await t.gql(mark, { d: "NATIONAL", s: ["999999"], b: "NATIONAL-999999-999999" }, admin);
    expect(unknown.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const byCity = await t.gql(mark, { d: "NATIONAL", s: seqs, b: `NATIONAL-${seqs[0]}-${seqs[1]}` }, t.token("HA-420100", ["ADMIN"]));
    expect(byCity.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const [{ n }] = await sql<{ n: string }>(`select count(*)::text as n from archive.list_outbox where delivered_at is not null`);
    expect(n).toBe("0");
  });

  it("pull: killed at any instant and rerun, every change is in the NDJSON and the CSV exactly once", async () => {
    const dir = path.join(work, "pull");
    const [{ n }] = await sql<{ n: string }>(`select count(*)::text as n from archive.list_change`);
    const total = Number(n);
    expect(total).toBeGreaterThan(40);
    const lines = () => fs.readFileSync(path.join(dir, "list-changes.ndjson"), "utf8");
    const cursor = () => JSON.parse(fs.readFileSync(path.join(dir, "cursor.json"), "utf8")) as { after: string | null; ndjsonBytes: number };

    // 1. Killed after batch 2 reached both files, before its cursor commit.
    const first = await exchange(["pull", "--out", dir, "--batch", "7"], { HUB_EXCHANGE_CRASH_AFTER_BATCHES: "2" });
    expect(first.signal, first.out).toBe("SIGKILL");
    expect(cursor().after).toBe("7");
    expect(lines().trim().split("\n")).toHaveLength(14); // 7 of them not committed

    // 2. Rerun: cuts the uncommitted batch off; killed in the middle of writing its batch 2.
    const second = await exchange(["pull", "--out", dir, "--batch", "7"], { HUB_EXCHANGE_CRASH_AFTER_BATCHES: "2", HUB_EXCHANGE_CRASH_POINT: "mid-write" });
    expect(second.signal, second.out).toBe("SIGKILL");
    expect(second.out).toMatch(/已截去未提交的 \d+ 字节，从序号 7 之后继续/);
    expect(cursor().after).toBe("14");
    expect(lines().endsWith("\n")).toBe(false); // a torn line

    // 3. Killed from outside at an arbitrary instant of a run with small batches.
    const third = await exchange(["pull", "--out", dir, "--batch", "3"], {}, async (child) => {
      await waitUntil("some progress", () => Number(cursor().after) >= 26);
      child.kill("SIGKILL");
    });
    expect(third.signal, third.out).toBe("SIGKILL");

    // 4. Rerun to the end, then once more (nothing new: the files do not change).
    const fourth = await exchange(["pull", "--out", dir, "--batch", "11"]);
    expect(fourth.code, fourth.out).toBe(0);
    expect(fourth.out).toMatch(new RegExp(`文件共 ${total} 条，游标 ${total}`));
    const ndjson = lines();
    const csv = fs.readFileSync(path.join(dir, "list-changes.csv"));
    const fifth = await exchange(["pull", "--out", dir]);
    expect(fifth.code, fifth.out).toBe(0);
    expect(fifth.out).toMatch(/本次读取 0 条、写入 0 条/);
    expect(lines()).toBe(ndjson);
    expect(fs.readFileSync(path.join(dir, "list-changes.csv")).equals(csv)).toBe(true);

    const expected = Array.from({ length: total }, (_, i) => i + 1);
    const fromNdjson = ndjson.trim().split("\n").map((l) => (JSON.parse(l) as { sequence: number }).sequence);
    expect(fromNdjson).toEqual(expected);
    expect(csv.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const csvLines = csv.toString("utf8").slice(1).split("\r\n").filter(Boolean);
    expect(csvLines[0]).toBe("序号,时间,名单,变更,家庭档案编号,区划代码");
    expect(csvLines.slice(1).map((l) => Number(l.split(",")[0]))).toEqual(expected);
    // the rows match the database
    const db = await sql<{ seq: string; family_id: string; division_code: string; kind: string }>(`select sequence::text as seq, family_id::text as family_id, division_code, kind from archive.list_change order by sequence`);
    const parsed = ndjson.trim().split("\n").map((l) => JSON.parse(l) as { familyId: string; divisionCode: string; kind: string });
    expect(parsed.map((p) => `${p.familyId} ${p.divisionCode} ${p.kind}`)).toEqual(db.map((d) => `${d.family_id} ${d.division_code} ${d.kind}`));
    expect(csvLines[1]).toMatch(/^1,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},(警示名单|重点关注名单|失信联合惩戒对象名单),(新增|变更|移出),[0-9a-f-]{36},\d{6}$/);
  });

  it("pull --division: only that subtree, and a directory keeps its division", async () => {
    const dir = path.join(work, "pull-wuhan");
    const run = await exchange(["pull", "--out", dir, "--division", "420100", "--batch", "50"]);
    expect(run.code, run.out).toBe(0);
    const got = fs.readFileSync(path.join(dir, "list-changes.ndjson"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { sequence: number; divisionCode: string });
    const db = await sql<{ seq: string; division_code: string }>(`select sequence::text as seq, division_code from archive.list_change order by sequence`);
    const wuhan = db.filter((d) => isWithinJurisdiction(d.division_code, "420100")).map((d) => Number(d.seq));
    expect(wuhan.length).toBeGreaterThan(0);
    expect(got.map((g) => g.sequence)).toEqual(wuhan);
    const other = await exchange(["pull", "--out", dir, "--division", "420600"]);
    expect(other.code).toBe(1);
    expect(other.out).toMatch(/按区划 420100 拉取，与 --division 420600 不一致/);
  });

  it("push: retries 500/429/timeouts with backoff, stops on 400, survives kills, delivers every listing change exactly once, full identity only of the responsible members, audited", async () => {
    const stateDir = path.join(work, "push-state");
    const national = await sql<{ seq: string }>(`select sequence::text as seq from archive.list_outbox where destination = 'NATIONAL' order by sequence`);
    const all = national.map((r) => r.seq);
    expect(all.length).toBeGreaterThan(25);
    const delivered = async () => Number((await sql<{ n: string }>(`select count(*)::text as n from archive.list_outbox where destination = 'NATIONAL' and delivered_at is not null`))[0].n);
    const fast = (timeoutMs = "1000") => ["--state-dir", stateDir, "--backoff-ms", "20", "--max-backoff-ms", "100", "--timeout-ms", timeoutMs];
    const firstBatch = `NATIONAL-${all[0]}-${all[9]}`;
    const secondBatch = `NATIONAL-${all[10]}-${all[19]}`;

    // 1. The receiver refuses with 400: not retried, nothing marked, the attempt counted.
    receiver.plan("400");
    const refused = await exchange(["push", "--batch", "10", ...fast()]);
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toMatch(/接收方拒绝批次 NATIONAL-\d+-\d+：HTTP 400/);
    expect(receiver.requests.map((r) => r.outcome)).toEqual(["400"]);
    expect(receiver.requests[0].batchId).toBe(firstBatch);
    expect(await delivered()).toBe(0);

    // 2. 500, 429, no answer, stored-but-answer-lost: retried with backoff until 2xx; batch 2 is
    //    delivered and the job is killed before acknowledging it.
    receiver.plan("500", "429", "hang", "store-then-500");
    const killed = await exchange(["push", "--batch", "10", ...fast()], { HUB_EXCHANGE_CRASH_AFTER_BATCHES: "2" });
    expect(killed.signal, killed.out).toBe("SIGKILL");
    expect(killed.out.match(/毫秒后重试/g)).toHaveLength(4);
    expect(killed.out).toMatch(/第 3 次发送失败（1000 毫秒内无应答）/);
    expect(receiver.requests.filter((r) => r.batchId === firstBatch).map((r) => r.outcome)).toEqual(["400", "500", "429", "hang", "store-then-500", "duplicate"]);
    expect(receiver.deliveries.map((d) => d.batchId)).toEqual([firstBatch, secondBatch]);
    expect(await delivered()).toBe(10);
    const attempts = await sql<{ attempts: number }>(`select attempts from archive.list_outbox where destination = 'NATIONAL' and sequence <= ? order by sequence`, [all[9]]);
    expect(attempts.map((a) => a.attempts)).toEqual(Array(10).fill(5));

    // 3. The receiver hangs on the resent batch 2; the job is killed from outside while waiting.
    receiver.plan("hang");
    const before = receiver.requests.length;
    const hung = await exchange(["push", "--batch", "10", ...fast("60000")], {}, async (child) => {
      await waitUntil("the hanging request", () => receiver.requests.length > before);
      child.kill("SIGKILL");
    });
    expect(hung.signal).toBe("SIGKILL");
    expect(receiver.requests.at(-1)).toMatchObject({ batchId: secondBatch, outcome: "hang" });

    // 4. Rerun with another batch size: the interrupted batch goes again under its own id (the
    //    receiver dedupes it), then the rest.
    const rest = await exchange(["push", "--batch", "25", ...fast()]);
    expect(rest.code, rest.out).toBe(0);
    expect(rest.out).toContain(`重新发送上次中断的批次 ${secondBatch}（10 条）`);
    expect(receiver.requests.filter((r) => r.batchId === secondBatch).map((r) => r.outcome)).toEqual(["stored", "hang", "duplicate"]);
    expect(receiver.sequences()).toEqual(all); // every change exactly once, in order
    expect(await delivered()).toBe(all.length);

    // 5. Nothing left: a rerun sends nothing.
    const count = receiver.requests.length;
    const again = await exchange(["push", ...fast()]);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain("没有待报送的名单变更");
    expect(receiver.requests.length).toBe(count);

    // R6.7: only listings went out (entries becoming LISTED or leaving LISTED), each with the full
    // identity of its responsible members (本人, 配偶) in `listing` — and no other member's, no
    // unlisted family's. R8.5: the masked fields stay masked.
    const members = await sql<{ family_id: string; position: number; name: string; id_number: string; relation: string }>(`select family_id::text as family_id, position, name, id_number, relation from archive.family_member order by family_id, position`);
    const everything = receiver.bodies.join("\n");
    const changes = await sql<{ sequence: string; family_id: string; listed_on: string | null; number: string | null }>(
      `select c.sequence::text as sequence, c.family_id::text as family_id, to_char(e.listed_on, 'YYYY-MM-DD') as listed_on,
              (select d.number from archive.credit_document d where d.list_entry_id = e.id and d.kind = 'LISTING_DECISION' limit 1) as number
         from archive.list_change c join archive.list_entry e on e.id = c.list_entry_id`,
    );
    const changeOf = new Map(changes.map((c) => [c.sequence, c]));
    const applicantOf = new Map(members.filter((m) => m.position === 0).map((m) => [m.family_id, m]));
    const pushedFamilies = new Set<string>();
    for (const d of receiver.deliveries) {
      for (const item of d.items) {
        const change = changeOf.get(item.sequence)!;
        const a = applicantOf.get(change.family_id)!;
        pushedFamilies.add(change.family_id);
        expect(item.maskedIdNumber).toBe(maskIdNumber(a.id_number));
        expect(item.maskedName).toBe(maskName(a.name));
        expect(change.listed_on, `sequence ${item.sequence} was never listed`).not.toBeNull();
        const listing = (item as unknown as { listing: { subjects: { name: string; idNumber: string; relation: string }[]; decisionNumber: string; listedOn: string; reason: string; authorityCode: string } }).listing;
        const responsible = members.filter((m) => m.family_id === change.family_id && ["本人", "配偶"].includes(m.relation));
        expect(listing.subjects).toEqual(responsible.map((m) => ({ name: m.name, idNumber: m.id_number, relation: m.relation })));
        expect(listing).toMatchObject({ decisionNumber: change.number, listedOn: change.listed_on, authorityCode: expect.stringMatching(/^HA-4\d{5}$/) });
        expect(["LISTED", "SUSPENDED", "RESUMED", "CORRECTED", "EXPIRED", "REVOKED", "REPAIRED", "CLOSED"]).toContain(listing.reason);
      }
    }
    for (const m of members) {
      const mayAppear = pushedFamilies.has(m.family_id) && ["本人", "配偶"].includes(m.relation);
      expect(everything.includes(m.id_number), `${m.relation} ${m.id_number}`).toBe(mayAppear);
    }
    // R8.3: every delivered batch is a disclosure by the province under its own authority.
    const audits = await sql<{ detail: { batchId: string; sequences: string[] }; family_ids: string[]; permissions: string[]; categories_returned: string[] }>(
      `select detail, family_ids, permissions, categories_returned from archive.audit_entry where org_code = 'NATIONAL-MOHURD' and kind = 'DISCLOSURE' order by seq`,
    );
    expect(audits.flatMap((a) => a.detail.sequences).sort((x, y) => Number(x) - Number(y))).toEqual(all);
    expect(new Set(audits.flatMap((a) => a.family_ids))).toEqual(pushedFamilies);
    for (const a of audits) expect(a).toMatchObject({ permissions: [expect.stringContaining("R6.7")], categories_returned: ["IDENTITY", "CREDIT", "LISTS"] });
  });

  it("report-up: county → city → province counts agree with listChanges, with each city's statistics", async () => {
    const changes = await sql<{ at: string; division_code: string; kind: string; action: string }>(
      `select to_char(at at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as at, division_code, kind, action from archive.list_change`,
    );
    const to = shanghaiDate(new Date());
    const from = changes.map((c) => c.at).sort()[0];
    const out = path.join(work, "report", "report-up.json");
    const run = await exchange(["report-up", "--from", from, "--to", to, "--out", out]);
    expect(run.code, run.out).toBe(0);
    const report = JSON.parse(fs.readFileSync(out, "utf8")) as ReportUp;
    const inPeriod = changes.filter((c) => c.at >= from && c.at <= to);
    expect(report.source.scanned).toBe(changes.length);
    expect(report.province.counts.total).toBe(inPeriod.length);
    const sumKinds = (c: ReportUp["province"]["counts"]) => Object.values(c.byKind).reduce((s, k) => s + k.ADDED + k.CHANGED + k.REMOVED, 0);
    expect(sumKinds(report.province.counts)).toBe(inPeriod.length);
    expect(report.province.cities.reduce((s, c) => s + c.counts.total, 0) + report.province.own.total).toBe(report.province.counts.total);
    for (const city of report.province.cities) {
      expect(city.counties.reduce((s, c) => s + c.counts.total, 0) + city.own.total).toBe(city.counts.total);
      expect(city.counts.total).toBe(inPeriod.filter((c) => isWithinJurisdiction(c.division_code, city.code)).length);
      expect(city.counts.byKind.JOINT_PUNISHMENT.ADDED).toBe(inPeriod.filter((c) => isWithinJurisdiction(c.division_code, city.code) && c.kind === "JOINT_PUNISHMENT" && c.action === "ADDED").length);
      expect(city.statistics.divisionCode).toBe(city.code);
      for (const county of city.counties) expect(county.counts.total).toBe(inPeriod.filter((c) => c.division_code === county.code).length);
    }
    expect(report.province.statistics.divisionCode).toBe("420000");
    const csv = fs.readFileSync(path.join(work, "report", "report-up.csv"), "utf8");
    const rows = csv.slice(1).split("\r\n").filter(Boolean);
    expect(rows[0]).toMatch(/^层级,区划代码,区划名称,上级区划代码,变更合计,警示名单新增,/);
    expect(rows[1]).toBe(`省,420000,湖北省,,${inPeriod.length},${["WARNING", "KEY_ATTENTION", "JOINT_PUNISHMENT"].flatMap((k) => ["ADDED", "CHANGED", "REMOVED"].map((a) => inPeriod.filter((c) => c.kind === k && c.action === a).length)).join(",")}`);
  });

  it("export: a list to Excel and CSV with Chinese headers, through creditList", async () => {
    const count = async (kind: string, within: string) =>
      (await sql<{ division_code: string }>(`select division_code from archive.list_entry where kind = ? and status = 'LISTED'`, [kind])).filter((e) => isWithinJurisdiction(e.division_code, within)).length;
    const xlsx = path.join(work, "export", "joint.xlsx");
    const run = await exchange(["export", "--list", "JOINT_PUNISHMENT", "--out", xlsx, "--batch", "4"]);
    expect(run.code, run.out).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("失信联合惩戒对象名单");
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(EXPORT_COLUMNS.map((c) => c.header));
    const expected = await count("JOINT_PUNISHMENT", "420000");
    expect(expected).toBeGreaterThan(8); // several pages of 4
    expect(ws.actualRowCount - 1).toBe(expected);
    const applicants = await sql<{ family_id: string; id_number: string }>(`select family_id::text as family_id, id_number from archive.family_member where position = 0`);
    const idOf = new Map(applicants.map((a) => [a.family_id, a.id_number]));
    const families = new Set<string>();
    for (let r = 2; r <= ws.actualRowCount; r++) {
      const row = ws.getRow(r);
      expect(row.getCell(1).value).toBe(r - 1);
      expect(row.getCell(2).value).toBe("失信联合惩戒对象名单");
      expect(row.getCell(3).value).toBe("已列入");
      const family = String(row.getCell(6).value);
      families.add(family);
      expect(row.getCell(10).value).toBe(idOf.get(family)); // the full ID number, as text
    }
    expect(families.size).toBe(expected); // paging neither skipped nor repeated an entry

    const csvFile = path.join(work, "export", "warning.csv");
    const masked = await exchange(["export", "--list", "WARNING", "--division", "420100", "--out", csvFile, "--masked"]);
    expect(masked.code, masked.out).toBe(0);
    const text = fs.readFileSync(csvFile, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split("\r\n").filter(Boolean);
    expect(lines[0]).toBe(EXPORT_COLUMNS.map((c) => c.header).join(","));
    expect(lines.length - 1).toBe(await count("WARNING", "420100"));
    expect(lines.length - 1).toBeGreaterThan(0);
    for (const l of lines.slice(1)) {
      const cells = l.split(",");
      expect(cells[6].startsWith("4201")).toBe(true);
      expect(cells[8]).toMatch(/^[^*]{1,2}\*+$/u);
      expect(cells[9]).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    }
  });
});
