// The archive through the real gateway and subgraphs, on PostgreSQL and on PGlite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import jwt from "jsonwebtoken";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput, idFor } from "./support/fixtures";
import { Tenancy } from "../src/subgraphs/housing/entities/tenancy.entity";
import { RentLedgerEntry } from "../src/subgraphs/housing/entities/rent-ledger-entry.entity";
import { OccupancyCheckEntry } from "../src/subgraphs/housing/entities/occupancy-check.entity";
import { JudicialRecord } from "../src/subgraphs/judicial/entities/judicial-record.entity";
import { FamilyChange } from "../src/subgraphs/archive/entities/family-change.entity";
import { Family } from "../src/subgraphs/archive/entities/family.entity";
import { signRequest } from "../src/auth/subgraph-signature";

const ARCHIVE = /* GraphQL */ `
  query FamilyArchiveCore($id: ID!) {
    family(id: $id) {
      id
      division { code name }
      applicant { name idNumber }
      members { name idNumber relation }
      household { hukouDivisionCode maritalStatus size }
      economic { annualIncome propertyCount }
      guarantee { category mode group priority }
      tenancy { unitAddress leaseStart monthsInArrears monthsVacant }
      judicial { caseNumber court kind decidedOn }
    }
  }
`;

const UPDATE = /* GraphQL */ `
  mutation UpdateFamily($id: ID!, $input: UpdateFamilyInput!, $reason: String!, $expectedVersion: Int) {
    updateFamily(id: $id, input: $input, reason: $reason, expectedVersion: $expectedVersion) { id version economic { annualIncome } }
  }
`;

const HISTORY = /* GraphQL */ `
  query FamilyHistory($familyId: ID!) {
    familyHistory(familyId: $familyId, first: 10) {
      totalCount
      edges { node { action actorSub actorOrg reason changes { field before after } } }
    }
  }
`;

function months(from: string, count: number): string[] {
  const [y, m] = from.split("-").map(Number);
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return d.toISOString().slice(0, 10);
  });
}

describe.each<DbKind>(["postgres", "pglite"])("archive through the gateway on %s", (kind) => {
  let t: TestHub;
  let wuhanOperator: string;
  let familyId: string;
  let applicantId: string;
  let spouseId: string;

  const counts = async () => {
    const archive = t.hub.dbs.archive!.orm.em.fork();
    const housing = t.hub.dbs.housing!.orm.em.fork();
    return {
      families: await archive.count(Family, {}),
      changes: await archive.count(FamilyChange, {}),
      checks: await housing.count(OccupancyCheckEntry, {}),
    };
  };

  beforeAll(async () => {
    t = await startTestHub(kind);
    wuhanOperator = t.token("HA-420100", ["OPERATOR"], "wh-operator-01");
    const input = familyInput("420111");
    applicantId = input.members[0].idNumber;
    spouseId = input.members[1].idNumber;
    const created = await t.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input, reason: "公租房申请审核通过，建立档案" }, wuhanOperator);
    expect(created.errors).toBeUndefined();
    familyId = created.data!.createFamily.id;

    // Municipal operations and a court hold their own data about the same family.
    const housing = t.hub.dbs.housing!.orm.em.fork();
    const tenancy = housing.create(Tenancy, {
      familyId,
      divisionCode: "420111",
      unitAddress: "武汉市洪山区青菱公租房小区3栋2单元501室",
      leaseStart: "2024-01-01",
      leaseEnd: "2026-12-31",
      monthlyRent: 520,
    });
    months("2025-01-01", 12).forEach((month, i) =>
      housing.create(RentLedgerEntry, { tenancy, month, amountDue: 520, amountPaid: i < 4 ? 520 : 0, paidOn: i < 4 ? month : null }),
    );
    ["2025-06-10", "2025-07-11", "2025-08-09", "2025-09-12", "2025-10-10", "2025-11-14", "2025-12-11", "2026-01-09"].forEach((checkedOn, i) =>
      housing.create(OccupancyCheckEntry, { tenancy, checkedOn, occupied: i === 0, inspector: "核查员一" }),
    );
    await housing.flush();
    const judicial = t.hub.dbs.judicial!.orm.em.fork();
    judicial.create(JudicialRecord, {
      idNumber: spouseId,
      kind: "JUDGMENT",
      caseNumber: "（2025）鄂0111民初1234号",
      court: "武汉市洪山区人民法院",
      divisionCode: "420111",
      decidedOn: "2025-09-01",
      summary: "房屋租赁合同纠纷，判决支付拖欠租金",
    });
    await judicial.flush();
  });
  afterAll(async () => t?.close());

  it("returns a family with members, tenancy from housing and judicial records from judicial in one response", async () => {
    const res = await t.gql(ARCHIVE, { id: familyId }, wuhanOperator);
    expect(res).toEqual({
      status: 200,
      data: {
        family: {
          id: familyId,
          division: { code: "420111", name: "洪山区" },
          applicant: { name: "测试甲", idNumber: applicantId },
          members: [
            { name: "测试甲", idNumber: applicantId, relation: "本人" },
            { name: "测试乙", idNumber: spouseId, relation: "配偶" },
          ],
          household: { hukouDivisionCode: "420111", maritalStatus: "已婚", size: 2 },
          economic: { annualIncome: 36000.5, propertyCount: 0 },
          guarantee: { category: "城镇中等偏下收入住房困难家庭", mode: "PHYSICAL_ALLOCATION", group: "城镇户籍家庭", priority: false },
          tenancy: { unitAddress: "武汉市洪山区青菱公租房小区3栋2单元501室", leaseStart: "2024-01-01", monthsInArrears: 8, monthsVacant: 7 },
          judicial: [{ caseNumber: "（2025）鄂0111民初1234号", court: "武汉市洪山区人民法院", kind: "JUDGMENT", decidedOn: "2025-09-01" }],
        },
      },
    });
  });

  it("lets the province see every city's families, and no one outside the jurisdiction (R2.4)", async () => {
    const province = await t.gql<{ family: { id: string } }>(ARCHIVE, { id: familyId }, t.token("HA-420000", ["AUDITOR"]));
    expect(province.data?.family.id).toBe(familyId);
    const county = await t.gql<{ family: { id: string } }>(ARCHIVE, { id: familyId }, t.token("HA-420111", ["OPERATOR"]));
    expect(county.data?.family.id).toBe(familyId);

    // Other authorities: the archive decides for the family's division, and does not say where it
    // is to a caller who may not locate it (contract README).
    for (const tok of [t.token("HA-420600", ["OPERATOR"]), t.token("HA-420102", ["OPERATOR"])]) {
      const res = await t.gql(ARCHIVE, { id: familyId }, tok);
      expect(res.data).toEqual({ family: null });
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0]).toMatchObject({ path: ["family"], extensions: { code: "SHARING_NOT_PERMITTED" } });
      expect(res.errors![0].extensions).not.toHaveProperty("divisionCode");
      expect(JSON.stringify(res)).not.toContain(applicantId);
      expect(JSON.stringify(res)).not.toContain("测试甲");
    }
    // A partner without any permission: the gateway removes the field before planning (R8.2).
    const partner = await t.gql(ARCHIVE, { id: familyId }, t.token("PT-420100-MZ", ["CONSUMER"]));
    expect(partner.data).toEqual({ family: null });
    expect(partner.errors).toEqual([expect.objectContaining({ path: ["family"], extensions: { code: "SHARING_NOT_PERMITTED", category: "IDENTITY" } })]);
    expect(JSON.stringify(partner)).not.toContain(applicantId);
    // The anonymous caller may only run the public trusted documents (R8.4).
    const anonymous = await t.gql(ARCHIVE, { id: familyId });
    expect(anonymous.data).toBeUndefined();
    expect(anonymous.errors![0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "UNTRUSTED_DOCUMENT" });
    expect(JSON.stringify(anonymous)).not.toContain(applicantId);
  });

  it("lists only the families the caller may see", async () => {
    const q = `query($d: String) { families(divisionCode: $d, first: 50) { totalCount edges { node { id } } } }`;
    const wuhan = await t.gql<{ families: { totalCount: number } }>(q, {}, wuhanOperator);
    expect(wuhan.data!.families.totalCount).toBeGreaterThanOrEqual(1);
    const xiangyang = await t.gql(q, {}, t.token("HA-420600", ["OPERATOR"]));
    expect(xiangyang.data).toEqual({ families: { totalCount: 0, edges: [] } });
    // A partner without a permission: nothing to list, removed before planning (R8.2).
    const partner = await t.gql(q, { d: "420111" }, t.token("PT-420100-MZ", ["CONSUMER"]));
    expect(partner.data).toBeNull();
    expect(partner.errors![0]).toMatchObject({ path: ["families"], extensions: { code: "SHARING_NOT_PERMITTED" } });
  });

  it("keeps who, when, what (before/after) and why for every change (R3.3)", async () => {
    const before = await t.gql<{ familyHistory: { totalCount: number } }>(HISTORY, { familyId }, wuhanOperator);
    const up = await t.gql<{ updateFamily: { version: number } }>(
      UPDATE,
      { id: familyId, input: { economic: { annualIncome: 41000, propertyCount: 0 } }, reason: "年度收入复核" },
      t.token("HA-420111", ["OPERATOR"], "hs-operator-02"),
    );
    expect(up.errors).toBeUndefined();
    const after = await t.gql<{ familyHistory: { totalCount: number; edges: { node: unknown }[] } }>(HISTORY, { familyId }, wuhanOperator);
    expect(after.data!.familyHistory.totalCount).toBe(before.data!.familyHistory.totalCount + 1);
    expect(after.data!.familyHistory.edges[0].node).toEqual({
      action: "UPDATE",
      actorSub: "hs-operator-02",
      actorOrg: "HA-420111",
      reason: "年度收入复核",
      changes: [{ field: "annualIncome", before: "36000.5", after: "41000" }],
    });
    const first = after.data!.familyHistory.edges.at(-1)!.node as { action: string; actorSub: string; changes: { field: string }[] };
    expect(first.action).toBe("CREATE");
    expect(first.actorSub).toBe("wh-operator-01");
    expect(first.changes.map((c) => c.field)).toContain("members");
    const viaFamily = await t.gql<{ family: { history: { totalCount: number } } }>(`query($id: ID!) { family(id: $id) { history(first: 1) { totalCount } } }`, { id: familyId }, wuhanOperator);
    expect(viaFamily.data!.family.history.totalCount).toBe(after.data!.familyHistory.totalCount);
    const outsider = await t.gql(HISTORY, { familyId }, t.token("HA-420600", ["AUDITOR"]));
    expect(outsider.errors![0].extensions!.code).toBe("SHARING_NOT_PERMITTED");
  });

  it("refuses a change from another city's operator and changes nothing", async () => {
    const was = await counts();
    const res = await t.gql(UPDATE, { id: familyId, input: { economic: { annualIncome: 1, propertyCount: 0 } }, reason: "越权修改" }, t.token("HA-420600", ["OPERATOR"]));
    expect(res.data).toBeNull();
    expect(res.errors![0].extensions!.code).toBe("FORBIDDEN");
    expect(res.errors![0].message).toMatch(/辖区/);
    expect(await counts()).toEqual(was);
    const noRole = await t.gql(UPDATE, { id: familyId, input: { economic: { annualIncome: 1, propertyCount: 0 } }, reason: "无角色修改" }, t.token("HA-420100", ["AUDITOR"]));
    expect(noRole.errors![0].extensions!.code).toBe("FORBIDDEN");
    const moveAway = await t.gql(UPDATE, { id: familyId, input: { divisionCode: "420602" }, reason: "迁出到外市" }, wuhanOperator);
    expect(moveAway.errors![0].extensions!.code).toBe("FORBIDDEN");
    expect(await counts()).toEqual(was);
  });

  it("answers a stale version with CONFLICT", async () => {
    const res = await t.gql(UPDATE, { id: familyId, input: { economic: { annualIncome: 50000, propertyCount: 0 } }, reason: "依据旧版本修改", expectedVersion: 1 }, wuhanOperator);
    expect(res.errors![0].extensions!.code).toBe("CONFLICT");
  });

  it("lets exactly one of two simultaneous updates from the same version win; the other gets CONFLICT", async () => {
    const current = await t.gql<{ family: { version: number } }>(`query($id: ID!) { family(id: $id) { version } }`, { id: familyId }, wuhanOperator);
    const version = current.data!.family.version;
    const was = await counts();
    const [a, b] = await Promise.all([
      t.gql(UPDATE, { id: familyId, input: { economic: { annualIncome: 42000, propertyCount: 0 } }, reason: "并发修改甲", expectedVersion: version }, wuhanOperator),
      t.gql(UPDATE, { id: familyId, input: { economic: { annualIncome: 43000, propertyCount: 1 } }, reason: "并发修改乙", expectedVersion: version }, t.token("HA-420111", ["OPERATOR"])),
    ]);
    const outcomes = [a, b].map((r) => (r.errors ? r.errors[0].extensions!.code : "OK")).sort();
    expect(outcomes).toEqual(["CONFLICT", "OK"]);
    expect((await counts()).changes).toBe(was.changes + 1);
    const after = await t.gql<{ family: { version: number; economic: { annualIncome: number } } }>(`query($id: ID!) { family(id: $id) { version economic { annualIncome } } }`, { id: familyId }, wuhanOperator);
    expect(after.data!.family.version).toBe(version + 1);
    const winner = a.errors ? 43000 : 42000;
    expect(after.data!.family.economic.annualIncome).toBe(winner);
  });

  it("refuses an ID number already registered in another family with CONFLICT, writing nothing", async () => {
    const was = await counts();
    const res = await t.gql(CREATE_FAMILY, { input: familyInput("420111", { members: [{ name: "测试丁", idNumber: spouseId, relation: "本人" }] }), reason: "重复建档" }, wuhanOperator);
    expect(res.errors![0].extensions!.code).toBe("CONFLICT");
    expect(res.errors![0].message).toContain(spouseId);
    expect(await counts()).toEqual(was);
  });

  it.each([
    ["an invalid ID number", { members: [{ name: "测试甲", idNumber: "420111199001011235", relation: "本人" }] }, "members[0].idNumber", /校验位/],
    ["an unknown division code", { divisionCode: "420199" }, "divisionCode", /不存在/],
    ["a negative income", { economic: { annualIncome: -1, propertyCount: 0 } }, "economic.annualIncome", /负数/],
    ["an applicant who is not 本人", { members: [{ name: "测试丙", idNumber: idFor("420111"), relation: "配偶" }] }, "members[0].relation", /本人/],
  ])("refuses %s with BAD_USER_INPUT naming the field, writing nothing", async (_label, override, field, message) => {
    const was = await counts();
    const res = await t.gql(CREATE_FAMILY, { input: familyInput("420111", override), reason: "新申请建档" }, wuhanOperator);
    expect(res.data).toBeNull();
    expect(res.errors).toHaveLength(1);
    const err = res.errors![0];
    expect(err.extensions!.code).toBe("BAD_USER_INPUT");
    expect(err.message).toContain(field);
    expect(err.message).toMatch(message);
    expect(err.extensions!.fields).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await counts()).toEqual(was);
  });

  it("refuses an impossible date with BAD_USER_INPUT and writes no occupancy check", async () => {
    const was = await counts();
    const res = await t.gql(
      `mutation($f: ID!, $d: Date!) { recordOccupancyCheck(familyId: $f, checkedOn: $d, occupied: true, inspector: "核查员二") { monthsVacant } }`,
      { f: familyId, d: "2026-02-30" },
      wuhanOperator,
    );
    expect(res.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(res.errors![0].message).toMatch(/2026-02-30.*无效/);
    expect(await counts()).toEqual(was);
    const ok = await t.gql<{ recordOccupancyCheck: { monthsVacant: number } }>(
      `mutation($f: ID!, $d: Date!) { recordOccupancyCheck(familyId: $f, checkedOn: $d, occupied: true, inspector: "核查员二") { monthsVacant } }`,
      { f: familyId, d: "2026-02-03" },
      wuhanOperator,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.recordOccupancyCheck.monthsVacant).toBe(0);
    expect((await counts()).checks).toBe(was.checks + 1);
  });

  it("records a rent payment and recomputes the arrears", async () => {
    const res = await t.gql<{ recordRentPayment: { monthsInArrears: number } }>(
      `mutation($f: ID!) { recordRentPayment(familyId: $f, month: "2025-05-01", amountPaid: 520, paidOn: "2026-01-20") { monthsInArrears } }`,
      { f: familyId },
      wuhanOperator,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.recordRentPayment.monthsInArrears).toBe(7);
    const over = await t.gql(`mutation($f: ID!) { recordRentPayment(familyId: $f, month: "2025-06-01", amountPaid: 9999, paidOn: "2026-01-20") { monthsInArrears } }`, { f: familyId }, wuhanOperator);
    expect(over.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    const foreign = await t.gql(`mutation($f: ID!) { recordRentPayment(familyId: $f, month: "2025-06-01", amountPaid: 1, paidOn: "2026-01-20") { monthsInArrears } }`, { f: familyId }, t.token("HA-420600", ["OPERATOR"]));
    expect(foreign.errors![0].extensions!.code).toBe("FORBIDDEN");
  });

  it("rejects forged, expired and wrong-issuer tokens with 401 UNAUTHENTICATED", async () => {
    const forged = jwt.sign({ org: "HA-420000", roles: ["ADMIN"] }, "x".repeat(40), { algorithm: "HS256", subject: "mallory", issuer: t.config.jwtIssuer, expiresIn: 60 });
    const expired = jwt.sign({ org: "HA-420000", roles: ["ADMIN"], exp: Math.floor(Date.now() / 1000) - 10 }, t.config.jwtSecret!, { algorithm: "HS256", subject: "a", issuer: t.config.jwtIssuer });
    const wrongIssuer = jwt.sign({ org: "HA-420000", roles: ["ADMIN"] }, t.config.jwtSecret!, { algorithm: "HS256", subject: "a", issuer: "someone-else", expiresIn: 60 });
    for (const tok of [forged, expired, wrongIssuer, "not-a-jwt"]) {
      const res = await t.gql(ARCHIVE, { id: familyId }, tok);
      expect(res.status).toBe(401);
      expect(res.errors![0].extensions!.code).toBe("UNAUTHENTICATED");
      expect(JSON.stringify(res)).not.toContain(applicantId);
    }
  });

  it("subgraphs refuse calls without a valid gateway signature; the gateway exposes no _entities", async () => {
    const body = JSON.stringify({ query: `{ _entities(representations: [{ __typename: "Family", id: "${familyId}" }]) { ... on Family { members { idNumber } } } }` });
    const post = (headers: Record<string, string>) =>
      fetch(t.hub.subgraphUrls.archive, { method: "POST", headers: { "content-type": "application/json", ...headers }, body }).then(async (r) => ({ status: r.status, text: await r.text() }));
    const unsigned = await post({});
    expect(unsigned.status).toBe(401);
    expect(unsigned.text).not.toContain(applicantId);
    const wrongKey = await post(signRequest({ kid: "dev", secret: "w".repeat(40) }, { sub: "x", org: "HA-420000", roles: ["ADMIN"] }, body, "archive"));
    expect(wrongKey.status).toBe(401);
    const otherBody = await post(signRequest(t.config.signingKeys[0], { sub: "x", org: "HA-420000", roles: ["ADMIN"] }, body + " ", "archive"));
    expect(otherBody.status).toBe(401);
    const stale = await post(signRequest(t.config.signingKeys[0], { sub: "x", org: "HA-420000", roles: ["ADMIN"] }, body, "archive", Date.now() - 10 * 60 * 1000));
    expect(stale.status).toBe(401);
    const signed = await post(signRequest(t.config.signingKeys[0], { sub: "x", org: "HA-420000", roles: ["ADMIN"] }, body, "archive"));
    expect(signed.status).toBe(200);
    expect(signed.text).toContain(applicantId);

    const viaGateway = await t.gql(`{ _entities(representations: [{ __typename: "Family", id: "${familyId}" }]) { __typename } }`, {}, wuhanOperator);
    expect(viaGateway.status).toBe(400);
    expect(JSON.stringify(viaGateway)).not.toContain(applicantId);
  });

  it("answers GET /health with 200 when every subgraph answers", async () => {
    const res = await fetch(t.url.replace(/\/graphql$/, "/health"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", subgraphs: { archive: "ok", housing: "ok", judicial: "ok" } });
  });
});
