// The faster read path keeps the rules exactly (issue 12, R8.2, R8.3, R5.3):
//  - the gateway's copy of the written permissions is used while PostgreSQL notifies changes, a
//    revocation applies within a second under concurrent load, other organisations keep theirs,
//    and without the notification connection every request reads again (fail closed);
//  - concurrent disclosures are audited one entry each through the batched audit call;
//  - the anonymous public list is cacheable (Cache-Control, ETag, 304) and nothing else is.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { shanghaiDate } from "../src/domain/credit/dates";
import { seedDemoData } from "../src/seed/seed";
import { seedCreditDemo } from "../src/seed/credit-demo";
import { verifyAuditChain } from "../src/subgraphs/archive/sharing/audit.service";
import { contractOperation } from "./support/contract";
import { startTestHub, type TestHub } from "./support/test-hub";
import { startHub, type RunningHub } from "../src/hub";

const GRANT = contractOperation("GrantSharingPermission");
const REVOKE = contractOperation("RevokeSharingPermission");
const CREDIT_LIST = contractOperation("CreditList");
const PUBLIC_LIST = contractOperation("PublicList");

type ListAnswer = { creditList: { totalCount: number; edges: unknown[] } | null };

describe("the gateway's copy of the written permissions (PostgreSQL, R8.2)", () => {
  let t: TestHub;
  /** A second gateway replica on the same subgraphs and database: it learns of changes only by NOTIFY. */
  let replica: RunningHub;
  const clock = new ManualClock(new Date());
  let wuhanAdmin: string;
  let provinceAdmin: string;
  let mz: string;
  let ga: string;
  const sql = <T = Record<string, unknown>>(q: string, p: unknown[] = []) => t.hub.dbs.archive!.orm.em.fork().getConnection().execute(q, p) as Promise<T[]>;

  const grant = async (tok: string, input: Record<string, unknown>) => {
    const r = await t.gql<{ grantSharingPermission: { id: string } }>(GRANT, { input }, tok);
    expect(r.errors).toBeUndefined();
    return r.data!.grantSharingPermission.id;
  };
  const listFor = (tok: string, divisionCode: string) => t.gql<ListAnswer>(CREDIT_LIST, { kind: "WARNING", divisionCode, first: 5 }, tok);
  const listAtReplica = async (tok: string, divisionCode: string): Promise<{ data?: ListAnswer | null }> => {
    const res = await fetch(replica.gatewayUrl!, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${tok}` }, body: JSON.stringify({ query: CREDIT_LIST, variables: { kind: "WARNING", divisionCode, first: 5 } }) });
    return (await res.json()) as { data?: ListAnswer | null };
  };
  const allowed = (r: { data?: ListAnswer | null }) => (r.data?.creditList?.totalCount ?? 0) > 0;
  const window = (days: number) => ({ validFrom: new Date(clock.now().getTime() - 60_000).toISOString(), validUntil: new Date(clock.now().getTime() + days * 86400_000).toISOString() });

  beforeAll(async () => {
    t = await startTestHub("postgres", { clock, databaseTag: "read-path" });
    const { archive, housing, judicial } = t.hub.dbs;
    const today = shanghaiDate(clock.now());
    await seedDemoData({ archive: archive!.orm.em.fork(), housing: housing!.orm.em.fork(), judicial: judicial!.orm.em.fork() }, { families: 300, seed: 12, today });
    await seedCreditDemo(archive!.orm.em.fork(), t.config.calendar, today);
    wuhanAdmin = t.token("HA-420100", ["ADMIN"], "wuhan-admin");
    provinceAdmin = t.token("HA-420000", ["ADMIN"], "province-admin");
    mz = t.token("PT-420100-MZ", ["CONSUMER"], "mz-clerk");
    ga = t.token("PT-420000-GA", ["CONSUMER"], "ga-clerk");
    const url = String(t.hub.dbs.archive!.orm.config.get("clientUrl"));
    replica = await startHub({ ...t.config, subgraphUrls: t.hub.subgraphUrls }, { subgraphs: [], gateway: true, ephemeralPorts: true, clock, db: () => ({ kind: "postgres", url }) });
    // The copy is kept only while the gateways listen.
    for (let i = 0; i < 100 && !(t.hub.gateway!.grants.stats.listening && replica.gateway!.grants.stats.listening); i++) await new Promise((r) => setTimeout(r, 50));
  }, 300_000);
  afterAll(async () => {
    await replica?.close();
    await t?.close();
  });

  it("keeps a copy while notified, and a revocation applies within a second on another replica under concurrent load", async () => {
    expect(replica.gateway!.grants.stats.listening).toBe(true);
    const mzGrant = await grant(wuhanAdmin, { documentNumber: "鄂武住保许〔2026〕读1号", granteeCode: "PT-420100-MZ", purpose: "联审", scopes: [{ category: "LISTS", mode: "FULL" }, { category: "IDENTITY", mode: "MASKED" }], divisionCodes: ["420100"], ...window(30) });
    await grant(provinceAdmin, { documentNumber: "鄂住建许〔2026〕读2号", granteeCode: "PT-420000-GA", purpose: "核查", scopes: [{ category: "LISTS", mode: "FULL" }, { category: "IDENTITY", mode: "MASKED" }], divisionCodes: ["420000"], ...window(30) });
    // The grants reach the replica by notification only (the mutations went through the other gateway).
    for (let i = 0; i < 40 && !allowed(await listAtReplica(mz, "420100")); i++) await new Promise((r) => setTimeout(r, 25));
    // Warm: both partners see their lists; the copy answers most of these requests.
    const warm = await Promise.all(Array.from({ length: 30 }, (_, i) => listAtReplica(i % 2 ? mz : ga, "420100")));
    expect(warm.every(allowed)).toBe(true);
    const hitsBefore = replica.gateway!.grants.stats.hits;
    const again = await Promise.all(Array.from({ length: 20 }, (_, i) => listAtReplica(i % 2 ? mz : ga, "420100")));
    expect(again.every(allowed)).toBe(true);
    expect(replica.gateway!.grants.stats.hits - hitsBefore).toBeGreaterThanOrEqual(18);

    // Load keeps running on the replica while Wuhan revokes its permission through the other gateway.
    let stop = false;
    const seen: { at: number; org: string; allowed: boolean }[] = [];
    const load = Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        while (!stop) {
          const org = i % 2 ? "mz" : "ga";
          const started = Date.now();
          const r = await listAtReplica(org === "mz" ? mz : ga, "420100");
          seen.push({ at: started, org, allowed: allowed(r) });
        }
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    const invalidations = replica.gateway!.grants.stats.invalidations;
    const revoked = await t.gql(REVOKE, { id: mzGrant, reason: "联审结束" }, wuhanAdmin);
    expect(revoked.errors).toBeUndefined();
    const revokedAt = Date.now();
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await load;
    expect(replica.gateway!.grants.stats.invalidations).toBeGreaterThan(invalidations);
    // Every MZ request that started a second after the revocation was refused …
    const late = seen.filter((s) => s.org === "mz" && s.at > revokedAt + 1000);
    expect(late.length).toBeGreaterThan(3);
    expect(late.every((s) => !s.allowed)).toBe(true);
    // … while the province's partner, whose permission stands, kept its list throughout.
    const gaSeen = seen.filter((s) => s.org === "ga");
    expect(gaSeen.length).toBeGreaterThan(5);
    expect(gaSeen.every((s) => s.allowed)).toBe(true);
    // On the gateway that answered the revocation it applied to the very next request.
    expect(allowed(await listFor(mz, "420100"))).toBe(false);
  }, 120_000);

  it("decides validity by the clock: a permission that ends stops applying without any change to notify", async () => {
    await grant(wuhanAdmin, { documentNumber: "鄂武住保许〔2026〕读3号", granteeCode: "PT-420100-MZ", purpose: "短期联审", scopes: [{ category: "LISTS", mode: "FULL" }], divisionCodes: ["420100"], ...window(2) });
    expect(allowed(await listFor(mz, "420100"))).toBe(true);
    expect(allowed(await listFor(mz, "420100"))).toBe(true); // from the copy
    clock.advanceDays(3);
    expect(allowed(await listFor(mz, "420100"))).toBe(false);
  });

  it("reads every request while the notification connection is lost, and keeps a copy again once reconnected", async () => {
    const cache = t.hub.gateway!.grants;
    const id = await grant(wuhanAdmin, { documentNumber: "鄂武住保许〔2026〕读4号", granteeCode: "PT-420100-MZ", purpose: "联审", scopes: [{ category: "LISTS", mode: "FULL" }], divisionCodes: ["420100"], ...window(30) });
    expect(allowed(await listFor(mz, "420100"))).toBe(true);
    await sql(`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'hub-gateway-grants'`);
    for (let i = 0; i < 100 && cache.stats.listening; i++) await new Promise((r) => setTimeout(r, 10));
    expect(cache.stats.listening).toBe(false);
    // While not listening: a revocation applies to the very next request (nothing is kept).
    const reads = cache.stats.reads;
    await Promise.all(Array.from({ length: 5 }, () => listFor(mz, "420100")));
    if (!cache.stats.listening) expect(cache.stats.reads - reads).toBe(5);
    expect((await t.gql(REVOKE, { id, reason: "撤销" }, wuhanAdmin)).errors).toBeUndefined();
    expect(allowed(await listFor(mz, "420100"))).toBe(false);
    // It reconnects by itself.
    for (let i = 0; i < 100 && !cache.stats.listening; i++) await new Promise((r) => setTimeout(r, 50));
    expect(cache.stats.listening).toBe(true);
  }, 30_000);

  it("audits each of many concurrent disclosures once, through the batched audit call, and the chain holds", async () => {
    await grant(provinceAdmin, { documentNumber: "鄂住建许〔2026〕读5号", granteeCode: "PT-420000-GA", purpose: "核查", scopes: [{ category: "LISTS", mode: "FULL" }], divisionCodes: ["420000"], ...window(30) });
    const count = async () => Number((await sql<{ n: string }>(`select count(*) as n from archive.audit_entry where kind = 'DISCLOSURE' and user_sub = 'ga-clerk'`))[0].n);
    const before = await count();
    const answers = await Promise.all(Array.from({ length: 60 }, () => listFor(ga, "420100")));
    expect(answers.every(allowed)).toBe(true);
    expect((await count()) - before).toBe(60);
    const chain = await verifyAuditChain(t.hub.dbs.archive!.orm.em.fork());
    expect(chain.ok).toBe(true);
  }, 60_000);
});

describe("the public list for portals is cacheable (R5.3, R8.5)", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub("pglite", { env: { HUB_PUBLIC_LIST_MAX_AGE: "30" } });
    const { archive, housing, judicial } = t.hub.dbs;
    const today = shanghaiDate(new Date());
    await seedDemoData({ archive: archive!.orm.em.fork(), housing: housing!.orm.em.fork(), judicial: judicial!.orm.em.fork() }, { families: 200, seed: 3, today });
    await seedCreditDemo(archive!.orm.em.fork(), t.config.calendar, today);
  }, 300_000);
  afterAll(async () => t?.close());

  const post = (variables: Record<string, unknown>, headers: Record<string, string> = {}) =>
    fetch(t.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify({ query: PUBLIC_LIST, operationName: "PublicList", variables }) });

  it("answers anonymous visitors with Cache-Control and an ETag, the same page from the cache, and 304 when unchanged", async () => {
    const vars = { kind: "JOINT_PUNISHMENT", divisionCode: "420000", first: 10 };
    const first = await post(vars);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("public, max-age=30");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const body = await first.text();
    expect(JSON.parse(body).errors).toBeUndefined();
    // Many visitors at once get the identical page.
    const many = await Promise.all(Array.from({ length: 20 }, () => post(vars).then(async (r) => ({ etag: r.headers.get("etag"), body: await r.text() }))));
    expect(many.every((m) => m.etag === etag && m.body === body)).toBe(true);
    const conditional = await post(vars, { "if-none-match": etag! });
    expect(conditional.status).toBe(304);
    expect(await conditional.text()).toBe("");
    // Another page is another entry.
    const other = await post({ ...vars, first: 5 });
    expect(other.headers.get("etag")).not.toBe(etag);
  });

  it("caches no refusal and nothing for a signed-in caller", async () => {
    const refused = await post({ kind: "KEY_ATTENTION", divisionCode: "420000", first: 10 });
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe("BAD_USER_INPUT");
    expect(refused.headers.get("etag")).toBeNull();
    expect(refused.headers.get("cache-control")).not.toMatch(/public/);
    const signedIn = await post({ kind: "JOINT_PUNISHMENT", divisionCode: "420000", first: 10 }, { authorization: `Bearer ${t.token("HA-420000", ["OPERATOR"])}` });
    expect(signedIn.headers.get("etag")).toBeNull();
  });
});
