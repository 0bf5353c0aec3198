// The written-permission rule end to end (R8.1, R8.2, R8.3, R8.5), with the demo data and the
// contract's own operations: a partner without a permission gets nothing protected; with LISTS
// and IDENTITY MASKED for its city it sees that city's list masked and SHARING_NOT_PERMITTED for
// credit and tenancy; with IDENTITY FULL the full ID numbers; after revocation or expiry nothing.
// Every request is in the families' access history; the audit chain detects any tampering.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { shanghaiDate } from "../src/domain/credit/dates";
import { seedDemoData } from "../src/seed/seed";
import { seedCreditDemo } from "../src/seed/credit-demo";
import { verifyAuditChain } from "../src/subgraphs/archive/sharing/audit.service";
import { sqlQuery } from "../src/db/orm";
import { loadTrustedDocuments } from "../src/gateway/gateway";
import { COMPOUND_SURNAMES, maskName } from "../src/domain/id-number";
import { contractOperation } from "./support/contract";
import { startTestHub, type TestHub } from "./support/test-hub";

const GRANT = contractOperation("GrantSharingPermission");
const REVOKE = contractOperation("RevokeSharingPermission");
const REGISTER = contractOperation("RegisterOrganization");
const CREDIT_LIST = contractOperation("CreditList");
const FAMILY_ARCHIVE = contractOperation("FamilyArchive");
const ACCESS_HISTORY = contractOperation("AccessHistory");
const CREDIT_CHECK = contractOperation("CreditCheck");

const MASKED_NAME = /^[\u4e00-\u9fa5]{1,2}\*+$/u; // a compound surname (欧阳) stays whole
const MASKED_ID = /^\d{6}\*{8}[\dX]{4}$/;

interface Edge {
  node: {
    kind: string;
    status: string;
    family: {
      id: string;
      division: { code: string };
      applicant: { name: string | null; idNumber: string | null } | null;
      credit: unknown;
      tenancy: unknown;
    };
  };
}
type ListPage = { creditList: { totalCount: number; edges: Edge[] } | null };

describe("written permissions through the gateway (R8)", () => {
  let t: TestHub;
  const clock = new ManualClock(new Date());
  let wuhanMembers: { familyId: string; name: string; idNumber: string }[];
  let wuhanListed: number;
  let xiangyangFamily: string;
  let partner: string;
  let wuhanAdmin: string;
  const run = <T>(q: string, v: Record<string, unknown>, tok?: string) => t.gql<T>(q, v, tok);
  const sql = <T = Record<string, unknown>>(q: string, p: unknown[] = []) => t.hub.dbs.archive!.orm.em.fork().getConnection().execute(q, p) as Promise<T[]>;

  const grant = (input: Record<string, unknown>, tok = wuhanAdmin) =>
    run<{ grantSharingPermission: { id: string; documentNumber: string; revokedAt: string | null } }>(GRANT, { input }, tok);
  const wuhanGrant = (documentNumber: string, scopes: { category: string; mode: string }[], extra: Record<string, unknown> = {}) =>
    grant({
      documentNumber,
      granteeCode: "PT-420100-MZ",
      purpose: "公租房资格联审",
      scopes,
      divisionCodes: ["420100"],
      validFrom: new Date(clock.now().getTime() - 60_000).toISOString(),
      validUntil: new Date(clock.now().getTime() + 30 * 86400_000).toISOString(),
      letterSha256: "a".repeat(64),
      ...extra,
    });
  const wuhanList = () => run<ListPage>(CREDIT_LIST, { kind: "WARNING", divisionCode: "420100", first: 100 }, partner);

  function expectNoSecrets(body: unknown, exceptFamilies: string[] = []) {
    const text = JSON.stringify(body);
    for (const m of wuhanMembers) {
      if (exceptFamilies.includes(m.familyId)) continue;
      expect(text).not.toContain(m.idNumber);
      expect(text).not.toContain(m.name);
    }
  }

  beforeAll(async () => {
    t = await startTestHub("postgres", { clock });
    const { archive, housing, judicial } = t.hub.dbs;
    const today = shanghaiDate(clock.now());
    await seedDemoData({ archive: archive!.orm.em.fork(), housing: housing!.orm.em.fork(), judicial: judicial!.orm.em.fork() }, { families: 300, seed: 5, today });
    await seedCreditDemo(archive!.orm.em.fork(), t.config.calendar, today);
    partner = t.token("PT-420100-MZ", ["CONSUMER"], "mz-clerk");
    wuhanAdmin = t.token("HA-420100", ["ADMIN"], "wuhan-admin");
    wuhanMembers = (
      await sql<{ family_id: string; name: string; id_number: string }>(
        `select m.family_id, m.name, m.id_number from archive.family_member m join archive.family f on f.id = m.family_id where f.division_code like '4201%'`,
      )
    ).map((r) => ({ familyId: r.family_id, name: r.name, idNumber: r.id_number }));
    wuhanListed = Number(
      (await sql<{ n: string }>(`select count(*) as n from archive.list_entry where kind = 'WARNING' and status = 'LISTED' and division_code like '4201%'`))[0].n,
    );
    xiangyangFamily = (await sql<{ id: string }>(`select id from archive.family where division_code like '4206%' limit 1`))[0].id;
  }, 300_000);
  afterAll(async () => t?.close());

  it("has Wuhan families on the warning list to share", () => {
    expect(wuhanListed).toBeGreaterThan(0);
    expect(wuhanMembers.length).toBeGreaterThan(10);
  });

  it("gives a partner without a permission no protected value", async () => {
    const list = await wuhanList();
    expect(list.data).toBeNull();
    expect(list.errors).toEqual([expect.objectContaining({ path: ["creditList"], extensions: expect.objectContaining({ code: "SHARING_NOT_PERMITTED", category: "LISTS" }) })]);
    const archive = await run(FAMILY_ARCHIVE, { id: wuhanMembers[0].familyId }, partner);
    expect(archive.data).toEqual({ family: null });
    expect(archive.errors![0].extensions).toMatchObject({ code: "SHARING_NOT_PERMITTED" });
    const check = await run(CREDIT_CHECK, { idNumber: wuhanMembers[0].idNumber }, partner);
    expect(check.data).toBeNull();
    expectNoSecrets([list, archive]);
  });

  let maskedId: string;
  let fullId: string;

  it("with LISTS and IDENTITY MASKED for its city: the city's list, masked, and no credit or tenancy", async () => {
    const g = await wuhanGrant("鄂武住保许〔2026〕1号", [
      { category: "LISTS", mode: "FULL" },
      { category: "IDENTITY", mode: "MASKED" },
    ]);
    expect(g.errors).toBeUndefined();
    expect(g.data!.grantSharingPermission).toMatchObject({
      documentNumber: "鄂武住保许〔2026〕1号",
      grantor: { code: "HA-420100" },
      grantee: { code: "PT-420100-MZ" },
      scopes: [
        { category: "LISTS", mode: "FULL" },
        { category: "IDENTITY", mode: "MASKED" },
      ],
      divisions: [{ code: "420100" }],
      revokedAt: null,
    });
    maskedId = g.data!.grantSharingPermission.id;

    const list = await wuhanList();
    const page = list.data!.creditList!;
    expect(page.totalCount).toBe(wuhanListed);
    expect(page.edges.length).toBe(Math.min(100, wuhanListed));
    for (const [i, e] of page.edges.entries()) {
      expect(e.node.kind).toBe("WARNING");
      expect(e.node.family.division.code.startsWith("4201")).toBe(true);
      expect(e.node.family.applicant!.name).toMatch(MASKED_NAME);
      expect(e.node.family.applicant!.idNumber).toMatch(MASKED_ID);
      const real = wuhanMembers.find((m) => m.familyId === e.node.family.id && m.idNumber.slice(0, 6) === e.node.family.applicant!.idNumber!.slice(0, 6));
      expect(real).toBeDefined();
      expect(e.node.family.credit).toBeNull();
      expect(e.node.family.tenancy).toBeNull();
      for (const field of ["credit", "tenancy"]) {
        expect(list.errors).toContainEqual(
          expect.objectContaining({
            path: ["creditList", "edges", i, "node", "family", field],
            extensions: { code: "SHARING_NOT_PERMITTED", category: field === "credit" ? "CREDIT" : "TENANCY", divisionCode: e.node.family.division.code },
          }),
        );
      }
    }
    expect(list.errors).toHaveLength(page.edges.length * 2);
    expectNoSecrets(list);

    // Only its city: Xiangyang's list is refused, the province-wide list holds only Wuhan.
    const xiangyang = await run<ListPage>(CREDIT_LIST, { kind: "WARNING", divisionCode: "420600", first: 10 }, partner);
    expect(xiangyang.data).toBeNull();
    expect(xiangyang.errors![0].extensions).toMatchObject({ code: "SHARING_NOT_PERMITTED", divisionCode: "420600" });
    const all = await run<ListPage>(CREDIT_LIST, { kind: "WARNING", first: 100 }, partner);
    expect(all.data!.creditList!.totalCount).toBe(wuhanListed);
    expect(all.data!.creditList!.edges.every((e) => e.node.family.division.code.startsWith("4201"))).toBe(true);
    // Another city's family by id: refused by the archive, without saying where it is (the
    // partner may not locate it).
    const other = await run(FAMILY_ARCHIVE, { id: xiangyangFamily }, partner);
    expect(other.data).toEqual({ family: null });
    expect(other.errors![0].extensions).toEqual({ code: "SHARING_NOT_PERMITTED" });
  });

  it("with IDENTITY FULL: full ID numbers", async () => {
    const g = await wuhanGrant("鄂武住保许〔2026〕2号", [{ category: "IDENTITY", mode: "FULL" }]);
    expect(g.errors).toBeUndefined();
    fullId = g.data!.grantSharingPermission.id;
    const list = await wuhanList();
    const edges = list.data!.creditList!.edges;
    expect(edges.length).toBeGreaterThan(0);
    for (const e of edges) {
      const ids = wuhanMembers.filter((m) => m.familyId === e.node.family.id).map((m) => m.idNumber);
      expect(ids).toContain(e.node.family.applicant!.idNumber);
      expect(e.node.family.applicant!.name).not.toMatch(MASKED_NAME);
    }
  });

  it("records every disclosure in the families' access history, with the permission used", async () => {
    const list = await wuhanList();
    expect(list.errors?.filter((e) => e.extensions?.code !== "SHARING_NOT_PERMITTED")).toEqual([]);
    const familyId = list.data!.creditList!.edges[0].node.family.id;
    const history = await run<{ accessHistory: { edges: { node: { organization: { code: string } | null; permissionDocumentNumber: string | null; operationName: string; categories: string[]; outcome: string } }[] } }>(
      ACCESS_HISTORY,
      { familyId, first: 20 },
      t.token("HA-420100", ["AUDITOR"]),
    );
    expect(history.errors).toBeUndefined();
    const nodes = history.data!.accessHistory.edges.map((e) => e.node);
    const partnerLists = nodes.filter((n) => n.organization?.code === "PT-420100-MZ" && n.operationName === "CreditList");
    // three CreditList requests that disclosed this family: masked, full, and this one
    expect(partnerLists.length).toBeGreaterThanOrEqual(3);
    expect(partnerLists[0]).toMatchObject({ outcome: "PARTIAL", categories: ["IDENTITY", "LISTS"] });
    expect(partnerLists.map((n) => n.permissionDocumentNumber)).toContain("鄂武住保许〔2026〕1号");
    const docs = await sql<{ permissions: string[] }>(`select permissions from archive.audit_entry where kind = 'DISCLOSURE' and org_code = 'PT-420100-MZ' and family_ids @> ?::jsonb order by seq desc limit 1`, [JSON.stringify([familyId])]);
    expect(docs[0].permissions).toEqual(["鄂武住保许〔2026〕1号", "鄂武住保许〔2026〕2号"]);
    // The refused request of the partner without a permission is in the trail too, with no family.
    const refused = await sql<{ outcome: string; categories_denied: string[] }>(`select outcome, categories_denied from archive.audit_entry where org_code = 'PT-420100-MZ' order by seq asc limit 1`);
    expect(refused[0]).toEqual({ outcome: "DENIED", categories_denied: expect.arrayContaining(["LISTS"]) });
    // Access history is for the family's own authority only.
    const stranger = await run(ACCESS_HISTORY, { familyId, first: 5 }, t.token("HA-420600", ["AUDITOR"]));
    expect(stranger.errors![0].extensions).toMatchObject({ code: "SHARING_NOT_PERMITTED" });
  });

  it("denies again on the next request after revocation", async () => {
    for (const id of [maskedId, fullId]) {
      const r = await run<{ revokeSharingPermission: { id: string; revokedAt: string } }>(REVOKE, { id, reason: "联审结束" }, wuhanAdmin);
      expect(r.errors).toBeUndefined();
      expect(r.data!.revokeSharingPermission.revokedAt).toBeTruthy();
    }
    const again = await run(REVOKE, { id: maskedId, reason: "再次撤销" }, wuhanAdmin);
    expect(again.errors![0].extensions!.code).toBe("CONFLICT");
    const list = await wuhanList();
    expect(list.data).toBeNull();
    expectNoSecrets(list);
  });

  it("applies a permission only inside its validity window", async () => {
    const later = await wuhanGrant("鄂武住保许〔2026〕3号", [{ category: "LISTS", mode: "FULL" }], {
      validFrom: new Date(clock.now().getTime() + 86400_000).toISOString(),
      validUntil: new Date(clock.now().getTime() + 3 * 86400_000).toISOString(),
    });
    expect(later.errors).toBeUndefined();
    expect((await wuhanList()).data).toBeNull(); // not yet valid
    clock.advanceDays(2);
    expect((await wuhanList()).data!.creditList!.totalCount).toBe(wuhanListed);
    clock.advanceDays(2);
    const expired = await wuhanList();
    expect(expired.data).toBeNull(); // expired
    expectNoSecrets(expired);
  });

  it("lets only an ADMIN of the same level grant, for divisions of its own jurisdiction (R8.1, R8.2)", async () => {
    const before = Number((await sql<{ n: string }>(`select count(*) as n from archive.sharing_permission`))[0].n);
    const base = {
      documentNumber: "鄂住保许〔2026〕9号",
      granteeCode: "PT-420100-MZ",
      purpose: "测试",
      scopes: [{ category: "LISTS", mode: "FULL" }],
      divisionCodes: ["420100"],
      validFrom: clock.now().toISOString(),
      validUntil: new Date(clock.now().getTime() + 86400_000).toISOString(),
    };
    const province = await grant(base, t.token("HA-420000", ["ADMIN"]));
    expect(province.errors![0].extensions!.code).toBe("FORBIDDEN"); // a CITY partner needs the CITY authority
    const outside = await grant({ ...base, divisionCodes: ["420600"] });
    expect(outside.errors![0].extensions).toMatchObject({ code: "FORBIDDEN", divisionCode: "420600" });
    const operator = await grant(base, t.token("HA-420100", ["OPERATOR"]));
    expect(operator.errors![0].extensions!.code).toBe("FORBIDDEN");
    const partnerSelf = await grant(base, partner);
    expect(partnerSelf.errors![0].extensions!.code).toBe("FORBIDDEN");
    const county = await grant(base, t.token("HA-420102", ["ADMIN"]));
    expect(county.errors![0].extensions!.code).toBe("FORBIDDEN");
    const bad = await grant({ ...base, scopes: [], validUntil: base.validFrom, letterSha256: "xyz" });
    expect(bad.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(bad.errors![0].message).toMatch(/scopes|validUntil|letterSha256/);
    const duplicate = await grant({ ...base, documentNumber: "鄂武住保许〔2026〕1号" });
    expect(duplicate.errors![0].extensions!.code).toBe("CONFLICT");
    const after = Number((await sql<{ n: string }>(`select count(*) as n from archive.sharing_permission`))[0].n);
    expect(after).toBe(before);
    // The province shares with a province-level partner.
    const ok = await grant({ ...base, granteeCode: "PT-420000-GA", documentNumber: "鄂建保许〔2026〕1号", divisionCodes: ["420600", "420100"] }, t.token("HA-420000", ["ADMIN"]));
    expect(ok.errors).toBeUndefined();
  });

  it("registers organisations at the authority's own level and division only", async () => {
    const input = { code: "PT-420100-FY", name: "武汉市中级人民法院", kind: "PARTNER", level: "CITY", divisionCode: "420100" };
    const r = await run<{ registerOrganization: unknown }>(REGISTER, { input }, wuhanAdmin);
    expect(r.errors).toBeUndefined();
    expect(r.data!.registerOrganization).toEqual({ code: "PT-420100-FY", name: "武汉市中级人民法院", kind: "PARTNER", level: "CITY", division: { code: "420100", name: "武汉市" } });
    expect((await run(REGISTER, { input }, wuhanAdmin)).errors![0].extensions!.code).toBe("CONFLICT");
    const wrongLevel = await run(REGISTER, { input: { ...input, code: "PT-420000-X", level: "PROVINCE", divisionCode: "420000" } }, wuhanAdmin);
    expect(wrongLevel.errors![0].extensions!.code).toBe("FORBIDDEN");
    const bad = await run(REGISTER, { input: { ...input, code: "bad code" } }, wuhanAdmin);
    expect(bad.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });

  it("audits every registration, grant and revocation", async () => {
    const rows = await sql<{ kind: string; outcome: string; permissions: string[] }>(`select kind, outcome, permissions from archive.audit_entry where kind <> 'DISCLOSURE' order by seq`);
    expect(rows.filter((r) => r.kind === "GRANT").map((r) => r.permissions[0])).toEqual(["鄂武住保许〔2026〕1号", "鄂武住保许〔2026〕2号", "鄂武住保许〔2026〕3号", "鄂建保许〔2026〕1号"]);
    expect(rows.filter((r) => r.kind === "REVOKE")).toHaveLength(2);
    expect(rows.filter((r) => r.kind === "REGISTER")).toHaveLength(1);
    const search = await run<{ auditEntries: { edges: { node: { kind: string; organization: { code: string } | null } }[] } }>(
      `query { auditEntries(first: 50, organizationCode: "HA-420100") { edges { node { kind organization { code } } } } }`,
      {},
      t.token("HA-420000", ["AUDITOR"]),
    );
    expect(search.errors).toBeUndefined();
    expect(new Set(search.data!.auditEntries.edges.map((e) => e.node.kind))).toEqual(new Set(["GRANT", "REVOKE", "REGISTER"]));
  });

  it("withholds the data when the audit entry cannot be written", async () => {
    await sql(`alter table archive.audit_entry add constraint audit_broken check (seq < 0) not valid`);
    try {
      const g = await wuhanGrant("鄂武住保许〔2026〕4号", [{ category: "LISTS", mode: "FULL" }]);
      expect(g.errors![0].extensions!.code).toBe("INTERNAL_SERVER_ERROR"); // the grant's own audit fails: nothing granted
    } finally {
      await sql(`alter table archive.audit_entry drop constraint audit_broken`);
    }
    expect((await sql(`select 1 from archive.sharing_permission where document_number = '鄂武住保许〔2026〕4号'`)).length).toBe(0);
    const g = await wuhanGrant("鄂武住保许〔2026〕5号", [{ category: "LISTS", mode: "FULL" }, { category: "IDENTITY", mode: "FULL" }]);
    expect(g.errors).toBeUndefined();
    await sql(`alter table archive.audit_entry add constraint audit_broken check (seq < 0) not valid`);
    try {
      const list = await wuhanList();
      expect(list.status).toBe(503);
      expect(list.data).toBeNull();
      expect(list.errors).toEqual([expect.objectContaining({ extensions: { code: "INTERNAL_SERVER_ERROR" } })]);
      expectNoSecrets(list);
    } finally {
      await sql(`alter table archive.audit_entry drop constraint audit_broken`);
    }
    expect((await wuhanList()).data!.creditList!.totalCount).toBe(wuhanListed);
  });

  it("keeps row-level security as the last line: the application role without divisions sees no family (R8.4)", async () => {
    const em = t.hub.dbs.archive!.orm.em.fork();
    const role = await sql<{ rolbypassrls: boolean; rolsuper: boolean }>(`select rolbypassrls, rolsuper from pg_roles where rolname = 'hub_app'`);
    expect(role).toEqual([{ rolbypassrls: false, rolsuper: false }]);
    // Row-level security on every family table, for everyone but the owner role (which only
    // migrates and owns the SECURITY DEFINER locators); the application role owns nothing.
    const secured = await sql<{ relname: string }>(`select relname from pg_class where relnamespace = 'archive'::regnamespace and relrowsecurity order by relname`);
    expect(secured.map((r) => r.relname)).toEqual(["correction_notice", "credit_document", "credit_record", "evidence", "external_listing", "family", "family_credit", "family_member", "intake_load", "judicial_lead", "list_entry", "list_entry_statement", "objection", "readiness_probe", "repair_application"]);
    const owned = await sql<{ n: string }>(`select count(*) as n from pg_class c join pg_roles r on r.oid = c.relowner where c.relnamespace = 'archive'::regnamespace and r.rolname = 'hub_app'`);
    expect(Number(owned[0].n)).toBe(0);
    const again = await em.fork().transactional(async (tx) => {
      await sqlQuery(tx, `select set_config('role', 'hub_app', true)`);
      const none = Number((await sqlQuery<{ n: string }>(tx, `select count(*) as n from archive.family`))[0].n);
      await sqlQuery(tx, `select set_config('hub.divisions', '420102', true)`);
      const some = Number((await sqlQuery<{ n: string }>(tx, `select count(*) as n from archive.family`))[0].n);
      const outside = Number((await sqlQuery<{ n: string }>(tx, `select count(*) as n from archive.family where division_code <> '420102'`))[0].n);
      return { none, some, outside };
    });
    const total = Number((await sql<{ n: string }>(`select count(*) as n from archive.family where division_code = '420102'`))[0].n);
    expect(again).toEqual({ none: 0, some: total, outside: 0 });
    expect(total).toBeGreaterThan(0);
    // writes too only inside its divisions: a row changed there passes, moved out of them is refused
    const scoped = (sqlText: string) =>
      em.fork().transactional(async (tx) => {
        await sqlQuery(tx, `select set_config('role', 'hub_app', true), set_config('hub.divisions', '420102', true)`);
        await sqlQuery(tx, sqlText);
        throw new Error("rolled back");
      });
    await expect(scoped(`update archive.family set version = version where division_code = '420102'`)).rejects.toThrow(/rolled back/);
    await expect(scoped(`update archive.family set division_code = '420600' where division_code = '420102'`)).rejects.toThrow(/row-level security/);
    // and never DDL
    await expect(scoped(`create table archive.smuggled (x int)`)).rejects.toThrow(/permission denied/);
    await expect(scoped(`alter table archive.family disable row level security`)).rejects.toThrow(/must be owner|permission denied/);
  });

  it("serves the public list to anonymous portals as a trusted document: masked, never SUSPENDED (R5.3, R8.4, R8.5)", async () => {
    const PUBLIC = contractOperation("PublicList");
    type Page = { publicList: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { maskedName: string; maskedIdNumber: string; behaviors: string[]; since: string; authority: string } }[] } };
    const res = await run<Page>(PUBLIC, { kind: "WARNING", divisionCode: "420100", first: 500 });
    expect(res.errors).toBeUndefined();
    const page = res.data!.publicList;
    expect(page.totalCount).toBe(wuhanListed);
    expect(page.edges).toHaveLength(wuhanListed);
    for (const { node } of page.edges) {
      expect(node.maskedName).toMatch(MASKED_NAME);
      expect(node.maskedIdNumber).toMatch(MASKED_ID);
      expect(node.behaviors.length).toBeGreaterThan(0);
      expect(node.authority).toBe("武汉市住房保障和房屋管理局");
    }
    expectNoSecrets(res);
    // masked in the database exactly as everywhere else (compound surnames stay whole)
    const applicants = await sql<{ name: string }>(
      `select (select m.name from archive.family_member m where m.family_id = e.family_id order by m.position limit 1) as name
         from archive.list_entry e where e.kind = 'WARNING' and e.status = 'LISTED' and e.division_code like '4201%'`,
    );
    expect(page.edges.map((e) => e.node.maskedName).sort()).toEqual(applicants.map((a) => maskName(a.name)).sort());
    const [compound] = await sql<{ masked: string }>(`select archive.public_mask_name(?) as masked`, ["欧阳娜娜"]);
    expect(compound.masked).toBe(maskName("欧阳娜娜"));
    for (const surname of COMPOUND_SURNAMES) {
      const [m] = await sql<{ masked: string }>(`select archive.public_mask_name(?) as masked`, [`${surname}某某`]);
      expect(m.masked, surname).toBe(`${surname}**`);
    }
    // by persisted id (GraphQL over HTTP trusted documents): the same answer
    const id = loadTrustedDocuments().ids().find((d) => d.operationName === "PublicList")!.id;
    const byId = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ documentId: id, variables: { kind: "WARNING", divisionCode: "420100", first: 500 } }) });
    expect(((await byId.json()) as { data: Page }).data.publicList.totalCount).toBe(wuhanListed);
    const unknown = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ documentId: "sha256:" + "0".repeat(64), variables: {} }) });
    expect(unknown.status).toBe(400);
    // paging: every entry once
    const seen = new Set<string>();
    let after: string | null = null;
    do {
      const p: Awaited<ReturnType<typeof run<Page>>> = await run<Page>(PUBLIC, { kind: "WARNING", divisionCode: "420100", first: 2, after });
      for (const e of p.data!.publicList.edges) seen.add(e.node.maskedIdNumber + e.node.since);
      after = p.data!.publicList.pageInfo.hasNextPage ? p.data!.publicList.pageInfo.endCursor : null;
    } while (after);
    expect(seen.size).toBe(wuhanListed);
    // an entry under objection (SUSPENDED) disappears from the public list at once
    const [entry] = await sql<{ id: string }>(`select id from archive.list_entry where kind = 'WARNING' and status = 'LISTED' and division_code like '4201%' limit 1`);
    await sql(`update archive.list_entry set status = 'SUSPENDED' where id = ?`, [entry.id]);
    try {
      const suspended = await run<Page>(PUBLIC, { kind: "WARNING", divisionCode: "420100", first: 500 });
      expect(suspended.data!.publicList.totalCount).toBe(wuhanListed - 1);
    } finally {
      await sql(`update archive.list_entry set status = 'LISTED' where id = ?`, [entry.id]);
    }
    // anything else is refused to the anonymous caller
    const other = await run(CREDIT_LIST, { kind: "WARNING", divisionCode: "420100", first: 5 });
    expect(other.errors![0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "UNTRUSTED_DOCUMENT" });
    expectNoSecrets(other);
  });

  it("writes one entry per request under concurrency, in one unbroken chain (group commit)", async () => {
    const count = async () => Number((await sql<{ n: string }>(`select count(*) as n from archive.audit_entry where kind = 'DISCLOSURE'`))[0].n);
    const before = await count();
    const responses = await Promise.all(Array.from({ length: 30 }, () => wuhanList()));
    expect(responses.every((r) => r.data?.creditList?.totalCount === wuhanListed)).toBe(true);
    expect(await count()).toBe(before + 30);
    expect(await verifyAuditChain(t.hub.dbs.archive!.orm.em.fork())).toMatchObject({ ok: true });
  });

  describe("the hash chain (R8.3)", () => {
    const verify = () => verifyAuditChain(t.hub.dbs.archive!.orm.em.fork());
    const tamper = async (statements: string[]) => {
      await sql(`alter table archive.audit_entry disable trigger user`);
      try {
        for (const s of statements) await sql(s);
      } finally {
        await sql(`alter table archive.audit_entry enable trigger user`);
      }
    };

    it("is intact and refuses updates and deletes", async () => {
      const ok = await verify();
      expect(ok).toMatchObject({ ok: true });
      expect(ok.entries).toBeGreaterThan(10);
      await expect(sql(`update archive.audit_entry set outcome = 'DENIED' where seq = 3`)).rejects.toThrow(/append-only/);
      await expect(sql(`delete from archive.audit_entry where seq = 3`)).rejects.toThrow(/append-only/);
    });

    it("names the first edited, deleted or reordered entry", async () => {
      const [row] = await sql<Record<string, unknown>>(`select * from archive.audit_entry where seq = 5`);
      await tamper([`update archive.audit_entry set categories_returned = '["LISTS"]'::jsonb where seq = 5`]);
      expect(await verify()).toMatchObject({ ok: false, brokenSeq: "5" });
      await tamper([`update archive.audit_entry set categories_returned = ?::jsonb where seq = 5`.replace("?", `'${JSON.stringify(row.categories_returned)}'`)]);
      expect(await verify()).toMatchObject({ ok: true });

      // reorder: swap the contents of entries 6 and 7 (keeping their sequence numbers)
      const cols = `"at", "kind", "org_code", "user_sub", "client_address", "operation_name", "document_hash", "permissions", "categories_returned", "categories_denied", "family_ids", "outcome", "detail", "prev_hash", "hash"`;
      await tamper([
        `create table archive.tmp_swap as select * from archive.audit_entry where seq in (6, 7)`,
        `update archive.audit_entry e set (${cols}) = (select ${cols} from archive.tmp_swap s where s.seq = 13 - e.seq) where e.seq in (6, 7)`,
      ]);
      expect(await verify()).toMatchObject({ ok: false, brokenSeq: "6" });
      await tamper([`update archive.audit_entry e set (${cols}) = (select ${cols} from archive.tmp_swap s where s.seq = e.seq) where e.seq in (6, 7)`, `drop table archive.tmp_swap`]);
      expect(await verify()).toMatchObject({ ok: true });

      // delete: entry 8 removed
      await tamper([`create table archive.tmp_gone as select * from archive.audit_entry where seq = 8`, `delete from archive.audit_entry where seq = 8`]);
      expect(await verify()).toMatchObject({ ok: false, brokenSeq: "8" });
      await tamper([`insert into archive.audit_entry select * from archive.tmp_gone`, `drop table archive.tmp_gone`]);
      expect(await verify()).toMatchObject({ ok: true });
    });
  });
});
