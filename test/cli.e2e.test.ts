// The newcomer's path and the production layout, through the compiled CLI in child processes:
// `start` (everything in one process on PGlite with demo data) and `serve <name>` (one service
// per process on PostgreSQL, after `seed`).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort } from "../scripts/free-port";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshPostgresDatabase } from "./support/test-db";
import { buildDist } from "./support/services";

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "dist/src/cli/hub.js");
const children: ChildProcess[] = [];

function run(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string; waitFor: (re: RegExp, ms?: number) => Promise<RegExpMatchArray> } {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, env: { ...process.env, VITEST: "", HUB_MODE: "development", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const waitFor = (re: RegExp, ms = 90_000) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const started = Date.now();
      const tick = () => {
        const m = out.match(re);
        if (m) return resolve(m);
        if (child.exitCode !== null) return reject(new Error(`exited ${child.exitCode}:\n${out}`));
        if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${re}:\n${out}`));
        setTimeout(tick, 100);
      };
      tick();
    });
  return { child, output: () => out, waitFor };
}

async function stop(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

const FAMILY_QUERY = `{ families(first: 3) { totalCount edges { node { id division { code } applicant { name idNumber } members { relation } tenancy { unitAddress } judicial { caseNumber } } } } }`;

async function query(url: string, token: string, q = FAMILY_QUERY) {
  const r = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query: q }) });
  return { status: r.status, body: (await r.json()) as { data?: { families: { totalCount: number; edges: unknown[] } }; errors?: unknown[] } };
}

describe("the hub CLI", () => {
  beforeAll(() => buildDist(), 180_000);
  afterAll(async () => {
    for (const c of children) await stop(c);
  });

  it("start: migrates, seeds the demo data once, prints the URL and demo tokens that work", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-start-"));
    const env = { HUB_DATA_DIR: dataDir, HUB_SEED_FAMILIES: "60", PORT: "0", ARCHIVE_PORT: "0", HOUSING_PORT: "0", JUDICIAL_PORT: "0" };
    const first = run(["start"], env);
    const [, url] = await first.waitFor(/GraphQL\s+(http:\S+\/graphql)/);
    const [, token] = await first.waitFor(/HA-420000\n\s+ADMIN\s+\S+\n\s+OPERATOR\s+(\S+)/);
    expect(first.output()).toMatch(/演示数据已写入：60 户/);
    const [, partnerToken] = await first.waitFor(/PT-420100-MZ[^\n]*\n\s+CONSUMER\s+(\S+)/);
    expect(first.output()).toMatch(/演示书面许可：鄂武住保许〔2026〕1号/);
    // the demo partner sees Wuhan's families under the demo permission, names and ID numbers masked
    const partnerList = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${partnerToken}` },
      body: JSON.stringify({ query: "{ families(first: 50) { edges { node { division { code } applicant { name idNumber } economic { annualIncome } } } } }" }),
    });
    type PartnerPage = { data: { families: { edges: { node: { division: { code: string }; applicant: { idNumber: string }; economic: null } }[] } }; errors?: { extensions: { code: string } }[] };
    const partnerBody = (await partnerList.json()) as PartnerPage;
    expect(partnerBody.data.families.edges.length).toBeGreaterThan(0);
    for (const e of partnerBody.data.families.edges) {
      expect(e.node.division.code.startsWith("4201")).toBe(true);
      expect(e.node.applicant.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      expect(e.node.economic).toBeNull();
    }
    expect(partnerBody.errors!.every((e) => e.extensions.code === "SHARING_NOT_PERMITTED")).toBe(true);
    const res = await query(url, token);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.families.totalCount).toBe(60);
    const health = await fetch(url.replace(/\/graphql$/, "/health"));
    expect(health.status).toBe(200);
    // GraphiQL in development, from installed packages (no CDN)
    const [, graphiql] = await first.waitFor(/GraphiQL\s+(http:\/\/[\w.:]+\/graphiql)/);
    const page = await fetch(graphiql);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("公租房信用信息共享枢纽 · GraphiQL");
    expect(html).not.toMatch(/https?:\/\//);
    for (const [asset, type] of [["react.js", "javascript"], ["react-dom.js", "javascript"], ["graphiql.js", "javascript"], ["graphiql.css", "css"]]) {
      const r = await fetch(`${graphiql}/${asset}`);
      expect(r.status, asset).toBe(200);
      expect(r.headers.get("content-type")).toContain(type);
      expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await fetch(`${graphiql}/../../etc/passwd`)).status).not.toBe(200);
    await stop(first.child);

    // A second start reopens the same data and does not seed again.
    const second = run(["start"], env);
    const [, url2] = await second.waitFor(/GraphQL\s+(http:\S+\/graphql)/);
    expect(second.output()).not.toMatch(/演示数据已写入/);
    const again = await query(url2, token);
    expect(again.body.data!.families.totalCount).toBe(60);
    await stop(second.child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);

  it("serve: each subgraph and the gateway as separate processes on PostgreSQL", async () => {
    const databaseUrl = await freshPostgresDatabase();
    const [gw, a, h, j] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const env = { DATABASE_URL: databaseUrl, PORT: String(gw), ARCHIVE_PORT: String(a), HOUSING_PORT: String(h), JUDICIAL_PORT: String(j) };
    const seed = run(["seed", "--families", "40"], env);
    await seed.waitFor(/演示数据已写入：40 户/);
    await new Promise((r) => seed.child.once("exit", r));
    expect(seed.child.exitCode).toBe(0);

    const token = execFileSync(process.execPath, [cli, "token", "--org", "HA-420000", "--roles", "AUDITOR"], { cwd: root, env: { ...process.env, VITEST: "" } }).toString().trim();
    const gateway = run(["serve", "gateway"], env);
    await gateway.waitFor(/gateway http/);
    // the gateway is up but its subgraphs are not: not healthy
    expect((await fetch(`http://127.0.0.1:${gw}/health`)).status).toBe(503);

    const services = ["archive", "housing", "judicial"].map((name) => run(["serve", name], env));
    await Promise.all(services.map((s, i) => s.waitFor(new RegExp(`${["archive", "housing", "judicial"][i]} subgraph http`))));
    expect((await fetch(`http://127.0.0.1:${gw}/health`)).status).toBe(200);
    const res = await query(`http://127.0.0.1:${gw}/graphql`, token);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.families.totalCount).toBe(40);

    // the daily jobs run against the running gateway
    const job = (args: string[]) => execFileSync(process.execPath, [cli, "jobs", ...args], { cwd: root, env: { ...process.env, VITEST: "", ...env } }).toString();
    expect(job(["scan-candidates"])).toMatch(/扫描完成：线索 \d+ 条，新登记 \d+ 条/);
    expect(job(["scan-candidates"])).toMatch(/新登记 0 条/);
    expect(job(["maintain-lists", "--division", "420100"])).toMatch(/名单维护完成：期满移出 \d+ 条/);
    expect(job(["rescore"])).toMatch(/重新计算信用分完成：\d+ 户/);

    // seed beside the running services: it takes no port (the archive is not empty: nothing to do)
    const again = run(["seed", "--families", "5"], env);
    await new Promise((r) => again.child.once("exit", r));
    expect(again.child.exitCode, again.output()).toBe(0);
    expect(again.output()).not.toMatch(/EADDRINUSE/);

    // the disclosure audit chain verifies (R8.3)
    expect(execFileSync(process.execPath, [cli, "audit", "verify"], { cwd: root, env: { ...process.env, VITEST: "", ...env } }).toString()).toMatch(/审计记录哈希链完整：共 \d+ 条/);

    // a subgraph alone refuses unsigned calls
    const direct = await fetch(`http://127.0.0.1:${a}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: FAMILY_QUERY }) });
    expect(direct.status).toBe(401);
    for (const s of [gateway, ...services]) await stop(s.child);
  }, 180_000);
});
