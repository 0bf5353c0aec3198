// Replicas (R8.4): with REDIS_URL, a signed call accepted by one replica of a subgraph is refused
// by every other one, and an organisation's rate limit holds across all gateway replicas. Two
// gateway processes and two archive processes on one PostgreSQL database and one Redis.
import { execFileSync, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { freePort } from "../scripts/free-port";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryNonceStore, RedisNonceStore } from "../src/auth/nonce-store";
import { NONCE_TTL_MS, signRequest } from "../src/auth/subgraph-signature";
import { loadConfig } from "../src/config";
import { connectRedis } from "../src/redis";
import { freshPostgresDatabase } from "./support/test-db";
import { buildDist, serveService, stopService } from "./support/services";

const root = path.resolve(__dirname, "..");
const cli = path.join(root, "dist/src/cli/hub.js");
const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

describe("the in-memory nonce store", () => {
  it("accepts a nonce once, remembers it at least one window, forgets it after two, and stays bounded", () => {
    const w = 1000;
    const s = new MemoryNonceStore(w, 5, 0);
    expect(s.accept("a", w, 0)).toBe(true);
    expect(s.accept("a", w, 10)).toBe(false);
    expect(s.accept("a", w, 999)).toBe(false);
    expect(s.accept("b", w, 1000)).toBe(true); // rotation: "a" is in the previous generation
    expect(s.accept("a", w, 1500)).toBe(false);
    expect(s.accept("a", w, 2100)).toBe(true); // two windows on: forgotten (its signature is stale by then)
    for (const n of ["c", "d", "e"]) s.accept(n, w, 2200);
    expect(() => s.accept("f", w, 2300)).toThrow(/full/); // bounded: refuses rather than grows
    expect(() => s.accept("g", 2 * w, 2300)).toThrow(/window/);
  });
});

describe("two replicas of the archive and of the gateway, one Redis", () => {
  const children: ChildProcess[] = [];
  const ports = {} as Record<"gwA" | "gwB" | "archA" | "archB" | "housing" | "judicial", number>;
  let env: Record<string, string>;
  const config = loadConfig({ HUB_MODE: "development" } as NodeJS.ProcessEnv);

  const serve = async (name: string, extra: Record<string, string>) => {
    const child = await serveService(name, { ...env, ...extra });
    children.push(child);
    return child;
  };

  beforeAll(async () => {
    buildDist();
    const databaseUrl = await freshPostgresDatabase(undefined, "replicas");
    for (const k of Object.keys({ gwA: 0, gwB: 0, archA: 0, archB: 0, housing: 0, judicial: 0 }) as (keyof typeof ports)[]) ports[k] = await freePort();
    env = {
      VITEST: "",
      HUB_MODE: "development",
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      HUB_LOG_LEVEL: "warn",
      HOUSING_URL: `http://127.0.0.1:${ports.housing}/graphql`,
      JUDICIAL_URL: `http://127.0.0.1:${ports.judicial}/graphql`,
      HOUSING_PORT: String(ports.housing),
      JUDICIAL_PORT: String(ports.judicial),
      // A tight limit, the same on both gateways: 1 per second, bursts of 4.
      HUB_RATE_LIMIT_PER_SECOND: "1",
      HUB_RATE_LIMIT_BURST: "4",
    };
    execFileSync(process.execPath, [cli, "seed", "--families", "20"], { cwd: root, env: { ...process.env, ...env, PORT: "0", ARCHIVE_PORT: "0" }, stdio: "pipe" });
    await Promise.all([
      serve("archive", { ARCHIVE_PORT: String(ports.archA) }),
      serve("archive", { ARCHIVE_PORT: String(ports.archB) }),
      serve("housing", {}),
      serve("judicial", {}),
      serve("gateway", { PORT: String(ports.gwA), ARCHIVE_URL: `http://127.0.0.1:${ports.archA}/graphql` }),
      serve("gateway", { PORT: String(ports.gwB), ARCHIVE_URL: `http://127.0.0.1:${ports.archB}/graphql` }),
    ]);
  }, 180_000);
  afterAll(async () => {
    await Promise.all(children.map((c) => stopService(c)));
  });

  it("a signed call accepted by one archive replica is refused by the other (and by itself again)", async () => {
    const body = JSON.stringify({ query: "{ divisions(level: CITY) { code } }" });
    const caller = { sub: "replay-test", org: "HA-420000", roles: ["AUDITOR" as const], grants: [] };
    const headers = { "content-type": "application/json", ...signRequest(config.signingKeys[0], caller, body, "archive") };
    const send = (port: number) => fetch(`http://127.0.0.1:${port}/graphql`, { method: "POST", headers, body }).then((r) => r.status);
    expect(await send(ports.archA)).toBe(200);
    expect(await send(ports.archB)).toBe(401);
    expect(await send(ports.archA)).toBe(401);
    // a fresh signature works on either (control)
    const again = { "content-type": "application/json", ...signRequest(config.signingKeys[0], caller, body, "archive") };
    expect((await fetch(`http://127.0.0.1:${ports.archB}/graphql`, { method: "POST", headers: again, body })).status).toBe(200);
  });

  it("an organisation's rate limit holds across both gateways", async () => {
    const org = `PT-RL-${randomUUID().slice(0, 6)}`;
    const token = execFileSync(process.execPath, [cli, "token", "--org", org, "--roles", "CONSUMER"], { cwd: root, env: { ...process.env, VITEST: "" } }).toString().trim();
    const statuses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(`http://127.0.0.1:${i % 2 ? ports.gwB : ports.gwA}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: "{ divisions(level: CITY) { code } }" }),
        }).then((r) => r.status),
      ),
    );
    const ok = statuses.filter((s) => s === 200).length;
    // a burst of 4 (plus at most one refilled while the ten arrive), whichever gateway each reached
    expect(ok).toBeGreaterThanOrEqual(4);
    expect(ok).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBe(10 - ok);
  });

  it("shares the nonces in Redis with a time to live, one key per call", async () => {
    const redis = connectRedis(REDIS_URL);
    try {
      const store = new RedisNonceStore(redis, `hub:test:${randomUUID()}:`);
      expect(await store.accept("n1", NONCE_TTL_MS)).toBe(true);
      expect(await store.accept("n1", NONCE_TTL_MS)).toBe(false);
      const keys = await redis.keys("hub:nonce:archive:*");
      expect(keys.length).toBeGreaterThan(0);
      const ttl = await redis.pttl(keys[0]);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(NONCE_TTL_MS);
    } finally {
      redis.disconnect();
    }
  });
});
