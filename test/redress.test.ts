// Objection (R7.2), restoring reputation, repair (R7.5) and the credit report (R7.1), through the
// gateway with the clock moved: an objection suspends a listing at once (partner list and credit
// check change in the same second); a revoked record restores the score, removes the listing and
// sends correction notices to those who received it; a repair before the waiting period is
// refused with the date, after it succeeds and the record stays visible as repaired.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput, EVIDENCE } from "./support/fixtures";
import { contractOperation } from "./support/contract";
import { seedOrganizations } from "../src/seed/seed";

const RECORD = `mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id } }`;
const IDENTIFY = `mutation($id: ID!) { identifyRecord(recordId: $id, input: { reason: "事实清楚，证据确凿" }) { id status points } }`;
const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id status deadline recordIds attachments { fileName sha256 size } overdue } }`;
const EXTEND = `mutation($id: ID!, $reason: String!) { extendObjection(id: $id, reason: $reason) { id deadline extensionReason } }`;
const DECIDE = `mutation($id: ID!, $input: ObjectionDecisionInput!) { decideObjection(id: $id, input: $input) { objection { status decision decidedOn answerDocumentId } correctionNotices publicNoticesWithdrawn } }`;
const APPLY = `mutation($input: RepairInput!) { applyForRepair(input: $input) { id status deadline method } }`;
const DECIDE_REPAIR = `mutation($id: ID!, $approve: Boolean!, $reason: String!) { decideRepair(id: $id, approve: $approve, reason: $reason) { id status decidedOn decisionDocumentId } }`;
const OVERDUE = `query { overdueRedress(divisionCode: "420100") { objections { id overdue deadline } repairs { id overdue } } }`;
const STATE = `query($id: ID!) {
  family(id: $id) {
    credit { score tier records { id behavior status points counts suspendedByObjection archived } }
    lists { id kind status since until }
    documents { kind title body }
    objections { id status decision }
    repairs { id status }
  }
}`;
const REPORT = `query($id: ID!) { creditReport(familyId: $id, pdf: true) { report pdfBase64 } }`;
const CREDIT_CHECK = contractOperation("CreditCheck");
const CREDIT_LIST = contractOperation("CreditList"); // asks identity and tenancy too
const GRANT = contractOperation("GrantSharingPermission");
const COMMITMENT = "c".repeat(64);

type State = {
  family: {
    credit: { score: number; tier: string; records: { id: string; behavior: string; status: string; points: number; counts: boolean; suspendedByObjection: boolean; archived: boolean }[] };
    lists: { id: string; kind: string; status: string }[];
    documents: { kind: string; title: string; body: string }[];
    objections: { id: string; status: string; decision: string | null }[];
    repairs: { id: string; status: string }[];
  };
};

describe.each<DbKind>(["postgres", "pglite"])("objection, repair and the credit report on %s", (kind) => {
  let t: TestHub;
  const clock = new ManualClock("2026-04-27"); // a Monday before 劳动节
  let familyId: string;
  let applicantId: string;
  // R5 (分工明确): each role a different person — who records does not identify, who identifies does not answer the objection.
  const tok = (roles: string[]) => t.token("HA-420100", roles, `wh-${roles.join("-").toLowerCase()}`);
  let partner: string;

  const gql = async <T>(q: string, v: Record<string, unknown>, token: string) => {
    const r = await t.gql<T>(q, v, token);
    return r;
  };
  const ok = async <T>(q: string, v: Record<string, unknown>, token: string): Promise<T> => {
    const r = await gql<T>(q, v, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!;
  };
  const state = () => ok<State>(STATE, { id: familyId }, tok(["REVIEWER"])).then((d) => d.family);
  const recordAndIdentify = async (behavior: string, occurredOn: string) => {
    const r = await ok<{ recordBehavior: { id: string } }>(
      RECORD,
      { input: { familyId, behavior, source: "MANAGEMENT", facts: `核查发现${behavior}情形`, legalBasis: "《公共租赁住房管理办法》", occurredOn, informedBy: "NOTICE_LETTER", informedOn: occurredOn, evidence: EVIDENCE } },
      tok(["OPERATOR"]),
    );
    await ok(IDENTIFY, { id: r.recordBehavior.id }, tok(["IDENTIFIER"]));
    return r.recordBehavior.id;
  };
  const partnerSees = async () => {
    // the partner may see lists and credit only: identity and tenancy come back refused, the rest stands
    const listed = await gql<{ creditList: { edges: { node: { family: { id: string } } }[] } }>(CREDIT_LIST, { kind: "KEY_ATTENTION", divisionCode: "420100", first: 100 }, partner);
    expect(listed.errors?.every((e) => e.extensions?.code === "SHARING_NOT_PERMITTED") ?? true).toBe(true);
    const list = listed.data!;
    const check = await ok<{ creditCheck: { score: number; lists: { kind: string; status: string }[]; measures: { code: string }[]; suspendedByObjection: boolean } }>(
      CREDIT_CHECK,
      { idNumber: applicantId },
      partner,
    );
    return { listed: list.creditList.edges.some((e) => e.node.family.id === familyId), check: check.creditCheck };
  };

  beforeAll(async () => {
    t = await startTestHub(kind, { clock });
    await seedOrganizations(t.hub.dbs.archive!.orm.em.fork());
    const input = familyInput("420102");
    const created = await ok<{ createFamily: { id: string; applicant: { idNumber: string } } }>(CREATE_FAMILY, { input, reason: "新建档案" }, tok(["OPERATOR"]));
    familyId = created.createFamily.id;
    applicantId = created.createFamily.applicant.idNumber;
    partner = t.token("PT-420100-MZ", ["CONSUMER"]);
    await ok(
      GRANT,
      {
        input: {
          documentNumber: `鄂武住保许〔2026〕${kind}号`,
          granteeCode: "PT-420100-MZ",
          purpose: "资格联审",
          scopes: [
            { category: "LISTS", mode: "FULL" },
            { category: "CREDIT", mode: "FULL" },
          ],
          divisionCodes: ["420100"],
          validFrom: "2026-01-01T00:00:00+08:00",
          validUntil: "2028-01-01T00:00:00+08:00",
        },
      },
      tok(["ADMIN"]),
    );
  }, 120_000);
  afterAll(async () => t?.close());

  let objected: string;
  let objectionId: string;

  it("an objection suspends the listing at once: the partner's list and credit check change in the same second", async () => {
    objected = await recordAndIdentify("B06", "2026-04-20"); // 25 points: moderate, key attention
    const before = await partnerSees();
    expect(before.listed).toBe(true);
    expect(before.check).toMatchObject({ score: 75, suspendedByObjection: false, lists: [{ kind: "KEY_ATTENTION", status: "LISTED" }] });
    expect(before.check.measures.length).toBeGreaterThan(0);

    const filed = await ok<{ fileObjection: { id: string; status: string; deadline: string; recordIds: string[]; attachments: { sha256: string; size: number }[] } }>(
      FILE,
      { input: { recordId: objected, reasons: "已按期缴清租金，记录有误", attachments: [{ fileName: "缴费凭证.pdf", contentBase64: Buffer.from("receipt").toString("base64") }] } },
      tok(["OPERATOR"]),
    );
    objectionId = filed.fileObjection.id;
    // 5 working days: 4-28, 4-29, 4-30, (劳动节 5-1…5-5), 5-6, 5-7
    expect(filed.fileObjection).toMatchObject({ status: "OPEN", deadline: "2026-05-07", recordIds: [objected] });
    expect(filed.fileObjection.attachments[0]).toEqual({ fileName: "缴费凭证.pdf", size: 7, sha256: createHash("sha256").update("receipt").digest("hex") });

    const after = await partnerSees(); // same clock instant
    expect(after.listed).toBe(false);
    // To a partner a suspension shows only as suspendedByObjection: no SUSPENDED entry (contract README).
    expect(after.check).toMatchObject({ score: 100, suspendedByObjection: true, measures: [], lists: [] });
    const s = await state();
    expect(s.credit.records.find((r) => r.id === objected)).toMatchObject({ status: "IDENTIFIED", suspendedByObjection: true, counts: false, points: 0 });
    // only staff of the family's jurisdiction file, and nothing changes otherwise (R2.4)
    for (const token of [t.token("HA-420600", ["OPERATOR"]), partner, t.token("HA-420100", ["AUDITOR"])]) {
      const refused = await gql(FILE, { input: { recordId: objected, reasons: "越权提出的异议" } }, token);
      expect(refused.errors![0].extensions!.code).toMatch(/^(FORBIDDEN|SHARING_NOT_PERMITTED)$/);
      const repair = await gql(APPLY, { input: { recordId: objected, method: "EXPLANATION", statement: "越权申请修复", commitmentSha256: COMMITMENT } }, token);
      expect(repair.errors![0].extensions!.code).toMatch(/^(FORBIDDEN|SHARING_NOT_PERMITTED)$/);
    }
    expect((await state()).objections).toHaveLength(1);
    // a second objection against the same record is refused
    const again = await gql(FILE, { input: { recordId: objected, reasons: "再次提出异议" } }, tok(["OPERATOR"]));
    expect(again.errors![0].extensions!.code).toBe("CONFLICT");
  });

  it("extends the deadline once, to 20 working days, and reports overdue objections", async () => {
    const ext = await ok<{ extendObjection: { deadline: string } }>(EXTEND, { id: objectionId, reason: "需向法院调取执行材料" }, tok(["REVIEWER"]));
    // 20 working days from 4-27 on the calendar (5-9 is a working Saturday)
    expect(ext.extendObjection.deadline).toBe("2026-05-27");
    expect((await gql(EXTEND, { id: objectionId, reason: "再次延期申请" }, tok(["REVIEWER"]))).errors![0].extensions!.code).toBe("CONFLICT");
    expect((await gql(EXTEND, { id: objectionId, reason: "操作员无权延期" }, tok(["OPERATOR"]))).errors![0].extensions!.code).toBe("FORBIDDEN");
    clock.set("2026-05-27");
    expect((await ok<{ overdueRedress: { objections: unknown[] } }>(OVERDUE, {}, tok(["REVIEWER"]))).overdueRedress.objections).toEqual([]);
    clock.set("2026-05-28");
    expect((await ok<{ overdueRedress: { objections: { id: string; overdue: boolean }[] } }>(OVERDUE, {}, tok(["REVIEWER"]))).overdueRedress.objections).toEqual([
      expect.objectContaining({ id: objectionId, overdue: true, deadline: "2026-05-27" }),
    ]);
  });

  it("a revoked record restores the score, removes the listing and sends correction notices to those who received it", async () => {
    const d = await ok<{ decideObjection: { objection: { status: string; decision: string; answerDocumentId: string }; correctionNotices: number } }>(
      DECIDE,
      { id: objectionId, input: { decision: "REVOKED", reason: "缴费凭证真实，原记录有误" } },
      tok(["REVIEWER"]),
    );
    expect(d.decideObjection.objection).toMatchObject({ status: "DECIDED", decision: "REVOKED" });
    expect(d.decideObjection.correctionNotices).toBe(1); // PT-420100-MZ received the credit and list data
    const s = await state();
    expect(s.credit.score).toBe(100);
    expect(s.credit.records.find((r) => r.id === objected)).toMatchObject({ status: "REVOKED", counts: false, suspendedByObjection: false });
    expect(s.lists.filter((l) => l.kind === "KEY_ATTENTION")).toEqual([]);
    const kinds = s.documents.map((x) => x.kind);
    expect(kinds).toEqual(expect.arrayContaining(["OBJECTION_ANSWER", "CORRECTION_NOTICE", "REMOVAL_NOTICE"]));
    const notice = s.documents.find((x) => x.kind === "CORRECTION_NOTICE")!;
    expect(notice.body).toContain("武汉市民政局");
    expect(notice.body).toContain("撤销");
    expect((await partnerSees()).check).toMatchObject({ score: 100, suspendedByObjection: false, lists: [], measures: [] });
    expect((await gql(DECIDE, { id: objectionId, input: { decision: "UPHELD", reason: "重复答复测试" } }, tok(["REVIEWER"]))).errors![0].extensions!.code).toBe("CONFLICT");
  });

  it("an upheld objection lifts the suspension; a corrected one rescoring the corrected record", async () => {
    const mild = await recordAndIdentify("B08", "2026-05-20"); // 5 points
    const o1 = await ok<{ fileObjection: { id: string } }>(FILE, { input: { recordId: mild, reasons: "维修已及时通知" } }, tok(["OPERATOR"]));
    expect((await state()).credit.score).toBe(100);
    await ok(DECIDE, { id: o1.fileObjection.id, input: { decision: "UPHELD", reason: "维修记录显示未及时通知" } }, tok(["REVIEWER"]));
    expect((await state()).credit).toMatchObject({ score: 95, tier: "MILD" });
    const other = await recordAndIdentify("B03", "2026-05-21"); // 10 points
    expect((await state()).credit.score).toBe(85);
    const o2 = await ok<{ fileObjection: { id: string } }>(FILE, { input: { recordId: other, reasons: "行为定性有误" } }, tok(["OPERATOR"]));
    const bad = await gql(DECIDE, { id: o2.fileObjection.id, input: { decision: "CORRECTED", reason: "定性更正" } }, tok(["REVIEWER"]));
    expect(bad.errors![0].extensions!.code).toBe("BAD_USER_INPUT"); // a correction needs its content
    await ok(DECIDE, { id: o2.fileObjection.id, input: { decision: "CORRECTED", reason: "定性更正为B11", correction: { behaviorCode: "B11" } } }, tok(["REVIEWER"]));
    const s = await state();
    expect(s.credit.records.find((r) => r.id === other)).toMatchObject({ behavior: "B11", status: "IDENTIFIED", counts: true, points: 10 });
    expect(s.credit.score).toBe(85);
  });

  it("refuses a repair before the waiting period with the date, then repairs: kept, shown as repaired, not counted", async () => {
    clock.set("2026-06-01");
    const severe = await recordAndIdentify("B02", "2026-05-25"); // 45 points, intentional, severe
    expect((await state()).credit.score).toBe(40);
    const wrongMethod = await gql(APPLY, { input: { recordId: severe, method: "EXPLANATION", statement: "已退出住房", commitmentSha256: COMMITMENT } }, tok(["OPERATOR"]));
    expect(wrongMethod.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    const early = await gql(APPLY, { input: { recordId: severe, method: "PUNISHMENT_AND_CONDUCT", statement: "已接受处理并退回补贴", commitmentSha256: COMMITMENT } }, tok(["OPERATOR"]));
    expect(early.errors![0].extensions).toMatchObject({ code: "CONFLICT", eligibleOn: "2027-06-01" });
    expect(early.errors![0].message).toContain("2027-06-01");
    expect((await state()).repairs).toEqual([]); // nothing written

    clock.set("2027-06-01");
    const applied = await ok<{ applyForRepair: { id: string; status: string; deadline: string } }>(
      APPLY,
      { input: { recordId: severe, method: "PUNISHMENT_AND_CONDUCT", statement: "已接受处理并退回补贴，一年内守信", commitmentSha256: COMMITMENT } },
      tok(["OPERATOR"]),
    );
    expect(applied.applyForRepair).toMatchObject({ status: "OPEN", deadline: "2027-06-04" }); // 3 working days
    // key attention came from the two mild records (B08, B03→B11), before the severe behaviour
    expect((await state()).lists.map((l) => l.kind)).toEqual(["KEY_ATTENTION"]);
    await ok(DECIDE_REPAIR, { id: applied.applyForRepair.id, approve: true, reason: "已纠正失信行为并签署信用承诺" }, tok(["REVIEWER"]));
    const s = await state();
    expect(s.lists.map((l) => l.kind)).toEqual(["KEY_ATTENTION"]); // not grounded on the repaired record
    expect(s.credit.records.find((r) => r.id === severe)).toMatchObject({ status: "REPAIRED", counts: false, points: 0 });
    expect(s.credit.score).toBe(85);
    expect(s.documents.map((x) => x.kind)).toContain("REPAIR_DECISION");
    // a mild record is repairable at once
    const mild = s.credit.records.find((r) => r.behavior === "B08")!;
    const now = await ok<{ applyForRepair: { id: string; status: string } }>(APPLY, { input: { recordId: mild.id, method: "EXPLANATION", statement: "已说明情况", commitmentSha256: COMMITMENT } }, tok(["OPERATOR"]));
    expect(now.applyForRepair.status).toBe("OPEN");
    // repairing a record the listing stands on ends the listing
    await ok(DECIDE_REPAIR, { id: now.applyForRepair.id, approve: true, reason: "已说明情况并签署信用承诺" }, tok(["REVIEWER"]));
    const after = await state();
    expect(after.lists).toEqual([]);
    expect(after.credit.score).toBe(90);
    expect(after.documents.filter((x) => x.kind === "REMOVAL_NOTICE").map((x) => x.body).join()).toContain("信用修复");
  });

  it("archives a record after its behaviour's use period: kept for the authority, no longer counted or disclosed (R7.4)", async () => {
    const old = await ok<{ recordBehavior: { id: string } }>(
      RECORD,
      { input: { familyId, behavior: "B11", source: "MANAGEMENT", facts: "2021年核查发现的历史记录", legalBasis: "《公共租赁住房管理办法》", occurredOn: "2021-03-01", endedOn: "2022-05-31", informedBy: "NOTICE_LETTER", informedOn: "2021-03-05", evidence: EVIDENCE } },
      tok(["OPERATOR"]),
    );
    await ok(IDENTIFY, { id: old.recordBehavior.id }, tok(["IDENTIFIER"]));
    const staff = await state();
    expect(staff.credit.records.find((r) => r.id === old.recordBehavior.id)).toMatchObject({ archived: true, counts: false, points: 0 });
    expect(staff.credit.score).toBe(90); // 5 years from 2022-05-31 ended on 2027-05-31
    const seen = await gql<{ family: { credit: { records: { id: string }[] } } }>(`query($id: ID!) { family(id: $id) { credit { records { id } } } }`, { id: familyId }, partner);
    expect(seen.data!.family.credit.records.map((r) => r.id)).not.toContain(old.recordBehavior.id);
    expect(seen.data!.family.credit.records.length).toBeGreaterThan(0);
  });

  it("produces the credit report as JSON and PDF, with who received the family's data", async () => {
    const r = await ok<{ creditReport: { report: Record<string, unknown> & { records: { status: string; objections: unknown[]; repairs: unknown[] }[]; disclosures: { organizationCode: string; permissions: string[] }[]; family: { maskedApplicantName: string } }; pdfBase64: string } }>(
      REPORT,
      { id: familyId },
      tok(["REVIEWER"]),
    );
    const report = r.creditReport.report;
    expect(report.score).toBe(90);
    expect(report.family.maskedApplicantName).toBe("测**");
    expect(report.records.map((x) => x.status).sort()).toEqual(["IDENTIFIED", "IDENTIFIED", "REPAIRED", "REPAIRED", "REVOKED"]);
    expect(report.records.find((x) => x.status === "REVOKED")!.objections).toHaveLength(1);
    expect(report.records.filter((x) => x.status === "REPAIRED").map((x) => x.repairs.length)).toEqual([1, 1]);
    expect(report.disclosures.some((d) => d.organizationCode === "PT-420100-MZ" && d.permissions.includes(`鄂武住保许〔2026〕${kind}号`))).toBe(true);
    expect(Buffer.from(r.creditReport.pdfBase64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    // only the family's own authority produces it
    const partnerReport = await t.gql(REPORT, { id: familyId }, partner);
    expect(partnerReport.data).toBeNull();
    expect(partnerReport.errors![0].extensions!.code).toBe("SHARING_NOT_PERMITTED");
    const otherCity = await t.gql(REPORT, { id: familyId }, t.token("HA-420600", ["REVIEWER"]));
    expect(otherCity.errors![0].extensions!.code).toBe("SHARING_NOT_PERMITTED");
  });

  it("an objection against a public listing takes it off the public list; revoked, the public notice is withdrawn and recorded", async () => {
    const batch = await ok<{ publishWarningBatch: { added: number } }>(`mutation { publishWarningBatch(divisionCode: "420100") { added } }`, {}, tok(["IDENTIFIER"]));
    expect(batch.publishWarningBatch.added).toBe(1);
    const entry = (await state()).lists.find((l) => l.kind === "WARNING")!;
    const PUBLIC = contractOperation("PublicList");
    const onPublic = async () => (await ok<{ publicList: { totalCount: number } }>(PUBLIC, { kind: "WARNING", divisionCode: "420100", first: 10 }, "")).publicList.totalCount;
    expect(await onPublic()).toBe(1);
    const o = await ok<{ fileObjection: { id: string; recordIds: string[] } }>(FILE, { input: { listEntryId: entry.id, reasons: "该家庭已整改到位" } }, tok(["OPERATOR"]));
    expect(o.fileObjection.recordIds.length).toBeGreaterThan(0);
    expect(await onPublic()).toBe(0); // SUSPENDED never shows
    const d = await ok<{ decideObjection: { publicNoticesWithdrawn: number } }>(DECIDE, { id: o.fileObjection.id, input: { decision: "REVOKED", reason: "核查属实，撤销记录" } }, tok(["REVIEWER"]));
    expect(d.decideObjection.publicNoticesWithdrawn).toBe(1);
    const s = await state();
    expect(s.lists).toEqual([]);
    expect(s.documents.map((x) => x.kind)).toContain("PUBLIC_NOTICE_WITHDRAWAL");
    expect(await onPublic()).toBe(0);
  });
});
