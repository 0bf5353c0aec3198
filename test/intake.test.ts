// Intake from the sources through the real gateway (issue 14): each kind by its batch mutation,
// written only by its owner (a city's housing authority for its divisions, a registered
// department for its own records), validated row by row, idempotent with history, and feeding
// the candidates scan (R4.1 (六)) and the judicial leads (R6.5).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { scanCandidates } from "../src/jobs/scan-candidates";
import { sqlQuery } from "../src/db/orm";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, EVIDENCE, familyInput, idFor } from "./support/fixtures";

const REPORT = `kind sourceSystem received inserted updated unchanged rejected dryRun written problems { row field code message }`;
const TENANCIES = `mutation($s: String!, $rows: [TenancyIntakeRow!]!, $dry: Boolean! = false, $aon: Boolean! = false) { importTenancies(sourceSystem: $s, rows: $rows, dryRun: $dry, allOrNothing: $aon) { ${REPORT} } }`;
const LEDGER = `mutation($s: String!, $rows: [RentLedgerIntakeRow!]!, $dry: Boolean! = false, $aon: Boolean! = false) { importRentLedger(sourceSystem: $s, rows: $rows, dryRun: $dry, allOrNothing: $aon) { ${REPORT} } }`;
const CHECKS = `mutation($s: String!, $rows: [OccupancyCheckIntakeRow!]!) { importOccupancyChecks(sourceSystem: $s, rows: $rows) { ${REPORT} } }`;
const WARNINGS = `mutation($s: String!, $rows: [HousingWarningIntakeRow!]!) { importHousingWarnings(sourceSystem: $s, rows: $rows) { ${REPORT} } }`;
const JUDICIAL = `mutation($k: JudicialKind!, $s: String!, $rows: [JudicialIntakeRow!]!, $aon: Boolean! = false) { importJudicialRecords(kind: $k, sourceSystem: $s, rows: $rows, allOrNothing: $aon) { ${REPORT} } }`;
const TENANCY_OF = `query($id: ID!) { family(id: $id) { tenancy { unitAddress monthlyRent leaseStart leaseEnd monthsInArrears rentLedger { month amountDue amountPaid paidOn } occupancyChecks { checkedOn occupied inspector note } warnings { issuedOn kind reason issuedBy } } } }`;
const LEADS = `query($status: JudicialLeadStatus) { judicialLeads(status: $status) { totalCount edges { node { familyId idNumber relation kind caseNumber authority decidedOn sourceOrg status recordId } } } }`;
const SUPPLIED = `query { suppliedJudicialRecords { totalCount edges { node { kind idNumber caseNumber authority sourceId } } } }`;
const REGISTER = `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { code kind } }`;

interface Problem {
  row: number;
  field: string | null;
  code: string;
  message: string;
}
interface Report {
  kind: string;
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  dryRun: boolean;
  written: boolean;
  problems: Problem[];
}

const codes = (r: Report) => r.problems.map((p) => [p.row, p.field, p.code]);

describe.each<DbKind>(["postgres", "pglite"])("intake on %s", (kind) => {
  let t: TestHub;
  const clock = new ManualClock("2026-03-02");
  const tk: Record<string, string> = {};
  const fam: Record<"wh1" | "wh2" | "yc1", { id: string; applicant: string; spouse: string }> = {} as never;
  const stranger = idFor("420106", 9001); // a valid ID number of nobody in the archive

  const run = async <T>(q: string, v: Record<string, unknown>, token: string) => {
    const r = await t.gql<T>(q, v, token);
    expect(r.errors).toBeUndefined();
    return r.data!;
  };
  const housingRows = async (sql: string, params: unknown[] = []) => sqlQuery<Record<string, unknown>>(t.hub.dbs.housing!.orm.em.fork(), sql, params);
  const tenancyRow = (key: "wh1" | "wh2", rent = "520.00", extra: Record<string, string> = {}) => ({
    sourceId: `HT-${key}`,
    applicantIdNumber: fam[key].applicant,
    applicantName: "测试甲",
    divisionCode: key === "wh1" ? "420111" : "420102",
    unitAddress: `武汉市${key === "wh1" ? "洪山区" : "江岸区"}公租房小区3栋${key === "wh1" ? 101 : 202}室`,
    leaseStart: "2025-01-01",
    leaseEnd: "2027-12-31",
    monthlyRent: rent,
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestHub(kind, { clock });
    tk.prov = t.token("HA-420000", ["ADMIN"], "prov-admin");
    tk.wh = t.token("HA-420100", ["OPERATOR"], "wh-operator");
    tk.whIdentifier = t.token("HA-420100", ["IDENTIFIER"], "wh-identifier");
    tk.yc = t.token("HA-420500", ["OPERATOR"], "yc-operator");
    tk.partner = t.token("PT-420100-MZ", ["OPERATOR"], "mz-clerk");
    tk.court = t.token("DP-420000-FY", ["OPERATOR"], "court-clerk");
    tk.regulator = t.token("DP-420000-SJ", ["OPERATOR"], "sj-clerk");
    tk.unregistered = t.token("DP-420000-XX", ["OPERATOR"], "xx-clerk");
    for (const [code, name] of [
      ["DP-420000-FY", "湖北省高级人民法院"],
      ["DP-420000-SJ", "湖北省市场监督管理局"],
    ]) {
      const r = await run<{ registerOrganization: { kind: string } }>(REGISTER, { input: { code, name, kind: "DEPARTMENT", level: "PROVINCE", divisionCode: "420000" } }, tk.prov);
      expect(r.registerOrganization.kind).toBe("DEPARTMENT");
    }
    for (const [key, division, token] of [
      ["wh1", "420111", tk.wh],
      ["wh2", "420102", tk.wh],
      ["yc1", "420502", tk.yc],
    ] as const) {
      const r = await run<{ createFamily: { id: string; members: { idNumber: string }[] } }>(CREATE_FAMILY, { input: familyInput(division), reason: "公租房申请审核通过，建立档案" }, token);
      fam[key] = { id: r.createFamily.id, applicant: r.createFamily.members[0].idNumber, spouse: r.createFamily.members[1].idNumber };
    }
  });
  afterAll(async () => t?.close());

  it("loads tenancies of the authority's own families; every bad row is reported by field and nothing of it is stored", async () => {
    const rows = [
      tenancyRow("wh1"),
      tenancyRow("wh2"),
      // Another city's family and nobody's number: the same answer (existence is data too).
      { ...tenancyRow("wh1"), sourceId: "HT-yc", applicantIdNumber: fam.yc1.applicant },
      { ...tenancyRow("wh1"), sourceId: "HT-nobody", applicantIdNumber: stranger },
      { ...tenancyRow("wh1"), sourceId: "HT-bad-id", applicantIdNumber: fam.wh1.applicant.slice(0, 17) + (fam.wh1.applicant.endsWith("0") ? "1" : "0") },
      { ...tenancyRow("wh1"), sourceId: "HT-yc-div", divisionCode: "420502" },
      { ...tenancyRow("wh1"), sourceId: "HT-dates", leaseEnd: "2024-12-31" },
      { ...tenancyRow("wh1"), sourceId: "HT-rent", monthlyRent: "五百" },
      { ...tenancyRow("wh1"), sourceId: "", unitAddress: "" },
    ];
    const r = (await run<{ importTenancies: Report }>(TENANCIES, { s: "WH-GZF", rows }, tk.wh)).importTenancies;
    expect(r).toMatchObject({ kind: "TENANCY", received: 9, inserted: 2, updated: 0, unchanged: 0, rejected: 7, written: true });
    expect(codes(r)).toEqual([
      [2, "applicantIdNumber", "UNKNOWN_FAMILY"],
      [3, "applicantIdNumber", "UNKNOWN_FAMILY"],
      [4, "applicantIdNumber", "INVALID_ID_NUMBER"],
      [5, "divisionCode", "NOT_IN_JURISDICTION"],
      [6, "leaseEnd", "INVALID_DATE"],
      [7, "monthlyRent", "INVALID_AMOUNT"],
      [8, "sourceId", "MISSING"],
      [8, "unitAddress", "MISSING"],
    ]);
    expect(r.problems[0].message).toBe(r.problems[1].message);
    expect(r.problems.every((p) => /[\u4e00-\u9fa5]/.test(p.message))).toBe(true);
    const stored = await housingRows(`select "source_id" from "housing"."tenancy" where "source_system" = 'WH-GZF' order by 1`);
    expect(stored.map((s) => s.source_id)).toEqual(["HT-wh1", "HT-wh2"]);
    const view = await run<{ family: { tenancy: { unitAddress: string; monthlyRent: number } } }>(TENANCY_OF, { id: fam.wh1.id }, tk.wh);
    expect(view.family.tenancy).toMatchObject({ unitAddress: "武汉市洪山区公租房小区3栋101室", monthlyRent: 520 });
  });

  it("a rerun loads nothing; a changed row is an update that keeps the old values", async () => {
    const again = (await run<{ importTenancies: Report }>(TENANCIES, { s: "WH-GZF", rows: [tenancyRow("wh1"), tenancyRow("wh2")] }, tk.wh)).importTenancies;
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 2, rejected: 0 });
    const changed = (await run<{ importTenancies: Report }>(TENANCIES, { s: "WH-GZF", rows: [tenancyRow("wh1", "560"), tenancyRow("wh2")] }, tk.wh)).importTenancies;
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const history = await housingRows(`select "kind", "source_id", "changed_by", "changed_by_org", "before", "after" from "housing"."intake_revision" where "kind" = 'TENANCY'`);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ kind: "TENANCY", source_id: "HT-wh1", changed_by: "wh-operator", changed_by_org: "HA-420100" });
    expect(Number((history[0].before as Record<string, unknown>).monthly_rent)).toBe(520);
    expect(Number((history[0].after as Record<string, unknown>).monthly_rent)).toBe(560);
    const view = await run<{ family: { tenancy: { monthlyRent: number } } }>(TENANCY_OF, { id: fam.wh1.id }, tk.wh);
    expect(view.family.tenancy.monthlyRent).toBe(560);
  });

  it("refuses writers who do not own the kind or the jurisdiction", async () => {
    // Yichang cannot write Wuhan's families nor reach Wuhan's tenancies by their source ids.
    const yc = (await run<{ importTenancies: Report }>(TENANCIES, { s: "WH-GZF", rows: [tenancyRow("wh1")] }, tk.yc)).importTenancies;
    expect(codes(yc)).toEqual([[0, "divisionCode", "NOT_IN_JURISDICTION"]]);
    const ycLedger = (await run<{ importRentLedger: Report }>(LEDGER, { s: "WH-GZF", rows: [{ tenancySourceId: "HT-wh1", month: "2026-01", amountDue: "560", amountPaid: "0" }] }, tk.yc)).importRentLedger;
    expect(codes(ycLedger)).toEqual([[0, "tenancySourceId", "UNKNOWN_TENANCY"]]);
    // A partner, a department and an unregistered organisation write no housing data; nobody but a registered department writes judicial data.
    for (const token of [tk.partner, tk.court]) {
      const r = await t.gql(TENANCIES, { s: "X", rows: [tenancyRow("wh1")] }, token);
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    }
    for (const token of [tk.wh, tk.partner, tk.unregistered]) {
      const r = await t.gql(JUDICIAL, { k: "JUDGMENT", s: "X", rows: [{ sourceId: "1", idNumber: fam.wh1.applicant, caseNumber: "（2026）鄂01民初1号", authority: "某法院", decidedOn: "2026-01-05", summary: "民事判决测试" }] }, token);
      expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(r.errors?.[0]?.message).toMatch(/数据提供部门/);
    }
    const tooMany = await t.gql(LEDGER, { s: "WH-GZF", rows: Array.from({ length: 1001 }, () => ({ tenancySourceId: "HT-wh1" })) }, tk.wh);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const anonymous = await t.gql(LEDGER, { s: "WH-GZF", rows: [] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await housingRows(`select 1 from "housing"."rent_ledger_entry" where "source_system" = 'WH-GZF'`)).toHaveLength(0);
  });

  it("rent-ledger lines: validated (months, amounts, no future payments), idempotent, and seen by the candidates scan (R4.1 (六))", async () => {
    const monthsOf = (from: number, n: number) => Array.from({ length: n }, (_, i) => `2025-${String(from + i).padStart(2, "0")}`);
    // wh1: 7 months unpaid (2025-06 … 2025-12); wh2 pays.
    const rows = [
      ...monthsOf(1, 5).map((m) => ({ tenancySourceId: "HT-wh1", month: m, amountDue: "560", amountPaid: "560", paidOn: `${m}-05` })),
      ...monthsOf(6, 7).map((m) => ({ tenancySourceId: "HT-wh1", month: m, amountDue: "560.00", amountPaid: "0" })),
      { tenancySourceId: "HT-wh2", month: "2026年1月", amountDue: "520", amountPaid: "520", paidOn: "2026/1/8" },
      { tenancySourceId: "HT-wh2", month: "2026-02", amountDue: "520", amountPaid: "520", paidOn: "2026-03-05" },
      { tenancySourceId: "HT-wh2", month: "2026-04", amountDue: "520", amountPaid: "0" },
      { tenancySourceId: "HT-wh2", month: "2025-13", amountDue: "520", amountPaid: "0" },
      { tenancySourceId: "HT-wh2", month: "2025-11", amountDue: "520", amountPaid: "600", paidOn: "2025-11-02" },
      { tenancySourceId: "HT-wh2", month: "2025-10", amountDue: "-5", amountPaid: "0" },
      { tenancySourceId: "HT-wh2", month: "2025-09", amountDue: "520", amountPaid: "520" },
      { tenancySourceId: "HT-none", month: "2025-09", amountDue: "520", amountPaid: "0" },
      { tenancySourceId: "HT-wh2", month: "2026-01", amountDue: "520", amountPaid: "520", paidOn: "2026-01-08" },
    ];
    const r = (await run<{ importRentLedger: Report }>(LEDGER, { s: "WH-GZF", rows }, tk.wh)).importRentLedger;
    expect(r).toMatchObject({ kind: "RENT_LEDGER", received: 21, inserted: 13, rejected: 8 });
    expect(codes(r)).toEqual([
      [13, "paidOn", "FUTURE_DATE"],
      [14, "month", "FUTURE_MONTH"],
      [15, "month", "INVALID_MONTH"],
      [16, "amountPaid", "INVALID_AMOUNT"],
      [17, "amountDue", "INVALID_AMOUNT"],
      [18, "paidOn", "MISSING"],
      [19, "tenancySourceId", "UNKNOWN_TENANCY"],
      [20, "month", "DUPLICATE_IN_BATCH"],
    ]);
    const view = await run<{ family: { tenancy: { monthsInArrears: number; rentLedger: { month: string; paidOn: string | null }[] } } }>(TENANCY_OF, { id: fam.wh1.id }, tk.wh);
    expect(view.family.tenancy.monthsInArrears).toBe(7);
    expect(view.family.tenancy.rentLedger).toHaveLength(12);
    const again = (await run<{ importRentLedger: Report }>(LEDGER, { s: "WH-GZF", rows: rows.slice(0, 13) }, tk.wh)).importRentLedger;
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 13, rejected: 0 });

    // R4.1 (六): the nightly scan sees the loaded ledger.
    const scan = await scanCandidates({ gatewayUrl: t.url, token: tk.wh });
    expect(scan.raised).toBe(1);
    const credit = await run<{ family: { credit: { records: { status: string; candidateOrigin: string; facts: string }[] } } }>(
      `query($id: ID!) { family(id: $id) { credit { records { status candidateOrigin facts } } } }`,
      { id: fam.wh1.id },
      tk.wh,
    );
    expect(credit.family.credit.records).toEqual([expect.objectContaining({ status: "CANDIDATE", candidateOrigin: "ARREARS" })]);
    expect(credit.family.credit.records[0].facts).toMatch(/累计拖欠租金 7 个月/);

    // A payment arrives for one month: an update with history, the arrears fall to 6.
    const paid = (await run<{ importRentLedger: Report }>(LEDGER, { s: "WH-GZF", rows: [{ tenancySourceId: "HT-wh1", month: "2025-12", amountDue: "560", amountPaid: "560", paidOn: "2026-02-20" }] }, tk.wh)).importRentLedger;
    expect(paid).toMatchObject({ updated: 1 });
    const after = await run<{ family: { tenancy: { monthsInArrears: number } } }>(TENANCY_OF, { id: fam.wh1.id }, tk.wh);
    expect(after.family.tenancy.monthsInArrears).toBe(6);
  });

  it("all-or-nothing and dry runs write nothing; occupancy checks and warnings load and update", async () => {
    const rows = [
      { sourceId: "HC-1", tenancySourceId: "HT-wh2", checkedOn: "2026-02-10", occupied: "否", inspector: "核查员甲", note: "敲门无人应答" },
      { sourceId: "HC-2", tenancySourceId: "HT-wh2", checkedOn: "2026-03-09", occupied: "否", inspector: "核查员甲" },
    ];
    const aon = (await run<{ importOccupancyChecks: Report }>(CHECKS.replace("importOccupancyChecks(sourceSystem: $s, rows: $rows)", "importOccupancyChecks(sourceSystem: $s, rows: $rows, allOrNothing: true)"), { s: "WH-GZF", rows }, tk.wh)).importOccupancyChecks;
    expect(aon).toMatchObject({ inserted: 1, rejected: 1, written: false });
    expect(codes(aon)).toEqual([[1, "checkedOn", "FUTURE_DATE"]]);
    const dry = (await run<{ importOccupancyChecks: Report }>(CHECKS.replace("importOccupancyChecks(sourceSystem: $s, rows: $rows)", "importOccupancyChecks(sourceSystem: $s, rows: $rows, dryRun: true)"), { s: "WH-GZF", rows: rows.slice(0, 1) }, tk.wh)).importOccupancyChecks;
    expect(dry).toMatchObject({ inserted: 1, dryRun: true, written: false });
    expect(await housingRows(`select 1 from "housing"."occupancy_check" where "source_system" = 'WH-GZF'`)).toHaveLength(0);

    const loaded = (await run<{ importOccupancyChecks: Report }>(CHECKS, { s: "WH-GZF", rows: [rows[0], { ...rows[1], checkedOn: "2026-03-01", occupied: "是" }] }, tk.wh)).importOccupancyChecks;
    expect(loaded).toMatchObject({ inserted: 2, rejected: 0, written: true });
    const changed = (await run<{ importOccupancyChecks: Report }>(CHECKS, { s: "WH-GZF", rows: [{ ...rows[0], note: "邻居称长期无人居住" }] }, tk.wh)).importOccupancyChecks;
    expect(changed).toMatchObject({ updated: 1 });
    const warnings = (await run<{ importHousingWarnings: Report }>(
      WARNINGS,
      { s: "WH-GZF", rows: [{ sourceId: "HW-1", tenancySourceId: "HT-wh1", issuedOn: "2026-01-15", kind: "欠租", reason: "拖欠租金已逾6个月，请于15日内缴清", issuedBy: "洪山区公租房运营中心" }, { sourceId: "HW-2", tenancySourceId: "HT-wh1", issuedOn: "2026-01-16", kind: "催款", reason: "x" }] },
      tk.wh,
    )).importHousingWarnings;
    expect(warnings).toMatchObject({ inserted: 1, rejected: 1 });
    expect(codes(warnings)).toEqual([[1, "kind", "INVALID_KIND"]]);
    const wh2 = await run<{ family: { tenancy: { occupancyChecks: { checkedOn: string; occupied: boolean; note: string | null }[] } } }>(TENANCY_OF, { id: fam.wh2.id }, tk.wh);
    expect(wh2.family.tenancy.occupancyChecks).toEqual([
      { checkedOn: "2026-02-10", occupied: false, inspector: "核查员甲", note: "邻居称长期无人居住" },
      { checkedOn: "2026-03-01", occupied: true, inspector: "核查员甲", note: null },
    ]);
    const wh1 = await run<{ family: { tenancy: { warnings: { kind: string; reason: string }[] } } }>(TENANCY_OF, { id: fam.wh1.id }, tk.wh);
    expect(wh1.family.tenancy.warnings).toEqual([{ issuedOn: "2026-01-15", kind: "RENT_ARREARS", reason: "拖欠租金已逾6个月，请于15日内缴清", issuedBy: "洪山区公租房运营中心" }]);
  });

  it("judicial records: a department's own rows; a member's judgment is offered to the family's authority and grounds a record (R6.5); a non-member's stays with the department", async () => {
    const row = (sourceId: string, idNumber: string, caseNumber: string, extra: Record<string, string> = {}) => ({
      sourceId,
      idNumber,
      partyName: "测试甲",
      caseNumber,
      authority: "武汉市洪山区人民法院",
      decidedOn: "2026-01-20",
      summary: "房屋租赁合同纠纷：判决被告支付拖欠租金3920元并腾退公租房",
      ...extra,
    });
    const rows = [row("FY-1", fam.wh1.spouse, "（2026）鄂0111民初101号"), row("FY-2", stranger, "（2026）鄂0111民初102号"), row("FY-3", "42011119800101123", "（2026）鄂0111民初103号"), row("FY-4", fam.wh2.applicant, "（2026）鄂0111民初104号", { decidedOn: "2026-03-03" })];
    const r = (await run<{ importJudicialRecords: Report }>(JUDICIAL, { k: "JUDGMENT", s: "FY-SPXT", rows }, tk.court)).importJudicialRecords;
    expect(r).toMatchObject({ kind: "JUDGMENT", inserted: 2, rejected: 2 });
    expect(codes(r)).toEqual([
      [2, "idNumber", "INVALID_ID_NUMBER"],
      [3, "decidedOn", "FUTURE_DATE"],
    ]);
    // Another department cannot take over the court's case; the court's rerun changes nothing.
    const taken = (await run<{ importJudicialRecords: Report }>(JUDICIAL, { k: "ADMINISTRATIVE_PENALTY", s: "SJ", rows: [row("SJ-1", fam.wh1.spouse, "（2026）鄂0111民初101号")] }, tk.regulator)).importJudicialRecords;
    expect(codes(taken)).toEqual([[0, "caseNumber", "CASE_NUMBER_TAKEN"]]);
    expect((await run<{ importJudicialRecords: Report }>(JUDICIAL, { k: "JUDGMENT", s: "FY-SPXT", rows: rows.slice(0, 2) }, tk.court)).importJudicialRecords).toMatchObject({ inserted: 0, unchanged: 2 });

    // The department reads its own rows, members or not; another department none of them.
    const own = await run<{ suppliedJudicialRecords: { totalCount: number; edges: { node: { idNumber: string } }[] } }>(SUPPLIED, {}, tk.court);
    expect(own.suppliedJudicialRecords.edges.map((e) => e.node.idNumber).sort()).toEqual([fam.wh1.spouse, stranger].sort());
    expect((await run<{ suppliedJudicialRecords: { totalCount: number } }>(SUPPLIED, {}, tk.regulator)).suppliedJudicialRecords.totalCount).toBe(0);

    // The member's judgment: in the family's judicial data and offered to Wuhan, not to Yichang.
    const family = await run<{ family: { judicial: { caseNumber: string; kind: string }[] } }>(`query($id: ID!) { family(id: $id) { judicial { caseNumber kind } } }`, { id: fam.wh1.id }, tk.wh);
    expect(family.family.judicial).toEqual([{ caseNumber: "（2026）鄂0111民初101号", kind: "JUDGMENT" }]);
    const leads = await run<{ judicialLeads: { totalCount: number; edges: { node: Record<string, unknown> }[] } }>(LEADS, {}, tk.wh);
    expect(leads.judicialLeads.edges.map((e) => e.node)).toEqual([
      { familyId: fam.wh1.id, idNumber: fam.wh1.spouse, relation: "配偶", kind: "JUDGMENT", caseNumber: "（2026）鄂0111民初101号", authority: "武汉市洪山区人民法院", decidedOn: "2026-01-20", sourceOrg: "DP-420000-FY", status: "OFFERED", recordId: null },
    ]);
    expect((await run<{ judicialLeads: { totalCount: number } }>(LEADS, {}, tk.yc)).judicialLeads.totalCount).toBe(0);
    const partnerLeads = await t.gql(LEADS, {}, tk.partner);
    expect(partnerLeads.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    // The stranger is nobody's family member: nothing for a housing authority.
    const lookup = await run<{ judicialRecords: { records: unknown[] | null } | null }>(`query($n: String!) { judicialRecords(idNumber: $n) { records { caseNumber } } }`, { n: stranger }, tk.prov);
    expect(lookup.judicialRecords?.records ?? []).toEqual([]);

    // R6.5: the judgment grounds a record; the lead keeps the link.
    const rec = await run<{ recordBehavior: { id: string } }>(
      `mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id } }`,
      { input: { familyId: fam.wh1.id, behavior: "B06", source: "DEPARTMENT", facts: "经法院判决，该家庭拖欠公租房租金", legalBasis: "（2026）鄂0111民初101号民事判决书", occurredOn: "2026-01-20", judicialCaseNumber: "（2026）鄂0111民初101号", evidence: EVIDENCE } },
      tk.wh,
    );
    const used = await run<{ judicialLeads: { edges: { node: { status: string; recordId: string } }[] } }>(LEADS, { status: "USED" }, tk.wh);
    expect(used.judicialLeads.edges.map((e) => e.node)).toEqual([expect.objectContaining({ status: "USED", recordId: rec.recordBehavior.id })]);
    const cited = await run<{ creditRecord: { judicialRecord: { caseNumber: string; court: string } } }>(`query($id: ID!) { creditRecord(id: $id) { judicialRecord { caseNumber court } } }`, { id: rec.recordBehavior.id }, tk.wh);
    expect(cited.creditRecord.judicialRecord).toEqual({ caseNumber: "（2026）鄂0111民初101号", court: "武汉市洪山区人民法院" });

    // A lead found not to apply is dismissed (kept), and a later delivery of the same case does not reopen it.
    const penalty = [row("SJ-7", fam.wh2.applicant, "鄂市监罚〔2026〕7号", { authority: "湖北省市场监督管理局", summary: "无照经营，责令改正并处罚款2000元" })];
    expect((await run<{ importJudicialRecords: Report }>(JUDICIAL, { k: "ADMINISTRATIVE_PENALTY", s: "SJ", rows: penalty }, tk.regulator)).importJudicialRecords).toMatchObject({ inserted: 1 });
    const open = await run<{ judicialLeads: { edges: { node: { caseNumber: string } }[] } }>(LEADS.replace("judicialLeads(status: $status) { totalCount edges { node {", "judicialLeads(status: $status) { totalCount edges { node { id"), {}, tk.wh);
    const lead = (open.judicialLeads.edges as unknown as { node: { id: string; caseNumber: string } }[]).find((e) => e.node.caseNumber === "鄂市监罚〔2026〕7号")!;
    const dismiss = `mutation($id: ID!) { dismissJudicialLead(id: $id) { status } }`;
    expect((await t.gql(dismiss, { id: lead.node.id }, tk.yc)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect((await run<{ dismissJudicialLead: { status: string } }>(dismiss, { id: lead.node.id }, tk.whIdentifier)).dismissJudicialLead.status).toBe("DISMISSED");
    expect((await run<{ importJudicialRecords: Report }>(JUDICIAL, { k: "ADMINISTRATIVE_PENALTY", s: "SJ", rows: penalty }, tk.regulator)).importJudicialRecords).toMatchObject({ unchanged: 1 });
    const dismissed = await run<{ judicialLeads: { edges: { node: { caseNumber: string } }[] } }>(LEADS, { status: "DISMISSED" }, tk.wh);
    expect(dismissed.judicialLeads.edges.map((e) => e.node.caseNumber)).toEqual(["鄂市监罚〔2026〕7号"]);
    expect((await run<{ judicialLeads: { totalCount: number } }>(LEADS, {}, tk.wh)).judicialLeads.totalCount).toBe(0);

    // The stranger joins a family later: the record is the family's data from then on.
    const joined = await run<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: familyInput("420106", { members: [{ name: "测试丙", idNumber: stranger, relation: "本人" }], household: { hukouDivisionCode: "420106", maritalStatus: "未婚", size: 1 } }), reason: "公租房申请审核通过，建立档案" }, tk.wh);
    const later = await run<{ family: { judicial: { caseNumber: string }[] } }>(`query($id: ID!) { family(id: $id) { judicial { caseNumber } } }`, { id: joined.createFamily.id }, tk.wh);
    expect(later.family.judicial).toEqual([{ caseNumber: "（2026）鄂0111民初102号" }]);
  });

  it("concurrent loads of the same rows by the same and by different authorities store each row once and answer each caller its own report", async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ tenancySourceId: "HT-wh2", month: `2024-${String(i + 1).padStart(2, "0")}`, amountDue: "520", amountPaid: "520", paidOn: `2024-${String(i + 1).padStart(2, "0")}-03` }));
    const results = await Promise.all([
      t.gql<{ importRentLedger: Report }>(LEDGER, { s: "WH-GZF", rows: rows(12) }, tk.wh),
      t.gql<{ importRentLedger: Report }>(LEDGER, { s: "WH-GZF", rows: rows(12) }, tk.wh),
      t.gql<{ importRentLedger: Report }>(LEDGER, { s: "WH-GZF", rows: rows(12) }, tk.yc),
      t.gql<{ importRentLedger: Report }>(LEDGER, { s: "WH-GZF", rows: rows(12) }, tk.wh),
    ]);
    const wh = [results[0], results[1], results[3]].map((r) => r.data!.importRentLedger);
    expect(wh.map((r) => r.inserted).sort()).toEqual([0, 0, 12]);
    expect(wh.every((r) => r.inserted + r.unchanged === 12 && r.rejected === 0)).toBe(true);
    expect(results[2].data!.importRentLedger).toMatchObject({ inserted: 0, rejected: 12 });
    const stored = await housingRows(`select count(*)::int as "n" from "housing"."rent_ledger_entry" l join "housing"."tenancy" t on t."id" = l."tenancy_id" where t."source_id" = 'HT-wh2' and l."month" < '2025-01-01'`);
    expect(stored[0].n).toBe(12);
  });

  it("generated: four cities load random rows at once — a row is accepted exactly when the family and the claimed division are the caller's, and no refusal reveals a family elsewhere", async () => {
    let seed = kind === "postgres" ? 20261202 : 20261203;
    const rand = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
    const cities = ["420200", "420300", "420600", "420700"];
    const counties: Record<string, string> = { "420200": "420202", "420300": "420302", "420600": "420602", "420700": "420702" };
    const families: { id: string; applicant: string; city: string }[] = [];
    for (const city of cities) {
      const token = t.token(`HA-${city}`, ["OPERATOR"], `gen-${city}`);
      for (let i = 0; i < 3; i++) {
        const r = await run<{ createFamily: { id: string; members: { idNumber: string }[] } }>(CREATE_FAMILY, { input: familyInput(counties[city]), reason: "公租房申请审核通过，建立档案" }, token);
        families.push({ id: r.createFamily.id, applicant: r.createFamily.members[0].idNumber, city });
      }
    }
    for (let round = 0; round < 3; round++) {
      const batches = cities.map((city) => {
        const rows = Array.from({ length: 6 }, (_, i) => {
          const f = families[Math.floor(rand() * families.length)];
          const claimed = rand() < 0.8 ? counties[f.city] : counties[cities[Math.floor(rand() * cities.length)]];
          return { f, claimed, row: { sourceId: `GEN-${city}-${round}-${i}-${f.id.slice(0, 8)}`, applicantIdNumber: f.applicant, divisionCode: claimed, unitAddress: `${claimed}公租房小区${i}栋`, leaseStart: "2025-01-01", leaseEnd: "2027-12-31", monthlyRent: "450" } };
        });
        return { city, rows };
      });
      const answers = await Promise.all(batches.map((b) => t.gql<{ importTenancies: Report }>(TENANCIES, { s: "GEN", rows: b.rows.map((r) => r.row) }, t.token(`HA-${b.city}`, ["OPERATOR"], `gen-${b.city}`))));
      answers.forEach((a, bi) => {
        expect(a.errors).toBeUndefined();
        const { city, rows } = batches[bi];
        const report = a.data!.importTenancies;
        const seenFamilies = new Set<string>();
        rows.forEach(({ f, claimed }, i) => {
          const problems = report.problems.filter((p) => p.row === i);
          // Oracle: own division claimed, own family, matching division, first time in the batch.
          const own = claimed.startsWith(city.slice(0, 4));
          const ownFamily = f.city === city;
          const duplicate = seenFamilies.has(f.id);
          if (own && ownFamily && claimed === counties[f.city] && !duplicate) expect(problems).toEqual([]);
          else expect(problems.length).toBeGreaterThan(0);
          if (own && !ownFamily) expect(problems).toEqual([expect.objectContaining({ code: "UNKNOWN_FAMILY" })]);
          // A refusal may echo the caller's own input, never the division of a family elsewhere.
          for (const p of problems) if (!ownFamily && claimed !== counties[f.city]) expect(p.message).not.toContain(counties[f.city]);
          if (own && ownFamily && claimed === counties[f.city]) seenFamilies.add(f.id);
        });
      });
    }
    // Every stored tenancy of these families was written by its own city's authority, one per family.
    const stored = await housingRows(`select "family_id", "owner_org", "division_code" from "housing"."tenancy" where "source_system" = 'GEN'`);
    const byFamily = new Map(families.map((f) => [f.id, f]));
    expect(new Set(stored.map((s) => s.family_id)).size).toBe(stored.length);
    for (const s of stored) {
      const f = byFamily.get(String(s.family_id))!;
      expect(s.owner_org).toBe(`HA-${f.city}`);
      expect(s.division_code).toBe(counties[f.city]);
    }
    expect(stored.length).toBeGreaterThan(0);
  });

  it("a file load is on the record: who, what, how many rows, the file's SHA-256 (R8.3)", async () => {
    const sha = "ab".repeat(32);
    const begun = await run<{ beginIntakeLoad: { id: string; status: string } }>(
      `mutation($input: IntakeLoadInput!) { beginIntakeLoad(input: $input) { id status } }`,
      { input: { kind: "RENT_LEDGER", sourceSystem: "WH-GZF", fileName: "rent-ledger.csv", fileSha256: sha, totalRows: 21, allOrNothing: false } },
      tk.wh,
    );
    expect(begun.beginIntakeLoad.status).toBe("RUNNING");
    const finish = `mutation($id: ID!, $result: IntakeLoadResultInput!) { finishIntakeLoad(id: $id, result: $result) { status inserted rejected } }`;
    // Another organisation cannot finish (or see) Wuhan's load.
    const foreign = await t.gql(finish, { id: begun.beginIntakeLoad.id, result: { inserted: 0, updated: 0, unchanged: 0, rejected: 0, completed: true } }, tk.yc);
    expect(foreign.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const done = await run<{ finishIntakeLoad: { status: string; inserted: number } }>(finish, { id: begun.beginIntakeLoad.id, result: { inserted: 13, updated: 0, unchanged: 0, rejected: 8, completed: true } }, tk.wh);
    expect(done.finishIntakeLoad).toEqual({ status: "COMPLETED", inserted: 13, rejected: 8 });
    const loads = await run<{ intakeLoads: { fileSha256: string; org: string; loadedBy: string }[] }>(`query { intakeLoads { fileSha256 org loadedBy } }`, {}, tk.wh);
    expect(loads.intakeLoads).toEqual([{ fileSha256: sha, org: "HA-420100", loadedBy: "wh-operator" }]);
    expect((await run<{ intakeLoads: unknown[] }>(`query { intakeLoads { id } }`, {}, tk.yc)).intakeLoads).toEqual([]);
    const judicialLoad = await t.gql(`mutation($input: IntakeLoadInput!) { beginIntakeLoad(input: $input) { id } }`, { input: { kind: "JUDGMENT", sourceSystem: "X", fileName: "j.csv", fileSha256: sha, totalRows: 1, allOrNothing: false } }, tk.wh);
    expect(judicialLoad.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const audit = await sqlQuery<{ outcome: string; org_code: string; detail: Record<string, unknown> }>(
      t.hub.dbs.archive!.orm.em.fork(),
      `select "outcome", "org_code", "detail" from "archive"."audit_entry" where "kind" = 'INTAKE' order by "seq"`,
    );
    expect(audit.map((a) => [a.outcome, a.org_code, (a.detail as { fileSha256: string }).fileSha256])).toEqual([
      ["STARTED", "HA-420100", sha],
      ["COMPLETED", "HA-420100", sha],
    ]);
    expect(audit[1].detail).toMatchObject({ inserted: 13, rejected: 8, totalRows: 21, fileName: "rent-ledger.csv" });
  });
});
