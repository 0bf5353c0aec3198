// The disclosure layer under real use (R8.2, R8.3): callers with different rights sending the same
// document at the same moment never receive each other's answers; every request that discloses or
// is refused family data has its own audit entry, and no caller's entry breaks another's; a look-up
// by ID number answers a caller who may not locate the family exactly as for an unknown number;
// moving a family moves its data; the authorization walk is linear. On PostgreSQL and PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "graphql";
import { makeIdNumber } from "../src/domain/id-number";
import { idNumberHash } from "../src/subgraphs/disclosure";
import { authorizeDocument, readRequirements } from "../src/gateway/field-authorization";
import { readCommittedSupergraph } from "../src/gateway/compose";
import { getStitchedSchemaFromSupergraphSdl } from "@graphql-tools/federation";
import { AuditAppender, verifyAuditChain, type AuditInput } from "../src/subgraphs/archive/sharing/audit.service";
import { contractOperation } from "./support/contract";
import { startWorld, type World } from "./support/disclosure-world";
import type { DbKind } from "./support/test-hub";

const CREDIT_LIST = contractOperation("CreditList");
const CREDIT_CHECK = contractOperation("CreditCheck");
const GRANT = contractOperation("GrantSharingPermission");
const REGISTER = contractOperation("RegisterOrganization");
const UNKNOWN_ID = makeIdNumber("429021", "1931-02-03", 997);
const PAGE = `query Page { families(first: 50) { totalCount edges { node { id divisionCode applicant { name idNumber } } } } }`;

type Json = Record<string, unknown>;
interface Res {
  status: number;
  data?: Json | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Json }[];
}

describe.each<DbKind>(["postgres", "pglite"])("the disclosure layer under concurrency on %s", (kind) => {
  let w: World;
  const tok = {} as Record<"province" | "wuhan" | "xiangyang" | "district" | "masked" | "full" | "none", string>;

  const post = async (body: unknown, token?: string): Promise<Res> => {
    const r = await fetch(w.t.url, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return { status: r.status, ...((await r.json()) as Json) };
  };
  const gql = (query: string, variables: Json | undefined, token?: string) => post({ query, variables }, token);
  const sql = async <T = Json>(q: string, p: unknown[] = []) => (await w.t.hub.dbs.archive!.orm.em.fork().getConnection().execute(q, p)) as T[];
  const auditHead = async () => Number((await sql<{ seq: string }>(`select seq from archive.audit_head where id = 1`))[0].seq);

  beforeAll(async () => {
    w = await startWorld(kind, { families: kind === "postgres" ? 240 : 150, seed: 11, partners: 0, poolId: "iso" });
    const t = w.t;
    Object.assign(tok, {
      province: t.token("HA-420000", ["AUDITOR"], "prov-auditor"),
      wuhan: t.token("HA-420100", ["AUDITOR"], "wuhan-auditor"),
      xiangyang: t.token("HA-420600", ["AUDITOR"], "xy-auditor"),
      district: t.token("HA-420111", ["OPERATOR"], "hongshan-operator"),
    });
    // Wuhan partners: LISTS FULL with IDENTITY MASKED, LISTS and IDENTITY FULL, and one without any permission.
    const admin = t.token("HA-420100", ["ADMIN"], "wuhan-admin");
    let n = 0;
    for (const [code, scopes] of [
      ["PT-420100-IM", { LISTS: "FULL", IDENTITY: "MASKED", CREDIT: "FULL", TENANCY: "MASKED" }],
      ["PT-420100-IF", { LISTS: "FULL", IDENTITY: "FULL", CREDIT: "FULL" }],
      ["PT-420100-IN", null],
    ] as const) {
      const reg = await t.gql(REGISTER, { input: { code, name: `隔离测试${code}`, kind: "PARTNER", level: "CITY", divisionCode: "420100" } }, admin);
      expect(reg.errors).toBeUndefined();
      if (scopes) {
        const g = await t.gql(
          GRANT,
          {
            input: {
              documentNumber: `隔离许可〔2026〕${++n}号`,
              granteeCode: code,
              purpose: "隔离测试",
              scopes: Object.entries(scopes).map(([category, mode]) => ({ category, mode })),
              divisionCodes: ["420100"],
              validFrom: new Date(Date.now() - 60_000).toISOString(),
              validUntil: new Date(Date.now() + 86_400_000).toISOString(),
            },
          },
          admin,
        );
        expect(g.errors).toBeUndefined();
      }
    }
    tok.masked = t.token("PT-420100-IM", ["CONSUMER"], "im-user");
    tok.full = t.token("PT-420100-IF", ["CONSUMER"], "if-user");
    tok.none = t.token("PT-420100-IN", ["CONSUMER"], "in-user");
    await w.reloadGrants();
  }, 600_000);
  afterAll(async () => w?.close());

  const wuhanFamily = () => [...w.families.values()].find((f) => f.division.startsWith("4201") && f.division !== "420100")!;
  const xiangyangFamily = () => [...w.families.values()].find((f) => f.division.startsWith("4206"))!;

  // --- isolation -------------------------------------------------------------------------------

  it("staff of two jurisdictions paging the same document at once each get only their own families", async () => {
    const rounds = await Promise.all(Array.from({ length: 24 }, (_, i) => gql(PAGE, undefined, i % 2 ? tok.province : tok.wuhan).then((r) => ({ who: i % 2 ? "province" : "wuhan", r }))));
    let provinceSawOthers = false;
    for (const { who, r } of rounds) {
      expect(r.errors).toBeUndefined();
      const nodes = (r.data!.families as { edges: { node: { divisionCode: string } }[] }).edges.map((e) => e.node);
      expect(nodes.length).toBe(Math.min(50, (r.data!.families as { totalCount: number }).totalCount));
      if (who === "wuhan") expect((r.data!.families as { totalCount: number }).totalCount).toBe([...w.families.values()].filter((f) => f.division.startsWith("4201")).length);
      if (who === "wuhan") for (const n of nodes) expect(n.divisionCode.startsWith("4201"), JSON.stringify(n)).toBe(true);
      else provinceSawOthers ||= nodes.some((n) => !n.divisionCode.startsWith("4201"));
    }
    expect(provinceSawOthers).toBe(true);
  });

  it("a MASKED partner and Wuhan staff running CreditList at once: the partner never gets a full ID number", async () => {
    const vars = { kind: "JOINT_PUNISHMENT", first: 20 };
    const rounds = await Promise.all(Array.from({ length: 24 }, (_, i) => gql(CREDIT_LIST, vars, i % 2 ? tok.wuhan : tok.masked).then((r) => ({ masked: i % 2 === 0, r }))));
    let staffFull = 0;
    for (const { masked, r } of rounds) {
      expect(r.errors).toBeUndefined();
      const ids = (r.data!.creditList as { edges: { node: { family: { applicant: { idNumber: string } } } }[] }).edges.map((e) => e.node.family.applicant.idNumber);
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) {
        if (masked) expect(id).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
        else if (/^\d{17}[\dX]$/.test(id)) staffFull += 1;
      }
    }
    expect(staffFull).toBeGreaterThan(0);
  });

  it("two partners with different grants running the same document at once each get their own mode", async () => {
    const f = wuhanFamily();
    const q = `query Two($id: ID!) { family(id: $id) { id applicant { name idNumber } } }`;
    const rounds = await Promise.all(Array.from({ length: 30 }, (_, i) => gql(q, { id: f.id }, [tok.masked, tok.full, tok.none][i % 3]).then((r) => ({ who: i % 3, r }))));
    for (const { who, r } of rounds) {
      const applicant = (r.data?.family as { applicant: { idNumber: string; name: string } } | null)?.applicant;
      if (who === 0) expect(applicant).toEqual({ name: expect.stringMatching(/\*/), idNumber: `${f.members[0].idNumber.slice(0, 6)}********${f.members[0].idNumber.slice(-4)}` });
      if (who === 1) expect(applicant).toEqual({ name: f.members[0].name, idNumber: f.members[0].idNumber });
      if (who === 2) {
        expect(r.data).toEqual({ family: null });
        expect(JSON.stringify(r)).not.toContain(f.members[0].idNumber);
      }
    }
  });

  it("a @skip on the division does not cost the tenancy its division (the gateway decides conditions itself)", async () => {
    const f = [...w.families.values()].find((x) => x.division.startsWith("4201") && x.tenancy)!;
    const r = await gql(`query($id: ID!, $s: Boolean!) { family(id: $id) { divisionCode @skip(if: $s) tenancy { unitAddress } judicial { caseNumber } } }`, { id: f.id, s: true }, tok.wuhan);
    expect(r.errors).toBeUndefined();
    const got = r.data!.family as { tenancy: { unitAddress: string }; judicial: { caseNumber: string }[] };
    expect(got.tenancy).toEqual({ unitAddress: f.tenancy!.unitAddress });
    expect(got.judicial.map((j) => j.caseNumber).sort()).toEqual(f.judicial.map((j) => j.caseNumber).sort());
  });

  // --- audit completeness ------------------------------------------------------------------------

  it("writes exactly one audit entry per disclosing or refused request under concurrency, each its own", async () => {
    const f = wuhanFamily();
    const x = xiangyangFamily();
    const requests: [string, Json, string][] = [];
    // Identical documents from different callers at the same moment: each its own entry.
    for (let i = 0; i < 8; i++) requests.push([`query Same($id: ID!) { family(id: $id) { id applicant { name } } }`, { id: f.id }, w.t.token("HA-420100", ["AUDITOR"], `audit-same-${i}`)]);
    for (let i = 0; i < 8; i++) {
      requests.push([`query A${i} { families(first: 3) { edges { node { id applicant { name } } } } }`, {}, w.t.token("HA-420100", ["AUDITOR"], `audit-wh-${i}`)]); // disclosed
      requests.push([`query B${i}($id: ID!) { family(id: $id) { id applicant { name } } }`, { id: x.id }, w.t.token("HA-420100", ["AUDITOR"], `audit-refused-${i}`)]); // refused
      requests.push([`query C${i}($idNumber: String!) { creditCheck(idNumber: $idNumber) { found } }`, { idNumber: i % 2 ? UNKNOWN_ID : x.members[0].idNumber }, w.t.token("PT-420100-IM", ["CONSUMER"], `audit-lookup-${i}`)]); // look-ups
      requests.push([`query D${i}($id: ID!) { family(id: $id) { id divisionCode } }`, { id: f.id }, w.t.token("PT-420100-IM", ["CONSUMER"], `audit-locate-${i}`)]); // locator only
    }
    const before = await auditHead();
    const results = await Promise.all(requests.map(([q, v, t]) => gql(q, v, t)));
    for (const r of results) expect(r.status).toBe(200);
    const after = await auditHead();
    expect(after - before).toBe(requests.length);
    const rows = await sql<{ user_sub: string; outcome: string; family_ids: unknown; detail: unknown }>(`select user_sub, outcome, family_ids, detail from archive.audit_entry where seq > ? and kind = 'DISCLOSURE'`, [before]);
    const bySub = new Map(rows.map((r) => [r.user_sub, r]));
    expect(bySub.size).toBe(requests.length);
    const json = <T,>(v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as T;
    for (let i = 0; i < 8; i++) {
      expect(bySub.get(`audit-wh-${i}`)!.outcome).toBe("DISCLOSED");
      expect(bySub.get(`audit-refused-${i}`)!.outcome).toBe("DENIED");
      expect(json<string[]>(bySub.get(`audit-refused-${i}`)!.family_ids)).toEqual([x.id]);
      const lookup = bySub.get(`audit-lookup-${i}`)!;
      const detail = json<{ lookups: { idNumberSha256: string; outcome: string }[] }>(lookup.detail);
      if (i % 2) {
        expect(lookup.outcome).toBe("NOT_FOUND");
        expect(detail.lookups).toEqual([{ idNumberSha256: idNumberHash(UNKNOWN_ID), outcome: "NOT_FOUND" }]);
      } else {
        // the caller was told "unknown"; the audit knows it was a family it may not locate
        expect(lookup.outcome).toBe("DENIED");
        expect(json<string[]>(lookup.family_ids)).toEqual([x.id]);
        expect(detail.lookups).toEqual([{ idNumberSha256: idNumberHash(x.members[0].idNumber), outcome: "NOT_PERMITTED" }]);
      }
      expect(bySub.get(`audit-locate-${i}`)!.outcome).toBe("LOCATED");
      expect(bySub.get(`audit-same-${i}`)!.outcome).toBe("DISCLOSED");
    }
    expect((await verifyAuditChain(w.t.hub.dbs.archive!.orm.em.fork())).ok).toBe(true);
  });

  it("a request with an overlong operation name and user never fails the others in its batch", async () => {
    const f = wuhanFamily();
    const long = `Q${"x".repeat(600)}`;
    const longSub = `u${"甲".repeat(400)}`;
    const legit = Array.from({ length: 12 }, (_, i) => gql(`query L${i}($id: ID!) { family(id: $id) { id applicant { name } } }`, { id: f.id }, w.t.token("HA-420100", ["AUDITOR"], `legit-${i}`)));
    const odd = post({ query: `query ${long}($id: ID!) { family(id: $id) { id applicant { name } } }`, variables: { id: f.id }, operationName: long }, w.t.token("HA-420100", ["AUDITOR"], longSub));
    const [oddRes, ...legitRes] = await Promise.all([odd, ...legit]);
    for (const r of legitRes) {
      expect(r.status).toBe(200);
      expect((r.data!.family as { id: string }).id).toBe(f.id);
    }
    // the long one is served too: its free texts are bounded (prefix + hash) before the batch
    expect(oddRes.status).toBe(200);
    const [row] = await sql<{ operation_name: string; user_sub: string }>(`select operation_name, user_sub from archive.audit_entry where operation_name like 'Qxxx%' order by seq desc limit 1`);
    expect([...row.operation_name].length).toBeLessThanOrEqual(128);
    expect(row.operation_name).toMatch(/…#[0-9a-f]{16}$/);
    expect([...row.user_sub].length).toBeLessThanOrEqual(128);
  });

  it("a failed batch is retried entry by entry: only the entry that fails alone is refused", async () => {
    const appender = new AuditAppender(() => w.t.hub.dbs.archive!.orm.em.fork());
    const entry = (outcome: string, i: number): AuditInput => ({
      at: new Date(),
      kind: "DISCLOSURE",
      orgCode: "HA-420100",
      userSub: `batch-${i}`,
      clientAddress: null,
      operationName: "Batch",
      documentHash: null,
      permissions: [],
      categoriesReturned: [],
      categoriesDenied: [],
      familyIds: [],
      outcome,
    });
    // 30 appends in one tick form one batch; one of them cannot be written (outcome too long).
    const settled = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => appender.append(entry(i === 7 ? "X".repeat(40) : "DENIED", i))));
    expect(settled.filter((s) => s.status === "rejected").length).toBe(1);
    expect(settled[7].status).toBe("rejected");
    expect((await verifyAuditChain(w.t.hub.dbs.archive!.orm.em.fork())).ok).toBe(true);
  });

  // --- no oracle ---------------------------------------------------------------------------------

  it.each([
    ["creditCheck", CREDIT_CHECK],
    ["familyByIdNumber", `query ByNumber($idNumber: String!) { familyByIdNumber(idNumber: $idNumber) { id divisionCode applicant { name } } }`],
    ["judicialRecords", `query Judicial($idNumber: String!) { judicialRecords(idNumber: $idNumber) { idNumber records { caseNumber summary } } }`],
  ])("%s of a family the caller may not locate answers exactly as an unknown number", async (_label, query) => {
    const x = xiangyangFamily();
    for (const token of [tok.wuhan, tok.masked, tok.district]) {
      for (const m of x.members) {
        const [known, unknown] = await Promise.all([gql(query, { idNumber: m.idNumber }, token), gql(query, { idNumber: UNKNOWN_ID }, token)]);
        expect(JSON.stringify(known).replaceAll(m.idNumber, UNKNOWN_ID)).toBe(JSON.stringify(unknown));
      }
    }
    // …and to a caller who may locate it, it is found (a positive control): a member with records.
    const y = [...w.families.values()].find((f) => f.division.startsWith("4206") && f.judicial.length) ?? x;
    const person = y.judicial[0]?.idNumber ?? y.members[0].idNumber;
    const [own, unknown] = await Promise.all([gql(query, { idNumber: person }, tok.xiangyang), gql(query, { idNumber: UNKNOWN_ID }, tok.xiangyang)]);
    expect(own.errors).toBeUndefined();
    expect(JSON.stringify(own).replaceAll(person, UNKNOWN_ID)).not.toBe(JSON.stringify(unknown));
  });

  it("refusals name the division only to callers who may locate the family", async () => {
    const f = wuhanFamily();
    // IM may locate Wuhan families (LISTS, IDENTITY, CREDIT there) but holds no ECONOMIC.
    const im = await gql(`query($id: ID!) { family(id: $id) { id household { size } } }`, { id: f.id }, tok.masked);
    expect(im.errors![0].extensions).toMatchObject({ code: "SHARING_NOT_PERMITTED", divisionCode: f.division });
    // Xiangyang staff may not locate it: refused, no division.
    const xy = await gql(`query($id: ID!) { family(id: $id) { id household { size } } }`, { id: f.id }, tok.xiangyang);
    expect(xy.data).toEqual({ family: null });
    expect(xy.errors![0].extensions).toEqual({ code: "SHARING_NOT_PERMITTED" });
  });

  // --- relocation ---------------------------------------------------------------------------------

  it("moving a family moves its records, lists and redress with it, and no list page collapses", async () => {
    // A Hongshan (420111) family with a current list entry, moved to Wuchang (420106) by Wuhan staff.
    const [row] = await sql<{ family_id: string; division_code: string; kind: string }>(
      `select e.family_id, f.division_code, e.kind from archive.list_entry e join archive.family f on f.id = e.family_id where e.status = 'LISTED' and f.division_code like '4201%' and f.division_code <> '420100' order by e.id limit 1`,
    );
    expect(row).toBeDefined();
    const familyId = row.family_id;
    const from = row.division_code;
    const to = from === "420106" ? "420111" : "420106";
    const oldStaff = w.t.token(`HA-${from}`, ["AUDITOR"], "old-district");
    const newStaff = w.t.token(`HA-${to}`, ["AUDITOR"], "new-district");
    const operator = w.t.token("HA-420100", ["OPERATOR"], "wuhan-operator");
    const entries = await sql<{ id: string; status: string }>(`select id, status from archive.list_entry where family_id = ? and status <> 'REMOVED'`, [familyId]);
    const listPage = (token: string) => gql(`query($k: ListKind!) { creditList(kind: $k, first: 200) { totalCount edges { node { id family { id divisionCode } } } } }`, { k: row.kind }, token);
    const lastSeq = Number((await sql<{ s: string }>(`select coalesce(max(sequence), 0) as s from archive.list_change`))[0].s);

    const moved = await gql(
      `mutation($id: ID!, $input: UpdateFamilyInput!) { updateFamily(id: $id, input: $input, reason: "家庭迁居至其他区") { id divisionCode } }`,
      { id: familyId, input: { divisionCode: to } },
      operator,
    );
    expect(moved.errors).toBeUndefined();
    // Everything filed under the division moved in the same transaction.
    for (const table of ["credit_record", "list_entry", "objection", "repair_application", "family_credit"]) {
      const [{ n }] = await sql<{ n: string }>(`select count(*) as n from archive.${table} where family_id = ? and division_code <> ?`, [familyId, to]);
      expect(Number(n), table).toBe(0);
    }
    // The old district no longer reads it; its list page is whole (the row is left out and not counted).
    const oldRead = await gql(`query($id: ID!) { family(id: $id) { credit { records { id } } lists { id } } }`, { id: familyId }, oldStaff);
    expect(oldRead.data).toEqual({ family: null });
    const oldPage = await listPage(oldStaff);
    expect(oldPage.errors).toBeUndefined();
    const oldNodes = (oldPage.data!.creditList as { totalCount: number; edges: { node: { family: { id: string; divisionCode: string } } }[] });
    expect(oldNodes.edges.every((e) => e.node.family.divisionCode === from)).toBe(true);
    expect(oldNodes.edges.some((e) => e.node.family.id === familyId)).toBe(false);
    expect(oldNodes.totalCount).toBe(oldNodes.edges.length);
    // The new district reads all of it.
    const newRead = await gql(`query($id: ID!) { family(id: $id) { divisionCode lists { id status } } }`, { id: familyId }, newStaff);
    expect(newRead.errors).toBeUndefined();
    expect((newRead.data!.family as { lists: { id: string }[] }).lists.map((l) => l.id).sort()).toEqual(entries.map((e) => e.id).sort());
    const newPage = await listPage(newStaff);
    expect((newPage.data!.creditList as { edges: { node: { family: { id: string } } }[] }).edges.some((e) => e.node.family.id === familyId)).toBe(true);
    // The change feed: each current entry leaves the old division's list and joins the new one's.
    const changes = await sql<{ list_entry_id: string; division_code: string; action: string }>(`select list_entry_id, division_code, action from archive.list_change where sequence > ? order by sequence`, [lastSeq]);
    const order = (l: { list_entry_id: string; action: string }[]) => [...l].sort((a, b) => `${a.list_entry_id}${a.action}`.localeCompare(`${b.list_entry_id}${b.action}`));
    expect(order(changes)).toEqual(order(entries.flatMap((e) => [{ list_entry_id: e.id, division_code: from, action: "REMOVED" }, { list_entry_id: e.id, division_code: to, action: "ADDED" }])));
    // Staff of the old district see the removal in their feed; the new district sees the addition.
    const feed = async (token: string) => ((await gql(`{ listChanges(first: 500, after: "${lastSeq}") { edges { node { action divisionCode listEntryId } } } }`, undefined, token)).data!.listChanges as { edges: { node: { action: string; divisionCode: string } }[] }).edges.map((e) => e.node);
    expect((await feed(oldStaff)).map((n) => n.action)).toEqual(entries.map(() => "REMOVED"));
    expect((await feed(newStaff)).map((n) => n.action)).toEqual(entries.map(() => "ADDED"));
  });

  // --- the authorization walk is linear ------------------------------------------------------------

  it("walks fragments that spread the two before them in time linear in their number, and refuses a document too large to expand", async () => {
    const sdl = readCommittedSupergraph();
    const schema = getStitchedSchemaFromSupergraphSdl({ supergraphSdl: sdl });
    const requirements = readRequirements(sdl);
    const doc = (k: number) => {
      let s = `fragment F0 on Family { id applicant { name } economic { annualIncome } }\nfragment F1 on Family { id ...F0 }\n`;
      for (let i = 2; i <= k; i++) s += `fragment F${i} on Family { ...F${i - 1} ...F${i - 2} }\n`;
      return parse(`${s}query Q($id: ID!) { family(id: $id) { ...F${k} } }`);
    };
    const visited: number[] = [];
    for (const k of [4, 8, 12, 16, 20, 24]) {
      // a caller without ECONOMIC: the walk must remove a field inside the deepest fragment
      const r = authorizeDocument(schema, doc(k), "Q", { id: "x" }, requirements, new Set(["IDENTITY"]));
      expect(r.removals.map((x) => x.path.join("."))).toEqual(["family.economic"]);
      visited.push(r.visited);
    }
    console.log(`[disclosure:linear-walk] selections visited at 4, 8, …, 24 fragments: ${visited.join(", ")} (an unmemoised walk visits ~1.6^k)`);
    // linear: each 4 more fragments add the same few selections (an exponential walk would multiply)
    const steps = visited.slice(1).map((v, i) => v - visited[i]);
    expect(new Set(steps).size).toBe(1);
    expect(visited.at(-1)!).toBeLessThan(200);
    // Through the gateway: the expanded size is bounded before any work (BAD_USER_INPUT, reason) —
    // also when every selection is a free __typename (no cost, no depth, no alias).
    const started = Date.now();
    let free = `fragment F0 on Family { __typename }\nfragment F1 on Family { __typename ...F0 }\n`;
    for (let i = 2; i <= 40; i++) free += `fragment F${i} on Family { ...F${i - 1} ...F${i - 2} }\n`;
    const big = await post({ query: `${free}query Q($id: ID!) { family(id: $id) { ...F40 } }`, variables: { id: wuhanFamily().id } }, tok.masked);
    expect(big.status).toBe(400);
    expect(big.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "MAX_SELECTIONS" });
    console.log(`[disclosure:linear-walk] 40 fragments (${(2 ** 40 / 1e12).toFixed(1)}e12-ish expansions) refused in ${Date.now() - started} ms`);
  });
});
