// Operations (R8.4): readiness is honest — a subgraph whose login role cannot read and write
// under row-level security is not ready, even though its database answers; a failed request never
// leaves its connection in a transaction; SIGTERM answers the requests in flight and exits within
// 10 s. Compiled services in child processes on PostgreSQL.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { freePort } from "../scripts/free-port";
import path from "node:path";
import { Client } from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signRequest } from "../src/auth/subgraph-signature";
import { loadConfig } from "../src/config";
import { freshPostgresDatabase } from "./support/test-db";

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "dist/src/cli/hub.js");
const config = loadConfig({ HUB_MODE: "development" } as NodeJS.ProcessEnv);

function serveArchive(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; output: () => string }> {
  return freePort().then(
    (port) =>
      new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [cli, "serve", "archive"], { cwd: root, env: { ...process.env, VITEST: "", HUB_MODE: "development", HUB_LOG_LEVEL: "warn", ARCHIVE_PORT: String(port), ...env }, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        const on = (d: Buffer) => {
          out += d;
          if (/archive subgraph http/.test(out)) resolve({ child, port, output: () => out });
        };
        child.stdout!.on("data", on);
        child.stderr!.on("data", on);
        child.once("exit", (code) => reject(new Error(`archive exited ${code}: ${out}`)));
      }),
  );
}

async function stopWithin(child: ChildProcess, ms: number): Promise<{ code: number | null; tookMs: number }> {
  const started = Date.now();
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
  child.kill("SIGTERM");
  const code = await Promise.race([exited, new Promise<"late">((r) => setTimeout(() => r("late"), ms))]);
  if (code === "late") {
    child.kill("SIGKILL");
    throw new Error(`did not exit within ${ms} ms`);
  }
  return { code, tookMs: Date.now() - started };
}

describe("readiness, connections and shutdown of a subgraph process", () => {
  let databaseUrl: string;
  let admin: Client;

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
    databaseUrl = await freshPostgresDatabase(undefined, "ops");
    execFileSync(process.execPath, [cli, "seed", "--families", "30"], { cwd: root, env: { ...process.env, VITEST: "", HUB_MODE: "development", DATABASE_URL: databaseUrl }, stdio: "pipe" });
    admin = new Client({ connectionString: databaseUrl });
    await admin.connect();
    // A login role that is not a member of the application role: it connects, and can do nothing.
    await admin.query(`do $$ begin if not exists (select 1 from pg_roles where rolname = 'hub_unfit') then create role hub_unfit login; end if; end $$`);
    // Half configured by hand: it may see the schema and its migrations (so it starts), no more.
    await admin.query(`grant usage on schema archive to hub_unfit; grant select on archive.mikro_orm_migrations to hub_unfit`);
  }, 180_000);
  afterAll(async () => admin?.end());

  const signed = (port: number, query: string) => {
    const body = JSON.stringify({ query });
    const headers = { "content-type": "application/json", ...signRequest(config.signingKeys[0], { sub: "ops", org: "HA-420000", roles: ["AUDITOR"], grants: [] }, body, "archive") };
    return fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers, body });
  };

  it("is not ready when its role cannot read and write under row-level security, leaves no connection in a transaction, and stops at once", async () => {
    const url = new URL(databaseUrl);
    url.username = "hub_unfit";
    const s = await serveArchive({ DATABASE_URL: url.toString(), HUB_AUTO_MIGRATE: "0" });
    // the database answers…
    expect((await fetch(`http://127.0.0.1:${s.port}/health`)).status).toBe(200);
    // …but the role cannot work: not ready, with the reason
    const ready = await fetch(`http://127.0.0.1:${s.port}/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reason: string }).reason).toMatch(/application role cannot read and write/);
    // a read fails (masked), and its connection is not left "idle in transaction (aborted)"
    for (let i = 0; i < 3; i++) {
      const r = (await (await signed(s.port, `{ families(first: 2) { totalCount } }`)).json()) as { errors?: { extensions: { code: string } }[] };
      expect(r.errors?.[0].extensions.code).toBe("INTERNAL_SERVER_ERROR");
    }
    const stuck = await admin.query(`select state from pg_stat_activity where usename = 'hub_unfit' and state like 'idle in transaction%'`);
    expect(stuck.rows).toEqual([]);
    const stopped = await stopWithin(s.child, 10_000);
    expect(stopped.code).toBe(0);
  }, 60_000);

  it("is ready with a fit role; on SIGTERM answers every request it accepted and exits within 10 s", async () => {
    const s = await serveArchive({ DATABASE_URL: databaseUrl });
    expect((await fetch(`http://127.0.0.1:${s.port}/ready`)).status).toBe(200);
    const query = `{ families(first: 30) { edges { node { id members { name } credit { score records { id } } lists { id } } } } }`;
    const inFlight = Array.from({ length: 30 }, () =>
      signed(s.port, query).then(
        async (r) => ({ status: r.status, complete: ((await r.json()) as { data?: unknown }).data !== undefined }),
        (e: Error) => ({ status: 0, complete: false, error: e.message }),
      ),
    );
    await new Promise((r) => setTimeout(r, 30)); // all sent, most still being answered
    const stopping = stopWithin(s.child, 10_000);
    const results = await Promise.all(inFlight);
    const stopped = await stopping;
    expect(stopped.code).toBe(0);
    // every request the server took is answered in full; none is cut off mid-way
    const accepted = results.filter((r) => r.status !== 0);
    expect(accepted.length).toBeGreaterThan(0);
    for (const r of accepted) expect(r).toMatchObject({ status: 200, complete: true });
    const afterStop = await fetch(`http://127.0.0.1:${s.port}/health`).then(
      () => "answered",
      () => "refused",
    );
    expect(afterStop).toBe("refused");
  }, 60_000);
});
