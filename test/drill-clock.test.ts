// Drill and acceptance hubs run at a chosen date (development only): HUB_CLOCK starts every
// service's clock there, advanceClock (province ADMIN) moves it forward for the whole hub, and
// every date the hub computes follows it — deadlines on the holiday calendar, list periods,
// document and audit times — while every answer says it is a drill (extensions.clock, GraphiQL
// and portal banners). Production refuses the setting.
import { execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium } from "playwright-core";
import { DrillClock, hubNow, ManualClock, setProcessClock, syncDrillClock, systemClock } from "../src/domain/clock";
import { ConfigError, loadConfig } from "../src/config";
import { encodeCaller, signRequest, verifyRequest } from "../src/auth/subgraph-signature";
import { addWorkingDays, NO_HOLIDAYS } from "../src/domain/credit/working-days";
import { addDays } from "../src/domain/credit/dates";
import { startTestHub, type DbKind, type GqlResponse, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput, EVIDENCE } from "./support/fixtures";
import { contractOperation } from "./support/contract";
import { freshPostgresDatabase } from "./support/test-db";
import { freePort } from "../scripts/free-port";
import { startHub } from "../src/hub";
import { appendAudit } from "../src/subgraphs/archive/sharing/audit.service";
import { buildDist, CLI as cli, ROOT as root, serveService, stopService } from "./support/services";

describe("the drill clock", () => {
  it("starts at its instant, runs with real time (or stands still), and only moves forward", () => {
    let real = 1_000_000;
    const start = new Date("2027-03-01T09:00:00+08:00");
    const running = new DrillClock(start, false, () => real);
    const fixed = new DrillClock(start, true, () => real);
    real += 90_000;
    expect(running.now().toISOString()).toBe("2027-03-01T01:01:30.000Z");
    expect(fixed.now().toISOString()).toBe("2027-03-01T01:00:00.000Z");
    // advanceTo: forward only; the running clock goes on from the new instant
    expect(running.advanceTo(new Date("2027-02-01T00:00:00Z"))).toBe(false);
    expect(running.now().toISOString()).toBe("2027-03-01T01:01:30.000Z");
    expect(running.advanceTo(new Date("2027-06-01T01:00:00Z"))).toBe(true);
    real += 1000;
    expect(running.now().toISOString()).toBe("2027-06-01T01:00:01.000Z");
    // observe: a later instant of another service is adopted, an earlier one ignored
    fixed.observe(new Date("2027-02-01T00:00:00Z"));
    expect(fixed.now().toISOString()).toBe("2027-03-01T01:00:00.000Z");
    fixed.observe(Date.parse("2027-04-01T00:00:00Z"));
    expect(fixed.now().toISOString()).toBe("2027-04-01T00:00:00.000Z");
    expect(fixed.startedAt.toISOString()).toBe("2027-03-01T01:00:00.000Z");
  });

  it("stamps rows by the process's clock, strictly increasing when the clock stands still, and follows it when set back", () => {
    const manual = new ManualClock("2027-03-01T09:00:00+08:00");
    setProcessClock(manual);
    try {
      const stamps = [hubNow(), hubNow(), hubNow()].map((d) => d.toISOString());
      expect(stamps).toEqual(["2027-03-01T01:00:00.000Z", "2027-03-01T01:00:00.001Z", "2027-03-01T01:00:00.002Z"]);
      manual.set("2027-03-02T09:00:00+08:00");
      expect(hubNow().toISOString()).toBe("2027-03-02T01:00:00.000Z");
      manual.set("2026-01-01T09:00:00+08:00");
      expect(hubNow().toISOString()).toBe("2026-01-01T01:00:00.000Z");
    } finally {
      setProcessClock(systemClock);
    }
  });

  it("is read from HUB_CLOCK and HUB_CLOCK_FIXED, refused when malformed and always in production", () => {
    const dev = (env: Record<string, string>) => loadConfig({ HUB_MODE: "development", ...env } as NodeJS.ProcessEnv);
    expect(dev({}).drillClock).toBeUndefined();
    expect(dev({ HUB_CLOCK: "2027-03-01T09:00:00+08:00" }).drillClock).toEqual({ start: new Date("2027-03-01T01:00:00Z"), fixed: false });
    expect(dev({ HUB_CLOCK: "2027-03-01", HUB_CLOCK_FIXED: "1" }).drillClock).toEqual({ start: new Date("2027-03-01T01:00:00Z"), fixed: true });
    for (const bad of ["2027-03-01T09:00:00", "tomorrow", "2027-13-01", "1999-12-31T00:00:00Z"]) {
      expect(() => dev({ HUB_CLOCK: bad })).toThrow(/HUB_CLOCK“.*”无效/);
    }
    expect(() => dev({ HUB_CLOCK_FIXED: "1" })).toThrow(/HUB_CLOCK_FIXED 只能与 HUB_CLOCK 一起使用/);
    expect(() => dev({ HUB_CLOCK: "2027-03-01", HUB_CLOCK_FIXED: "yes" })).toThrow(ConfigError);
    // Production: refused before anything else, in Chinese, whatever else is configured.
    expect(() => loadConfig({ HUB_MODE: "production", HUB_CLOCK: "2027-03-01T09:00:00+08:00" } as NodeJS.ProcessEnv)).toThrow(/生产环境不能设置 HUB_CLOCK（演练时钟）/);
    expect(() => loadConfig({ NODE_ENV: "production", HUB_CLOCK: "2027-03-01", HUB_JWKS_URL: "https://idp.example/jwks", HUB_JWT_AUDIENCE: "hub" } as NodeJS.ProcessEnv)).toThrow(/生产环境不能设置 HUB_CLOCK/);
  });

  it("travels signed with the caller context, and a drill clock on one side only is refused", async () => {
    const key = { kid: "k", secret: "x".repeat(40) };
    const caller = { sub: "u", org: "HA-420100", roles: ["OPERATOR" as const], clockAt: Date.parse("2027-03-01T01:00:00Z") };
    const body = "{}";
    const headers = signRequest(key, caller, body, "housing");
    const verified = await verifyRequest([key], { caller: headers["x-hub-caller"], signature: headers["x-hub-signature"] }, body, "housing", { method: "POST", path: "/graphql" });
    expect(verified?.clockAt).toBe(caller.clockAt);
    // The instant is under the signature: another one in the same header fails verification.
    const forged = encodeCaller({ ...caller, clockAt: Date.parse("2030-01-01T00:00:00Z") });
    expect(await verifyRequest([key], { caller: forged, signature: headers["x-hub-signature"] }, body, "housing", { method: "POST", path: "/graphql" })).toBeNull();

    const drill = new DrillClock(new Date("2027-03-01T01:00:00Z"), true);
    expect(syncDrillClock(drill, Date.parse("2027-05-01T00:00:00Z"), "子图 housing")).toBeNull();
    expect(drill.now().toISOString()).toBe("2027-05-01T00:00:00.000Z");
    expect(syncDrillClock(systemClock, undefined, "子图 housing")).toBeNull();
    expect(syncDrillClock(new ManualClock("2026-01-01"), undefined, "子图 housing")).toBeNull();
    expect(syncDrillClock(drill, undefined, "子图 housing")).toMatch(/子图 housing 以演练时钟（HUB_CLOCK）运行，而调用方使用真实时间/);
    expect(syncDrillClock(systemClock, Date.now(), "子图 housing")).toMatch(/调用方以演练时钟（HUB_CLOCK）运行，而 子图 housing 使用真实时间/);
  });
});

const RECORD = /* GraphQL */ `
  mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id status } }
`;
const IDENTIFY = /* GraphQL */ `
  mutation($id: ID!) { identifyRecord(recordId: $id, input: { reason: "事实清楚，证据确凿" }) { id status } }
`;
const ADVANCE = /* GraphQL */ `
  mutation($id: ID!) {
    advanceJointProcedure(entryId: $id) {
      id kind status step since until
      procedure { remindedOn reminderDeadline notifiedOn defenceUntil publicityFrom publicityUntil listedOn listedUntil removedOn nextStepFrom }
    }
  }
`;
const ADVANCE_CLOCK = /* GraphQL */ `
  mutation($to: DateTime!) { advanceClock(to: $to) { now today fixed startedAt calendarWarning } }
`;
const DRILL_CLOCK = /* GraphQL */ `{ drillClock { now today fixed startedAt calendarWarning } }`;
const FAMILY = /* GraphQL */ `
  query($id: ID!) { family(id: $id) { lists { id kind status since until step } documents { kind issuedOn body } } }
`;
const PUBLIC_LIST = contractOperation("PublicList");
const CREDIT_CHECK = contractOperation("CreditCheck");

type Entry = { id: string; kind: string; status: string; step: string | null; since: string; until: string | null; procedure: Record<string, string | null> };
type ClockExt = { drill: boolean; now: string; today: string; fixed: boolean; startedAt: string };
const at9 = (date: string) => `${date}T09:00:00+08:00`;

describe.each<DbKind>(["postgres", "pglite"])("a drill hub on %s walked from a first record to a listing's expiry", (kind) => {
  let t: TestHub;
  let admin: string;
  let operator: string;
  let identifier: string;
  const started = "2026-09-21T09:00:00+08:00"; // a Monday before National Day (国庆节 10-01…07; 09-20 and 10-10 working weekends)
  const families: Record<"a" | "b", { id: string; idNumber: string }> = {} as never;
  let advances = 0;
  let listedUntil = "";

  const clockOf = (r: GqlResponse<unknown>) => r.extensions?.clock as ClockExt | undefined;
  const advanceTo = async (instant: string) => {
    const r = await t.gql<{ advanceClock: { now: string; today: string } }>(ADVANCE_CLOCK, { to: instant }, admin);
    expect(r.errors).toBeUndefined();
    advances++;
    expect(r.data!.advanceClock.now).toBe(new Date(instant).toISOString());
    expect(clockOf(r)!.now).toBe(new Date(instant).toISOString());
    return r.data!.advanceClock;
  };
  const record = async (familyId: string, behavior: string, occurredOn: string) => {
    const r = await t.gql<{ recordBehavior: { id: string } }>(
      RECORD,
      { input: { familyId, behavior, source: "MANAGEMENT", facts: `经入户核查发现${behavior}情形`, legalBasis: "《公共租赁住房管理办法》", occurredOn, informedBy: "NOTICE_LETTER", informedOn: occurredOn, evidence: EVIDENCE } },
      operator,
    );
    expect(r.errors).toBeUndefined();
    const id = r.data!.recordBehavior.id;
    const identified = await t.gql<{ identifyRecord: { status: string } }>(IDENTIFY, { id }, identifier);
    expect(identified.errors).toBeUndefined();
    expect(identified.data!.identifyRecord.status).toBe("IDENTIFIED");
  };
  const familyOf = async (id: string) => {
    const r = await t.gql<{ family: { lists: Entry[]; documents: { kind: string; issuedOn: string; body: string }[] } }>(FAMILY, { id }, operator);
    expect(r.errors).toBeUndefined();
    return r.data!.family;
  };
  const publicWarnings = async () => {
    const r = await t.gql<{ publicList: { totalCount: number; edges: { node: { since: string; until: string } }[] } }>(PUBLIC_LIST, { kind: "WARNING", divisionCode: "420100", first: 20 });
    expect(r.errors).toBeUndefined();
    return { list: r.data!.publicList, clock: clockOf(r) };
  };
  const sql = async <T = Record<string, unknown>>(q: string, p: unknown[] = []) => (await t.hub.dbs.archive!.orm.em.fork().getConnection().execute(q, p)) as T[];

  beforeAll(async () => {
    t = await startTestHub(kind, { env: { HUB_CLOCK: started, HUB_CLOCK_FIXED: "1" } });
    admin = t.token("HA-420000", ["ADMIN"], "drill-admin");
    operator = t.token("HA-420111", ["OPERATOR"], "hs-operator");
    identifier = t.token("HA-420100", ["IDENTIFIER"], "wh-identifier");
    for (const k of ["a", "b"] as const) {
      const input = familyInput("420111");
      const created = await t.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input, reason: "演练建档" }, operator);
      expect(created.errors).toBeUndefined();
      families[k] = { id: created.data!.createFamily.id, idNumber: input.members[0].idNumber };
    }
  }, 120_000);
  afterAll(async () => t?.close());

  it("says it is a drill in every answer, and only the province's ADMIN moves the clock — forward", async () => {
    const anonymous = await publicWarnings();
    expect(anonymous.clock).toEqual({ drill: true, now: "2026-09-21T01:00:00.000Z", today: "2026-09-21", fixed: true, startedAt: "2026-09-21T01:00:00.000Z" });
    const read = await t.gql<{ drillClock: Record<string, unknown> }>(DRILL_CLOCK, {}, operator);
    expect(read.data!.drillClock).toEqual({ now: "2026-09-21T01:00:00.000Z", today: "2026-09-21", fixed: true, startedAt: "2026-09-21T01:00:00.000Z", calendarWarning: null });

    const attempts = await Promise.all([
      t.gql(ADVANCE_CLOCK, { to: at9("2026-09-22") }, t.token("HA-420100", ["ADMIN"])),
      t.gql(ADVANCE_CLOCK, { to: at9("2026-09-22") }, t.token("HA-420000", ["OPERATOR"])),
      t.gql(ADVANCE_CLOCK, { to: at9("2026-09-22") }, t.token("PT-420100-MZ", ["CONSUMER"])),
      t.gql(ADVANCE_CLOCK, { to: at9("2026-09-22") }),
      t.gql(ADVANCE_CLOCK, { to: at9("2026-09-20") }, admin),
      t.gql(ADVANCE_CLOCK, { to: "2026-09-22" }, admin),
    ]);
    expect(attempts.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "BAD_USER_INPUT", "BAD_USER_INPUT"]);
    expect(attempts[0].errors![0].message).toMatch(/省住房保障主管部门的管理员/);
    expect(attempts[4].errors![0].message).toBe("输入有误：to：演练时钟不能回拨：当前为 2026-09-21 09:00（北京时间），目标 2026-09-20 09:00（北京时间）更早");
    const after = await t.gql<{ drillClock: { now: string } }>(DRILL_CLOCK, {}, operator);
    expect(after.data!.drillClock.now).toBe("2026-09-21T01:00:00.000Z");
  });

  it("dates records, lists, notices and deadlines by the drill clock, across the holidays", async () => {
    await record(families.a.id, "B08", "2026-09-18");
    await record(families.b.id, "B08", "2026-09-18");
    const batch = await t.gql<{ publishWarningBatch: { quarter: string; added: number; publishedOn: string } }>(`mutation { publishWarningBatch(divisionCode: "420100") { quarter added publishedOn } }`, {}, identifier);
    expect(batch.data!.publishWarningBatch).toEqual({ quarter: "2026Q3", added: 2, publishedOn: "2026-09-21" });
    const b = await familyOf(families.b.id);
    expect(b.lists).toEqual([expect.objectContaining({ kind: "WARNING", status: "LISTED", since: "2026-09-21", until: "2026-12-21" })]);
    expect(b.documents.map((d) => d.issuedOn)).toEqual(["2026-09-21", "2026-09-21"]);

    // Family a: a second mild record (key attention), then a moderate one a week later: the
    // joint-punishment procedure starts with a reminder whose 10 working days cross National Day.
    await record(families.a.id, "B03", "2026-09-19");
    await advanceTo(at9("2026-09-28"));
    await record(families.a.id, "B07", "2026-09-25");
    const a = await familyOf(families.a.id);
    const jp = a.lists.find((l) => l.kind === "JOINT_PUNISHMENT")!;
    expect(jp).toMatchObject({ status: "PRELIMINARY", step: "REMINDED", since: "2026-09-28" });
    // 09-29, 09-30, (10-01…07 holidays), 10-08, 10-09, 10-10 (a working Saturday), 10-12…16: the 10th is 10-16.
    expect(addWorkingDays("2026-09-28", 10, t.config.calendar)).toBe("2026-10-16");
    expect(addWorkingDays("2026-09-28", 10, NO_HOLIDAYS)).toBe("2026-10-12");
    expect(a.documents.find((d) => d.kind === "REMINDER")!.body).toContain("请于 2026-10-16 前");
    expect(a.documents.find((d) => d.kind === "REMINDER")!.issuedOn).toBe("2026-09-28");

    // Each step when its period allows, with the clock moved to the day the hub names.
    await advanceTo(at9("2026-10-16"));
    const early = await t.gql(ADVANCE, { id: jp.id }, identifier);
    expect(early.errors![0].extensions).toMatchObject({ code: "CONFLICT", earliest: "2026-10-17" });
    let entry: Entry | undefined;
    for (const step of ["NOTIFIED", "PUBLICIZING", "LISTED"]) {
      let r = await t.gql<{ advanceJointProcedure: Entry }>(ADVANCE, { id: jp.id }, identifier);
      if (r.errors) {
        expect(r.errors[0].extensions!.code).toBe("CONFLICT");
        await advanceTo(at9(String(r.errors[0].extensions!.earliest)));
        r = await t.gql<{ advanceJointProcedure: Entry }>(ADVANCE, { id: jp.id }, identifier);
      }
      expect(r.errors).toBeUndefined();
      entry = r.data!.advanceJointProcedure;
      expect(entry.step).toBe(step);
    }
    expect(entry!.procedure.notifiedOn).toBe("2026-10-17");
    const listedOn = entry!.procedure.listedOn!;
    expect(entry).toMatchObject({ status: "LISTED", since: listedOn, until: `${Number(listedOn.slice(0, 4)) + 3}${listedOn.slice(4)}` });
    const now = await t.gql<{ drillClock: { today: string } }>(DRILL_CLOCK, {}, operator);
    expect(now.data!.drillClock.today).toBe(listedOn);
    listedUntil = entry!.until!;
  });

  it("ends the warning list entry on its own date, on the public list too", async () => {
    await advanceTo(at9("2026-12-20"));
    const before = await t.gql<{ runListMaintenance: { expired: number } }>(`mutation { runListMaintenance(divisionCode: "420100") { expired } }`, {}, identifier);
    expect(before.data!.runListMaintenance.expired).toBe(0);
    const listed = await publicWarnings();
    expect(listed.clock!.today).toBe("2026-12-20");
    expect(listed.list.edges.map((e) => e.node)).toEqual([expect.objectContaining({ since: "2026-09-21", until: "2026-12-21" })]);

    await advanceTo(at9("2026-12-21"));
    const on = await t.gql<{ runListMaintenance: { expired: number } }>(`mutation { runListMaintenance(divisionCode: "420100") { expired } }`, {}, identifier);
    expect(on.data!.runListMaintenance.expired).toBe(1);
    expect((await publicWarnings()).list.totalCount).toBe(0);
    const b = await familyOf(families.b.id);
    expect(b.lists).toEqual([]);
    const check = await t.gql<{ creditCheck: { lists: unknown[] } }>(CREDIT_CHECK, { idNumber: families.b.idNumber }, t.token("HA-420000", ["OPERATOR"]));
    expect(check.data!.creditCheck.lists).toEqual([]);
  });

  it("keeps the joint-punishment listing for its whole period and removes it on its last day", async () => {
    const until = listedUntil;
    const entryId = (await familyOf(families.a.id)).lists.find((l) => l.kind === "JOINT_PUNISHMENT")!.id;
    await advanceTo(at9(addDays(until, -1)));
    const check = await t.gql<{ creditCheck: { lists: { kind: string; status: string; until: string }[] } }>(CREDIT_CHECK, { idNumber: families.a.idNumber }, t.token("HA-420000", ["OPERATOR"]));
    expect(check.data!.creditCheck.lists).toEqual([expect.objectContaining({ kind: "JOINT_PUNISHMENT", status: "LISTED", until })]);
    expect(clockOf(check)!.today).toBe(addDays(until, -1));
    const early = await t.gql(ADVANCE, { id: entryId }, identifier);
    expect(early.errors![0].extensions).toMatchObject({ code: "CONFLICT", earliest: until });

    await advanceTo(at9(until));
    const removed = await t.gql<{ advanceJointProcedure: Entry }>(ADVANCE, { id: entryId }, identifier);
    expect(removed.errors).toBeUndefined();
    expect(removed.data!.advanceJointProcedure).toMatchObject({ status: "REMOVED", procedure: { removedOn: until } });
    const after = await t.gql<{ creditCheck: { lists: unknown[] } }>(CREDIT_CHECK, { idNumber: families.a.idNumber }, t.token("HA-420000", ["OPERATOR"]));
    expect(after.data!.creditCheck.lists).toEqual([]);
    expect((await familyOf(families.a.id)).documents.at(-1)).toMatchObject({ kind: "REMOVAL_NOTICE", issuedOn: until });
    // The bundled calendar ends with 2026: the hub says so rather than counting weekends silently.
    const clock = await t.gql<{ drillClock: { calendarWarning: string | null } }>(DRILL_CLOCK, {}, operator);
    expect(clock.data!.drillClock.calendarWarning).toContain(`${until.slice(0, 4)} 年`);
  });

  it("audits by the drill clock, and records who moved it", async () => {
    const drillNow = new Date((await t.gql<{ drillClock: { now: string } }>(DRILL_CLOCK, {}, operator)).data!.drillClock.now);
    const latest = await sql<{ at: string | Date }>(`select "at" from "archive"."audit_entry" where "kind" = 'DISCLOSURE' order by "seq" desc limit 1`);
    expect(new Date(latest[0].at).toISOString()).toBe(drillNow.toISOString());
    const moves = await sql<{ user_sub: string; org_code: string; detail: { from: string; to: string } | string }>(`select "user_sub", "org_code", "detail" from "archive"."audit_entry" where "outcome" = 'CLOCK_ADVANCED' order by "seq"`);
    expect(moves).toHaveLength(advances);
    const details = moves.map((m) => (typeof m.detail === "string" ? JSON.parse(m.detail) : m.detail) as { from: string; to: string });
    expect(moves.every((m) => m.user_sub === "drill-admin" && m.org_code === "HA-420000")).toBe(true);
    expect(details[0]).toEqual({ from: "2026-09-21T01:00:00.000Z", to: "2026-09-28T01:00:00.000Z" });
    for (let i = 1; i < details.length; i++) expect(details[i].from <= details[i].to && details[i - 1].to <= details[i].from).toBe(true);
    // Records and documents carry drill times, never the real ones of this run.
    const docs = await sql<{ n: string | number }>(`select count(*) as n from "archive"."credit_document" where "issued_at" < '2026-09-21T01:00:00Z'`);
    expect(Number(docs[0].n)).toBe(0);
  });
});

describe("a first drill on a database that already holds records", () => {
  it("may not start before the latest of them, and may start after it", async () => {
    const url = await freshPostgresDatabase();
    const keys = { HUB_MODE: "test", HUB_SUBGRAPH_KEYS: `t1:${"k".repeat(40)}` };
    const open = (env: Record<string, string>) => startHub(loadConfig({ ...keys, ...env } as NodeJS.ProcessEnv), { subgraphs: ["archive"], gateway: false, listen: false, db: () => ({ kind: "postgres", url }) });
    // The system on real time writes a record (an audit entry now).
    const real = await open({});
    await appendAudit(real.dbs.archive!.orm.em.fork(), { at: new Date(), kind: "SYSTEM", orgCode: null, userSub: "test", clientAddress: null, operationName: "test", documentHash: null, permissions: [], categoriesReturned: [], categoriesDenied: [], familyIds: [], outcome: "SEEDED", detail: null });
    await real.close();
    await expect(open({ HUB_CLOCK: "2026-01-05T09:00:00+08:00" })).rejects.toThrow(/演练时钟（HUB_CLOCK，2026-01-05 09:00（北京时间））早于此数据库中最新的记录.*时钟不能回拨/);
    const later = new Date(Date.now() + 90 * 86400_000);
    const drill = await open({ HUB_CLOCK: later.toISOString() });
    expect(drill.clock.now().getTime()).toBeGreaterThanOrEqual(later.getTime());
    await drill.close();
  });
});

describe("a drill hub's GraphiQL page and demo portal page show the drill", () => {
  let t: TestHub;
  beforeAll(async () => {
    t = await startTestHub("pglite", { env: { HUB_CLOCK: "2027-03-01T09:00:00+08:00", HUB_CLOCK_FIXED: "1" } });
  }, 60_000);
  afterAll(async () => t?.close());

  it("in a real browser", async () => {
    if (!fs.existsSync("/usr/bin/chromium")) throw new Error("/usr/bin/chromium is missing (.ci/run installs it)");
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
    try {
      const page = await browser.newPage();
      const base = t.url.replace(/\/graphql$/, "");
      await page.goto(`${base}/graphiql`);
      await expect.poll(() => page.locator("#hub-drill").isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await page.locator("#hub-drill").textContent()).toBe("演练环境（非真实系统）：演练时钟 2027-03-01 09:00（北京时间），时钟静止；所有期限和日期按演练时钟计算");
      await page.goto(`${base}/embed/demo.html`);
      await expect.poll(() => page.locator("#drill-banner").isVisible(), { timeout: 10_000 }).toBe(true);
      expect(await page.locator("#drill-banner").textContent()).toBe("演练环境（非真实系统）：本页名单按演练日期 2027-03-01 生成，不是真实公示");
      const inList = page.locator("hub-credit-list").first().locator(".drill");
      expect(await inList.textContent()).toBe("演练环境，非真实公示：演练日期 2027-03-01");
    } finally {
      await browser.close();
    }
  });
});

describe("a drill hub whose services run as separate processes on PostgreSQL", () => {
  const children = new Map<string, ChildProcess>();
  const ports = {} as Record<"gateway" | "archive" | "housing" | "judicial", number>;
  let env: Record<string, string>;
  let gatewayUrl: string;
  const token = (org: string, roles: string) => execFileSync(process.execPath, [cli, "token", "--org", org, "--roles", roles], { cwd: root, env: { ...process.env, ...env } }).toString().trim();

  const serve = async (name: keyof typeof ports) => children.set(name, await serveService(name, env));
  const stop = (name: keyof typeof ports) => stopService(children.get(name));
  const gql = async <T>(query: string, variables: Record<string, unknown>, tok: string) => {
    const res = await fetch(gatewayUrl, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${tok}` }, body: JSON.stringify({ query, variables }) });
    return (await res.json()) as GqlResponse<T>;
  };

  beforeAll(async () => {
    buildDist();
    const databaseUrl = await freshPostgresDatabase(undefined, "drill");
    for (const k of ["gateway", "archive", "housing", "judicial"] as const) ports[k] = await freePort();
    env = {
      VITEST: "",
      HUB_MODE: "development",
      DATABASE_URL: databaseUrl,
      HUB_LOG_LEVEL: "warn",
      // A running clock: it goes on with real time from here.
      HUB_CLOCK: "2027-01-04T09:00:00+08:00",
      PORT: String(ports.gateway),
      ARCHIVE_PORT: String(ports.archive),
      HOUSING_PORT: String(ports.housing),
      JUDICIAL_PORT: String(ports.judicial),
    };
    gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
    execFileSync(process.execPath, [cli, "seed", "--families", "30"], { cwd: root, env: { ...process.env, ...env }, stdio: "pipe" });
    await Promise.all([serve("archive"), serve("housing"), serve("judicial")]);
    await serve("gateway");
  }, 180_000);
  afterAll(async () => {
    for (const child of children.values()) await stopService(child);
  });

  it("moves every service's dates with advanceClock, and a restart never takes the clock back", async () => {
    const operator = token("HA-420000", "OPERATOR");
    const admin = token("HA-420000", "ADMIN");
    const found = await gql<{ families: { edges: { node: { id: string; tenancy: { unitAddress: string } | null } }[] } }>(`{ families(first: 30) { edges { node { id tenancy { unitAddress } } } } }`, {}, operator);
    expect(found.errors).toBeUndefined();
    const clock = found.extensions!.clock as ClockExt;
    expect(clock).toMatchObject({ drill: true, fixed: false, startedAt: "2027-01-04T01:00:00.000Z" });
    expect(clock.today).toBe("2027-01-04");
    const familyId = found.data!.families.edges.find((e) => e.node.tenancy)!.node.id;

    // The housing subgraph (its own process) decides "today" by the gateway's signed drill time.
    const CHECK = `mutation($f: ID!, $on: Date!) { recordOccupancyCheck(familyId: $f, checkedOn: $on, occupied: true, inspector: "演练核查员", note: null) { unitAddress } }`;
    const future = await gql(CHECK, { f: familyId, on: "2027-05-31" }, operator);
    expect(future.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(future.errors![0].message).toContain("核查日期不能晚于今天");
    const moved = await gql<{ advanceClock: { today: string } }>(ADVANCE_CLOCK, { to: at9("2027-06-01") }, admin);
    expect(moved.errors).toBeUndefined();
    expect(moved.data!.advanceClock.today).toBe("2027-06-01");
    const accepted = await gql(CHECK, { f: familyId, on: "2027-05-31" }, operator);
    expect(accepted.errors).toBeUndefined();

    // Restarted with the same HUB_CLOCK, the archive resumes where the clock was (never back), and
    // a restarted gateway takes the archive's time before its first answer.
    await stop("archive");
    await serve("archive");
    await stop("gateway");
    await serve("gateway");
    const again = await gql<{ drillClock: { now: string } }>(DRILL_CLOCK, {}, operator);
    expect(again.errors).toBeUndefined();
    expect(again.data!.drillClock.now >= "2027-06-01T01:00:00.000Z").toBe(true);
    expect((again.extensions!.clock as ClockExt).today).toBe("2027-06-01");
    expect((await gql(CHECK, { f: familyId, on: "2027-06-01" }, operator)).errors).toBeUndefined();
  });

  it("refuses to serve the drill database on real time, and any drill clock in production", async () => {
    const port = await freePort();
    const run = (extra: Record<string, string>, removeClock = false) => {
      const e: NodeJS.ProcessEnv = { ...process.env, ...env, ARCHIVE_PORT: String(port), ...extra };
      if (removeClock) delete e.HUB_CLOCK;
      try {
        execFileSync(process.execPath, [cli, "serve", "archive"], { cwd: root, env: e, stdio: "pipe", timeout: 60_000 });
        return { code: 0, stderr: "" };
      } catch (err) {
        const x = err as { status: number; stderr: Buffer };
        return { code: x.status, stderr: x.stderr.toString() };
      }
    };
    const onRealTime = run({}, true);
    expect(onRealTime.code).toBe(1);
    expect(onRealTime.stderr).toMatch(/无法启动：此数据库曾用于演练（演练时钟已到 2027-06-01 .*（北京时间））.*演练库不能用于真实系统/);
    const production = run({ HUB_MODE: "production" });
    expect(production.code).toBe(1);
    expect(production.stderr).toContain("配置错误：生产环境不能设置 HUB_CLOCK（演练时钟）");
  });
});
