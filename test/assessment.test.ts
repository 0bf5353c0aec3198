// R7.3 督查考核 through the real gateway: a small known situation in two cities built with the real
// mutations and a moving clock — objections answered in time and late, procedure steps on time
// (one exactly on its last day) and late, rectifications on time, late and not done, repairs
// decided in time (on the deadline day) and late, a listing — compared with hand-computed
// figures per county, per city and for the province; the same table as an .xlsx read back.
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { cityDivisions, countiesOf } from "../src/domain/divisions";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput } from "./support/fixtures";

const RECORD = `mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id status } }`;
const EVIDENCE = `mutation($id: ID!, $file: EvidenceInput!) { addEvidence(recordId: $id, file: $file) { id } }`;
const IDENTIFY = `mutation($id: ID!) { identifyRecord(recordId: $id, input: { reason: "事实清楚，证据确凿" }) { id status } }`;
const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id deadline } }`;
const DECIDE = `mutation($id: ID!) { decideObjection(id: $id, input: { decision: UPHELD, reason: "经核查记录属实" }) { objection { status decidedOn } } }`;
const APPLY = `mutation($input: RepairInput!) { applyForRepair(input: $input) { id deadline } }`;
const DECIDE_REPAIR = `mutation($id: ID!) { decideRepair(id: $id, approve: true, reason: "已说明情况并签署信用承诺") { id status decidedOn } }`;
const COMPLY = `mutation($id: ID!, $on: String!) { recordRectificationCompliance(recordId: $id, compliedOn: $on) { id } }`;
const ADVANCE = `mutation($id: ID!) { advanceJointProcedure(entryId: $id) { id step status } }`;
const LISTS = `query($id: ID!) { family(id: $id) { lists { id kind step } } }`;

const ROW_FIELDS = `divisionCode divisionName level isTotal
  objectionsAnswered objectionsAnsweredInTime objectionsInTimeShare
  procedureSteps procedureStepsLate procedureStepsOnTimeShare
  rectificationsDue rectifiedOnTime rectifiedLate notRectified rectifiedOnTimeShare
  repairsDecided repairsDecidedInTime repairsInTimeShare
  families listings listingsPer10kFamilies`;
const ASSESS = `query($divisionCode: String, $from: Date!, $to: Date!, $includeCounties: Boolean) {
  creditAssessment(divisionCode: $divisionCode, from: $from, to: $to, includeCounties: $includeCounties) {
    divisionCode divisionName from to asOf rows { ${ROW_FIELDS} } total { ${ROW_FIELDS} }
  }
}`;
const WORKBOOK = `query($divisionCode: String, $from: Date!, $to: Date!) {
  creditAssessmentWorkbook(divisionCode: $divisionCode, from: $from, to: $to) { fileName mediaType contentBase64 sha256 size }
}`;

type Row = Record<string, string | number | boolean | null>;
type Assessment = { divisionCode: string; divisionName: string; from: string; to: string; asOf: string; rows: Row[]; total: Row };

const COMMITMENT = "c".repeat(64);
const PERIOD = { from: "2026-02-01", to: "2026-06-30" };

/** A row's figures in the order of the table: objections, steps, rectifications, repairs, listings. */
function figures(
  o: [answered: number, inTime: number, share: number | null],
  s: [steps: number, late: number, share: number | null],
  r: [due: number, onTime: number, late: number, not: number, share: number | null],
  p: [decided: number, inTime: number, share: number | null],
  l: [families: number, listings: number, per10k: number | null],
) {
  return {
    objectionsAnswered: o[0],
    objectionsAnsweredInTime: o[1],
    objectionsInTimeShare: o[2],
    procedureSteps: s[0],
    procedureStepsLate: s[1],
    procedureStepsOnTimeShare: s[2],
    rectificationsDue: r[0],
    rectifiedOnTime: r[1],
    rectifiedLate: r[2],
    notRectified: r[3],
    rectifiedOnTimeShare: r[4],
    repairsDecided: p[0],
    repairsDecidedInTime: p[1],
    repairsInTimeShare: p[2],
    families: l[0],
    listings: l[1],
    listingsPer10kFamilies: l[2],
  };
}

// Hand-computed for [2026-02-01, 2026-06-30] (see the timeline in beforeAll).
const EXPECTED = {
  // W1 objection in time; W2 steps 告知 03-17 and 公示 04-01 on time, 列入 04-17 late; rectifications
  // W1 on time, W3 late, W2 not; W3 repair on its deadline day; 3 families, W2 listed.
  "420100": figures([1, 1, 1], [3, 1, 0.6667], [3, 1, 1, 1, 0.3333], [1, 1, 1], [3, 1, 3333.33]),
  "420102": figures([0, 0, null], [0, 0, null], [1, 0, 1, 0, 0], [1, 1, 1], [1, 0, 0]),
  "420111": figures([1, 1, 1], [3, 1, 0.6667], [2, 1, 0, 1, 0.5], [0, 0, null], [2, 1, 5000]),
  // X2 objection late and repair late; X1 告知 late, rectification not done; 2 families.
  "420600": figures([1, 0, 0], [1, 1, 0], [1, 0, 0, 1, 0], [1, 0, 0], [2, 0, 0]),
  "420602": figures([1, 0, 0], [0, 0, null], [0, 0, 0, 0, null], [1, 0, 0], [1, 0, 0]),
  "420606": figures([0, 0, null], [1, 1, 0], [1, 0, 0, 1, 0], [0, 0, null], [1, 0, 0]),
  "420000": figures([2, 1, 0.5], [4, 2, 0.5], [4, 1, 1, 2, 0.25], [2, 1, 0.5], [5, 1, 2000]),
};
const EMPTY = figures([0, 0, null], [0, 0, null], [0, 0, 0, 0, null], [0, 0, null], [0, 0, null]);

describe.each<DbKind>(["postgres", "pglite"])("credit assessment 督查考核 (R7.3) on %s", (kind) => {
  let t: TestHub;
  const clock = new ManualClock("2026-03-02"); // a Monday
  let province: string;
  let wuhanAuditor: string;
  let xiangyangReviewer: string;

  const ok = async <T>(q: string, v: Record<string, unknown>, token: string): Promise<T> => {
    const r = await t.gql<T>(q, v, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!;
  };
  const assess = async (vars: Record<string, unknown>, token: string) => (await ok<{ creditAssessment: Assessment }>(ASSESS, vars, token)).creditAssessment;
  const row = (a: Assessment, code: string) => a.rows.find((r) => r.divisionCode === code);

  beforeAll(async () => {
    t = await startTestHub(kind, { clock });
    province = t.token("HA-420000", ["AUDITOR"], "province-auditor");
    wuhanAuditor = t.token("HA-420100", ["AUDITOR"], "wh-auditor");
    xiangyangReviewer = t.token("HA-420600", ["REVIEWER"], "xy-reviewer-2");
    // Recorder, identifier and objection/repair reviewer are different people (R5.4, R7.2).
    const staff = (division: string, prefix: string) => ({
      operator: t.token(`HA-${division}`, ["OPERATOR"], `${prefix}-operator`),
      identifier: t.token(`HA-${division}`, ["IDENTIFIER"], `${prefix}-identifier`),
      reviewer: t.token(`HA-${division}`, ["REVIEWER"], `${prefix}-reviewer`),
    });
    const wh = staff("420100", "wh");
    const xy = staff("420600", "xy");

    const create = async (division: string, token: string) => (await ok<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: familyInput(division), reason: "建档" }, token)).createFamily.id;
    const recordIdentified = async (s: typeof wh, familyId: string, behavior: string, occurredOn: string, rectification?: { orderedOn: string; deadline: string }) => {
      const id = (
        await ok<{ recordBehavior: { id: string } }>(
          RECORD,
          {
            input: {
              familyId,
              behavior,
              source: "MANAGEMENT",
              facts: `经入户核查发现${behavior}情形`,
              legalBasis: "《公共租赁住房管理办法》",
              occurredOn,
              informedBy: "NOTICE_LETTER",
              informedOn: occurredOn,
              ...(rectification ? { rectification } : {}),
            },
          },
          s.operator,
        )
      ).recordBehavior.id;
      await ok(EVIDENCE, { id, file: { fileName: "核查记录.pdf", mediaType: "application/pdf", contentBase64: Buffer.from(`evidence ${id}`).toString("base64") } }, s.operator);
      expect((await ok<{ identifyRecord: { status: string } }>(IDENTIFY, { id }, s.identifier)).identifyRecord.status).toBe("IDENTIFIED");
      return id;
    };
    const fileObjection = async (s: typeof wh, recordId: string) => (await ok<{ fileObjection: { id: string; deadline: string } }>(FILE, { input: { recordId, reasons: "对记录事实有异议", attachments: [] } }, s.operator)).fileObjection;
    const applyRepair = async (s: typeof wh, recordId: string) =>
      (await ok<{ applyForRepair: { id: string; deadline: string } }>(APPLY, { input: { recordId, method: "EXPLANATION", statement: "已说明情况并纠正", commitmentSha256: COMMITMENT } }, s.operator)).applyForRepair;
    const jointEntry = async (s: typeof wh, familyId: string) => {
      const lists = (await ok<{ family: { lists: { id: string; kind: string; step: string }[] } }>(LISTS, { id: familyId }, s.reviewer)).family.lists;
      const e = lists.find((l) => l.kind === "JOINT_PUNISHMENT")!;
      expect(e.step).toBe("REMINDED");
      return e.id;
    };
    const advance = async (s: typeof wh, entryId: string, step: string) => expect((await ok<{ advanceJointProcedure: { step: string } }>(ADVANCE, { id: entryId }, s.identifier)).advanceJointProcedure.step).toBe(step);

    // 2026-03-02 — Wuhan: W1, W2 in 洪山区 (420111), W3 in 江岸区 (420102); Xiangyang: X1 in 樊城区 (420606), X2 in 襄城区 (420602).
    const w1 = await create("420111", wh.operator);
    const w2 = await create("420111", wh.operator);
    const w3 = await create("420102", wh.operator);
    const x1 = await create("420606", xy.operator);
    const x2 = await create("420602", xy.operator);
    // Objections on mild records, deadline 5 working days: 2026-03-09.
    const w1b08 = await recordIdentified(wh, w1, "B08", "2026-02-20");
    const x2b08 = await recordIdentified(xy, x2, "B08", "2026-02-20");
    const o1 = await fileObjection(wh, w1b08);
    const o2 = await fileObjection(xy, x2b08);
    expect([o1.deadline, o2.deadline]).toEqual(["2026-03-09", "2026-03-09"]);
    // Rectification orders: W1 until 03-31, W3 until 03-10 (B11: no joint-punishment criterion).
    const w1b11 = await recordIdentified(wh, w1, "B11", "2026-03-01", { orderedOn: "2026-03-02", deadline: "2026-03-31" });
    const w3b11 = await recordIdentified(wh, w3, "B11", "2026-03-01", { orderedOn: "2026-03-02", deadline: "2026-03-10" });
    // B04 with a rectification deadline (02-10) passed unmet: the joint-punishment procedure starts
    // today with the reminder (10 working days: until 03-16; 告知 due 03-17, overdue after 03-24).
    await recordIdentified(wh, w2, "B04", "2026-01-20", { orderedOn: "2026-02-02", deadline: "2026-02-10" });
    await recordIdentified(xy, x1, "B04", "2026-01-20", { orderedOn: "2026-02-02", deadline: "2026-02-10" });
    const w2jp = await jointEntry(wh, w2);
    const x1jp = await jointEntry(xy, x1);

    clock.set("2026-03-05");
    await ok(DECIDE, { id: o1.id }, wh.reviewer); // in time
    clock.set("2026-03-12");
    await ok(DECIDE, { id: o2.id }, xy.reviewer); // late (deadline 03-09)
    const r1 = await applyRepair(xy, x2b08);
    expect(r1.deadline).toBe("2026-03-17"); // 3 working days
    clock.set("2026-03-17");
    await advance(wh, w2jp, "NOTIFIED"); // on its first day: defence until 03-24, 公示 due 03-25, overdue after 04-01
    clock.set("2026-03-20");
    await ok(COMPLY, { id: w1b11, on: "2026-03-20" }, wh.operator); // by 03-31: on time
    await ok(COMPLY, { id: w3b11, on: "2026-03-20" }, wh.operator); // after 03-10: late
    await ok(DECIDE_REPAIR, { id: r1.id }, xy.reviewer); // late (deadline 03-17)
    const r2 = await applyRepair(wh, w3b11);
    expect(r2.deadline).toBe("2026-03-25");
    clock.set("2026-03-25");
    await advance(xy, x1jp, "NOTIFIED"); // late: overdue after 03-24
    await ok(DECIDE_REPAIR, { id: r2.id }, wh.reviewer); // on the deadline day: in time
    clock.set("2026-04-01");
    await advance(wh, w2jp, "PUBLICIZING"); // on the last on-time day (04-01); publicity until 04-08
    // 列入 due 04-09; five working days later is 04-16 (清明 does not fall in them)
    clock.set("2026-04-17");
    await advance(wh, w2jp, "LISTED"); // late
    clock.set("2026-04-20");
  }, 180_000);
  afterAll(async () => t?.close());

  it("the province sees every city and county, one comparable row each, and the province total", async () => {
    const a = await assess(PERIOD, province);
    expect(a).toMatchObject({ divisionCode: "420000", divisionName: "湖北省", from: "2026-02-01", to: "2026-06-30", asOf: "2026-04-20" });
    const cities = cityDivisions().map((c) => c.code).sort();
    const expectedOrder = cities.flatMap((c) => [c, ...countiesOf(c).map((d) => d.code).sort()]);
    expect(a.rows.map((r) => r.divisionCode)).toEqual(expectedOrder);
    expect(a.rows).toHaveLength(116);
    for (const code of ["420100", "420102", "420111", "420600", "420602", "420606"] as const) {
      expect(row(a, code), code).toMatchObject({ ...EXPECTED[code], isTotal: false, level: code.endsWith("00") ? "CITY" : "COUNTY" });
    }
    expect(row(a, "420100")!.divisionName).toBe("武汉市");
    expect(row(a, "420200")).toMatchObject({ divisionName: "黄石市", ...EMPTY });
    expect(a.total).toMatchObject({ divisionCode: "420000", divisionName: "湖北省（全省合计）", level: "PROVINCE", isTotal: true, ...EXPECTED["420000"] });
    // the same columns in every row
    const keys = Object.keys(a.total).sort();
    for (const r of a.rows) expect(Object.keys(r).sort()).toEqual(keys);
    // cities only
    const citiesOnly = await assess({ ...PERIOD, includeCounties: false }, province);
    expect(citiesOnly.rows.map((r) => r.divisionCode)).toEqual(cities);
    expect(citiesOnly.total).toEqual(a.total);
  });

  it("counts only what happened in the period", async () => {
    const march = await assess({ from: "2026-03-01", to: "2026-03-31" }, province);
    // objections 2 (1 in time); steps: W2 告知 on time, X1 告知 late; rectification deadlines 03-10 (late) and 03-31 (on time)
    expect(march.total).toMatchObject(figures([2, 1, 0.5], [2, 1, 0.5], [2, 1, 1, 0, 0.5], [2, 1, 0.5], [5, 0, 0]));
    const april = await assess({ from: "2026-04-01", to: "2026-04-30" }, province);
    // W2 公示 on its last day, 列入 late; W2 listed
    expect(april.total).toMatchObject(figures([0, 0, null], [2, 1, 0.5], [0, 0, 0, 0, null], [0, 0, null], [5, 1, 2000]));
    expect(row(april, "420111")).toMatchObject({ procedureSteps: 2, procedureStepsLate: 1, listings: 1, listingsPer10kFamilies: 5000 });
  });

  it("a city sees itself and its counties; a county itself; never another city", async () => {
    const wuhan = await assess(PERIOD, wuhanAuditor);
    expect(wuhan.divisionCode).toBe("420100");
    expect(wuhan.rows.map((r) => r.divisionCode)).toEqual(["420100", ...countiesOf("420100").map((d) => d.code).sort()]);
    expect(row(wuhan, "420111")).toMatchObject(EXPECTED["420111"]);
    expect(wuhan.total).toMatchObject({ divisionCode: "420100", divisionName: "武汉市（合计）", isTotal: true, ...EXPECTED["420100"] });
    const xiangyang = await assess(PERIOD, xiangyangReviewer);
    expect(xiangyang.total).toMatchObject(EXPECTED["420600"]);
    expect(await assess({ ...PERIOD, divisionCode: "420600" }, province)).toEqual(xiangyang);
    const county = await assess(PERIOD, t.token("HA-420111", ["AUDITOR"], "hs-auditor"));
    expect(county.rows.map((r) => r.divisionCode)).toEqual(["420111"]);
    expect(county.total).toMatchObject({ divisionCode: "420111", ...EXPECTED["420111"] });

    for (const [q, vars, token, division] of [
      [ASSESS, { ...PERIOD, divisionCode: "420100" }, xiangyangReviewer, "420100"],
      [ASSESS, { ...PERIOD, divisionCode: "420000" }, wuhanAuditor, "420000"],
      [WORKBOOK, { ...PERIOD, divisionCode: "420600" }, wuhanAuditor, "420600"],
      [ASSESS, { ...PERIOD, divisionCode: "420102" }, t.token("HA-420111", ["AUDITOR"], "hs-auditor"), "420102"],
    ] as const) {
      const r = await t.gql(q, vars, token);
      expect(r.data).toBeNull();
      expect(r.errors![0].extensions).toMatchObject({ code: "FORBIDDEN", divisionCode: division });
    }
    const partner = await t.gql(ASSESS, PERIOD, t.token("PT-420100-MZ", ["CONSUMER"]));
    expect(partner.errors![0].extensions!.code).toBe("SHARING_NOT_PERMITTED");
  });

  it("refuses a reversed period, one longer than 3 years and an unknown division, in Chinese", async () => {
    const bad = async (vars: Record<string, unknown>) => (await t.gql(ASSESS, vars, province)).errors![0].extensions!;
    expect(await bad({ from: "2026-04-01", to: "2026-03-01" })).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "to", message: "结束日期不能早于开始日期" }] });
    expect(await bad({ from: "2023-01-01", to: "2026-01-01" })).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "to", message: "考核期间不能超过3年" }] });
    expect((await t.gql(ASSESS, { from: "2023-01-01", to: "2025-12-31" }, province)).errors).toBeUndefined();
    expect(await bad({ ...PERIOD, divisionCode: "999999" })).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "divisionCode", message: "行政区划代码“999999”不存在于湖北省区划中" }] });
    const workbook = await t.gql(WORKBOOK, { from: "2026-04-01", to: "2026-03-01" }, province);
    expect(workbook.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });

  it("exports the same table as an .xlsx: one sheet, title with division and period, Chinese headers", async () => {
    const f = (await ok<{ creditAssessmentWorkbook: { fileName: string; mediaType: string; contentBase64: string; sha256: string; size: number } }>(WORKBOOK, PERIOD, province)).creditAssessmentWorkbook;
    expect(f.fileName).toBe("督查考核_420000_2026-02-01_2026-06-30.xlsx");
    expect(f.mediaType).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const content = Buffer.from(f.contentBase64, "base64");
    expect(content.length).toBe(f.size);
    expect(createHash("sha256").update(content).digest("hex")).toBe(f.sha256);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(content as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("督查考核");
    expect(ws.getCell(1, 1).value).toBe("湖北省公租房信用管理督查考核表（2026-02-01 至 2026-06-30）");
    const headers = (ws.getRow(2).values as unknown[]).slice(1);
    expect(headers).toEqual([
      "区划代码",
      "区划名称",
      "异议答复数",
      "按期答复数",
      "异议按期答复率",
      "联合惩戒程序环节办理数",
      "逾期办理环节数",
      "程序环节按时办理率",
      "整改期限届满记录数",
      "按期整改数",
      "逾期整改数",
      "未整改数",
      "按期整改率",
      "信用修复决定数",
      "按期决定数",
      "修复按期决定率",
      "建档家庭数",
      "列入联合惩戒名单数",
      "每万户家庭列入数",
    ]);
    const values = (r: number) => Array.from({ length: headers.length }, (_, i) => ws.getCell(r, i + 1).value ?? null);
    const byCode = new Map<string, number>();
    ws.eachRow((r, n) => {
      if (n > 2 && typeof r.getCell(1).value === "string") byCode.set(r.getCell(1).value as string, n);
    });
    expect(values(byCode.get("420111")!)).toEqual(["420111", "洪山区", 1, 1, 1, 3, 1, 0.6667, 2, 1, 0, 1, 0.5, 0, 0, null, 2, 1, 5000]);
    expect(values(byCode.get("420100")!)).toEqual(["420100", "武汉市", 1, 1, 1, 3, 1, 0.6667, 3, 1, 1, 1, 0.3333, 1, 1, 1, 3, 1, 3333.33]);
    // the total row follows the 116 division rows
    const totalRow = 2 + 116 + 1;
    expect(values(totalRow)).toEqual(["420000", "湖北省（全省合计）", 2, 1, 0.5, 4, 2, 0.5, 4, 1, 1, 2, 0.25, 2, 1, 0.5, 5, 1, 2000]);
    expect(ws.getRow(totalRow).font?.bold).toBe(true);
    expect(ws.getCell(byCode.get("420111")!, 5).numFmt).toBe("0.00%");
    // a city's workbook names the city in its title
    const wuhan = (await ok<{ creditAssessmentWorkbook: { contentBase64: string; fileName: string } }>(WORKBOOK, PERIOD, wuhanAuditor)).creditAssessmentWorkbook;
    expect(wuhan.fileName).toBe("督查考核_420100_2026-02-01_2026-06-30.xlsx");
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(wuhan.contentBase64, "base64") as unknown as ArrayBuffer);
    expect(wb2.worksheets[0].getCell(1, 1).value).toBe("武汉市公租房信用管理督查考核表（2026-02-01 至 2026-06-30）");
  });
});
