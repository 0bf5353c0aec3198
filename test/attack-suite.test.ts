// Attack suite for the written-permission rule (R8.2) and the gateway hardening (R8.4): every
// case is one attempt to obtain family data that the caller may not see, and asserts that no
// protected value (full names, full ID numbers, incomes, unit addresses, judicial case numbers
// and summaries, credit facts, evidence file names) of a family outside the caller's rights
// appears anywhere in the response, plus the expected error code.
//
// Callers: housing-authority staff HA-420100 (Wuhan), HA-420600 (Xiangyang), HA-420102 (a
// district), HA-420000 (province); Wuhan partners, one organisation per permission state so
// that the cases do not depend on their order: PT-420100-MZ (LISTS FULL + IDENTITY MASKED),
// -NP (none), -RV (revoked), -EX (expired), -FU (not yet valid), -FI (IDENTITY FULL, control),
// -EV (IDENTITY MASKED + EVIDENCE FULL + other categories MASKED); PT-420600-XY (Xiangyang's
// permission for Xiangyang) and PT-420000-GA (the province's permission for Xiangyang).
// Positive controls check that permitted callers do get data, so the denials are not vacuous.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import jwt from "jsonwebtoken";
import { loadConfig, type HubConfig } from "../src/config";
import { startHub, type RunningHub } from "../src/hub";
import { signRequest, CALLER_HEADER, SIGNATURE_HEADER } from "../src/auth/subgraph-signature";
import type { Caller } from "../src/auth/caller";
import { shanghaiDate } from "../src/domain/credit/dates";
import { cityDivisions } from "../src/domain/divisions";
import { seedDemoData } from "../src/seed/seed";
import { seedCreditDemo } from "../src/seed/credit-demo";
import { Tenancy } from "../src/subgraphs/housing/entities/tenancy.entity";
import { JudicialRecord } from "../src/subgraphs/judicial/entities/judicial-record.entity";
import { contractOperation } from "./support/contract";
import { startTestIdp, type TestIdp } from "./support/jwks";
import { makeIdNumber } from "../src/domain/id-number";
import { CREATE_FAMILY, familyInput, idFor } from "./support/fixtures";
import { startTestHub, type GqlResponse, type TestHub } from "./support/test-hub";
import { codes, expectNoLeak, maskedId, maskedName, postJson, rawRequest, SecretBook, stringsAt, subject, type SecretValue } from "./support/attack";

// --- operations -----------------------------------------------------------------------------

const GRANT = contractOperation("GrantSharingPermission");
const REVOKE = contractOperation("RevokeSharingPermission");
const REGISTER = contractOperation("RegisterOrganization");
const CREDIT_LIST = contractOperation("CreditList");
const FAMILY_ARCHIVE = contractOperation("FamilyArchive");
const CREDIT_CHECK = contractOperation("CreditCheck");
const LIST_CHANGES = contractOperation("ListChanges");
const PUBLIC_LIST = contractOperation("PublicList");

/** Everything protected of one family, in one request. */
const EVERYTHING = /* GraphQL */ `
  query Everything($id: ID!) {
    family(id: $id) {
      id
      divisionCode
      applicant { name idNumber relation }
      members { name idNumber relation }
      household { hukouDivisionCode maritalStatus size }
      economic { annualIncome propertyCount }
      housing { status perCapitaArea }
      guarantee { category mode group priority priorityReason }
      credit { score tier records { id facts judicialCaseNumber judicialRecord { caseNumber summary idNumber } evidence { fileName } } }
      lists { kind status }
      documents { title body }
      tenancy { unitAddress monthlyRent }
      judicial { caseNumber summary idNumber court }
      history(first: 5) { edges { node { changes { field before after } } } }
    }
  }
`;

const BY_ID_NUMBER = /* GraphQL */ `
  query ByIdNumber($idNumber: String!) {
    familyByIdNumber(idNumber: $idNumber) { id divisionCode applicant { name idNumber } members { name idNumber } economic { annualIncome } tenancy { unitAddress } judicial { caseNumber summary } }
  }
`;

const IDENTITY_OF = /* GraphQL */ `
  query IdentityOf($id: ID!) { family(id: $id) { id divisionCode applicant { name idNumber } } }
`;

type Fam = { id: string; division: string; members: { name: string; idNumber: string }[]; income: number };

/** A valid ID number (GB 11643 checksum) of no archived family: what an unknown number gets. */
const UNKNOWN_ID = makeIdNumber("429021", "1931-02-03", 997);
const ALL_CATEGORIES = { IDENTITY: "FULL", HOUSEHOLD: "FULL", ECONOMIC: "FULL", HOUSING: "FULL", GUARANTEE: "FULL", CREDIT: "FULL", LISTS: "FULL", EVIDENCE: "FULL", TENANCY: "FULL", JUDICIAL: "FULL" } as const;
const WUHAN = "420100";
const XIANGYANG = "420600";
const KINDS = ["WARNING", "KEY_ATTENTION", "JOINT_PUNISHMENT"] as const;
const CITIES = cityDivisions().map((d) => d.code);
const inWuhan = (d: string) => d.startsWith("4201");
const inXiangyang = (d: string) => d.startsWith("4206");

describe("attack suite: written-permission rule and gateway hardening (R8.2, R8.4)", () => {
  let t: TestHub;
  let book: SecretBook;
  const fam = {} as Record<"W1" | "W2" | "X1" | "X2", Fam>;
  /** A judicial record of a person in no archive, decided by a Wuhan court (R8.2: Wuhan's data). */
  const orphanCase = { caseNumber: "（2026）鄂0102执攻防9号", idNumber: idFor("420102", 7999), summary: "攻防秘密摘要九：强制执行拖欠租金" };
  const records = {} as Record<"W1" | "X1", string>;
  const permissionIds: Record<string, string> = {};
  let expiringUntil = 0;
  let expiringControl: GqlResponse<Record<string, unknown>>;
  const tokens = {} as Record<string, string>;

  // Secrets per caller: what each caller must never receive.
  const secrets = {} as Record<
    "none" | "mz" | "fullIdentity" | "masked" | "wuhanStaff" | "xiangyangStaff" | "xiangyangPartner" | "provincePartner" | "countyStaff",
    string[]
  >;

  const gql = <T = Record<string, unknown>>(query: string, variables: Record<string, unknown> | undefined, token?: string) => t.gql<T>(query, variables, token);
  const sql = async <T = Record<string, unknown>>(db: "archive" | "housing" | "judicial", q: string, p: unknown[] = []) =>
    (await t.hub.dbs[db]!.orm.em.fork().getConnection().execute(q, p)) as T[];
  const now = () => Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();

  const grant = (token: string, granteeCode: string, documentNumber: string, scopes: Record<string, string>, divisionCodes: string[], window: { from?: number; until?: number } = {}) =>
    gql<{ grantSharingPermission: { id: string; revokedAt: string | null } }>(
      GRANT,
      {
        input: {
          documentNumber,
          granteeCode,
          purpose: "攻防测试：公租房资格联审",
          scopes: Object.entries(scopes).map(([category, mode]) => ({ category, mode })),
          divisionCodes,
          validFrom: iso(window.from ?? now() - 60_000),
          validUntil: iso(window.until ?? now() + 30 * 86_400_000),
        },
      },
      token,
    );

  const register = (token: string, code: string, name: string, divisionCode: string, level = "CITY") =>
    gql<{ registerOrganization: { code: string } }>(REGISTER, { input: { code, name, kind: "PARTNER", level, divisionCode } }, token);

  beforeAll(async () => {
    // A database of its own (hub_test_wattack<n>), so that this suite may run beside the other
    // files' hubs without their schemas being dropped under it.
    t = await startTestHub("postgres", { databaseTag: "attack" });
    const { archive, housing, judicial } = t.hub.dbs;
    const today = shanghaiDate(new Date());
    await seedDemoData({ archive: archive!.orm.em.fork(), housing: housing!.orm.em.fork(), judicial: judicial!.orm.em.fork() }, { families: 300, seed: 5, today });
    await seedCreditDemo(archive!.orm.em.fork(), t.config.calendar, today);

    const tok = (org: string, roles: string[]) => t.token(org, roles, `${org.toLowerCase()}-${roles.join("-").toLowerCase()}`);
    Object.assign(tokens, {
      whAdmin: tok("HA-420100", ["ADMIN"]),
      whOperator: tok("HA-420100", ["OPERATOR"]),
      whIdentifier: tok("HA-420100", ["IDENTIFIER"]),
      whStaff: tok("HA-420100", ["AUDITOR"]),
      xyAdmin: tok("HA-420600", ["ADMIN"]),
      xyOperator: tok("HA-420600", ["OPERATOR"]),
      xyIdentifier: tok("HA-420600", ["IDENTIFIER"]),
      xyStaff: tok("HA-420600", ["AUDITOR"]),
      provAdmin: tok("HA-420000", ["ADMIN"]),
      provStaff: tok("HA-420000", ["AUDITOR"]),
      county: tok("HA-420102", ["OPERATOR"]),
      mz: tok("PT-420100-MZ", ["CONSUMER"]),
      np: tok("PT-420100-NP", ["CONSUMER"]),
      rv: tok("PT-420100-RV", ["CONSUMER"]),
      ex: tok("PT-420100-EX", ["CONSUMER"]),
      fu: tok("PT-420100-FU", ["CONSUMER"]),
      fi: tok("PT-420100-FI", ["CONSUMER"]),
      ev: tok("PT-420100-EV", ["CONSUMER"]),
      xy: tok("PT-420600-XY", ["CONSUMER"]),
      ga: tok("PT-420000-GA", ["CONSUMER"]),
    });

    // Synthetic families with distinctive names, ID numbers and incomes, created through the API.
    const create = async (key: keyof typeof fam, division: string, names: [string, string], income: number, n: number, token: string) => {
      const members = [
        { name: names[0], idNumber: idFor(division, n), relation: "本人" },
        { name: names[1], idNumber: idFor(division, n + 1), relation: "配偶" },
      ];
      const res = await gql<{ createFamily: { id: string } }>(
        CREATE_FAMILY,
        { input: familyInput(division, { members, economic: { annualIncome: income, propertyCount: 0 } }), reason: "攻防测试建档" },
        token,
      );
      expect(res.errors).toBeUndefined();
      fam[key] = { id: res.data!.createFamily.id, division, members, income };
    };
    await create("W1", "420102", ["攻防甲一", "攻防甲二"], 98765.43, 7101, tokens.whOperator);
    await create("W2", "420111", ["攻防乙一", "攻防乙二"], 87654.21, 7201, tokens.whOperator);
    await create("X1", "420602", ["攻防丙一", "攻防丙二"], 76543.19, 7301, tokens.xyOperator);
    await create("X2", "420606", ["攻防丁一", "攻防丁二"], 65432.17, 7401, tokens.xyOperator);

    // Municipal tenancies and court records of the synthetic families.
    const hem = housing!.orm.em.fork();
    for (const [key, address] of [
      ["W1", "武汉市江岸区攻防路一号公租房3栋501室"],
      ["X1", "襄阳市襄城区攻防路二号公租房5栋702室"],
    ] as const) {
      hem.create(Tenancy, { familyId: fam[key].id, divisionCode: fam[key].division, unitAddress: address, leaseStart: "2024-01-01", leaseEnd: "2027-12-31", monthlyRent: 432.1 });
    }
    await hem.flush();
    const jem = judicial!.orm.em.fork();
    const court = (d: string) => (d.startsWith("4201") ? "武汉市江岸区人民法院" : "襄阳市襄城区人民法院");
    for (const [key, caseNumber, summary] of [
      ["W1", "（2026）鄂0102民初攻防1号", "攻防秘密摘要一：房屋租赁合同纠纷"],
      ["X1", "（2026）鄂0602民初攻防2号", "攻防秘密摘要二：房屋租赁合同纠纷"],
    ] as const) {
      jem.create(JudicialRecord, { idNumber: fam[key].members[1].idNumber, kind: "JUDGMENT", caseNumber, court: court(fam[key].division), divisionCode: fam[key].division, decidedOn: "2026-03-01", summary });
    }
    jem.create(JudicialRecord, { idNumber: orphanCase.idNumber, kind: "ENFORCEMENT", caseNumber: orphanCase.caseNumber, court: court("420102"), divisionCode: "420102", decidedOn: "2026-04-02", summary: orphanCase.summary });
    await jem.flush();

    // Identified credit records with evidence and documents (R5.2, R5.4).
    const RECORD = `mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id } }`;
    const IDENTIFY = `mutation($id: ID!) { identifyRecord(recordId: $id, input: { reason: "事实清楚、证据确凿" }) { id status } }`;
    const EVIDENCE = `mutation($id: ID!, $file: EvidenceInput!) { addEvidence(recordId: $id, file: $file) { id } }`;
    for (const [key, operator, identifier, facts, caseNumber, fileName] of [
      ["W1", tokens.whOperator, tokens.whIdentifier, "攻防事实甲：卫生间漏水未报修", "（2026）鄂0102民初攻防1号", "攻防证据甲一.pdf"],
      ["X1", tokens.xyOperator, tokens.xyIdentifier, "攻防事实丙：卫生间漏水未报修", "（2026）鄂0602民初攻防2号", "攻防证据丙一.pdf"],
    ] as const) {
      const r = await gql<{ recordBehavior: { id: string } }>(
        RECORD,
        { input: { familyId: fam[key].id, behavior: "B08", source: "MANAGEMENT", facts, legalBasis: "实施意见第四部分", occurredOn: shanghaiDate(new Date(now() - 10 * 86_400_000)), informedBy: "NOTICE_LETTER", informedOn: shanghaiDate(new Date(now() - 10 * 86_400_000)), judicialCaseNumber: caseNumber } },
        operator,
      );
      expect(r.errors).toBeUndefined();
      records[key] = r.data!.recordBehavior.id;
      const e = await gql(EVIDENCE, { id: records[key], file: { fileName, mediaType: "application/pdf", contentBase64: Buffer.from("%PDF-1.4 attack").toString("base64") } }, operator);
      expect(e.errors).toBeUndefined();
      const i = await gql(IDENTIFY, { id: records[key] }, identifier);
      expect(i.errors).toBeUndefined();
    }

    // Partners and their written permissions (R8.1, R8.2).
    for (const code of ["PT-420100-NP", "PT-420100-RV", "PT-420100-EX", "PT-420100-FU", "PT-420100-FI", "PT-420100-EV"]) {
      const r = await register(tokens.whAdmin, code, `攻防测试合作机构${code.slice(-2)}`, WUHAN);
      expect(r.errors).toBeUndefined();
    }
    const xyReg = await register(tokens.xyAdmin, "PT-420600-XY", "襄阳市攻防测试合作机构", XIANGYANG);
    expect(xyReg.errors).toBeUndefined();
    const grants: [string, string, string, Record<string, string>, string[], { from?: number; until?: number }?][] = [
      ["mz", tokens.whAdmin, "PT-420100-MZ", { LISTS: "FULL", IDENTITY: "MASKED" }, [WUHAN]],
      ["rv", tokens.whAdmin, "PT-420100-RV", { LISTS: "FULL", IDENTITY: "FULL" }, [WUHAN]],
      ["fu", tokens.whAdmin, "PT-420100-FU", { LISTS: "FULL", IDENTITY: "FULL" }, [WUHAN], { from: now() + 3_600_000 }],
      ["fi", tokens.whAdmin, "PT-420100-FI", { LISTS: "FULL", IDENTITY: "FULL", TENANCY: "MASKED" }, [WUHAN]],
      ["ev", tokens.whAdmin, "PT-420100-EV", { IDENTITY: "MASKED", CREDIT: "MASKED", EVIDENCE: "FULL", JUDICIAL: "MASKED", TENANCY: "MASKED", ECONOMIC: "MASKED" }, [WUHAN]],
      ["xy", tokens.xyAdmin, "PT-420600-XY", { LISTS: "FULL", IDENTITY: "FULL" }, [XIANGYANG]],
      ["ga", tokens.provAdmin, "PT-420000-GA", { LISTS: "FULL", IDENTITY: "MASKED" }, [XIANGYANG]],
    ];
    for (const [key, token, grantee, scopes, divisions, window] of grants) {
      const g = await grant(token, grantee, `鄂攻防许〔2026〕${key}号`, scopes, divisions, window);
      expect(g.errors, key).toBeUndefined();
      permissionIds[key] = g.data!.grantSharingPermission.id;
    }
    // (d) A permission that expires a few seconds from now: in force right after the grant.
    expiringUntil = now() + 2500;
    const ex = await grant(tokens.whAdmin, "PT-420100-EX", "鄂攻防许〔2026〕ex号", { LISTS: "FULL", IDENTITY: "FULL" }, [WUHAN], { until: expiringUntil });
    expect(ex.errors).toBeUndefined();
    expiringControl = await gql(IDENTITY_OF, { id: fam.W1.id }, tokens.ex);

    // The secret book: every protected value, read from the databases.
    const values: SecretValue[] = [];
    const families = await sql<{ id: string; division_code: string; annual_income: string }>("archive", `select id, division_code, annual_income from archive.family`);
    const divisionOf = new Map(families.map((f) => [f.id, f.division_code]));
    for (const f of families) {
      const income = String(Number(f.annual_income));
      if (income.length >= 7) values.push({ value: income, divisions: [f.division_code], category: "ECONOMIC", hiddenWhenMasked: true });
    }
    const members = await sql<{ family_id: string; name: string; id_number: string }>("archive", `select family_id, name, id_number from archive.family_member`);
    const familyOfId = new Map<string, string>();
    for (const m of members) {
      const d = divisionOf.get(m.family_id)!;
      familyOfId.set(m.id_number, d);
      values.push({ value: m.id_number, divisions: [d], category: "IDENTITY", hiddenWhenMasked: true });
      if ([...m.name].length >= 3) values.push({ value: m.name, divisions: [d], category: "IDENTITY", hiddenWhenMasked: true });
    }
    for (const r of await sql<{ division_code: string; unit_address: string }>("housing", `select division_code, unit_address from housing.tenancy`)) {
      values.push({ value: r.unit_address, divisions: [r.division_code], category: "TENANCY", hiddenWhenMasked: true });
    }
    for (const r of await sql<{ id_number: string; case_number: string; summary: string; division_code: string }>("judicial", `select id_number, case_number, summary, division_code from judicial.judicial_record`)) {
      const divisions = [r.division_code, ...(familyOfId.has(r.id_number) ? [familyOfId.get(r.id_number)!] : [])];
      values.push({ value: r.case_number, divisions, category: "JUDICIAL", hiddenWhenMasked: false });
      values.push({ value: r.summary, divisions, category: "JUDICIAL", hiddenWhenMasked: true });
      if (!familyOfId.has(r.id_number)) values.push({ value: r.id_number, divisions: [r.division_code], category: "IDENTITY", hiddenWhenMasked: true });
    }
    for (const r of await sql<{ facts: string; division_code: string }>("archive", `select facts, division_code from archive.credit_record where facts like '攻防%'`)) {
      values.push({ value: r.facts, divisions: [r.division_code], category: "CREDIT", hiddenWhenMasked: true });
    }
    for (const r of await sql<{ file_name: string; division_code: string }>(
      "archive",
      `select e.file_name, r.division_code from archive.evidence e join archive.credit_record r on r.id = e.record_id`,
    )) {
      values.push({ value: r.file_name, divisions: [r.division_code], category: "EVIDENCE", hiddenWhenMasked: true });
    }
    book = new SecretBook(values);
    secrets.none = book.forSubject(subject(null));
    secrets.mz = book.forSubject(subject(null, [{ divisions: [WUHAN], scopes: { LISTS: "FULL", IDENTITY: "MASKED" } }]));
    secrets.fullIdentity = book.forSubject(subject(null, [{ divisions: [WUHAN], scopes: { LISTS: "FULL", IDENTITY: "FULL", TENANCY: "MASKED" } }]));
    secrets.masked = book.forSubject(
      subject(null, [{ divisions: [WUHAN], scopes: { IDENTITY: "MASKED", CREDIT: "MASKED", EVIDENCE: "FULL", JUDICIAL: "MASKED", TENANCY: "MASKED", ECONOMIC: "MASKED" } }]),
    );
    secrets.wuhanStaff = book.forSubject(subject(WUHAN));
    secrets.xiangyangStaff = book.forSubject(subject(XIANGYANG));
    secrets.countyStaff = book.forSubject(subject("420102"));
    secrets.xiangyangPartner = book.forSubject(subject(null, [{ divisions: [XIANGYANG], scopes: { LISTS: "FULL", IDENTITY: "FULL" } }]));
    secrets.provincePartner = book.forSubject(subject(null, [{ divisions: [XIANGYANG], scopes: { LISTS: "FULL", IDENTITY: "MASKED" } }]));
  }, 300_000);

  afterAll(async () => t?.close());

  it("has a meaningful secret book and data on the lists of both cities (the suite is not vacuous)", async () => {
    for (const [k, s] of Object.entries(secrets)) expect(s.length, k).toBeGreaterThan(100);
    expect(secrets.wuhanStaff).toContain(fam.X1.members[0].idNumber);
    expect(secrets.wuhanStaff).not.toContain(fam.W1.members[0].idNumber);
    expect(secrets.mz).toContain(fam.W1.members[0].idNumber);
    expect(secrets.fullIdentity).not.toContain(fam.W1.members[0].idNumber);
    const listed = await sql<{ division_code: string }>("archive", `select division_code from archive.list_entry where status = 'LISTED'`);
    expect(listed.filter((r) => inWuhan(r.division_code)).length).toBeGreaterThan(2);
    expect(listed.filter((r) => inXiangyang(r.division_code)).length).toBeGreaterThan(2);
    // The detector itself: a full archive returned to its own staff is a leak for anyone else.
    const own = await gql(EVERYTHING, { id: fam.X1.id }, tokens.xyStaff);
    expect(() => expectNoLeak(own, secrets.wuhanStaff)).toThrow();
    expect(() => expectNoLeak(own, secrets.xiangyangStaff)).not.toThrow();
  });

  // --- helpers of the cases ------------------------------------------------------------------

  type Res = GqlResponse<Record<string, unknown>>;
  /** The response denies with `code` somewhere and leaks nothing of `forbidden`. */
  const expectDenied = (res: Res, forbidden: string[], code = "SHARING_NOT_PERMITTED", except: string[] = []) => {
    expect(codes(res), JSON.stringify(res).slice(0, 300)).toContain(code);
    expectNoLeak(res, forbidden, except);
  };
  /** Every error of the response is a denial (no internal error slipped through). */
  const onlyDenials = (res: Res, allowed = ["SHARING_NOT_PERMITTED"]) => {
    for (const c of codes(res)) expect(allowed, JSON.stringify(res.errors)).toContain(c);
  };
  const allMembers = (...keys: (keyof typeof fam)[]) => keys.flatMap((k) => fam[k].members);

  // --- (a)–(g): callers and their written permissions (R8.1, R8.2) ---------------------------

  describe("callers and written permissions", () => {
    it("(a) a registered partner without any permission gets no protected value from the contract operations", async () => {
      const archive = await gql(FAMILY_ARCHIVE, { id: fam.W1.id }, tokens.np);
      expect(archive.data).toEqual({ family: null });
      expect(archive.errors).toEqual([expect.objectContaining({ path: ["family"], extensions: expect.objectContaining({ code: "SHARING_NOT_PERMITTED" }) })]);
      const list = await gql(CREDIT_LIST, { kind: "JOINT_PUNISHMENT", divisionCode: WUHAN, first: 100 }, tokens.np);
      expect(list.data).toBeNull();
      const check = await gql(CREDIT_CHECK, { idNumber: fam.W1.members[0].idNumber }, tokens.np);
      expect(check.data).toBeNull();
      const changes = await gql(LIST_CHANGES, { first: 500 }, tokens.np);
      expect(changes.data).toBeNull();
      for (const r of [archive, list, check, changes]) expectDenied(r, secrets.none, "SHARING_NOT_PERMITTED", [fam.W1.members[0].idNumber]);
    });

    it("(b) LISTS FULL + IDENTITY MASKED for Wuhan: the archive shows the exact masked forms and denies every other category", async () => {
      const res = await gql<{ family: Record<string, unknown> }>(FAMILY_ARCHIVE, { id: fam.W1.id }, tokens.mz);
      const f = res.data!.family;
      expect(f.id).toBe(fam.W1.id);
      expect(f.applicant).toEqual({ name: "攻***", idNumber: maskedId(fam.W1.members[0].idNumber) });
      for (const k of ["members", "household", "economic", "guarantee", "credit", "tenancy", "judicial"]) expect(f[k], k).toBeNull();
      expect(f.lists).toEqual([]);
      const denied = (res.errors ?? []).map((e) => [e.path!.join("."), e.extensions!.code, e.extensions!.category, e.extensions!.divisionCode]);
      expect(denied).toEqual(
        expect.arrayContaining([
          ["family.members", "SHARING_NOT_PERMITTED", "HOUSEHOLD", "420102"],
          ["family.economic", "SHARING_NOT_PERMITTED", "ECONOMIC", "420102"],
          ["family.tenancy", "SHARING_NOT_PERMITTED", "TENANCY", "420102"],
          ["family.judicial", "SHARING_NOT_PERMITTED", "JUDICIAL", "420102"],
        ]),
      );
      onlyDenials(res);
      expectNoLeak(res, secrets.mz);
    });

    it("(c) a revoked permission stops applying on the very next request", async () => {
      const before = await gql<{ family: { applicant: { idNumber: string } } }>(IDENTITY_OF, { id: fam.W1.id }, tokens.rv);
      expect(before.data!.family.applicant.idNumber).toBe(fam.W1.members[0].idNumber); // control: it was in force
      const revoked = await gql<{ revokeSharingPermission: { revokedAt: string | null } }>(REVOKE, { id: permissionIds.rv, reason: "攻防测试：撤销" }, tokens.whAdmin);
      expect(revoked.data!.revokeSharingPermission.revokedAt).not.toBeNull();
      const after = await gql(IDENTITY_OF, { id: fam.W1.id }, tokens.rv);
      expect(after.data).toEqual({ family: null });
      expectDenied(after, secrets.none);
      const list = await gql(CREDIT_LIST, { kind: "WARNING", first: 500 }, tokens.rv);
      expectDenied(list, secrets.none);
      const again = await gql(REVOKE, { id: permissionIds.rv, reason: "再次撤销" }, tokens.whAdmin);
      expect(codes(again)).toEqual(["CONFLICT"]);
    });

    it("(d) an expired permission gives nothing (it was in force a moment ago)", async () => {
      expect((expiringControl.data as { family: { applicant: { idNumber: string } } }).family.applicant.idNumber).toBe(fam.W1.members[0].idNumber);
      const wait = expiringUntil + 300 - now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const res = await gql(IDENTITY_OF, { id: fam.W1.id }, tokens.ex);
      expect(res.data).toEqual({ family: null });
      expectDenied(res, secrets.none);
      const list = await gql(CREDIT_LIST, { kind: "JOINT_PUNISHMENT", first: 500 }, tokens.ex);
      expectDenied(list, secrets.none);
      const past = await grant(tokens.whAdmin, "PT-420100-EX", "鄂攻防许〔2026〕past号", { LISTS: "FULL" }, [WUHAN], { from: now() - 7_200_000, until: now() - 3_600_000 });
      expect(codes(past)).toEqual(["BAD_USER_INPUT"]);
    });

    it("(e) a permission not yet valid gives nothing", async () => {
      for (const q of [
        gql(IDENTITY_OF, { id: fam.W1.id }, tokens.fu),
        gql(CREDIT_LIST, { kind: "WARNING", divisionCode: WUHAN, first: 500 }, tokens.fu),
        gql(CREDIT_CHECK, { idNumber: fam.W1.members[1].idNumber }, tokens.fu),
      ]) {
        const res = await q;
        expectDenied(res, secrets.none, "SHARING_NOT_PERMITTED", [fam.W1.members[1].idNumber]);
      }
    });

    it("(f) the province authority cannot grant to a city partner, nor a city authority to a province partner; nothing is written", async () => {
      const count = async () => Number((await sql<{ n: string }>("archive", `select count(*) as n from archive.sharing_permission`))[0].n);
      const was = await count();
      const down = await grant(tokens.provAdmin, "PT-420100-MZ", "鄂攻防许〔2026〕f1号", { IDENTITY: "FULL" }, [WUHAN]);
      expect(codes(down)).toEqual(["FORBIDDEN"]);
      expect(down.data).toBeNull();
      const up = await grant(tokens.whAdmin, "PT-420000-GA", "鄂攻防许〔2026〕f2号", { IDENTITY: "FULL" }, [WUHAN]);
      expect(codes(up)).toEqual(["FORBIDDEN"]);
      expect(await count()).toBe(was);
      const still = await gql<{ family: { applicant: { idNumber: string } } }>(IDENTITY_OF, { id: fam.W1.id }, tokens.mz);
      expect(still.data!.family.applicant.idNumber).toBe(maskedId(fam.W1.members[0].idNumber));
    });

    it.each([
      ["another city's division", [XIANGYANG]],
      ["the province", ["420000"]],
      ["its own and another city's division", [WUHAN, "420602"]],
      ["a county of another city", ["420606"]],
    ])("(g) a city authority cannot grant %s: FORBIDDEN, nothing written", async (_label, divisions) => {
      const count = async () => Number((await sql<{ n: string }>("archive", `select count(*) as n from archive.sharing_permission`))[0].n);
      const was = await count();
      const res = await grant(tokens.whAdmin, "PT-420100-MZ", `鄂攻防许〔2026〕g${divisions.join("")}号`, { IDENTITY: "FULL", LISTS: "FULL" }, divisions);
      expect(codes(res)).toEqual(["FORBIDDEN"]);
      expect(await count()).toBe(was);
      const x = await gql(IDENTITY_OF, { id: fam.X1.id }, tokens.mz);
      expectDenied(x, secrets.mz);
    });

    it("(g) a Xiangyang partner with a Xiangyang permission sees Xiangyang's lists in full and nothing of Wuhan", async () => {
      let rows = 0;
      for (const kind of KINDS) {
        const res = await gql<{ creditList: { totalCount: number; edges: { node: { family: { divisionCode: string; applicant: { idNumber: string } } } }[] } }>(
          `query($kind: ListKind!) { creditList(kind: $kind, first: 500) { totalCount edges { node { family { divisionCode applicant { name idNumber } } } } } }`,
          { kind },
          tokens.xy,
        );
        expect(res.errors).toBeUndefined();
        for (const e of res.data!.creditList.edges) {
          expect(inXiangyang(e.node.family.divisionCode)).toBe(true);
          expect(e.node.family.applicant.idNumber).toMatch(/^\d{17}[\dX]$/); // positive control: FULL
        }
        rows += res.data!.creditList.edges.length;
        expectNoLeak(res, secrets.xiangyangPartner);
      }
      expect(rows).toBeGreaterThan(0);
      const wuhan = await gql(CREDIT_LIST, { kind: "WARNING", divisionCode: WUHAN, first: 100 }, tokens.xy);
      expectDenied(wuhan, secrets.xiangyangPartner);
      const w1 = await gql(EVERYTHING, { id: fam.W1.id }, tokens.xy);
      expectDenied(w1, secrets.xiangyangPartner);
      const own = await gql<{ family: { applicant: { name: string } } }>(IDENTITY_OF, { id: fam.X1.id }, tokens.xy);
      expect(own.data!.family.applicant.name).toBe("攻防丙一");
    });

    it("a province partner with a province permission for Xiangyang sees Xiangyang masked and nothing of Wuhan", async () => {
      const res = await gql<{ creditList: { edges: { node: { family: { divisionCode: string; applicant: { name: string; idNumber: string } } } }[] } }>(
        `{ creditList(kind: JOINT_PUNISHMENT, first: 500) { edges { node { family { divisionCode applicant { name idNumber } } } } } }`,
        undefined,
        tokens.ga,
      );
      expect(res.data!.creditList.edges.length).toBeGreaterThan(0);
      for (const e of res.data!.creditList.edges) {
        expect(inXiangyang(e.node.family.divisionCode)).toBe(true);
        expect(e.node.family.applicant.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      }
      expectNoLeak(res, secrets.provincePartner);
      const w = await gql(CREDIT_CHECK, { idNumber: fam.W2.members[0].idNumber }, tokens.ga);
      expectDenied(w, secrets.provincePartner, "SHARING_NOT_PERMITTED", [fam.W2.members[0].idNumber]);
    });

    it.each([
      ["a partner's ADMIN grants to itself", "partnerAdmin", "PT-420100-MZ", [WUHAN], "FORBIDDEN"],
      ["a city OPERATOR (not ADMIN) grants", "whOperator", "PT-420100-NP", [WUHAN], "FORBIDDEN"],
      ["a county authority's ADMIN grants", "countyAdmin", "PT-420100-NP", ["420102"], "FORBIDDEN"],
      ["a city authority grants to itself", "whAdmin", "HA-420100", [WUHAN], "BAD_USER_INPUT"],
      ["a city authority grants to an unregistered organisation", "whAdmin", "PT-420100-GHOST", [WUHAN], "BAD_USER_INPUT"],
    ])("grant abuse: %s is refused and the grantee still sees nothing", async (_label, who, grantee, divisions, code) => {
      const extra: Record<string, string> = { partnerAdmin: t.token("PT-420100-MZ", ["ADMIN"]), countyAdmin: t.token("HA-420102", ["ADMIN"]) };
      const res = await grant(extra[who] ?? tokens[who], grantee, `鄂攻防许〔2026〕abuse-${who}-${grantee}号`, { IDENTITY: "FULL", LISTS: "FULL", ECONOMIC: "FULL" }, divisions);
      expect(codes(res)).toEqual([code]);
      expect(res.data).toBeNull();
      const probe = await gql(EVERYTHING, { id: fam.W1.id }, tokens.np);
      expectDenied(probe, secrets.none);
    });

    it("another city's ADMIN cannot revoke, and a city ADMIN cannot register a partner in another city", async () => {
      const revoke = await gql(REVOKE, { id: permissionIds.mz, reason: "越权撤销" }, tokens.xyAdmin);
      expect(codes(revoke)).toEqual(["FORBIDDEN"]);
      const reg = await register(tokens.xyAdmin, "PT-420100-EVIL", "越权登记", WUHAN);
      expect(codes(reg)).toEqual(["FORBIDDEN"]);
      const asAuthority = await gql(REGISTER, { input: { code: "HA-420100", name: "冒充主管部门", kind: "HOUSING_AUTHORITY", level: "CITY", divisionCode: WUHAN } }, tokens.whAdmin);
      expect(codes(asAuthority)).toEqual(["FORBIDDEN"]);
      const haPrefixed = await register(tokens.whAdmin, "HA-420199", "冒充主管部门的合作机构", WUHAN);
      expect(codes(haPrefixed)).toEqual(["BAD_USER_INPUT"]);
      const still = await gql<{ family: { applicant: { idNumber: string } } }>(IDENTITY_OF, { id: fam.W1.id }, tokens.mz);
      expect(still.data!.family.applicant.idNumber).toBe(maskedId(fam.W1.members[0].idNumber));
    });

    it("sharingPermissions shows an authority only its jurisdiction's grants and a partner only its own", async () => {
      const Q = `{ sharingPermissions(includeInactive: true, first: 100) { totalCount edges { node { documentNumber grantor { code } grantee { code } } } } }`;
      type Page<N> = { sharingPermissions: { totalCount: number; edges: { node: N }[] } };
      const xy = await gql<Page<{ documentNumber: string; grantor: { code: string } }>>(Q, undefined, tokens.xyAdmin);
      expect(xy.data!.sharingPermissions.edges.map((e) => e.node.documentNumber)).toEqual(["鄂攻防许〔2026〕xy号"]);
      const np = await gql<Page<unknown>>(Q, undefined, tokens.np);
      expect(np.data!.sharingPermissions).toEqual({ totalCount: 0, edges: [] });
      const mz = await gql<Page<{ grantee: { code: string } }>>(Q, undefined, tokens.mz);
      expect(mz.data!.sharingPermissions.edges.map((e) => e.node.grantee.code)).toEqual(["PT-420100-MZ"]);
      expect(mz.data!.sharingPermissions.totalCount).toBe(1);
    });
  });

  // --- city and county staff outside their jurisdiction (R2.4, R8.2) -------------------------

  describe("housing-authority staff outside their jurisdiction", () => {
    type Probe = [string, (target: "W1" | "X1") => [string, Record<string, unknown>], string | null];
    const probes: Probe[] = [
      ["family(id) with every category", (k) => [EVERYTHING, { id: fam[k].id }], "SHARING_NOT_PERMITTED"],
      ["familyByIdNumber(applicant)", (k) => [BY_ID_NUMBER, { idNumber: fam[k].members[0].idNumber }], "UNKNOWN"],
      ["familyByIdNumber(spouse, lower case, padded)", (k) => [BY_ID_NUMBER, { idNumber: `  ${fam[k].members[1].idNumber.toLowerCase()} ` }], "UNKNOWN"],
      ["creditCheck(spouse) → family → members", (k) => [`query($idNumber: String!) { creditCheck(idNumber: $idNumber) { found score tier lists { kind } family { id members { name idNumber } economic { annualIncome } } } }`, { idNumber: fam[k].members[1].idNumber }], "UNKNOWN"],
      ["family(id) → tenancy", (k) => [`query($id: ID!) { family(id: $id) { tenancy { unitAddress monthlyRent rentLedger { month } } } }`, { id: fam[k].id }], "SHARING_NOT_PERMITTED"],
      ["familyHistory", (k) => [`query($id: ID!) { familyHistory(familyId: $id, first: 10) { totalCount edges { node { changes { field before after } } } } }`, { id: fam[k].id }], "SHARING_NOT_PERMITTED"],
      ["accessHistory", (k) => [`query($id: ID!) { accessHistory(familyId: $id, first: 10) { edges { node { familyIds user organization { code } } } } }`, { id: fam[k].id }], "SHARING_NOT_PERMITTED"],
      ["creditRecord(id) with evidence and judicial basis", (k) => [`query($id: ID!) { creditRecord(id: $id) { facts judicialCaseNumber judicialRecord { summary idNumber } evidence { fileName } } }`, { id: records[k] }], "NULL"],
      ["judicialRecords(spouse)", (k) => [`query($idNumber: String!) { judicialRecords(idNumber: $idNumber) { idNumber records { caseNumber summary idNumber court } } }`, { idNumber: fam[k].members[1].idNumber }], "UNKNOWN"],
      ["family(id) → __typename only", (k) => [`query($id: ID!) { family(id: $id) { __typename } }`, { id: fam[k].id }], "SHARING_NOT_PERMITTED"],
    ];

    /**
     * "NULL": the row is invisible (row-level security): null, with or without a denial.
     * "UNKNOWN": a look-up by ID number answers exactly as for an unknown number (no oracle).
     */
    const expectProbe = async (res: Res, code: string | null, forbidden: string[], except: string[], query: string, variables: Record<string, unknown>, token: string) => {
      if (code === "NULL") expect(Object.values(res.data ?? {})).toEqual([null]);
      else if (code === "UNKNOWN") {
        const unknown = await gql(query, { ...variables, idNumber: UNKNOWN_ID }, token);
        expect(JSON.stringify(res).replaceAll(String(variables.idNumber).trim().toUpperCase(), UNKNOWN_ID)).toEqual(JSON.stringify(unknown));
        expect(res.errors).toBeUndefined();
      } else if (code) expectDenied(res, forbidden, code, except);
    };

    it.each(probes)("Wuhan staff reading a Xiangyang family: %s", async (_label, build, code) => {
      const [query, variables] = build("X1");
      const res = await gql(query, variables, tokens.whStaff);
      await expectProbe(res, code, secrets.wuhanStaff, fam.X1.members.map((m) => m.idNumber), query, variables, tokens.whStaff);
      expectNoLeak(res, secrets.wuhanStaff, fam.X1.members.map((m) => m.idNumber));
      onlyDenials(res);
    });

    it.each(probes)("Xiangyang staff reading a Wuhan family: %s", async (_label, build, code) => {
      const [query, variables] = build("W1");
      const res = await gql(query, variables, tokens.xyStaff);
      await expectProbe(res, code, secrets.xiangyangStaff, fam.W1.members.map((m) => m.idNumber), query, variables, tokens.xyStaff);
      expectNoLeak(res, secrets.xiangyangStaff, fam.W1.members.map((m) => m.idNumber));
      onlyDenials(res);
    });

    it("positive controls: each city's staff and the province see their own families in full", async () => {
      const wh = await gql<{ family: { applicant: { name: string }; tenancy: { unitAddress: string }; judicial: { summary: string }[]; credit: { records: { facts: string }[] } } }>(EVERYTHING, { id: fam.W1.id }, tokens.whStaff);
      expect(wh.errors).toBeUndefined();
      expect(wh.data!.family.applicant.name).toBe("攻防甲一");
      expect(wh.data!.family.tenancy.unitAddress).toBe("武汉市江岸区攻防路一号公租房3栋501室");
      expect(wh.data!.family.judicial.map((j) => j.summary)).toEqual(["攻防秘密摘要一：房屋租赁合同纠纷"]);
      expect(wh.data!.family.credit.records.map((r) => r.facts)).toContain("攻防事实甲：卫生间漏水未报修");
      expectNoLeak(wh, secrets.wuhanStaff);
      const xy = await gql<{ family: { applicant: { name: string } } }>(EVERYTHING, { id: fam.X1.id }, tokens.xyStaff);
      expect(xy.data!.family.applicant.name).toBe("攻防丙一");
      expectNoLeak(xy, secrets.xiangyangStaff);
      const prov = await gql<{ family: { applicant: { name: string } } }>(IDENTITY_OF, { id: fam.X2.id }, tokens.provStaff);
      expect(prov.data!.family.applicant.name).toBe("攻防丁一");
    });

    it("a district authority reading another district of its own city is denied; its own district is not", async () => {
      const other = await gql(EVERYTHING, { id: fam.W2.id }, tokens.county);
      expectDenied(other, secrets.countyStaff);
      const own = await gql<{ family: { applicant: { name: string } } }>(IDENTITY_OF, { id: fam.W1.id }, tokens.county);
      expect(own.data!.family.applicant.name).toBe("攻防甲一");
    });

    it.each([
      ["creditList for Wuhan", `{ creditList(kind: WARNING, divisionCode: "420100", first: 500) { totalCount edges { node { family { applicant { name idNumber } } } } } }`, "SHARING_NOT_PERMITTED"],
      ["listProcedures for Wuhan", `{ listProcedures(kind: JOINT_PUNISHMENT, divisionCode: "420100") { edges { node { family { applicant { name idNumber } } } } } }`, "FORBIDDEN"],
      ["overdueProcedureSteps for Wuhan", `{ overdueProcedureSteps(divisionCode: "420100") { familyId divisionCode } }`, "FORBIDDEN"],
      ["creditStatistics for Wuhan", `{ creditStatistics(divisionCode: "420100", from: "2024-01-01", to: "2026-12-31") { familiesByTier { key count } } }`, "FORBIDDEN"],
    ])("Xiangyang staff asking for %s is refused", async (_label, query, code) => {
      const res = await gql(query, undefined, tokens.xyStaff);
      expectDenied(res, secrets.xiangyangStaff, code);
    });

    it("Xiangyang staff listing families or rent-arrears candidates of Wuhan gets an empty page", async () => {
      const families = await gql(`{ families(divisionCode: "420100", first: 500) { totalCount edges { node { id applicant { name } } } } }`, undefined, tokens.xyStaff);
      expect(families.data).toEqual({ families: { totalCount: 0, edges: [] } });
      const candidates = await gql<{ housingCandidates: { totalCount: number; edges: unknown[] } }>(
        `{ housingCandidates(divisionCode: "420100", first: 500, minMonths: 1) { totalCount edges { node { familyId evidenceJson } } } }`,
        undefined,
        tokens.xyStaff,
      );
      expect(candidates.data!.housingCandidates.edges).toEqual([]);
      expect(candidates.data!.housingCandidates.totalCount).toBe(0);
      expectNoLeak([families, candidates], secrets.xiangyangStaff);
    });

    it("the province code as a filter gives city staff only their own jurisdiction (procedures, overdue steps)", async () => {
      const procs = await gql<{ listProcedures: { totalCount: number; edges: { node: { family: { divisionCode: string } } }[] } }>(
        `{ listProcedures(kind: JOINT_PUNISHMENT, divisionCode: "420000", first: 500) { totalCount edges { node { family { divisionCode applicant { name idNumber } } } } } }`,
        undefined,
        tokens.xyStaff,
      );
      expect(procs.data!.listProcedures.edges.length).toBeGreaterThan(0);
      expect(procs.data!.listProcedures.totalCount).toBe(procs.data!.listProcedures.edges.length);
      for (const p of procs.data!.listProcedures.edges) expect(inXiangyang(p.node.family.divisionCode)).toBe(true);
      const overdue = await gql<{ overdueProcedureSteps: { divisionCode: string }[] }>(`{ overdueProcedureSteps(divisionCode: "420000") { divisionCode familyId } }`, undefined, tokens.xyStaff);
      for (const o of overdue.data!.overdueProcedureSteps) expect(inXiangyang(o.divisionCode)).toBe(true);
      expectNoLeak([procs, overdue], secrets.xiangyangStaff);
    });

    it("audit search by another city's staff shows none of Wuhan's partners' disclosures", async () => {
      await gql(IDENTITY_OF, { id: fam.W2.id }, tokens.mz); // a disclosure to a Wuhan partner
      const res = await gql<{ auditEntries: { edges: { node: { organization: { code: string } | null; familyIds: string[] } }[] } }>(
        `{ auditEntries(first: 500, organizationCode: "PT-420100-MZ") { edges { node { organization { code } familyIds user } } } }`,
        undefined,
        tokens.xyStaff,
      );
      expect(res.data!.auditEntries.edges).toEqual([]);
      const all = await gql<{ auditEntries: { edges: { node: { organization: { code: string } | null; familyIds: string[] } }[] } }>(
        `{ auditEntries(first: 500) { edges { node { organization { code } familyIds } } } }`,
        undefined,
        tokens.xyStaff,
      );
      for (const e of all.data!.auditEntries.edges) expect(e.node.familyIds).not.toContain(fam.W2.id);
      const partner = await gql(`{ auditEntries(first: 10) { edges { node { familyIds } } } }`, undefined, t.token("PT-420100-MZ", ["AUDITOR"]));
      expect(codes(partner)).toEqual(["FORBIDDEN"]);
    });

    it.each([
      ["updateFamily", `mutation($id: ID!) { updateFamily(id: $id, input: { economic: { annualIncome: 1, propertyCount: 0 } }, reason: "越权修改") { id applicant { name idNumber } economic { annualIncome } } }`],
      ["recordBehavior", `mutation($id: ID!) { recordBehavior(input: { familyId: $id, behavior: "B08", source: MANAGEMENT, facts: "越权记录失信行为", legalBasis: "无", occurredOn: "2026-01-01" }) { id facts } }`],
      ["recordRentPayment", `mutation($id: ID!) { recordRentPayment(familyId: $id, month: "2026-01-01", amountPaid: 1, paidOn: "2026-01-02") { unitAddress } }`],
      ["addEvidence on its credit record", `mutation($record: ID!) { addEvidence(recordId: $record, file: { fileName: "越权.pdf", mediaType: "application/pdf", contentBase64: "JVBERg==" }) { id fileName } }`],
      ["identifyRecord on its credit record", `mutation($record: ID!) { identifyRecord(recordId: $record, input: { reason: "越权认定" }) { id facts judicialRecord { summary } } }`],
      ["raiseCandidates", `mutation($id: ID!, $sha: String!) { raiseCandidates(candidates: [{ familyId: $id, kind: ARREARS, months: 7, asOf: "2026-01-01", evidenceJson: "[]", evidenceSha256: $sha }]) { raised recordIds } }`],
      ["publishWarningBatch for Wuhan", `mutation { publishWarningBatch(divisionCode: "420100") { id added } }`],
    ])("Xiangyang staff with every role: %s on a Wuhan family is FORBIDDEN and returns nothing", async (_label, mutation) => {
      const sha = createHash("sha256").update("[]").digest("hex");
      const res = await gql(mutation, { id: fam.W1.id, record: records.W1, sha }, t.token("HA-420600", ["ADMIN", "IDENTIFIER", "OPERATOR", "REVIEWER"]));
      expect(res.data).toBeNull();
      expect(codes(res)).toEqual(["FORBIDDEN"]);
      expectNoLeak(res, secrets.xiangyangStaff);
    });
  });

  // --- query shapes: aliases, fragments, directives, operations, batches (R8.2) --------------

  describe("query shapes that try to reach denied fields another way", () => {
    const MULTI_OPERATION = `
      query Harmless { divisions(level: CITY) { code } }
      query Grab($id: ID!) { family(id: $id) { applicant { name idNumber } members { name idNumber } } }`;

    it("the same protected fields under many aliases: every alias is masked or denied", async () => {
      const res = await gql<{ family: Record<string, { name?: string; idNumber?: string } | null> }>(
        `query($id: ID!) { family(id: $id) {
          a1: applicant { n1: name i1: idNumber } a2: applicant { n2: name } a3: applicant { i3: idNumber }
          m1: members { name idNumber } m2: members { idNumber } e1: economic { annualIncome } e2: economic { propertyCount }
        } }`,
        { id: fam.W1.id },
        tokens.mz,
      );
      const f = res.data!.family;
      expect(f.a1).toEqual({ n1: "攻***", i1: maskedId(fam.W1.members[0].idNumber) });
      expect(f.a2).toEqual({ n2: "攻***" });
      expect(f.a3).toEqual({ i3: maskedId(fam.W1.members[0].idNumber) });
      for (const k of ["m1", "m2", "e1", "e2"]) expect(f[k], k).toBeNull();
      expect((res.errors ?? []).map((e) => e.path!.join(".")).sort()).toEqual(["family.e1", "family.e2", "family.m1", "family.m2"]);
      expectNoLeak(res, secrets.mz);
    });

    it("a denied field aliased to an allowed field's name is still denied", async () => {
      const res = await gql<{ family: Record<string, unknown> }>(
        `query($id: ID!) { family(id: $id) { applicant: members { name idNumber } lists: economic { annualIncome } id: tenancy { unitAddress } divisionCode: judicial { summary } } }`,
        { id: fam.W1.id },
        tokens.mz,
      );
      expect(res.data!.family).toEqual({ applicant: null, lists: null, id: null, divisionCode: null });
      expect(new Set(codes(res))).toEqual(new Set(["SHARING_NOT_PERMITTED"]));
      expectNoLeak(res, secrets.mz);
    });

    it("root aliases reaching the same Xiangyang family by id, ID number and credit check are all denied to Wuhan staff", async () => {
      const res = await gql(
        `query($id: ID!, $n: String!) {
          a: family(id: $id) { applicant { name idNumber } }
          b: familyByIdNumber(idNumber: $n) { members { name idNumber } }
          c: family(id: $id) { economic { annualIncome } tenancy { unitAddress } }
          d: judicialRecords(idNumber: $n) { records { summary idNumber } }
        }`,
        { id: fam.X1.id, n: fam.X1.members[1].idNumber },
        tokens.whStaff,
      );
      // By id: refused (without the division); by ID number: as for an unknown number.
      expect(res.data).toEqual({ a: null, b: null, c: null, d: { records: [] } });
      expect(res.errors!.map((e) => e.path!.join("."))).toEqual(["a", "c"]);
      expectDenied(res, secrets.wuhanStaff, "SHARING_NOT_PERMITTED", [fam.X1.members[1].idNumber]);
    });

    it("named fragments (on Family and on Person, nested) do not bypass the rule", async () => {
      const q = `
        fragment Who on Person { name idNumber relation }
        fragment All on Family { id applicant { ...Who } members { ...Who } economic { annualIncome } tenancy { unitAddress } credit { records { facts } } }
        query($id: ID!, $x: ID!) { own: family(id: $id) { ...All } other: family(id: $x) { ...All } }`;
      const res = await gql<{ own: { applicant: { name: string; idNumber: string; relation: unknown }; members: unknown } }>(q, { id: fam.W1.id, x: fam.X1.id }, tokens.mz);
      expect(res.data!.own.applicant).toEqual({ name: "攻***", idNumber: maskedId(fam.W1.members[0].idNumber), relation: null });
      expect(res.data!.own.members).toBeNull();
      expect((res.data as Record<string, unknown>).other).toBeNull();
      expectDenied(res, secrets.mz);
    });

    it("inline fragments with and without type conditions, nested, do not bypass the rule", async () => {
      const res = await gql<{ family: { applicant: { name: string } } }>(
        `query($id: ID!) { family(id: $id) { ... on Family { applicant { ... on Person { name ... { idNumber } } } ... { members { ... on Person { name } } economic { ... on Economic { annualIncome } } } } } }`,
        { id: fam.W1.id },
        tokens.mz,
      );
      expect(res.data!.family.applicant).toEqual({ name: "攻***", idNumber: maskedId(fam.W1.members[0].idNumber) });
      expectDenied(res, secrets.mz);
    });

    it("a fragment spread twice and again through an inline fragment yields denials and no value", async () => {
      const res = await gql(
        `fragment Secret on Family { members { name idNumber } economic { annualIncome } }
         query($id: ID!) { family(id: $id) { ...Secret ...Secret ... on Family { ...Secret } } }`,
        { id: fam.W1.id },
        tokens.mz,
      );
      expect(res.data).toEqual({ family: { members: null, economic: null } });
      expectDenied(res, secrets.mz);
    });

    it("__typename with inline fragments on the concrete types (no interfaces or unions exist) reveals nothing of another city", async () => {
      const res = await gql(
        `query($id: ID!, $n: String!) {
          family(id: $id) { __typename ... on Family { __typename applicant { __typename ... on Person { name idNumber } } } }
          creditCheck(idNumber: $n) { __typename ... on CreditCheckResult { found family { __typename ... on Family { members { name } } } } }
        }`,
        { id: fam.X1.id, n: fam.X1.members[0].idNumber },
        tokens.whStaff,
      );
      // family(id): refused; creditCheck: the answer for an unknown number (found: false).
      expect(res.data).toEqual({ family: null, creditCheck: { __typename: "CreditCheckResult", found: false, family: null } });
      expectDenied(res, secrets.wuhanStaff, "SHARING_NOT_PERMITTED", [fam.X1.members[0].idNumber]);
    });

    it("@include/@skip with variables: a denied field included by a variable is denied with an error", async () => {
      const res = await gql<{ family: Record<string, unknown> }>(
        `query($id: ID!, $yes: Boolean!, $no: Boolean!) { family(id: $id) { id members @include(if: $yes) { name idNumber } economic @skip(if: $no) { annualIncome } applicant @skip(if: $yes) { name } } }`,
        { id: fam.W1.id, yes: true, no: false },
        tokens.mz,
      );
      expect(res.data!.family).toEqual({ id: fam.W1.id, members: null, economic: null });
      expect((res.errors ?? []).map((e) => e.path!.join(".")).sort()).toEqual(["family.economic", "family.members"]);
      expectNoLeak(res, secrets.mz);
    });

    it("@include(if: $v) where $v only has a default value of true: the denied field is null with SHARING_NOT_PERMITTED, not silently dropped", async () => {
      const res = await gql<{ family: Record<string, unknown> }>(
        `query($id: ID!, $v: Boolean = true) { family(id: $id) { id members @include(if: $v) { name idNumber } } }`,
        { id: fam.W1.id },
        tokens.mz,
      );
      expectNoLeak(res, secrets.mz);
      // Contract: a denied field is null with an error at its path; the key must be present.
      expect(res.data!.family).toEqual({ id: fam.W1.id, members: null });
      expect(res.errors).toEqual([expect.objectContaining({ path: ["family", "members"], extensions: expect.objectContaining({ code: "SHARING_NOT_PERMITTED", category: "HOUSEHOLD" }) })]);
    });

    it("@include(if: $v) with a defaulted variable does not get a denied root field past the gateway: null + SHARING_NOT_PERMITTED, as without it", async () => {
      const plain = await gql(`{ creditList(kind: WARNING, first: 10) { totalCount } }`, undefined, tokens.np);
      expect(plain.data).toBeNull();
      expect(codes(plain)).toEqual(["SHARING_NOT_PERMITTED"]);
      const res = await gql(`query($v: Boolean = true) { creditList(kind: WARNING, first: 10) @include(if: $v) { totalCount edges { node { family { applicant { name idNumber } } } } } }`, {}, tokens.np);
      expectNoLeak(res, secrets.none);
      // R8.2: a field the caller may see in no division is removed before planning, with an error.
      expect(res.data).toBeNull();
      expect(codes(res)).toEqual(["SHARING_NOT_PERMITTED"]);
    });

    it("several operations in one document: switching operationName to the one that reaches another city is denied", async () => {
      const grab = await postJson(t.url, { query: MULTI_OPERATION, operationName: "Grab", variables: { id: fam.X1.id } }, { authorization: `Bearer ${tokens.whStaff}` });
      expect(grab.json.data).toEqual({ family: null });
      expectDenied(grab.json, secrets.wuhanStaff);
      const mz = await postJson(t.url, { query: MULTI_OPERATION, operationName: "Grab", variables: { id: fam.W1.id } }, { authorization: `Bearer ${tokens.mz}` });
      expect(mz.json.data.family.applicant).toEqual({ name: "攻***", idNumber: maskedId(fam.W1.members[0].idNumber) });
      expect(mz.json.data.family.members).toBeNull();
      expectDenied(mz.json, secrets.mz);
    });

    it.each([
      ["without an operationName", undefined],
      ["with an operationName that names no operation", "Nope"],
    ])("several operations in one document %s: refused as the client's error (400), not INTERNAL_SERVER_ERROR", async (_label, operationName) => {
      const res = await postJson(t.url, { query: MULTI_OPERATION, operationName, variables: { id: fam.X1.id } }, { authorization: `Bearer ${tokens.whStaff}` });
      expectNoLeak(res.json, secrets.wuhanStaff);
      expect(res.json.data ?? null).toBeNull();
      expect(res.json.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).not.toContain("INTERNAL_SERVER_ERROR");
      expect(res.status).toBe(400);
    });

    it("batching: an array of operations in one POST is refused and leaks nothing", async () => {
      const batch = [
        { query: IDENTITY_OF, variables: { id: fam.W1.id } },
        { query: IDENTITY_OF, variables: { id: fam.X1.id } },
        { query: EVERYTHING, variables: { id: fam.X2.id } },
      ];
      for (const token of [tokens.whStaff, tokens.mz]) {
        const res = await postJson(t.url, batch, { authorization: `Bearer ${token}` });
        expect(res.status).toBe(400);
        expect(Array.isArray(res.json)).toBe(false);
        expectNoLeak(res.text, secrets.none);
      }
    });
  });

  // --- other paths to the same family data (R8.2) --------------------------------------------

  describe("nested and alternative paths for a Wuhan partner with LISTS FULL and IDENTITY MASKED", () => {
    const rows: [string, () => [string, Record<string, unknown> | undefined], string | null][] = [
      [
        "creditList → family → members, economic, tenancy, judicial, credit, documents, history",
        () => [`{ creditList(kind: JOINT_PUNISHMENT, first: 10) { edges { node { family { id applicant { name idNumber } members { name idNumber } economic { annualIncome } tenancy { unitAddress } judicial { caseNumber summary } credit { score records { facts evidence { fileName } judicialRecord { summary } } } documents { body } history(first: 1) { totalCount } } } } } }`, undefined],
        "SHARING_NOT_PERMITTED",
      ],
      ["creditCheck(Wuhan) → family → members and economic", () => [`query($n: String!) { creditCheck(idNumber: $n) { found lists { kind } family { id applicant { name idNumber } members { name idNumber } economic { annualIncome } } } }`, { n: fam.W1.members[1].idNumber }], "SHARING_NOT_PERMITTED"],
      ["creditCheck(Xiangyang)", () => [CREDIT_CHECK, { idNumber: fam.X1.members[0].idNumber }], "UNKNOWN"],
      ["creditRecord(Wuhan record)", () => [`query($id: ID!) { creditRecord(id: $id) { facts judicialCaseNumber evidence { fileName } } }`, { id: records.W1 }], "SHARING_NOT_PERMITTED"],
      ["creditRecord(Xiangyang record)", () => [`query($id: ID!) { creditRecord(id: $id) { facts judicialCaseNumber } }`, { id: records.X1 }], "SHARING_NOT_PERMITTED"],
      ["familyByIdNumber(Xiangyang spouse)", () => [BY_ID_NUMBER, { idNumber: fam.X1.members[1].idNumber }], "UNKNOWN"],
      ["familyByIdNumber(Wuhan spouse)", () => [BY_ID_NUMBER, { idNumber: fam.W1.members[1].idNumber }], "SHARING_NOT_PERMITTED"],
      ["family(Wuhan) → tenancy", () => [`query($id: ID!) { family(id: $id) { tenancy { unitAddress } } }`, { id: fam.W1.id }], "SHARING_NOT_PERMITTED"],
      ["judicialRecords(Wuhan spouse)", () => [`query($n: String!) { judicialRecords(idNumber: $n) { records { caseNumber summary } } }`, { n: fam.W1.members[1].idNumber }], "SHARING_NOT_PERMITTED"],
      ["familyHistory(Wuhan)", () => [`query($id: ID!) { familyHistory(familyId: $id) { edges { node { changes { before after } } } } }`, { id: fam.W1.id }], "SHARING_NOT_PERMITTED"],
      ["Family.history, documents, credit.records.evidence and judicialRecord", () => [`query($id: ID!) { family(id: $id) { history { edges { node { changes { after } } } } documents { body } credit { records { evidence { fileName } judicialRecord { summary idNumber } } } } }`, { id: fam.W1.id }], "SHARING_NOT_PERMITTED"],
      ["family(Xiangyang) locator fields only", () => [`query($id: ID!) { family(id: $id) { id divisionCode division { name } version createdAt } }`, { id: fam.X1.id }], "SHARING_NOT_PERMITTED"],
      ["accessHistory(Wuhan)", () => [`query($id: ID!) { accessHistory(familyId: $id, first: 10) { edges { node { familyIds } } } }`, { id: fam.W1.id }], "SHARING_NOT_PERMITTED"],
      ["creditList for Xiangyang", () => [CREDIT_LIST, { kind: "KEY_ATTENTION", divisionCode: XIANGYANG, first: 100 }], "SHARING_NOT_PERMITTED"],
      ["listProcedures (staff only)", () => [`{ listProcedures(kind: JOINT_PUNISHMENT) { edges { node { family { applicant { name idNumber } } } } } }`, undefined], "SHARING_NOT_PERMITTED"],
      ["overdueProcedureSteps (staff only)", () => [`{ overdueProcedureSteps { familyId divisionCode } }`, undefined], "SHARING_NOT_PERMITTED"],
      ["housingCandidates", () => [`{ housingCandidates(first: 10) { edges { node { familyId evidenceJson } } } }`, undefined], "SHARING_NOT_PERMITTED"],
      ["creditStatistics", () => [`{ creditStatistics(from: "2024-01-01", to: "2026-12-31") { familiesByTier { key count } } }`, undefined], "SHARING_NOT_PERMITTED"],
    ];

    it.each(rows)("%s", async (_label, build, code) => {
      const [query, variables] = build();
      const res = await gql(query, variables, tokens.mz);
      const supplied = Object.values(variables ?? {}).filter((v): v is string => typeof v === "string");
      if (code === "UNKNOWN") {
        // No oracle: exactly the answer for an unknown number.
        const unknown = await gql(query, { ...variables, idNumber: UNKNOWN_ID }, tokens.mz);
        expect(JSON.stringify(res).replaceAll(String(variables!.idNumber), UNKNOWN_ID)).toEqual(JSON.stringify(unknown));
      } else if (code) expectDenied(res, secrets.mz, code, supplied);
      expectNoLeak(res, secrets.mz, supplied);
      onlyDenials(res);
      for (const name of stringsAt(res.data, "name")) expect(name).toMatch(/^[\u4e00-\u9fa5]\*+$|^.+区$|^.+市$|^.+县$|^.+州$/u);
      for (const id of stringsAt(res.data, "idNumber")) expect(id).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
    });

    it("listChanges → familyId → family(id): every change and every family is in Wuhan, masked", async () => {
      const changes = await gql<{ listChanges: { totalCount: number; edges: { node: { familyId: string; divisionCode: string } }[] } }>(
        `{ listChanges(first: 500) { totalCount edges { node { familyId divisionCode } } } }`,
        undefined,
        tokens.mz,
      );
      const nodes = changes.data!.listChanges.edges.map((e) => e.node);
      // A partner sees the changes of entries on lists it may see (LISTED, PUBLICIZING) and their
      // removal; never a step before publicity or a suspension (contract README).
      const [{ w, all, hidden }] = await sql<{ w: string; all: string; hidden: string }>(
        "archive",
        `select count(*) filter (where division_code like '4201%' and (status in ('LISTED', 'PUBLICIZING') or (action = 'REMOVED' and exists (
                  select 1 from archive.list_change p where p.list_entry_id = c.list_entry_id and p.division_code = c.division_code and p.sequence < c.sequence and p.status in ('LISTED', 'PUBLICIZING'))))) as w,
                count(*) filter (where division_code like '4201%' and status in ('PRELIMINARY', 'SUSPENDED')) as hidden,
                count(*) as all
           from archive.list_change c`,
      );
      expect(Number(all)).toBeGreaterThan(Number(w)); // other cities have changes too
      expect(Number(hidden)).toBeGreaterThan(0); // and Wuhan has changes the partner must not see
      expect(nodes.length).toBe(Number(w));
      expect(changes.data!.listChanges.totalCount).toBe(Number(w));
      for (const n of nodes) expect(inWuhan(n.divisionCode)).toBe(true);
      const ids = [...new Set(nodes.map((n) => n.familyId))].slice(0, 25);
      const aliased = ids.map((id, i) => `f${i}: family(id: "${id}") { divisionCode applicant { name idNumber } }`).join("\n");
      const res = await gql<Record<string, { divisionCode: string; applicant: { idNumber: string } }>>(`{ ${aliased} }`, undefined, tokens.mz);
      expect(res.errors).toBeUndefined();
      for (const f of Object.values(res.data!)) {
        expect(inWuhan(f.divisionCode)).toBe(true);
        expect(f.applicant.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      }
      expectNoLeak([changes, res], secrets.mz);
    });

    it("Xiangyang family ids taken from Xiangyang's own change log are denied to the Wuhan partner", async () => {
      const xy = await gql<{ listChanges: { edges: { node: { familyId: string } }[] } }>(`{ listChanges(first: 50) { edges { node { familyId } } } }`, undefined, tokens.xyStaff);
      const ids = [...new Set(xy.data!.listChanges.edges.map((e) => e.node.familyId))].slice(0, 10);
      expect(ids.length).toBeGreaterThan(0);
      const aliased = ids.map((id, i) => `f${i}: family(id: "${id}") { id applicant { name idNumber } lists { kind } }`).join("\n");
      const res = await gql(`{ ${aliased} }`, undefined, tokens.mz);
      expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
      expect(codes(res).length).toBe(ids.length);
      expectDenied(res, secrets.mz);
    });
  });

  // --- mass listing through pagination (R8.2: lists and counts only what the caller may see) --

  describe("mass listing through pagination", () => {
    const LIST_PAGE = `query($kind: ListKind!, $d: String, $after: String, $first: Int!) {
      creditList(kind: $kind, divisionCode: $d, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { kind status family { id divisionCode applicant { name idNumber } } } }
      } }`;
    type Page = { creditList: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { status: string; family: { divisionCode: string; applicant: { name: string; idNumber: string } } } }[] } | null };

    const pageAll = async (token: string, kind: string, d: string | null, first: number) => {
      const rows: NonNullable<Page["creditList"]>["edges"] = [];
      let after: string | null = null;
      let totalCount = -1;
      const responses: unknown[] = [];
      for (let i = 0; i < 100; i++) {
        const res: GqlResponse<Page> = await gql<Page>(LIST_PAGE, { kind, d, after, first }, token);
        responses.push(res);
        if (!res.data?.creditList) return { denied: res, rows, totalCount, responses };
        totalCount = res.data.creditList.totalCount;
        rows.push(...res.data.creditList.edges);
        if (!res.data.creditList.pageInfo.hasNextPage) break;
        after = res.data.creditList.pageInfo.endCursor;
      }
      return { denied: null, rows, totalCount, responses };
    };
    const listedCount = async (kind: string, prefix: string) =>
      Number((await sql<{ n: string }>("archive", `select count(*) as n from archive.list_entry where kind = ? and status = 'LISTED' and division_code like ?`, [kind, `${prefix}%`]))[0].n);

    it.each(KINDS)("the Wuhan partner paging the whole %s list for every city and the province sees Wuhan rows only, masked, and counts only them", async (kind) => {
      const expected = await listedCount(kind, "4201");
      expect(await listedCount(kind, "42")).toBeGreaterThan(expected); // other cities are listed too
      for (const d of [null, "420000", ...CITIES]) {
        const r = await pageAll(tokens.mz, kind, d, 500);
        expectNoLeak(r.responses, secrets.mz);
        if (d === null || d === "420000" || d === WUHAN) {
          expect(r.denied, String(d)).toBeNull();
          expect(r.totalCount).toBe(expected);
          expect(r.rows.length).toBe(expected);
          for (const e of r.rows) {
            expect(inWuhan(e.node.family.divisionCode)).toBe(true);
            expect(e.node.status).toBe("LISTED");
            expect(e.node.family.applicant.name).toMatch(/^[\u4e00-\u9fa5]\*+$/u);
            expect(e.node.family.applicant.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
          }
        } else {
          expect(r.denied!.data, d).toBeNull();
          expect(codes(r.denied!)).toEqual(["SHARING_NOT_PERMITTED"]);
        }
      }
    });

    it("small pages with cursors never cross into another city and never repeat", async () => {
      const r = await pageAll(tokens.mz, "WARNING", null, 2);
      const expected = await listedCount("WARNING", "4201");
      expect(r.rows.length).toBe(expected);
      expect(new Set(r.rows.map((e) => JSON.stringify(e))).size).toBe(expected);
      for (const e of r.rows) expect(inWuhan(e.node.family.divisionCode)).toBe(true);
      expectNoLeak(r.responses, secrets.mz);
      const xy = await pageAll(tokens.xyStaff, "WARNING", null, 2);
      expect(xy.rows.length).toBe(await listedCount("WARNING", "4206"));
      for (const e of xy.rows) expect(inXiangyang(e.node.family.divisionCode)).toBe(true);
      expectNoLeak(xy.responses, secrets.xiangyangStaff);
    });

    it("forged cursors (positions inside another city's rows, extreme values) still return only the caller's divisions", async () => {
      const [xEntry] = await sql<{ since: string; id: string }>("archive", `select to_char(since, 'YYYY-MM-DD') as since, id from archive.list_entry where status = 'LISTED' and kind = 'JOINT_PUNISHMENT' and division_code like '4206%' limit 1`);
      for (const parts of [[xEntry.since, xEntry.id], ["9999-12-31", "ffffffff-ffff-ffff-ffff-ffffffffffff"]]) {
        const after = Buffer.from(JSON.stringify(parts)).toString("base64url");
        const res = await gql<Page>(LIST_PAGE, { kind: "JOINT_PUNISHMENT", d: null, after, first: 500 }, tokens.mz);
        for (const e of res.data!.creditList!.edges) expect(inWuhan(e.node.family.divisionCode)).toBe(true);
        expectNoLeak(res, secrets.mz);
      }
      const famAfter = Buffer.from(JSON.stringify(["00000000-0000-0000-0000-000000000000"])).toString("base64url");
      const fams = await gql<{ families: { edges: { node: { divisionCode: string } }[] } }>(`query($a: String) { families(first: 500, after: $a) { edges { node { divisionCode applicant { name idNumber } } } } }`, { a: famAfter }, tokens.mz);
      for (const e of fams.data!.families.edges) expect(inWuhan(e.node.divisionCode)).toBe(true);
      expectNoLeak(fams, secrets.mz);
    });

    it.each([
      ["a non-date position", ["not-a-date", "x"]],
      ["an SQL fragment", ["2026-01-01' or '1'='1", "') or 1=1 --"]],
      ["operator objects", [{ $ne: null }, { $gt: "" }]],
    ])("a cursor with %s is refused without an internal error or SQL text", async (_label, parts) => {
      const after = Buffer.from(JSON.stringify(parts)).toString("base64url");
      const res = await gql<Page>(LIST_PAGE, { kind: "WARNING", d: null, after, first: 500 }, tokens.mz);
      expectNoLeak(res, secrets.mz);
      expect(JSON.stringify(res)).not.toMatch(/select |syntax|"archive"\.|list_entry|invalid input/i);
      for (const e of res.data?.creditList?.edges ?? []) expect(inWuhan(e.node.family.divisionCode)).toBe(true);
      expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    });

    it("families with first: 500 and with small pages list every Wuhan family exactly once and nothing else", async () => {
      const [{ n }] = await sql<{ n: string }>("archive", `select count(*) as n from archive.family where division_code like '4201%'`);
      for (const first of [500, 17]) {
        let after: string | null = null;
        const seen: string[] = [];
        let total = -1;
        for (let i = 0; i < 100; i++) {
          const res: GqlResponse<{ families: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string; divisionCode: string; applicant: { idNumber: string } } }[] } }> = await gql(
            `query($a: String, $f: Int!) { families(first: $f, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { id divisionCode applicant { name idNumber } } } } }`,
            { a: after, f: first },
            tokens.mz,
          );
          expectNoLeak(res, secrets.mz);
          total = res.data!.families.totalCount;
          for (const e of res.data!.families.edges) {
            expect(inWuhan(e.node.divisionCode)).toBe(true);
            expect(e.node.applicant.idNumber).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
            seen.push(e.node.id);
          }
          if (!res.data!.families.pageInfo.hasNextPage) break;
          after = res.data!.families.pageInfo.endCursor;
        }
        expect(total).toBe(Number(n));
        expect(new Set(seen).size).toBe(Number(n));
        expect(seen).toContain(fam.W2.id);
        expect(seen).not.toContain(fam.X1.id);
      }
    });
  });

  // --- variables smuggling, __typename probes (R8.2) -----------------------------------------

  describe("variables and probes", () => {
    it.each([
      ["a Xiangyang family id as $id", `query($v: ID!) { family(id: $v) { id applicant { name idNumber } } }`, () => fam.X1.id, "SHARING_NOT_PERMITTED"],
      ["Xiangyang as $divisionCode of creditList", `query($v: String) { creditList(kind: JOINT_PUNISHMENT, divisionCode: $v, first: 500) { totalCount edges { node { family { applicant { name idNumber } } } } } }`, () => XIANGYANG, "SHARING_NOT_PERMITTED"],
      ["a LIKE pattern as $divisionCode", `query($v: String) { creditList(kind: JOINT_PUNISHMENT, divisionCode: $v, first: 500) { totalCount edges { node { family { applicant { name } } } } } }`, () => "4206%", "BAD_USER_INPUT"],
      ["an SQL fragment as $divisionCode", `query($v: String) { families(divisionCode: $v, first: 500) { totalCount edges { node { applicant { name } } } } }`, () => "420600' or '1'='1", "BAD_USER_INPUT"],
      ["a list of ids where one is expected", `query($v: ID!) { family(id: $v) { applicant { name idNumber } } }`, () => [fam.W1.id, fam.X1.id], "BAD_USER_INPUT"],
      ["an object as $idNumber", `query($v: String!) { creditCheck(idNumber: $v) { found family { id } } }`, () => ({ $ne: null }), "BAD_USER_INPUT"],
    ])("Wuhan staff smuggling %s gets nothing of Xiangyang, with the client-error code", async (_label, query, value, code) => {
      const res = await gql(query, { v: value() }, tokens.whStaff);
      expectNoLeak(res, secrets.wuhanStaff);
      expect(codes(res)).toContain(code);
    });

    it("Xiangyang as $divisionCode of families gives Wuhan staff an empty page", async () => {
      const res = await gql(`query($v: String) { families(divisionCode: $v, first: 500) { totalCount edges { node { id } } } }`, { v: XIANGYANG }, tokens.whStaff);
      expect(res.data).toEqual({ families: { totalCount: 0, edges: [] } });
    });

    it.each([
      ["family(id) of another city", `query($id: ID!) { family(id: $id) { __typename } }`, "whStaff", "SHARING_NOT_PERMITTED"],
      ["creditList without a permission", `{ creditList(kind: WARNING, first: 500) { __typename } }`, "np", "SHARING_NOT_PERMITTED"],
      ["creditList.totalCount without a permission", `{ creditList(kind: WARNING, first: 500) { totalCount } }`, "np", "SHARING_NOT_PERMITTED"],
      ["the tenancy of another city's family", `query($id: ID!) { family(id: $id) { tenancy { __typename } } }`, "whStaff", "SHARING_NOT_PERMITTED"],
    ])("__typename-only probe: %s is denied", async (_label, query, who, code) => {
      const res = await gql(query, { id: fam.X1.id }, tokens[who]);
      expectDenied(res, secrets.none, code);
    });

    it("a totalCount-only probe counts only the caller's divisions", async () => {
      const res = await gql<{ w: { totalCount: number }; k: { totalCount: number } }>(`{ w: creditList(kind: WARNING, first: 1) { totalCount } k: creditList(kind: KEY_ATTENTION, first: 1) { totalCount } }`, undefined, tokens.mz);
      expect(res.data!.w.totalCount).toBe(Number((await sql<{ n: string }>("archive", `select count(*) as n from archive.list_entry where kind = 'WARNING' and status = 'LISTED' and division_code like '4201%'`))[0].n));
      expect(res.data!.k.totalCount).toBe(Number((await sql<{ n: string }>("archive", `select count(*) as n from archive.list_entry where kind = 'KEY_ATTENTION' and status = 'LISTED' and division_code like '4201%'`))[0].n));
    });
  });

  // --- masking and its positive controls (R8.2, R8.5) ----------------------------------------

  describe("MASKED never returns a full name or ID number; FULL does (positive control)", () => {
    it.each([
      ["family(id)", () => [IDENTITY_OF, { id: fam.W2.id }], (d: Record<string, unknown>) => (d.family as { applicant: unknown }).applicant],
      ["familyByIdNumber(spouse)", () => [`query($n: String!) { familyByIdNumber(idNumber: $n) { applicant { name idNumber } } }`, { n: fam.W2.members[1].idNumber }], (d: Record<string, unknown>) => (d.familyByIdNumber as { applicant: unknown }).applicant],
      ["creditCheck → family → applicant", () => [`query($n: String!) { creditCheck(idNumber: $n) { family { applicant { name idNumber } } } }`, { n: fam.W2.members[0].idNumber }], (d: Record<string, unknown>) => (d.creditCheck as { family: { applicant: unknown } }).family.applicant],
      ["families → applicant", () => [`{ families(divisionCode: "420111", first: 500) { edges { node { id applicant { name idNumber } } } } }`, undefined], (d: Record<string, unknown>) => (d.families as { edges: { node: { id: string; applicant: unknown } }[] }).edges.find((e) => e.node.id === fam.W2.id)!.node.applicant],
    ] as [string, () => [string, Record<string, unknown> | undefined], (d: Record<string, unknown>) => unknown][])(
      "MASKED via %s: exactly surname + * and first 6 + ******** + last 4",
      async (_label, build, pick) => {
        const [query, variables] = build();
        const res = await gql(query, variables, tokens.mz);
        expect(res.errors).toBeUndefined();
        expect(pick(res.data!)).toEqual({ name: maskedName("攻防乙一"), idNumber: maskedId(fam.W2.members[0].idNumber) });
        expect(maskedName("攻防乙一")).toBe("攻***");
        expectNoLeak(res, secrets.mz, Object.values(variables ?? {}) as string[]);
      },
    );

    it("FULL IDENTITY returns full names and ID numbers (positive control) and the masked address under TENANCY MASKED", async () => {
      const res = await gql<{ family: { applicant: { name: string; idNumber: string }; tenancy: { unitAddress: string } } }>(
        `query($id: ID!) { family(id: $id) { applicant { name idNumber } tenancy { unitAddress } } }`,
        { id: fam.W1.id },
        tokens.fi,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.family.applicant).toEqual({ name: "攻防甲一", idNumber: fam.W1.members[0].idNumber });
      expect(res.data!.family.tenancy.unitAddress).toBe("武汉市江岸区****");
      expectNoLeak(res, secrets.fullIdentity);
      const list = await gql<{ creditList: { edges: { node: { family: { applicant: { idNumber: string } } } }[] } }>(
        `{ creditList(kind: JOINT_PUNISHMENT, first: 500) { edges { node { family { applicant { idNumber } } } } } }`,
        undefined,
        tokens.fi,
      );
      expect(list.data!.creditList.edges.length).toBeGreaterThan(0);
      for (const e of list.data!.creditList.edges) expect(e.node.family.applicant.idNumber).toMatch(/^\d{17}[\dX]$/);
      const other = await gql(`query($id: ID!) { family(id: $id) { tenancy { unitAddress } } }`, { id: fam.X1.id }, tokens.fi);
      expectDenied(other, secrets.fullIdentity);
    });

    it("a partner with IDENTITY MASKED but EVIDENCE FULL and CREDIT/JUDICIAL/TENANCY/ECONOMIC MASKED never receives a full name, ID number or any other hidden value", async () => {
      const res = await gql<{ family: Record<string, unknown> }>(
        `query($id: ID!) { family(id: $id) {
          applicant { name idNumber } economic { annualIncome } tenancy { unitAddress }
          judicial { caseNumber summary idNumber }
          credit { records { facts judicialRecord { caseNumber summary idNumber } evidence { fileName } } }
          documents { kind title body }
        } }`,
        { id: fam.W1.id },
        tokens.ev,
      );
      const f = res.data!.family as {
        applicant: unknown;
        economic: { annualIncome: number };
        judicial: { summary: string; idNumber: string }[];
        credit: { records: { facts: string }[] };
        documents: { body: string }[];
      };
      expect(f.applicant).toEqual({ name: "攻***", idNumber: maskedId(fam.W1.members[0].idNumber) });
      expect(f.economic.annualIncome).toBe(90000);
      expect(f.judicial.map((j) => j.idNumber)).toEqual([maskedId(fam.W1.members[1].idNumber)]);
      expect(f.credit.records.every((r) => !r.facts.includes("攻防事实"))).toBe(true);
      // The family's notices (identification, reminders, answers) stay between it and its authority:
      // an outsider sees only the documents of public acts of entries it may see (the policy table).
      expect(f.documents).toEqual([]);
      // R8.5: under IDENTITY MASKED the family's names must not appear in full anywhere.
      expectNoLeak(res, secrets.masked);
      expectNoLeak(res, allMembers("W1").flatMap((m) => [m.name, m.idNumber]));
      // Positive control: a listed Wuhan family's listing decision is shown, its text withheld
      // (EVIDENCE FULL, but IDENTITY MASKED: the notice names the family).
      const [listed] = await sql<{ family_id: string }>(
        "archive",
        `select d.family_id from archive.credit_document d join archive.list_entry e on e.id = d.list_entry_id where d.kind = 'LISTING_DECISION' and e.status = 'LISTED' and e.division_code like '4201%' limit 1`,
      );
      expect(listed).toBeDefined();
      const docs = await gql<{ family: { documents: { kind: string; body: string }[] } }>(`query($id: ID!) { family(id: $id) { documents { kind body } } }`, { id: listed.family_id }, tokens.ev);
      expect(docs.errors).toBeUndefined();
      expect(docs.data!.family.documents.length).toBeGreaterThan(0);
      for (const d of docs.data!.family.documents) {
        expect(["LISTING_DECISION", "PUBLICITY_NOTICE"]).toContain(d.kind);
        expect(d.body).toBe("（按书面许可以脱敏方式提供，内容已隐去）");
      }
    });

    it("a credit record citing another city's court case does not disclose that case to the recording city's staff", async () => {
      const res = await gql<{ recordBehavior: { id: string; judicialRecord: unknown } }>(
        `mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id judicialCaseNumber judicialRecord { caseNumber court kind decidedOn summary idNumber } } }`,
        { input: { familyId: fam.X2.id, behavior: "B08", source: "DEPARTMENT", facts: "依据司法信息记录的失信行为", legalBasis: "实施意见第四部分", occurredOn: "2026-04-02", judicialCaseNumber: orphanCase.caseNumber } },
        tokens.xyOperator,
      );
      expectNoLeak(res, secrets.xiangyangStaff, [orphanCase.caseNumber]);
      expect(res.data?.recordBehavior?.judicialRecord ?? null).toBeNull(); // R8.2: a Wuhan court's record is Wuhan's data
      const read = await gql(`query($id: ID!) { creditRecord(id: $id) { judicialRecord { court kind decidedOn summary idNumber } } }`, { id: res.data?.recordBehavior?.id ?? records.X1 }, tokens.xyStaff);
      expectNoLeak(read, secrets.xiangyangStaff, [orphanCase.caseNumber]);
      expect(JSON.stringify(read)).not.toContain("2026-04-02");
      const direct = await gql(`query($n: String!) { judicialRecords(idNumber: $n) { records { caseNumber decidedOn summary } } }`, { n: orphanCase.idNumber }, tokens.xyStaff);
      expect(direct.data).toEqual({ judicialRecords: { records: [] } }); // a person in no family: as unknown
    });
  });

  // --- query limits (R8.4): refused with BAD_USER_INPUT and a reason, before any data ---------

  describe("depth, alias, directive, cost and token limits", () => {
    const chain = (n: number): string => (n === 0 ? "code" : `parent { children { ${chain(n - 1)} } }`);
    const expectLimit = (res: Res, reason: string) => {
      expect(res.status).toBe(400);
      expect(res.data ?? null).toBeNull();
      expect(res.errors).toHaveLength(1);
      expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", reason });
      // Refused before any data: not even the caller's own family's values come back.
      expectNoLeak(res, [...allMembers("W1").flatMap((m) => [m.name, m.idNumber]), "98765.43", ...secrets.wuhanStaff]);
    };

    it("a query nested one level too deep is refused", async () => {
      const res = await gql(`query($id: ID!) { family(id: $id) { applicant { name idNumber } division { ${chain(5)} } } }`, { id: fam.W1.id }, tokens.whStaff);
      expectLimit(res, "MAX_DEPTH");
    });

    it("31 aliases of the same protected field are refused", async () => {
      const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: applicant { name idNumber }`).join(" ");
      const res = await gql(`query($id: ID!) { family(id: $id) { ${aliases} } }`, { id: fam.W1.id }, tokens.whStaff);
      expectLimit(res, "MAX_ALIASES");
    });

    it("aliases hidden in a fragment spread four times are counted per use and refused", async () => {
      const aliases = Array.from({ length: 8 }, (_, i) => `x${i}: applicant { name }`).join(" ");
      const res = await gql(
        `fragment A on Family { ${aliases} } query($id: ID!) { f1: family(id: $id) { ...A } f2: family(id: $id) { ...A } f3: family(id: $id) { ...A } f4: family(id: $id) { ...A } }`,
        { id: fam.W1.id },
        tokens.whStaff,
      );
      expectLimit(res, "MAX_ALIASES");
    });

    it("an exponential fragment chain is measured, not evaluated, and refused", async () => {
      const defs = ["fragment F0 on Family { a: applicant { name idNumber } }"];
      for (let i = 1; i <= 12; i++) defs.push(`fragment F${i} on Family { ...F${i - 1} ...F${i - 1} }`);
      const res = await gql(`${defs.join("\n")} query($id: ID!) { family(id: $id) { ...F12 } }`, { id: fam.W1.id }, tokens.whStaff);
      expectLimit(res, "MAX_ALIASES");
    });

    it("21 directives are refused", async () => {
      const fields = Array.from({ length: 21 }, (_, i) => `i${i}: id @include(if: true)`).join(" ");
      const res = await gql(`query($id: ID!) { family(id: $id) { applicant { name idNumber } ${fields} } }`, { id: fam.W1.id }, tokens.whStaff);
      expectLimit(res, "MAX_DIRECTIVES");
    });

    it("a 500-row list with nested lists per row exceeds the cost limit", async () => {
      const res = await gql(
        `{ creditList(kind: JOINT_PUNISHMENT, first: 500) { edges { node { family { applicant { name idNumber } members { name idNumber } credit { records { facts evidence { fileName } } } judicial { caseNumber summary } } } } } }`,
        undefined,
        tokens.whStaff,
      );
      expectLimit(res, "MAX_COST");
    });

    it("the cost of a page size given as a variable is counted too", async () => {
      const res = await gql(
        `query($n: Int!) { families(first: $n) { edges { node { applicant { name idNumber } members { name idNumber } credit { records { facts evidence { fileName } } } } } } }`,
        { n: 500 },
        tokens.whStaff,
      );
      expectLimit(res, "MAX_COST");
    });

    it("a document with more than 2000 tokens is refused by the parser without data", async () => {
      const res = await gql(`query($id: ID!) { family(id: $id) { applicant { name idNumber } ${"id ".repeat(2100)} } }`, { id: fam.W1.id }, tokens.whStaff);
      expect(res.status).toBe(400);
      expect(res.data ?? null).toBeNull();
      expect(res.errors![0].message).toMatch(/2000 tokens/);
      expectNoLeak(res, allMembers("W1").flatMap((m) => [m.name, m.idNumber]));
    });
  });

  // --- authentication (contract README: expired, forged or malformed → 401 UNAUTHENTICATED) ---

  describe("forged, expired and malformed tokens", () => {
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const sign = (payload: Record<string, unknown>, opts: jwt.SignOptions = {}, secret?: string) =>
      jwt.sign(payload, secret ?? t.config.jwtSecret!, { algorithm: "HS256", issuer: t.config.jwtIssuer, subject: "attacker", expiresIn: 600, ...opts });
    const province = { org: "HA-420000", roles: ["ADMIN", "AUDITOR"] };
    const headers: [string, () => string][] = [
      ["a token signed with another secret", () => `Bearer ${sign(province, {}, "x".repeat(64))}`],
      ["a token with alg none", () => `Bearer ${b64({ alg: "none", typ: "JWT" })}.${b64({ ...province, sub: "attacker", iss: t.config.jwtIssuer, exp: Math.floor(now() / 1000) + 600 })}.`],
      ["an expired token", () => `Bearer ${sign(province, { expiresIn: -60 })}`],
      ["a token from another issuer", () => `Bearer ${sign(province, { issuer: "evil-issuer" })}`],
      ["a token not yet valid (nbf in the future)", () => `Bearer ${sign(province, { notBefore: 3600 })}`],
      ["a token without exp", () => `Bearer ${jwt.sign(province, t.config.jwtSecret!, { algorithm: "HS256", issuer: t.config.jwtIssuer, subject: "attacker" })}`],
      ["an HS512 token with the right secret", () => `Bearer ${sign(province, { algorithm: "HS512" })}`],
      ["a valid partner token whose payload is swapped for the province's", () => {
        const [h, , s] = tokens.mz.split(".");
        return `Bearer ${h}.${b64({ ...province, sub: "attacker", iss: t.config.jwtIssuer, exp: Math.floor(now() / 1000) + 600 })}.${s}`;
      }],
      ["a Xiangyang authority token with a forged signature", () => `Bearer ${sign({ org: "HA-420600", roles: ["ADMIN"], system: true }, {}, "forged-".repeat(8))}`],
      ["roles as a string", () => `Bearer ${sign({ org: "HA-420000", roles: "ADMIN" })}`],
      ["no org claim", () => `Bearer ${sign({ roles: ["ADMIN"] })}`],
      ["a bare Bearer", () => "Bearer"],
      ["Basic credentials", () => `Basic ${Buffer.from("admin:admin").toString("base64")}`],
      ["two tokens in one header", () => `Bearer ${tokens.whStaff} ${tokens.xyStaff}`],
      ["a token without the Bearer scheme", () => tokens.provStaff],
    ];

    it.each(headers)("%s gets 401 UNAUTHENTICATED and no data", async (_label, header) => {
      const res = await postJson(t.url, { query: EVERYTHING, variables: { id: fam.X1.id } }, { authorization: header() });
      expect(res.status).toBe(401);
      expect(res.json.data ?? null).toBeNull();
      expect(res.json.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(["UNAUTHENTICATED"]);
      expectNoLeak(res.text, secrets.none);
    });

    it("a validly signed partner token claiming system: true and forged grants gets nothing beyond its real permission", async () => {
      const token = sign({
        org: "PT-420100-NP",
        roles: ["CONSUMER", "ADMIN"],
        system: true,
        grants: [{ id: "x", documentNumber: "伪造", divisions: ["420000"], scopes: ALL_CATEGORIES }],
        scopes: Object.keys(ALL_CATEGORIES),
      });
      const res = await gql(EVERYTHING, { id: fam.X1.id }, token);
      expect(res.status).toBe(200);
      expect(res.data).toEqual({ family: null });
      expectDenied(res, secrets.none);
      const internal = await gql(`{ hubCallerGrants(org: "PT-420100-MZ") }`, undefined, token);
      expect(codes(internal)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    });

    it("caller-context and signature headers sent to the gateway by a client are ignored", async () => {
      const forged: Caller = { sub: "attacker", org: "HA-420000", roles: ["ADMIN"], system: true, grants: [{ id: "x", documentNumber: "伪造", divisions: ["420000"], scopes: ALL_CATEGORIES }] };
      const extra = signRequest({ kid: "dev", secret: "guessed-".repeat(6) }, forged, "", "archive");
      for (const token of [tokens.np, undefined]) {
        const res = await postJson(t.url, { query: EVERYTHING, variables: { id: fam.X1.id } }, { ...extra, ...(token ? { authorization: `Bearer ${token}` } : {}) });
        expect(res.json.data?.family ?? null).toBeNull();
        expect(res.json.errors[0].extensions.code).toBe(token ? "SHARING_NOT_PERMITTED" : "FORBIDDEN");
        expectNoLeak(res.text, secrets.none);
      }
    });
  });

  // --- the anonymous caller: trusted documents only (R8.4) ------------------------------------

  describe("the anonymous caller", () => {
    const publicListImplemented = () => Boolean(fs.readFileSync(path.resolve(__dirname, "../schema/supergraph.graphql"), "utf8").match(/^\s+publicList\(/m));

    it.each([
      ["a family archive", () => ({ query: EVERYTHING, variables: { id: fam.X1.id } })],
      ["a credit check", () => ({ query: CREDIT_CHECK, variables: { idNumber: fam.W1.members[0].idNumber } })],
      ["the credit list", () => ({ query: CREDIT_LIST, variables: { kind: "WARNING", first: 500 } })],
      ["introspection", () => ({ query: "{ __schema { types { name fields { name } } } }" })],
      ["a __typename probe", () => ({ query: "{ __typename }" })],
      ["a grant mutation", () => ({ query: GRANT, variables: { input: { documentNumber: "匿名", granteeCode: "PT-420100-NP", purpose: "x", scopes: [{ category: "IDENTITY", mode: "FULL" }], divisionCodes: ["420000"], validFrom: iso(now()), validUntil: iso(now() + 86_400_000) } } })],
      ["the public list's id together with another query text", () => ({ documentId: "sha256:" + "0".repeat(64), query: EVERYTHING, variables: { id: fam.X1.id } })],
    ])("running %s is FORBIDDEN (UNTRUSTED_DOCUMENT)", async (_label, body) => {
      const res = await postJson(t.url, body());
      expect(res.status).toBe(403);
      expect(res.json.data ?? null).toBeNull();
      expect(res.json.errors[0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "UNTRUSTED_DOCUMENT" });
      expectNoLeak(res.text, secrets.none, [fam.W1.members[0].idNumber]);
    });

    it("an unknown persisted document id is refused", async () => {
      const res = await postJson(t.url, { extensions: { persistedQuery: { version: 1, sha256Hash: "f".repeat(64) } }, variables: { id: fam.X1.id } });
      expect(res.status).toBe(400);
      expect(res.json.errors[0].extensions.code).toBe("BAD_USER_INPUT");
      expectNoLeak(res.text, secrets.none);
    });

    it("a GET request with a query in the URL is refused the same way", async () => {
      const url = `${t.url}?query=${encodeURIComponent(IDENTITY_OF)}&variables=${encodeURIComponent(JSON.stringify({ id: fam.X1.id }))}`;
      const res = await rawRequest(url, { method: "GET", headers: { "apollo-require-preflight": "true" } });
      expect(res.status).toBe(403);
      expect(res.json.errors[0].extensions.code).toBe("FORBIDDEN");
      expectNoLeak(res.text, secrets.none);
    });

    it("the public list text with one extra field, or with a second operation, is not the trusted document", async () => {
      const expected = publicListImplemented() ? "FORBIDDEN" : "GRAPHQL_VALIDATION_FAILED";
      const extra = await postJson(t.url, { query: PUBLIC_LIST.replace("maskedIdNumber", "maskedIdNumber __typename"), variables: { kind: "WARNING", divisionCode: WUHAN, first: 10 } });
      const two = await postJson(t.url, { query: `${PUBLIC_LIST}\n${IDENTITY_OF.replace("query IdentityOf", "query Grab")}`, operationName: "Grab", variables: { id: fam.X1.id } });
      const twoAsPublic = await postJson(t.url, { query: `${PUBLIC_LIST}\n${IDENTITY_OF.replace("query IdentityOf", "query Grab")}`, operationName: "PublicList", variables: { kind: "WARNING", divisionCode: WUHAN, first: 10 } });
      for (const res of [extra, two, twoAsPublic]) {
        expect(res.json.data ?? null).toBeNull();
        expect(res.json.errors[0].extensions.code).toBe(expected);
        expectNoLeak(res.text, secrets.none);
      }
    });

    it("the trusted public list itself never carries a full name or ID number", async () => {
      for (const divisionCode of [WUHAN, XIANGYANG]) {
        const res = await postJson(t.url, { query: PUBLIC_LIST, variables: { kind: "JOINT_PUNISHMENT", divisionCode, first: 500 } });
        expectNoLeak(res.text, secrets.none);
        if (publicListImplemented()) {
          expect(res.status).toBe(200);
          for (const n of stringsAt(res.json.data, "maskedName")) expect(n).toMatch(/^[\u4e00-\u9fa5]\*+$/u);
          for (const n of stringsAt(res.json.data, "maskedIdNumber")) expect(n).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
        } else {
          expect(res.json.errors[0].extensions.code).toBe("GRAPHQL_VALIDATION_FAILED");
        }
      }
    });
  });

  // --- federation internals at the gateway (R8.4: _service/_entities unreachable) -------------

  describe("federation internals at the gateway", () => {
    it.each([
      ["_entities", `query($r: [_Any!]!) { _entities(representations: $r) { ... on Family { applicant { name idNumber } economic { annualIncome } } } }`],
      ["_entities without variables", `{ _entities(representations: [{ __typename: "Family", id: "x" }]) { __typename } }`],
      ["_service", `{ _service { sdl } }`],
      ["the internal hubCallerGrants", `{ hubCallerGrants(org: "PT-420100-MZ") }`],
      ["the internal hubRecordDisclosure", `mutation { hubRecordDisclosure(entry: "{}") }`],
      ["the @inaccessible memberIdNumbers", `query($id: ID!) { family(id: $id) { memberIdNumbers } }`],
    ])("%s fails validation for the province's own staff", async (_label, query) => {
      const res = await gql(query, { r: [{ __typename: "Family", id: fam.X1.id }], id: fam.X1.id }, tokens.provAdmin);
      expect(res.status).toBe(400);
      expect(res.data ?? null).toBeNull();
      expect(codes(res).length).toBeGreaterThan(0);
      for (const c of codes(res)) expect(c).toBe("GRAPHQL_VALIDATION_FAILED");
      expectNoLeak(res, secrets.none);
    });
  });

  // --- subgraphs: only the gateway's signed POSTs (R8.4) --------------------------------------

  describe("direct calls to the subgraphs", () => {
    const SUBGRAPH_NAMES = ["archive", "housing", "judicial"] as const;
    const entities = (name: (typeof SUBGRAPH_NAMES)[number]) => {
      const selection = {
        archive: "applicant { name idNumber } members { name idNumber } economic { annualIncome }",
        housing: "tenancy { unitAddress monthlyRent }",
        judicial: "judicial { caseNumber summary idNumber }",
      }[name];
      return JSON.stringify({
        query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Family { ${selection} } } }`,
        variables: { r: [{ __typename: "Family", id: fam.X1.id, divisionCode: fam.X1.division, memberIdNumbers: fam.X1.members.map((m) => m.idNumber) }] },
      });
    };
    const staff: Caller = { sub: "xy-staff", org: "HA-420600", roles: ["AUDITOR"], grants: [] };
    const key = () => t.config.signingKeys[0];
    const send = (name: string, body: string, headers: Record<string, string>) =>
      rawRequest(t.hub.subgraphUrls[name as (typeof SUBGRAPH_NAMES)[number]], { body, headers: { "content-type": "application/json", ...headers } });
    const expect401 = (res: Awaited<ReturnType<typeof send>>) => {
      expect(res.status).toBe(401);
      expect(res.json?.data ?? null).toBeNull();
      expect(res.json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
      expectNoLeak(res.text, secrets.none);
    };

    it.each(SUBGRAPH_NAMES)("%s: an unsigned _entities call is 401", async (name) => {
      expect401(await send(name, entities(name), {}));
    });

    it.each(SUBGRAPH_NAMES)("%s: an unsigned _service call is 401", async (name) => {
      expect401(await send(name, JSON.stringify({ query: "{ _service { sdl } }" }), {}));
    });

    it.each(SUBGRAPH_NAMES)("%s: a call signed with a wrong secret, or an unknown key id, is 401", async (name) => {
      const body = entities(name);
      expect401(await send(name, body, signRequest({ kid: key().kid, secret: "wrong-secret-".repeat(4) }, staff, body, name)));
      expect401(await send(name, body, signRequest({ kid: "attacker", secret: key().secret }, staff, body, name)));
    });

    it.each(SUBGRAPH_NAMES)("%s: a captured signed request is accepted once, its replay is 401", async (name) => {
      const body = entities(name);
      const headers = signRequest(key(), staff, body, name);
      const first = await send(name, body, headers);
      expect(first.status).toBe(200); // control: a genuine gateway request
      expect(first.text).toContain("攻防"); // …which does return the family's data
      expect401(await send(name, body, headers));
    });

    it.each(SUBGRAPH_NAMES)("%s: a valid signature with a tampered body or a tampered caller context is 401", async (name) => {
      const harmless = JSON.stringify({ query: "{ __typename }" });
      const signed = signRequest(key(), { sub: "np", org: "PT-420100-NP", roles: ["CONSUMER"], grants: [] }, harmless, name);
      expect401(await send(name, entities(name), signed));
      const body = entities(name);
      const honest = signRequest(key(), { sub: "np", org: "PT-420100-NP", roles: ["CONSUMER"], grants: [] }, body, name);
      const elevated = Buffer.from(JSON.stringify({ sub: "np", org: "HA-420000", roles: ["ADMIN"], grants: [], system: true })).toString("base64url");
      expect401(await send(name, body, { ...honest, [CALLER_HEADER]: elevated }));
    });

    it.each(SUBGRAPH_NAMES)("%s: stale, future and malformed signatures are 401", async (name) => {
      const body = entities(name);
      expect401(await send(name, body, signRequest(key(), staff, body, name, now() - 6 * 60_000)));
      expect401(await send(name, body, signRequest(key(), staff, body, name, now() + 6 * 60_000)));
      const good = signRequest(key(), staff, body, name);
      const [v, kid, ts, nonce, aud, mac] = good[SIGNATURE_HEADER].split(",");
      expect401(await send(name, body, { ...good, [SIGNATURE_HEADER]: `${v},${kid},${ts},${nonce},${aud}` }));
      // the former format (v1, without method and path) and unknown versions
      expect401(await send(name, body, { ...good, [SIGNATURE_HEADER]: `v1,${kid},${ts},${nonce},${aud},${mac}` }));
      expect401(await send(name, body, { ...good, [SIGNATURE_HEADER]: `v3,${kid},${ts},${nonce},${aud},${mac}` }));
      expect401(await send(name, body, { ...good, [SIGNATURE_HEADER]: `${v},${kid},${ts},,${aud},${mac}` }));
      expect401(await send(name, body, { ...good, [SIGNATURE_HEADER]: `${v},${kid},${ts},${nonce},gateway,${mac}` }));
      // the genuine one once (control), then never again
      expect((await send(name, body, good)).status).toBe(200);
      expect401(await send(name, body, good));
    });

    it.each(SUBGRAPH_NAMES)("%s: a signed GET is 401", async (name) => {
      const headers = signRequest(key(), staff, "", name);
      const url = `${t.hub.subgraphUrls[name]}?query=${encodeURIComponent("{ _service { sdl } }")}`;
      const res = await rawRequest(url, { method: "GET", headers: { ...headers, "apollo-require-preflight": "true" } });
      expect401(res);
    });

    it("the archive's internal endpoints (permissions, audit) answer only the gateway's own signed calls", async () => {
      const internal = (name: string) => new URL(`/internal/${name}`, t.hub.subgraphUrls.archive).toString();
      const grantsBody = JSON.stringify({ org: "PT-420100-MZ" });
      const post = (url: string, body: string, headers: Record<string, string>) => rawRequest(url, { body, headers: { "content-type": "application/json", ...headers } });
      // unsigned, signed for a staff caller (not the gateway), signed for another subgraph, replayed
      expect((await post(internal("grants"), grantsBody, {})).status).toBe(401);
      expect((await post(internal("grants"), grantsBody, signRequest(key(), { ...staff, roles: ["ADMIN"] }, grantsBody, "archive"))).status).toBe(401);
      const gatewayCaller: Caller = { sub: "hub-gateway", org: null, roles: [], system: true };
      expect((await post(internal("grants"), grantsBody, signRequest(key(), gatewayCaller, grantsBody, "housing"))).status).toBe(401);
      const toGrants = { method: "POST", path: "/internal/grants" };
      // signed for the audit route (or the GraphQL path), sent to the grants route: refused
      expect((await post(internal("grants"), grantsBody, signRequest(key(), gatewayCaller, grantsBody, "archive", Date.now(), { method: "POST", path: "/internal/audit" }))).status).toBe(401);
      expect((await post(internal("grants"), grantsBody, signRequest(key(), gatewayCaller, grantsBody, "archive"))).status).toBe(401);
      const genuine = signRequest(key(), gatewayCaller, grantsBody, "archive", Date.now(), toGrants);
      const first = await post(internal("grants"), grantsBody, genuine);
      expect(first.status).toBe(200); // control: the gateway's own call works
      expect((await post(internal("grants"), grantsBody, genuine)).status).toBe(401);
      // a forged audit entry without the gateway's key
      const entry = JSON.stringify({ at: new Date().toISOString(), orgCode: "X", familyIds: [], permissions: [], categoriesReturned: [], categoriesDenied: [], outcome: "DISCLOSED" });
      expect((await post(internal("audit"), entry, signRequest({ kid: key().kid, secret: "forged-".repeat(8) }, gatewayCaller, entry, "archive", Date.now(), { method: "POST", path: "/internal/audit" }))).status).toBe(401);
      // the gateway itself has no such route
      expect((await post(t.url.replace("/graphql", "/internal/grants"), grantsBody, {})).status).toBe(404);
    });

    it("a request captured on its way to one subgraph cannot be replayed to another", async () => {
      const body = JSON.stringify({ query: "{ _service { sdl } }" });
      const headers = signRequest(key(), staff, body, "judicial");
      const first = await send("judicial", body, headers);
      expect(first.status).toBe(200);
      for (const other of ["archive", "housing"]) expect401(await send(other, body, headers));
    });
  });

  // --- production mode: no introspection, no suggestions (R8.4) -------------------------------

  describe("production mode", () => {
    let prod: RunningHub;
    let prodConfig: HubConfig;
    let prodToken: string;
    const prodGql = (query: string, variables?: Record<string, unknown>, token = prodToken) =>
      postJson(prod.gatewayUrl!, { query, variables }, token ? { authorization: `Bearer ${token}` } : {});

    let idp: TestIdp;
    beforeAll(async () => {
      // One extra gateway in production mode over the same subgraphs (same signing key), with
      // tokens of an identity provider (JWKS).
      idp = await startTestIdp();
      const key = t.config.signingKeys[0];
      prodConfig = loadConfig({ HUB_MODE: "production", HUB_JWKS_URL: idp.url, HUB_JWT_AUDIENCE: idp.audience, HUB_SUBGRAPH_KEYS: `${key.kid}:${key.secret}` } as NodeJS.ProcessEnv, {
        subgraphUrls: t.hub.subgraphUrls,
      });
      prod = await startHub(prodConfig, { subgraphs: [], gateway: true, ephemeralPorts: true });
      prodToken = idp.sign({ sub: "prod-staff", org: "HA-420100", roles: ["AUDITOR"] });
    });
    afterAll(async () => {
      await prod?.close();
      await idp?.close();
    });

    it("the production gateway works for its own staff (control) and denies another city", async () => {
      const own = await prodGql(IDENTITY_OF, { id: fam.W1.id });
      expect(own.json.data.family.applicant.name).toBe("攻防甲一");
      const other = await prodGql(IDENTITY_OF, { id: fam.X1.id });
      expect(other.json.errors[0].extensions.code).toBe("SHARING_NOT_PERMITTED");
      expectNoLeak(other.text, secrets.wuhanStaff);
    });

    it.each([
      ["__schema", "{ __schema { types { name fields { name } } } }"],
      ["__type", `{ __type(name: "Family") { fields { name } } }`],
      ["__schema hidden in a fragment", "fragment S on __Schema { queryType { name } } { __schema { ...S } }"],
    ])("introspection through %s is refused", async (_label, query) => {
      const res = await prodGql(query);
      expect(res.status).toBe(400);
      expect(res.json.data ?? null).toBeNull();
      expect(res.text).not.toMatch(/"fields"|queryType|familyByIdNumber/);
    });

    it.each([
      ["a misspelt field", `{ familx(id: "1") { id } }`, undefined],
      ["a misspelt nested field", `query($id: ID!) { family(id: $id) { aplicant { name } } }`, { id: "1" }],
      ["a misspelt argument", `{ family(idd: "1") { id } }`, undefined],
      ["a misspelt type condition", `query($id: ID!) { family(id: $id) { ... on Famly { id } } }`, { id: "1" }],
      ["a misspelt enum literal", `{ creditList(kind: WARNNG, first: 1) { totalCount } }`, undefined],
      ["a misspelt enum value in variables", `query($k: ListKind!) { creditList(kind: $k, first: 1) { totalCount } }`, { k: "WARNNG" }],
      ["a misspelt input field", `mutation($i: GrantSharingPermissionInput!) { grantSharingPermission(input: $i) { id } }`, { i: { documentNumbr: "x" } }],
    ])("%s gets an error without field suggestions", async (_label, query, variables) => {
      const res = await prodGql(query, variables);
      expect(res.json.data?.family ?? null).toBeNull();
      expect(res.json.errors.length).toBeGreaterThan(0);
      expect(res.text).not.toMatch(/Did you mean/i);
      expect(res.text).not.toMatch(/"family"|"WARNING"|"applicant"|documentNumber"/);
    });

    it("a token signed for the test deployment is rejected in production", async () => {
      const res = await prodGql(IDENTITY_OF, { id: fam.W1.id }, tokens.whStaff);
      expect(res.status).toBe(401);
      expectNoLeak(res.text, secrets.none);
    });

    it("no GraphiQL in production", async () => {
      const res = await rawRequest(prod.gatewayUrl!.replace("/graphql", "/graphiql"), { method: "GET" });
      expect(res.status).toBe(404);
    });
  });
});
