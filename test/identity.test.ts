// Real identity and safe defaults (R8.4): production verifies the identity provider's tokens with
// its JWKS (RS256/ES256, key rotation by kid; iss, aud, exp, nbf) and accepts no HS256 shared
// secret; the committed development secrets serve only development on loopback; jobs present
// their own credentials and appear in the audit under their own name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import jwt from "jsonwebtoken";
import { ConfigError, DEV_INBOUND_SENDERS, loadConfig, type HubConfig } from "../src/config";
import { startHub, type RunningHub } from "../src/hub";
import { jobCredential } from "../src/jobs/job-identity";
import { makeIdNumber } from "../src/domain/id-number";
import { startTestIdp, type TestIdp } from "./support/jwks";
import { startTestHub, type TestHub } from "./support/test-hub";

const env = (e: Record<string, string>) => e as unknown as NodeJS.ProcessEnv;

describe("configuration refuses unsafe identity settings", () => {
  it("uses the committed development secrets only in development on loopback", () => {
    expect(loadConfig(env({ HUB_MODE: "development" })).jwtSecret).toBeDefined();
    expect(() => loadConfig(env({ HUB_MODE: "development", HUB_HOST: "0.0.0.0" }))).toThrow(/HUB_JWT_SECRET 使用了代码仓库中公开的开发密钥/);
    expect(() => loadConfig(env({ HUB_MODE: "development", HUB_HOST: "10.0.0.5", HUB_JWT_SECRET: "a-secret-of-this-deployment-0123456789" }))).toThrow(/HUB_SUBGRAPH_KEYS 使用了代码仓库中公开的开发密钥/);
    const own = loadConfig(env({ HUB_MODE: "development", HUB_HOST: "10.0.0.5", HUB_JWT_SECRET: "a-secret-of-this-deployment-0123456789", HUB_SUBGRAPH_KEYS: "k1:a-signing-key-of-this-deployment-0123456789" }));
    expect(own.host).toBe("10.0.0.5");
    // Inbound lists (R6.7): off there unless the deployment configures its senders' keys.
    expect(own.inboundSenders).toEqual([]);
    expect(() => loadConfig(env({ HUB_MODE: "development", HUB_HOST: "10.0.0.5", HUB_JWT_SECRET: "a-secret-of-this-deployment-0123456789", HUB_SUBGRAPH_KEYS: "k1:a-signing-key-of-this-deployment-0123456789", HUB_INBOUND_SENDERS: DEV_INBOUND_SENDERS }))).toThrow(/HUB_INBOUND_SENDERS 使用了代码仓库中公开的开发密钥/);
  });

  it("requires a JWKS and its audience in production, and refuses HS256 secrets and the development key there", () => {
    const keys = { HUB_SUBGRAPH_KEYS: "k1:a-signing-key-of-this-deployment-0123456789" };
    expect(() => loadConfig(env({ HUB_MODE: "production", ...keys }))).toThrow(/生产环境必须设置 HUB_JWKS_URL/);
    expect(() => loadConfig(env({ HUB_MODE: "production", HUB_JWKS_URL: "https://idp.example/jwks" , ...keys }))).toThrow(/HUB_JWT_AUDIENCE/);
    expect(() => loadConfig(env({ HUB_MODE: "production", HUB_JWKS_URL: "https://idp.example/jwks", HUB_JWT_AUDIENCE: "hub", HUB_JWT_SECRET: "x".repeat(40), ...keys }))).toThrow(/生产环境不接受 HUB_JWT_SECRET/);
    expect(() => loadConfig(env({ HUB_MODE: "production", HUB_JWKS_URL: "https://idp.example/jwks", HUB_JWT_AUDIENCE: "hub" }))).toThrow(ConfigError);
    expect(() => loadConfig(env({ HUB_MODE: "production", HUB_JWKS_URL: "https://idp.example/jwks", HUB_JWT_AUDIENCE: "hub", HUB_SUBGRAPH_KEYS: "dev:hubei-credit-hub-development-subgraph-key" }))).toThrow(/开发密钥/);
    const prod = loadConfig(env({ HUB_MODE: "production", HUB_JWKS_URL: "https://idp.example/jwks", HUB_JWT_AUDIENCE: "hub", ...keys }));
    expect(prod.jwtSecret).toBeUndefined();
    // a production job has no key to sign itself a token: it needs its own credential
    expect(() => jobCredential(prod, "rescore", ["ADMIN"])).toThrow(/HUB_JOB_TOKEN/);
    expect(jobCredential({ ...prod, jobToken: "a.b.c" }, "rescore", ["ADMIN"])()).toBe("a.b.c");
  });
});

describe("a production gateway with the identity provider's tokens", () => {
  let t: TestHub;
  let idp: TestIdp;
  let prod: RunningHub;
  let prodConfig: HubConfig;
  const call = async (token: string | undefined, query = `{ divisions(level: CITY) { code } }`) => {
    const r = await fetch(prod.gatewayUrl!, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });
    return { status: r.status, body: (await r.json()) as { data?: unknown; errors?: { extensions?: { code?: string } }[] } };
  };
  const staff = { sub: "idp-staff", org: "HA-420100", roles: ["AUDITOR"] };

  beforeAll(async () => {
    t = await startTestHub("pglite");
    idp = await startTestIdp();
    const key = t.config.signingKeys[0];
    prodConfig = loadConfig(env({ HUB_MODE: "production", HUB_JWKS_URL: idp.url, HUB_JWT_AUDIENCE: idp.audience, HUB_JWKS_MIN_REFETCH_SECONDS: "1", HUB_SUBGRAPH_KEYS: `${key.kid}:${key.secret}` }), { subgraphUrls: t.hub.subgraphUrls });
    prod = await startHub(prodConfig, { subgraphs: [], gateway: true, ephemeralPorts: true });
  });
  afterAll(async () => {
    await prod?.close();
    await idp?.close();
    await t?.close();
  });

  it("accepts RS256 and ES256 tokens of the provider's keys", async () => {
    for (const alg of ["RS256", "ES256"] as const) {
      const r = await call(idp.sign(staff, { alg }));
      expect(r.status, alg).toBe(200);
      expect(r.body.errors).toBeUndefined();
    }
  });

  it.each([
    ["another audience", () => idp.sign(staff, { audience: "someone-else" })],
    ["another issuer", () => idp.sign(staff, { issuer: "someone-else" })],
    ["not yet valid (nbf)", () => idp.sign(staff, { notBefore: 3600 })],
    ["expired", () => idp.sign({ ...staff, exp: Math.floor(Date.now() / 1000) - 120 })],
    ["an unknown key id", () => idp.sign(staff, { kid: "no-such-key" })],
    ["an HS256 token with the development secret", () => jwt.sign({ org: "HA-420100", roles: ["AUDITOR"] }, "hubei-credit-hub-development-secret-do-not-use-in-production", { algorithm: "HS256", subject: "x", issuer: "hubei-credit-hub", audience: idp.audience, expiresIn: 60 })],
    ["alg none", () => jwt.sign({ org: "HA-420100", roles: ["AUDITOR"] }, null as unknown as string, { algorithm: "none", subject: "x", issuer: "hubei-credit-hub", audience: idp.audience, expiresIn: 60 })],
    ["no roles", () => idp.sign({ sub: "x", org: "HA-420100" } as never)],
  ])("refuses a token with %s (401 UNAUTHENTICATED)", async (_label, make) => {
    const r = await call(make());
    expect(r.status).toBe(401);
    expect(r.body.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
  });

  it("follows a key rotation by kid (refetched at once), without refetching for every unknown kid", async () => {
    await new Promise((r) => setTimeout(r, 1100)); // past the earliest refetch after the unknown-kid test
    idp.rotate(true); // the old keys are retired at the provider
    const fresh = idp.sign(staff);
    const before = idp.fetches();
    expect((await call(fresh)).status).toBe(200); // unknown kid: the key set is fetched again
    expect(idp.fetches()).toBe(before + 1);
    // a burst of made-up kids does not make the hub hammer the provider
    for (let i = 0; i < 5; i++) expect((await call(idp.sign(staff, { kid: `made-up-${i}` }))).status).toBe(401);
    expect(idp.fetches()).toBe(before + 1);
  });

  it("serves neither GraphiQL nor the demo portal page in production", async () => {
    const base = prod.gatewayUrl!.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/graphiql`)).status).toBe(404);
    expect((await fetch(`${base}/embed/demo.html`)).status).toBe(404);
    expect((await fetch(`${base}/embed/hub-credit-list.js`)).status).toBe(200);
  });

  it("records a job under its own identity in the audit", async () => {
    const job = idp.sign({ sub: "job:exchange-pull@dx-01", org: "HA-420000", roles: ["AUDITOR"] });
    // a look-up is audited whatever its outcome (an unknown number here)
    const r = await call(job, `{ creditCheck(idNumber: "${makeIdNumber("420102", "1980-01-01", 11)}") { found } }`);
    expect(r.status).toBe(200);
    const rows = (await t.hub.dbs.archive!.orm.em.fork().getConnection().execute(`select user_sub, org_code from archive.audit_entry order by seq desc limit 1`)) as { user_sub: string; org_code: string }[];
    expect(rows[0]).toEqual({ user_sub: "job:exchange-pull@dx-01", org_code: "HA-420000" });
  });
});
