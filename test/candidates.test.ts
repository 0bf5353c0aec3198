// Automatic candidates (R4.1 (6) rent arrears, (7) vacancy) through the real gateway: the
// housing leads, the scan job, the CANDIDATE records with their evidence, idempotency and
// jurisdiction.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { StatementCounter } from "../src/db/orm";
import { scanCandidates } from "../src/jobs/scan-candidates";
import { Tenancy } from "../src/subgraphs/housing/entities/tenancy.entity";
import { RentLedgerEntry } from "../src/subgraphs/housing/entities/rent-ledger-entry.entity";
import { OccupancyCheckEntry } from "../src/subgraphs/housing/entities/occupancy-check.entity";
import { Evidence } from "../src/subgraphs/archive/entities/evidence.entity";
import { startTestHub, type DbKind, type GqlResponse, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput } from "./support/fixtures";

const CANDIDATES = /* GraphQL */ `
  query($divisionCode: String, $first: Int!, $after: String) {
    housingCandidates(divisionCode: $divisionCode, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { familyId divisionCode kind months asOf evidenceJson evidenceSha256 } }
    }
  }
`;
const RAISE = /* GraphQL */ `
  mutation($candidates: [CandidateInput!]!) { raiseCandidates(candidates: $candidates) { raised skipped recordIds } }
`;
const CREDIT = /* GraphQL */ `
  query($id: ID!) {
    family(id: $id) {
      credit { score tier records { id behavior status source occurredOn facts legalBasis candidateOrigin evidence { sha256 mediaType fileName size } } }
    }
  }
`;

interface Node {
  familyId: string;
  divisionCode: string;
  kind: "ARREARS" | "VACANCY";
  months: number;
  asOf: string;
  evidenceJson: string;
  evidenceSha256: string;
}
interface Page {
  housingCandidates: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { cursor: string; node: Node }[] };
}
interface Credit {
  family: {
    credit: {
      score: number;
      tier: string;
      records: { id: string; behavior: string; status: string; source: string; occurredOn: string; facts: string; legalBasis: string; candidateOrigin: string | null; evidence: { sha256: string; mediaType: string; fileName: string; size: number }[] }[];
    };
  };
}

/** First days of `count` months from `from` (YYYY-MM-01). */
function months(from: string, count: number): string[] {
  const [y, m] = from.split("-").map(Number);
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - 1 + i, 1)).toISOString().slice(0, 10));
}

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

describe.each<DbKind>(["postgres", "pglite"])("automatic candidates on %s", (kind) => {
  let t: TestHub;
  const clock = new ManualClock("2026-03-02");
  const housingCounter = new StatementCounter();
  let province: string;
  let xiangyang: string;
  const ids: Record<"arrears7" | "arrears6" | "arrears5" | "vacant7" | "vacant6" | "xiangyang8", string> = {} as never;

  const create = async (division: string) => {
    const r = await t.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: familyInput(division), reason: "公租房申请审核通过，建立档案" }, province);
    expect(r.errors).toBeUndefined();
    return r.data!.createFamily.id;
  };
  const credit = async (id: string) => {
    const r = await t.gql<Credit>(CREDIT, { id }, province);
    expect(r.errors).toBeUndefined();
    return r.data!.family.credit;
  };

  beforeAll(async () => {
    t = await startTestHub(kind, { clock, dbOptions: (n) => (n === "housing" ? { counter: housingCounter } : {}) });
    province = t.token("HA-420000", ["OPERATOR"], "province-operator");
    xiangyang = t.token("HA-420600", ["OPERATOR"], "xy-operator");
    ids.arrears7 = await create("420111");
    ids.arrears6 = await create("420102");
    ids.arrears5 = await create("420111");
    ids.vacant7 = await create("420106");
    ids.vacant6 = await create("420111");
    ids.xiangyang8 = await create("420606");

    const housing = t.hub.dbs.housing!.orm.em.fork();
    const tenancy = (familyId: string, divisionCode: string, unpaid: (i: number) => boolean) => {
      const row = housing.create(Tenancy, { familyId, divisionCode, unitAddress: `${divisionCode} 公租房小区1栋101室`, leaseStart: "2025-01-01", leaseEnd: "2027-12-31", monthlyRent: 500 });
      months("2025-03-01", 12).forEach((month, i) =>
        housing.create(RentLedgerEntry, { tenancy: row, month, amountDue: 500, amountPaid: unpaid(i) ? (i % 3 === 0 ? 200 : 0) : 500, paidOn: unpaid(i) ? null : month }),
      );
      return row;
    };
    const checks = (row: Tenancy, days: string[], occupiedFirst: boolean) =>
      days.forEach((checkedOn, i) => housing.create(OccupancyCheckEntry, { tenancy: row, checkedOn, occupied: occupiedFirst && i === 0, inspector: "核查员一", note: null }));
    // R4.1 (6): 7 unpaid months (the last 7), exactly 6 (accumulated, not consecutive), 5.
    tenancy(ids.arrears7, "420111", (i) => i >= 5);
    tenancy(ids.arrears6, "420102", (i) => i % 2 === 1);
    tenancy(ids.arrears5, "420111", (i) => i >= 7);
    // R4.1 (7): vacant in 7 consecutive months after an occupied one; vacant in exactly 6.
    checks(tenancy(ids.vacant7, "420106", () => false), ["2025-07-10", "2025-08-11", "2025-09-09", "2025-10-10", "2025-11-12", "2025-12-10", "2026-01-09", "2026-02-10"], true);
    checks(tenancy(ids.vacant6, "420111", () => false), ["2025-08-11", "2025-09-09", "2025-10-10", "2025-11-12", "2025-12-10", "2026-01-09", "2026-02-11"], true);
    tenancy(ids.xiangyang8, "420606", (i) => i >= 4);
    await housing.flush();
  });
  afterAll(async () => t?.close());

  it("lists the leads of the caller's jurisdiction: arrears of 6 months or more, vacancy of more than 6", async () => {
    const res = await t.gql<Page>(CANDIDATES, { first: 500 }, province);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.housingCandidates.edges.map((e) => e.node);
    expect(res.data!.housingCandidates.totalCount).toBe(4);
    expect(nodes.map(({ familyId, divisionCode, kind, months, asOf }) => ({ familyId, divisionCode, kind, months, asOf })).sort((a, b) => a.familyId.localeCompare(b.familyId))).toEqual(
      [
        { familyId: ids.arrears7, divisionCode: "420111", kind: "ARREARS", months: 7, asOf: "2026-02-01" },
        { familyId: ids.arrears6, divisionCode: "420102", kind: "ARREARS", months: 6, asOf: "2026-02-01" },
        { familyId: ids.vacant7, divisionCode: "420106", kind: "VACANCY", months: 7, asOf: "2026-02-10" },
        { familyId: ids.xiangyang8, divisionCode: "420606", kind: "ARREARS", months: 8, asOf: "2026-02-01" },
      ].sort((a, b) => a.familyId.localeCompare(b.familyId)),
    );
    for (const n of nodes) expect(n.evidenceSha256).toBe(sha256(Buffer.from(n.evidenceJson, "utf8")));
    const arrears = JSON.parse(nodes.find((n) => n.familyId === ids.arrears7)!.evidenceJson);
    expect(arrears).toMatchObject({ kind: "ARREARS", familyId: ids.arrears7, months: 7, asOf: "2026-02-01" });
    expect(arrears.unpaidMonths.map((l: { month: string }) => l.month)).toEqual(months("2025-08-01", 7));
    const vacancy = JSON.parse(nodes.find((n) => n.familyId === ids.vacant7)!.evidenceJson);
    expect(vacancy.vacantChecks).toHaveLength(7);
    expect(vacancy.vacantChecks.every((c: { occupied: boolean }) => !c.occupied)).toBe(true);

    // A city sees its own; a partner department none.
    const city = await t.gql<Page>(CANDIDATES, { first: 500 }, xiangyang);
    expect(city.data!.housingCandidates.edges.map((e) => e.node.familyId)).toEqual([ids.xiangyang8]);
    // A partner without a TENANCY permission: removed before planning (R8.2).
    const partner = await t.gql<Page>(CANDIDATES, { first: 500 }, t.token("PT-420100-MZ", ["CONSUMER"]));
    expect(partner.data).toBeNull();
    expect(partner.errors![0]).toMatchObject({ path: ["housingCandidates"], extensions: { code: "SHARING_NOT_PERMITTED", category: "TENANCY" } });
    const wuhan = await t.gql<Page>(CANDIDATES, { divisionCode: "420100", first: 500 }, province);
    expect(wuhan.data!.housingCandidates.totalCount).toBe(3);
  });

  it("pages by keyset with the same number of statements for any page size", async () => {
    const all: Node[] = [];
    let after: string | null = null;
    const perPage: number[] = [];
    for (;;) {
      housingCounter.reset();
      const res: GqlResponse<Page> = await t.gql<Page>(CANDIDATES, { first: 1, after }, province);
      expect(res.errors).toBeUndefined();
      perPage.push(housingCounter.count);
      all.push(...res.data!.housingCandidates.edges.map((e) => e.node));
      if (!res.data!.housingCandidates.pageInfo.hasNextPage) break;
      after = res.data!.housingCandidates.pageInfo.endCursor;
    }
    expect(all).toHaveLength(4);
    const full = await t.gql<Page>(CANDIDATES, { first: 500 }, province);
    expect(all).toEqual(full.data!.housingCandidates.edges.map((e) => e.node));
    housingCounter.reset();
    await t.gql<Page>(CANDIDATES, { first: 500 }, province);
    // one statement for the page, one for ledger lines, one for checks
    expect(Math.max(...perPage, housingCounter.count)).toBeLessThanOrEqual(3);
    const bad = await t.gql(CANDIDATES, { first: 1, after: "not-a-cursor" }, province);
    expect(bad.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });

  it("a city operator's scan raises only its own city's candidates", async () => {
    const result = await scanCandidates({ gatewayUrl: t.url, token: xiangyang });
    expect(result).toEqual({ scanned: 1, raised: 1, skipped: 0 });
    expect((await credit(ids.xiangyang8)).records).toEqual([expect.objectContaining({ behavior: "B06", status: "CANDIDATE", candidateOrigin: "ARREARS" })]);
    for (const id of [ids.arrears7, ids.arrears6, ids.vacant7]) expect((await credit(id)).records).toEqual([]);
  });

  it("the province scan records CANDIDATE records with their evidence, never identified", async () => {
    const lines: string[] = [];
    const result = await scanCandidates({ gatewayUrl: t.url, token: province, pageSize: 2, log: (l) => lines.push(l) });
    expect(result).toEqual({ scanned: 4, raised: 3, skipped: 1 });
    expect(lines).toHaveLength(2);

    const leads = new Map((await t.gql<Page>(CANDIDATES, { first: 500 }, province)).data!.housingCandidates.edges.map((e) => [e.node.familyId, e.node]));
    const archive = t.hub.dbs.archive!.orm.em.fork();
    const expected = [
      { id: ids.arrears7, behavior: "B06", origin: "ARREARS", occurredOn: "2026-02-01", months: 7, basis: "四（六）" },
      { id: ids.arrears6, behavior: "B06", origin: "ARREARS", occurredOn: "2026-02-01", months: 6, basis: "四（六）" },
      { id: ids.vacant7, behavior: "B07", origin: "VACANCY", occurredOn: "2026-02-10", months: 7, basis: "四（七）" },
    ];
    for (const e of expected) {
      const c = await credit(e.id);
      expect(c).toMatchObject({ score: 100, tier: "GOOD" });
      expect(c.records).toHaveLength(1);
      const r = c.records[0];
      expect(r).toMatchObject({ behavior: e.behavior, status: "CANDIDATE", source: "MANAGEMENT", candidateOrigin: e.origin, occurredOn: e.occurredOn });
      expect(r.facts).toContain(`${e.months} 个月`);
      expect(r.legalBasis).toContain("《湖北省公共租赁住房保障家庭信用管理及失信联合惩戒制度的实施意见（试行）》");
      expect(r.legalBasis).toContain(e.basis);
      expect(r.evidence).toEqual([expect.objectContaining({ mediaType: "application/json", sha256: leads.get(e.id)!.evidenceSha256 })]);
      const stored = await archive.findOneOrFail(Evidence, { record: r.id }, { populate: ["content"] });
      const content = Buffer.from(stored.content); // PGlite gives bytea as a Uint8Array
      expect(sha256(content)).toBe(r.evidence[0].sha256);
      expect(content.toString("utf8")).toBe(leads.get(e.id)!.evidenceJson);
    }
    for (const id of [ids.arrears5, ids.vacant6]) expect((await credit(id)).records).toEqual([]);
  });

  it("a second scan raises nothing and skips every known candidate", async () => {
    expect(await scanCandidates({ gatewayUrl: t.url, token: province })).toEqual({ scanned: 4, raised: 0, skipped: 4 });
    for (const id of [ids.arrears7, ids.arrears6, ids.vacant7, ids.xiangyang8]) expect((await credit(id)).records).toHaveLength(1);
  });

  it("raiseCandidates checks the roles, the jurisdiction from the archive, the threshold and the evidence hash", async () => {
    const leads = (await t.gql<Page>(CANDIDATES, { first: 500 }, province)).data!.housingCandidates.edges.map((e) => e.node);
    const wuhan = leads.find((n) => n.familyId === ids.arrears7)!;
    const input = ({ divisionCode: _d, ...n }: Node) => n;
    // a Xiangyang operator may not raise a Wuhan family's candidate, whatever the input says
    const foreign = await t.gql(RAISE, { candidates: [input(wuhan)] }, xiangyang);
    expect(foreign.errors![0].extensions!.code).toBe("FORBIDDEN");
    const auditor = await t.gql(RAISE, { candidates: [input(wuhan)] }, t.token("HA-420000", ["AUDITOR"]));
    expect(auditor.errors![0].extensions!.code).toBe("FORBIDDEN");
    const tampered = await t.gql(RAISE, { candidates: [{ ...input(wuhan), asOf: "2026-01-01", evidenceJson: wuhan.evidenceJson + " " }] }, province);
    expect(tampered.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "candidates[0].evidenceSha256", message: "证据的 SHA-256 与内容不符" }] });
    const json = JSON.stringify({ note: "五个月" });
    const short = await t.gql(RAISE, { candidates: [{ ...input(wuhan), months: 5, asOf: "2026-01-01", evidenceJson: json, evidenceSha256: sha256(json) }] }, province);
    expect(short.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    const vacancy6 = await t.gql(RAISE, { candidates: [{ ...input(wuhan), kind: "VACANCY", months: 6, asOf: "2026-01-01", evidenceJson: json, evidenceSha256: sha256(json) }] }, province);
    expect(vacancy6.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    // the same candidate twice in one call is recorded once
    const twice = await t.gql<{ raiseCandidates: { raised: number; skipped: number; recordIds: string[] } }>(
      RAISE,
      { candidates: [{ ...input(wuhan), months: 7, asOf: "2026-01-31", evidenceJson: json, evidenceSha256: sha256(json) }, { ...input(wuhan), months: 7, asOf: "2026-01-31", evidenceJson: json, evidenceSha256: sha256(json) }] },
      province,
    );
    expect(twice.errors).toBeUndefined();
    expect(twice.data!.raiseCandidates).toMatchObject({ raised: 1, skipped: 1 });
    expect((await credit(ids.arrears7)).records.every((r) => r.status === "CANDIDATE")).toBe(true);
  });
});
