// Correction notices reach their recipients (R7.2 恢复信誉), through the gateway: partners with a
// written permission read families' credit; the records are then revoked or corrected on
// objection; each partner reads its own notices (paged list and resumable feed), acknowledges
// them (idempotent, who and when recorded); nobody else sees or acknowledges them (NOT_FOUND,
// as for an unknown notice); the province and the issuing city see who has not acknowledged.
// Roles as the safeguards require: who records does not identify, who identifies does not decide
// the objection (each a different person).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput } from "./support/fixtures";
import { contractOperation } from "./support/contract";
import { seedOrganizations } from "../src/seed/seed";
import { sqlQuery } from "../src/db/orm";

const RECORD = `mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id } }`;
const ADD_EVIDENCE = `mutation($id: ID!, $file: EvidenceInput!) { addEvidence(recordId: $id, file: $file) { id } }`;
const IDENTIFY = `mutation($id: ID!) { identifyRecord(recordId: $id, input: { reason: "事实清楚，证据确凿", informedBy: NOTICE_LETTER, informedOn: "2026-04-20" }) { id status } }`;
const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id } }`;
const DECIDE = `mutation($id: ID!, $input: ObjectionDecisionInput!) { decideObjection(id: $id, input: $input) { objection { status decision } correctionNotices } }`;
const DOCUMENTS = `query($id: ID!) { family(id: $id) { documents { kind number body } } }`;
const NOTICE_FIELDS = `id sequence number title issuedOn issuedAt issuingAuthorityCode issuingAuthorityName recipientCode recipientName action subject familyId recordId listEntryId body acknowledgedAt acknowledgedBy`;
const NOTICES = `query($acknowledged: Boolean, $first: Int, $after: String) {
  correctionNotices(acknowledged: $acknowledged, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${NOTICE_FIELDS} } } }
}`;
const FEED = `query($after: String, $first: Int!) {
  correctionNoticeFeed(after: $after, first: $first) { pageInfo { hasNextPage endCursor } edges { cursor node { id sequence number familyId acknowledgedAt } } }
}`;
const ACK = `mutation($id: ID!) { acknowledgeCorrectionNotice(id: $id) { id number recipientCode acknowledgedAt acknowledgedBy } }`;
const OUTSTANDING = `query($divisionCode: String, $recipientCode: String, $first: Int, $after: String) {
  unacknowledgedCorrectionNotices(divisionCode: $divisionCode, recipientCode: $recipientCode, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id number recipientCode recipientName issuedOn issuingAuthorityCode divisionCode familyId recordId action daysOutstanding } }
  }
}`;
const ACCESS = `query($id: ID!) { accessHistory(familyId: $id, first: 50) { edges { node { organization { code } permissionDocumentNumbers categories outcome } } } }`;
const CREDIT_CHECK = contractOperation("CreditCheck");
const GRANT = contractOperation("GrantSharingPermission");
const REVOKE_GRANT = contractOperation("RevokeSharingPermission");
const REGISTER = contractOperation("RegisterOrganization");

type Notice = {
  id: string;
  sequence: string;
  number: string;
  title: string;
  issuedOn: string;
  issuedAt: string;
  issuingAuthorityCode: string;
  issuingAuthorityName: string;
  recipientCode: string;
  recipientName: string;
  action: string;
  subject: string;
  familyId: string;
  recordId: string | null;
  listEntryId: string | null;
  body: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
};
type Notices = { correctionNotices: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Notice }[] } };
type Feed = { correctionNoticeFeed: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: { id: string; sequence: string; number: string; familyId: string; acknowledgedAt: string | null } }[] } };
type Outstanding = {
  unacknowledgedCorrectionNotices: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; number: string; recipientCode: string; recipientName: string; issuedOn: string; issuingAuthorityCode: string; divisionCode: string; familyId: string; recordId: string; action: string; daysOutstanding: number } }[];
  };
};

describe.each<DbKind>(["postgres", "pglite"])("correction notices reach their recipients on %s", (kind) => {
  let t: TestHub;
  const clock = new ManualClock("2026-04-27");
  const tk = {} as Record<"recorder" | "identifier" | "reviewer" | "whAdmin" | "provAdmin" | "province" | "wuhan" | "xiangyang" | "mz" | "mz2" | "ga" | "yh", string>;
  const fam = {} as Record<"a" | "b" | "c", { id: string; idNumber: string; record: string }>;
  let yhGrant: string;

  const gql = <T>(q: string, v: Record<string, unknown>, token: string) => t.gql<T>(q, v, token);
  const ok = async <T>(q: string, v: Record<string, unknown>, token: string): Promise<T> => {
    const r = await gql<T>(q, v, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!;
  };
  const grant = async (token: string, granteeCode: string, documentNumber: string, categories: string[]) =>
    (
      await ok<{ grantSharingPermission: { id: string } }>(
        GRANT,
        {
          input: {
            documentNumber,
            granteeCode,
            purpose: "资格联审",
            scopes: categories.map((category) => ({ category, mode: "FULL" })),
            divisionCodes: ["420100"],
            validFrom: "2026-01-01T00:00:00+08:00",
            validUntil: "2028-01-01T00:00:00+08:00",
          },
        },
        token,
      )
    ).grantSharingPermission.id;
  // Recorded by the district, identified by the city (different people), with an evidence file.
  const identifiedFamily = async () => {
    const created = await ok<{ createFamily: { id: string; applicant: { idNumber: string } } }>(CREATE_FAMILY, { input: familyInput("420111"), reason: "新建档案" }, tk.recorder);
    const id = created.createFamily.id;
    const r = await ok<{ recordBehavior: { id: string } }>(
      RECORD,
      { input: { familyId: id, behavior: "B06", source: "MANAGEMENT", facts: "核查发现B06情形", legalBasis: "《公共租赁住房管理办法》", occurredOn: "2026-04-20", informedBy: "NOTICE_LETTER", informedOn: "2026-04-20" } },
      tk.recorder,
    );
    await ok(ADD_EVIDENCE, { id: r.recordBehavior.id, file: { fileName: "入户核查记录.txt", mediaType: "text/plain", contentBase64: Buffer.from("入户核查记录（测试数据）").toString("base64") } }, tk.recorder);
    await ok(IDENTIFY, { id: r.recordBehavior.id }, tk.identifier);
    return { id, idNumber: created.createFamily.applicant.idNumber, record: r.recordBehavior.id };
  };
  const checks = async (token: string, idNumber: string) => {
    const r = await ok<{ creditCheck: { found: boolean; score: number } }>(CREDIT_CHECK, { idNumber }, token);
    expect(r.creditCheck).toMatchObject({ found: true, score: 75 });
  };
  // Objection filed by the district, decided by a reviewer who did not identify the record.
  const decide = async (recordId: string, input: Record<string, unknown>) => {
    const o = await ok<{ fileObjection: { id: string } }>(FILE, { input: { recordId, reasons: "家庭提出异议，记录有误" } }, tk.recorder);
    return (await ok<{ decideObjection: { objection: { status: string; decision: string }; correctionNotices: number } }>(DECIDE, { id: o.fileObjection.id, input }, tk.reviewer)).decideObjection;
  };
  const notices = async (token: string, v: Record<string, unknown> = {}) => (await ok<Notices>(NOTICES, { first: 50, ...v }, token)).correctionNotices;
  const outstanding = async (token: string, v: Record<string, unknown> = {}) => (await ok<Outstanding>(OUTSTANDING, { first: 50, ...v }, token)).unacknowledgedCorrectionNotices;
  const documentNumbers = async (familyId: string) =>
    (await ok<{ family: { documents: { kind: string; number: string; body: string }[] } }>(DOCUMENTS, { id: familyId }, tk.wuhan)).family.documents.filter((d) => d.kind === "CORRECTION_NOTICE");

  beforeAll(async () => {
    t = await startTestHub(kind, { clock });
    await seedOrganizations(t.hub.dbs.archive!.orm.em.fork());
    tk.recorder = t.token("HA-420111", ["OPERATOR"], "hs-operator");
    tk.identifier = t.token("HA-420100", ["IDENTIFIER"], "wh-identifier");
    tk.reviewer = t.token("HA-420100", ["REVIEWER"], "wh-reviewer");
    tk.whAdmin = t.token("HA-420100", ["ADMIN"], "wh-admin");
    tk.provAdmin = t.token("HA-420000", ["ADMIN"], "prov-admin");
    tk.province = t.token("HA-420000", ["REVIEWER"], "prov-reviewer");
    tk.wuhan = t.token("HA-420100", ["REVIEWER"], "wh-supervisor");
    tk.xiangyang = t.token("HA-420600", ["REVIEWER"], "xy-reviewer");
    tk.mz = t.token("PT-420100-MZ", ["CONSUMER"], "mz-clerk");
    tk.mz2 = t.token("PT-420100-MZ", ["CONSUMER"], "mz-supervisor");
    tk.ga = t.token("PT-420000-GA", ["CONSUMER"], "ga-clerk");
    tk.yh = t.token("PT-420100-YH", ["CONSUMER"], "yh-clerk");
    await ok(REGISTER, { input: { code: "PT-420100-YH", name: "武汉农村商业银行", kind: "PARTNER", level: "CITY", divisionCode: "420100" } }, tk.whAdmin);
    await grant(tk.whAdmin, "PT-420100-MZ", `鄂武住保许〔2026〕更正${kind}1号`, ["CREDIT", "LISTS"]);
    yhGrant = await grant(tk.whAdmin, "PT-420100-YH", `鄂武住保许〔2026〕更正${kind}2号`, ["CREDIT", "LISTS"]);
    await grant(tk.provAdmin, "PT-420000-GA", `鄂住建许〔2026〕更正${kind}3号`, ["CREDIT", "LISTS"]);
    fam.a = await identifiedFamily();
    fam.b = await identifiedFamily();
    fam.c = await identifiedFamily();
    // Who received what: A → 民政; B → 公安, 银行; C → 民政.
    await checks(tk.mz, fam.a.idNumber);
    await checks(tk.ga, fam.b.idNumber);
    await checks(tk.yh, fam.b.idNumber);
    await checks(tk.mz, fam.c.idNumber);
  }, 180_000);
  afterAll(async () => t?.close());

  let a: Notice;
  let c: Notice;

  it("a revoked or corrected record sends each recipient its notice; nothing before", async () => {
    expect((await notices(tk.mz)).edges).toEqual([]);
    expect((await outstanding(tk.province)).edges).toEqual([]);
    expect(await decide(fam.a.record, { decision: "REVOKED", reason: "缴费凭证真实，原记录有误" })).toEqual({ objection: { status: "DECIDED", decision: "REVOKED" }, correctionNotices: 1 });
    expect(await decide(fam.b.record, { decision: "REVOKED", reason: "核查属实，撤销记录" })).toMatchObject({ correctionNotices: 2 });
    expect(await decide(fam.c.record, { decision: "CORRECTED", reason: "事实部分更正", correction: { facts: "核查发现B06情形（已更正）" } })).toMatchObject({ correctionNotices: 1 });
  });

  it("the recipient lists its own notices, newest first, paged; the number is the document's", async () => {
    const all = await notices(tk.mz);
    expect(all.totalCount).toBe(2);
    expect(all.pageInfo.hasNextPage).toBe(false);
    [c, a] = all.edges.map((e) => e.node);
    expect(a).toEqual({
      id: expect.any(String),
      sequence: expect.stringMatching(/^\d+$/),
      number: expect.stringMatching(/^420111〔2026〕更正[0-9A-F]{8}号$/),
      title: "信用信息更正通知书",
      issuedOn: "2026-04-27",
      issuedAt: expect.stringMatching(/^2026-04-27T/),
      issuingAuthorityCode: "HA-420100",
      issuingAuthorityName: "武汉市住房保障和房屋管理局",
      recipientCode: "PT-420100-MZ",
      recipientName: "武汉市民政局",
      action: "REVOKED",
      subject: expect.stringMatching(/^“.+”信用记录（发生日期 2026-04-20）已撤销$/),
      familyId: fam.a.id,
      recordId: fam.a.record,
      listEntryId: null,
      body: expect.stringContaining(`档案编号 ${fam.a.id}`),
      acknowledgedAt: null,
      acknowledgedBy: null,
    });
    expect(a.body).toContain("武汉市民政局");
    expect(a.body).toContain("已撤销");
    expect(c).toMatchObject({ familyId: fam.c.id, recordId: fam.c.record, action: "CORRECTED", subject: expect.stringContaining("已更正") });
    expect(Number(c.sequence)).toBeGreaterThan(Number(a.sequence));
    // the recipient's copy is the document the authority issued (same 文号 and text)
    const issued = await documentNumbers(fam.a.id);
    expect(issued.map((d) => [d.number, d.body])).toEqual([[a.number, a.body]]);
    // paged: one at a time, resumed from the cursor
    const p1 = await notices(tk.mz, { first: 1 });
    expect(p1.edges.map((e) => e.node.id)).toEqual([c.id]);
    expect(p1.pageInfo).toEqual({ hasNextPage: true, endCursor: c.sequence });
    const p2 = await notices(tk.mz, { first: 1, after: p1.pageInfo.endCursor });
    expect(p2.edges.map((e) => e.node.id)).toEqual([a.id]);
    expect(p2.pageInfo.hasNextPage).toBe(false);
    const bad = await gql(NOTICES, { first: 1, after: "x'; drop table" }, tk.mz);
    expect(bad.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });

  it("the feed gives the notices since a cursor, in issue order; resumed, nothing is skipped or repeated", async () => {
    const feed = async (after: string | null, first: number) => (await ok<Feed>(FEED, { after, first }, tk.mz)).correctionNoticeFeed;
    const whole = await feed(null, 100);
    expect(whole.edges.map((e) => e.node.id)).toEqual([a.id, c.id]);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 5; i++) {
      const page = await feed(cursor, 1);
      seen.push(...page.edges.map((e) => e.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor ?? cursor);
      cursor = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual([a.id, c.id]);
    // at the end: nothing new, and the cursor stays where it was
    expect(await feed(cursor, 10)).toEqual({ pageInfo: { hasNextPage: false, endCursor: cursor }, edges: [] });
    expect((await gql(FEED, { after: "-1", first: 1 }, tk.mz)).errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });

  it("reading a notice is audited: the family's access history names the recipient and the notice's 文号", async () => {
    const h = await ok<{ accessHistory: { edges: { node: { organization: { code: string } | null; permissionDocumentNumbers: string[]; categories: string[]; outcome: string } }[] } }>(ACCESS, { id: fam.a.id }, tk.wuhan);
    expect(h.accessHistory.edges.map((e) => e.node)).toContainEqual({ organization: { code: "PT-420100-MZ" }, permissionDocumentNumbers: [a.number], categories: ["EVIDENCE"], outcome: "DISCLOSED" });
  });

  it("nobody else sees the notice: another partner, the issuing city, another city", async () => {
    const ga = await notices(tk.ga);
    expect(ga.edges.map((e) => e.node.familyId)).toEqual([fam.b.id]);
    expect(ga.edges[0].node).toMatchObject({ recipientCode: "PT-420000-GA", recipientName: "湖北省公安厅", action: "REVOKED" });
    expect((await notices(tk.yh)).edges.map((e) => [e.node.recipientCode, e.node.familyId])).toEqual([["PT-420100-YH", fam.b.id]]);
    for (const token of [tk.wuhan, tk.xiangyang, tk.province]) {
      expect(await notices(token)).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
      expect((await ok<Feed>(FEED, { after: null, first: 10 }, token)).correctionNoticeFeed.edges).toEqual([]);
    }
  });

  it("the province and the issuing city see who has not acknowledged, by division; others do not", async () => {
    clock.set("2026-04-30");
    const prov = await outstanding(tk.province);
    expect(prov.totalCount).toBe(4);
    expect(prov.edges.map((e) => e.node.recipientCode).sort()).toEqual(["PT-420000-GA", "PT-420100-MZ", "PT-420100-MZ", "PT-420100-YH"]);
    expect(prov.edges.find((e) => e.node.id === a.id)!.node).toEqual({
      id: a.id,
      number: a.number,
      recipientCode: "PT-420100-MZ",
      recipientName: "武汉市民政局",
      issuedOn: "2026-04-27",
      issuingAuthorityCode: "HA-420100",
      divisionCode: "420111",
      familyId: fam.a.id,
      recordId: fam.a.record,
      action: "REVOKED",
      daysOutstanding: 3,
    });
    expect((await outstanding(tk.wuhan)).edges.map((e) => e.node.id)).toEqual(prov.edges.map((e) => e.node.id));
    expect((await outstanding(tk.province, { divisionCode: "420111", recipientCode: "PT-420100-MZ" })).edges.map((e) => e.node.id)).toEqual([a.id, c.id]);
    expect((await outstanding(tk.province, { divisionCode: "420600" })).edges).toEqual([]);
    expect((await outstanding(tk.xiangyang)).edges).toEqual([]);
    // paged, oldest first
    const p1 = await outstanding(tk.province, { first: 3 });
    const p2 = await outstanding(tk.province, { first: 3, after: p1.pageInfo.endCursor });
    expect(p1.pageInfo.hasNextPage).toBe(true);
    expect([...p1.edges, ...p2.edges].map((e) => e.node.id)).toEqual(prov.edges.map((e) => e.node.id));
    // a city outside its jurisdiction, and partners, are refused
    expect((await gql(OUTSTANDING, { divisionCode: "420600" }, tk.wuhan)).errors![0].extensions!.code).toBe("FORBIDDEN");
    expect((await gql(OUTSTANDING, {}, tk.mz)).errors![0].extensions!.code).toBe("FORBIDDEN");
  });

  it("the recipient acknowledges once (who and when); again it changes nothing; others get NOT_FOUND", async () => {
    const notFound = async (token: string, id: string) => {
      const r = await gql(ACK, { id }, token);
      expect(r.data).toBeNull();
      expect(r.errors!.map((e) => [e.extensions!.code, e.message])).toEqual([["NOT_FOUND", "更正通知不存在"]]);
    };
    // another organisation's notice answers exactly as an unknown one
    for (const token of [tk.ga, tk.yh, tk.wuhan, tk.xiangyang, tk.province, tk.reviewer]) await notFound(token, a.id);
    await notFound(tk.mz, randomUUID());
    await notFound(tk.mz, "not-a-uuid");

    const at = clock.now().toISOString();
    const first = await ok<{ acknowledgeCorrectionNotice: Record<string, unknown> }>(ACK, { id: a.id }, tk.mz);
    expect(first.acknowledgeCorrectionNotice).toEqual({ id: a.id, number: a.number, recipientCode: "PT-420100-MZ", acknowledgedAt: at, acknowledgedBy: "mz-clerk" });
    clock.set("2026-05-06");
    const again = await ok<{ acknowledgeCorrectionNotice: Record<string, unknown> }>(ACK, { id: a.id }, tk.mz2);
    expect(again.acknowledgeCorrectionNotice).toEqual(first.acknowledgeCorrectionNotice);

    const mine = await notices(tk.mz);
    expect(mine.edges.find((e) => e.node.id === a.id)!.node).toMatchObject({ acknowledgedAt: at, acknowledgedBy: "mz-clerk" });
    expect((await notices(tk.mz, { acknowledged: false })).edges.map((e) => e.node.id)).toEqual([c.id]);
    expect((await notices(tk.mz, { acknowledged: true })).edges.map((e) => e.node.id)).toEqual([a.id]);
    // the feed shows the acknowledgement on the same notice, not a new entry
    const feed = (await ok<Feed>(FEED, { after: null, first: 10 }, tk.mz)).correctionNoticeFeed.edges.map((e) => [e.node.id, e.node.acknowledgedAt]);
    expect(feed).toEqual([
      [a.id, at],
      [c.id, null],
    ]);
    // the province's view: no longer outstanding
    const prov = await outstanding(tk.province);
    expect(prov.edges.map((e) => e.node.id)).not.toContain(a.id);
    expect(prov.edges.map((e) => e.node.id)).toContain(c.id);
    expect(prov.edges.find((e) => e.node.id === c.id)!.node.daysOutstanding).toBe(9);
    expect(prov.totalCount).toBe(3);
    // nobody else's acknowledgement touched another notice
    expect((await notices(tk.ga)).edges[0].node.acknowledgedAt).toBeNull();
  });

  it("a recipient whose permission has ended still reads and acknowledges its notices", async () => {
    await ok(REVOKE_GRANT, { id: yhGrant, reason: "业务合作结束" }, tk.whAdmin);
    const yh = await notices(tk.yh);
    expect(yh.edges.map((e) => e.node.familyId)).toEqual([fam.b.id]);
    const ack = await ok<{ acknowledgeCorrectionNotice: { acknowledgedBy: string } }>(ACK, { id: yh.edges[0].node.id }, tk.yh);
    expect(ack.acknowledgeCorrectionNotice.acknowledgedBy).toBe("yh-clerk");
  });

  it("row-level security is the backstop: the application role sees only the addressee's rows, and changes only the acknowledgement", async () => {
    const asApp = async <T>(org: string | null, divisions: string, fn: (q: <R>(sql: string, params?: unknown[]) => Promise<R[]>) => Promise<T>): Promise<T> => {
      const em = t.hub.dbs.archive!.orm.em.fork();
      await em.begin();
      try {
        await sqlQuery(em, `select set_config('role', 'hub_app', true), set_config('hub.divisions', ?, true)`, [divisions]);
        if (org) await sqlQuery(em, `select set_config('hub.org', ?, true)`, [org]);
        return await fn((sql, params = []) => sqlQuery(em, sql, params));
      } finally {
        await em.rollback();
      }
    };
    const recipients = (org: string | null, divisions: string) =>
      asApp(org, divisions, async (q) => (await q<{ recipient_code: string }>(`select "recipient_code" from "archive"."correction_notice" order by "sequence"`)).map((r) => r.recipient_code));
    // a partner whose permission covers Wuhan still sees only its own notices
    expect(await recipients("PT-420000-GA", "420100,420111")).toEqual(["PT-420000-GA"]);
    expect(await recipients("PT-420100-MZ", "420100,420111")).toEqual(["PT-420100-MZ", "PT-420100-MZ"]);
    // no organisation named: nothing (fail closed); an authority: its families' notices
    expect(await recipients(null, "*")).toEqual([]);
    expect(await recipients("HA-420600", "420600")).toEqual([]);
    expect((await recipients("HA-420100", "420100,420111")).length).toBe(4);
    // the addressee may record its acknowledgement, never rewrite the notice
    const rewrite = await asApp("PT-420100-MZ", "", (q) => q(`update "archive"."correction_notice" set "body" = 'x' where "id" = ?`, [c.id]).then(() => "updated", (e: Error) => e.message));
    expect(rewrite).toMatch(/permission denied/);
    const foreign = await asApp("PT-420000-GA", "", (q) => q<{ id: string }>(`update "archive"."correction_notice" set "acknowledged_by" = 'ga' where "id" = ? returning "id"`, [c.id]));
    expect(foreign).toEqual([]);
  });

  it("concurrent callers each see only their own notices", async () => {
    const expected: Record<string, string[]> = {
      "PT-420100-MZ": [c.id, a.id],
      "PT-420000-GA": (await notices(tk.ga)).edges.map((e) => e.node.id),
      "PT-420100-YH": (await notices(tk.yh)).edges.map((e) => e.node.id),
      "HA-420600": [],
      "HA-420100": [],
    };
    expect(expected["PT-420000-GA"]).toHaveLength(1);
    expect(expected["PT-420100-YH"]).toHaveLength(1);
    expect(expected["PT-420000-GA"][0]).not.toBe(expected["PT-420100-YH"][0]);
    const callers: [string, string][] = [];
    for (let i = 0; i < 4; i++) callers.push(["PT-420100-MZ", i % 2 ? tk.mz : tk.mz2], ["PT-420000-GA", tk.ga], ["PT-420100-YH", tk.yh], ["HA-420600", tk.xiangyang], ["HA-420100", tk.wuhan]);
    const results = await Promise.all(
      callers.map(async ([org, token]) => {
        const [list, feed] = await Promise.all([notices(token), ok<Feed>(FEED, { after: null, first: 50 }, token)]);
        return { org, list: list.edges.map((e) => [e.node.id, e.node.recipientCode]), feed: feed.correctionNoticeFeed.edges.map((e) => e.node.id) };
      }),
    );
    for (const r of results) {
      expect(r.list, r.org).toEqual(expected[r.org].map((id) => [id, r.org]));
      expect(r.feed, r.org).toEqual([...expected[r.org]].reverse());
    }
  });
});
