// A year of the mechanism (issue 13) on the injectable clock, through the gateway, on PostgreSQL
// and PGlite: the scheduler drives the duties (exactly once with two replicas, catching up after
// a gap), a Wuhan family goes from a rectification order given after identification to listing,
// with an objection during every step (each step refused while suspended, the clock resumed by
// the suspended days), its statement and defence in the listing decision, the listing expiring on
// its own date, M07 running on for five years; four-eyes refusals; the national push's payload.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { addDays, addYears, daysBetween } from "../src/domain/credit/dates";
import { DutyScheduler } from "../src/jobs/scheduler";
import { PROVINCE_RULES_V1 } from "../src/domain/credit/rule-set";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, EVIDENCE, familyInput } from "./support/fixtures";

const RECORD = `mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id status } }`;
const IDENTIFY = `mutation($id: ID!) { identifyRecord(recordId: $id, input: { reason: "事实清楚、证据确凿、依据充分" }) { id status } }`;
const ORDER = `mutation($id: ID!, $deadline: Date!) { orderRectification(recordId: $id, deadline: $deadline) { id } }`;
const ADVANCE = `mutation($id: ID!, $years: Int) { advanceJointProcedure(entryId: $id, listingYears: $years) { id status step procedure { reminderDeadline notifiedOn defenceUntil publicityFrom publicityUntil listedOn listedUntil } } }`;
const FILE = `mutation($input: ObjectionInput!) { fileObjection(input: $input) { id status } }`;
const DECIDE = `mutation($id: ID!) { decideObjection(id: $id, input: { decision: UPHELD, reason: "经核查，原认定事实清楚" }) { objection { status decision } } }`;
const STATEMENT = `mutation($id: ID!, $input: DefenceStatementInput!) { recordDefenceStatement(entryId: $id, input: $input) { id receivedOn assessment } }`;
const ASSESS = `mutation($id: ID!, $a: String!) { assessDefenceStatement(statementId: $id, assessment: $a) { id assessment } }`;
const DOCS = `query($id: ID!) { family(id: $id) { documents { kind number body } } }`;
const PROCEDURES = `query($kind: ListKind!) { listProcedures(kind: $kind, first: 100) { edges { node { id kind status step family { id } procedure { reminderDeadline notifiedOn defenceUntil publicityUntil listedOn listedUntil } } } } }`;
const OVERDUE = `{ overdueProcedureSteps(divisionCode: "420100") { listEntryId } }`;
const RUNS = `query($duty: String) { dutyRuns(duty: $duty, first: 100) { duty slot status instance catchUp counts { name value } error } }`;
const OUTBOX = `query($d: OutboxDestination!) { outboxPending(destination: $d, first: 100) { sequence familyId status national { reason subjects { name idNumber relation } behaviors { code occurredOn } basis decisionNumber listedOn listedUntil removedOn authorityCode } } }`;
const CREDIT_CHECK = `query($idNumber: String!) { creditCheck(idNumber: $idNumber) { found lists { kind status } measures { code name until } suspendedByObjection } }`;

type Entry = { id: string; kind: string; status: string; step: string; procedure: Record<string, string>; family?: { id: string } };

describe.each<DbKind>(["postgres", "pglite"])("a year of procedures and duties on %s (issue 13)", (kind) => {
  let t: TestHub;
  const clock = new ManualClock("2026-06-01");
  const tok = {} as Record<"whOp" | "whId" | "whRev" | "ycOp" | "ycId" | "province" | "provinceAdmin", string>;
  let familyA: string;
  let membersA: { name: string; idNumber: string; relation: string }[];
  let familyB: string;

  const gql = async <T>(q: string, v: Record<string, unknown>, token: string) => {
    const r = await t.gql<T>(q, v, token);
    return r;
  };
  const ok = async <T>(q: string, v: Record<string, unknown>, token: string): Promise<T> => {
    const r = await gql<T>(q, v, token);
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data!;
  };
  const code = async (q: string, v: Record<string, unknown>, token: string) => (await gql(q, v, token)).errors?.[0]?.extensions?.code;
  const entryOf = async (familyId: string, kindOf = "JOINT_PUNISHMENT") =>
    (await ok<{ listProcedures: { edges: { node: Entry }[] } }>(PROCEDURES, { kind: kindOf }, tok.province)).listProcedures.edges.map((e) => e.node).find((e) => e.family?.id === familyId && e.status !== "REMOVED");
  const record = (familyId: string, behavior: string, occurredOn: string, token: string, withEvidence = true) =>
    ok<{ recordBehavior: { id: string } }>(
      RECORD,
      { input: { familyId, behavior, source: "MANAGEMENT", facts: `经入户核查发现${behavior}情形`, legalBasis: "《公共租赁住房管理办法》", occurredOn, informedBy: "NOTICE_LETTER", informedOn: occurredOn, ...(withEvidence ? { evidence: EVIDENCE } : {}) } },
      token,
    ).then((d) => d.recordBehavior.id);
  const objectAndAnswer = async (entryId: string, suspendedDays: number) => {
    const filed = await ok<{ fileObjection: { id: string } }>(FILE, { input: { listEntryId: entryId, reasons: "家庭认为相关事实有误，申请核查" } }, tok.whOp);
    const suspended = await entryOf(familyA);
    expect(suspended).toMatchObject({ id: entryId, status: "SUSPENDED" });
    // R7.2: no step while the objection is verified, and the entry stays SUSPENDED.
    const refused = await gql(ADVANCE, { id: entryId }, tok.whId);
    expect(refused.errors![0].extensions).toMatchObject({ code: "CONFLICT", status: "SUSPENDED" });
    expect(refused.errors![0].message).toContain("异议核查");
    expect((await entryOf(familyA))!.status).toBe("SUSPENDED");
    clock.advanceDays(suspendedDays);
    expect((await ok<{ overdueProcedureSteps: unknown[] }>(OVERDUE, {}, tok.whId)).overdueProcedureSteps).toEqual([]);
    // Four eyes: the identifier of the record cannot answer the objection against it.
    expect((await gql(DECIDE, { id: filed.fileObjection.id }, tok.whId)).errors![0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "FOUR_EYES" });
    await ok(DECIDE, { id: filed.fileObjection.id }, tok.whRev);
    return suspended!;
  };

  beforeAll(async () => {
    t = await startTestHub(kind, { clock });
    tok.whOp = t.token("HA-420111", ["OPERATOR"], "hs-operator");
    tok.whId = t.token("HA-420100", ["IDENTIFIER", "REVIEWER"], "wh-identifier");
    tok.whRev = t.token("HA-420100", ["REVIEWER"], "wh-reviewer");
    tok.ycOp = t.token("HA-420502", ["OPERATOR"], "yc-operator");
    tok.ycId = t.token("HA-420500", ["IDENTIFIER"], "yc-identifier");
    tok.province = t.token("HA-420000", ["AUDITOR"], "province-auditor");
    tok.provinceAdmin = t.token("HA-420000", ["ADMIN", "OPERATOR"], "province-admin");
    // Family A is registered (户籍) in Sichuan: archived in Wuhan like any other (R3.1).
    const a = familyInput("420111", { household: { hukouDivisionCode: "510104", maritalStatus: "已婚", size: 2 } });
    membersA = a.members.map((m: { name: string; idNumber: string; relation: string }) => ({ name: m.name, idNumber: m.idNumber, relation: m.relation }));
    familyA = (await ok<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: a, reason: "建档" }, tok.whOp)).createFamily.id;
    familyB = (await ok<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: familyInput("420502"), reason: "建档" }, tok.ycOp)).createFamily.id;
  }, 120_000);
  afterAll(async () => t?.close());

  it("runs a year: safeguards, a rectification ordered after identification, objections in every step, listing, expiry, M07, the push, the scheduler", async () => {
    const scheduler = t.hub.scheduler!;
    // --- Safeguards (R5: 事实清楚、证据确凿、依据充分; 分工明确) -----------------------------------
    const both = t.token("HA-420100", ["OPERATOR", "IDENTIFIER"], "wh-both-roles");
    const selfRecorded = await record(familyA, "B04", "2026-05-20", both);
    const four = await gql(IDENTIFY, { id: selfRecorded }, both);
    expect(four.errors![0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "FOUR_EYES" });
    const noEvidence = await record(familyA, "B08", "2026-05-21", tok.whOp, false);
    const bare = await gql(IDENTIFY, { id: noEvidence }, tok.whId);
    expect(bare.errors![0].extensions!.code).toBe("CONFLICT");
    expect(bare.errors![0].message).toContain("证据材料");
    // Yichang's staff cannot act on a Wuhan record.
    const b04 = await record(familyA, "B04", "2026-05-20", tok.whOp);
    expect(await code(IDENTIFY, { id: b04 }, tok.ycId)).toBe("FORBIDDEN");
    await ok(IDENTIFY, { id: b04 }, tok.whId);
    // A Yichang family's mild record: the quarter's warning list will take it.
    await ok(IDENTIFY, { id: await record(familyB, "B08", "2026-05-25", tok.ycOp) }, tok.ycId);

    // --- R6.3: a rectification order after identification; its deadline passing starts the procedure.
    await ok(ORDER, { id: b04, deadline: "2026-06-15" }, tok.whId);
    expect(await code(ORDER, { id: b04, deadline: "2026-06-20" }, tok.whId)).toBe("CONFLICT");
    expect(await entryOf(familyA)).toBeUndefined();

    // --- The scheduler, two replicas ticking at once: each slot runs exactly once.
    clock.set("2026-06-16");
    const replica = new DutyScheduler({ gatewayUrl: t.url, config: t.config, clock, instance: "replica-2" });
    const [mine, theirs] = await Promise.all([scheduler.tick(), replica.tick()]);
    for (let i = 0; i < mine.length; i++) {
      const results = [mine[i].result, theirs[i].result].sort();
      expect(results.filter((r) => r === "RAN"), `${mine[i].duty}: ${results}`).toHaveLength(1);
      expect(results.every((r) => r === "RAN" || r === "TAKEN" || r === "DONE")).toBe(true);
    }
    let runs = (await ok<{ dutyRuns: { duty: string; slot: string; status: string; catchUp: boolean; counts: { name: string; value: number }[] }[] }>(RUNS, { duty: null }, tok.province)).dutyRuns;
    const bySlot = (duty: string, slot: string) => runs.filter((r) => r.duty === duty && r.slot === slot);
    for (const duty of ["RESCORE", "LIST_MAINTENANCE", "CANDIDATE_SCAN", "PROCEDURE_DEADLINES", "REDRESS_DEADLINES", "NATIONAL_PUSH"]) expect(bySlot(duty, "2026-06-16"), duty).toMatchObject([{ status: "SUCCEEDED" }]);
    expect(bySlot("WARNING_PUBLICATION", "2026Q2")).toMatchObject([{ status: "SUCCEEDED" }]);
    expect(bySlot("LIST_MAINTENANCE", "2026-06-16")[0].counts).toContainEqual({ name: "started", value: 1 });
    // A second tick the same day runs nothing again; a city cannot read the history.
    expect((await scheduler.tick()).every((o) => o.result === "DONE")).toBe(true);
    expect(await code(RUNS, { duty: null }, tok.whId)).toBe("FORBIDDEN");

    let jp = (await entryOf(familyA))!;
    expect(jp).toMatchObject({ status: "PRELIMINARY", step: "REMINDED" });

    // --- 催告: objection filed, 32 days suspended; the reminder deadline moves by 32 days.
    clock.set("2026-06-18");
    const before = await objectAndAnswer(jp.id, 32);
    jp = (await entryOf(familyA))!;
    expect(jp.status).toBe("PRELIMINARY");
    expect(jp.procedure.reminderDeadline).toBe(addDays(before.procedure.reminderDeadline, 32));
    expect((await ok<{ overdueProcedureSteps: unknown[] }>(OVERDUE, {}, tok.whId)).overdueProcedureSteps).toEqual([]);

    // --- 告知: the statement and defence, weighed by another person before the procedure goes on.
    clock.set(addDays(jp.procedure.reminderDeadline, 1));
    jp = (await ok<{ advanceJointProcedure: Entry }>(ADVANCE, { id: jp.id }, tok.whId)).advanceJointProcedure;
    expect(jp.step).toBe("NOTIFIED");
    const said = await ok<{ recordDefenceStatement: { id: string } }>(
      STATEMENT,
      { id: jp.id, input: { receivedOn: jp.procedure.notifiedOn, channel: "WRITTEN", content: "我家已于六月底恢复房屋原状，请求不予列入", attachments: [] } },
      tok.whOp,
    );
    expect(await code(STATEMENT, { id: jp.id, input: { receivedOn: addDays(jp.procedure.notifiedOn, -1), channel: "ORAL", content: "期限外的陈述", attachments: [] } }, tok.whOp)).toBe("BAD_USER_INPUT");
    expect(await code(ASSESS, { id: said.recordDefenceStatement.id, a: "登记人自行复核" }, tok.whOp)).toBe("FORBIDDEN");
    clock.set("2026-07-28");
    const notifiedBefore = await objectAndAnswer(jp.id, 3);
    jp = (await entryOf(familyA))!;
    expect(jp.procedure.defenceUntil).toBe(addDays(notifiedBefore.procedure.defenceUntil, 3));
    clock.set(addDays(jp.procedure.defenceUntil, 1));
    const unweighed = await gql(ADVANCE, { id: jp.id }, tok.whId);
    expect(unweighed.errors![0].extensions).toMatchObject({ code: "CONFLICT", unassessed: 1 });
    await ok(ASSESS, { id: said.recordDefenceStatement.id, a: "经现场核查，房屋结构尚未恢复，陈述不予采纳" }, tok.whId);

    // --- 公示, with an objection during it.
    jp = (await ok<{ advanceJointProcedure: Entry }>(ADVANCE, { id: jp.id }, tok.whId)).advanceJointProcedure;
    expect(jp.step).toBe("PUBLICIZING");
    const publicBefore = await objectAndAnswer(jp.id, 2);
    jp = (await entryOf(familyA))!;
    expect(jp.procedure.publicityUntil).toBe(addDays(publicBefore.procedure.publicityUntil, 2));

    // --- 列入 for one year; the decision states the defence and how it was weighed.
    clock.set(addDays(jp.procedure.publicityUntil, 1));
    jp = (await ok<{ advanceJointProcedure: Entry }>(ADVANCE, { id: jp.id, years: 1 }, tok.whId)).advanceJointProcedure;
    const listedOn = jp.procedure.listedOn;
    expect(jp).toMatchObject({ status: "LISTED", step: "LISTED", procedure: { listedUntil: addYears(listedOn, 1) } });
    const docs = (await ok<{ family: { documents: { kind: string; number: string; body: string }[] } }>(DOCS, { id: familyA }, tok.whOp)).family.documents;
    const decision = docs.find((d) => d.kind === "LISTING_DECISION")!;
    expect(decision.body).toContain("我家已于六月底恢复房屋原状");
    expect(decision.body).toContain("陈述不予采纳");
    expect(docs.some((d) => d.kind === "RECTIFICATION_ORDER")).toBe(true);

    // --- An objection while listed: no measures while verified (R7.2), then resumed; the listing's end does not move.
    const checkA = () => ok<{ creditCheck: { lists: { kind: string; status: string }[]; measures: { code: string; until: string | null }[]; suspendedByObjection: boolean } }>(CREDIT_CHECK, { idNumber: membersA[0].idNumber }, tok.province);
    expect((await checkA()).creditCheck.measures.find((m) => m.code === "M07")).toEqual({ code: "M07", name: expect.any(String), until: addYears(listedOn, 5) });
    clock.advanceDays(10);
    const filed = await ok<{ fileObjection: { id: string } }>(FILE, { input: { listEntryId: jp.id, reasons: "对列入决定所依据的事实有异议" } }, tok.whOp);
    expect((await checkA()).creditCheck).toMatchObject({ measures: [], suspendedByObjection: true });
    clock.advanceDays(4);
    await ok(DECIDE, { id: filed.fileObjection.id }, tok.whRev);
    jp = (await entryOf(familyA))!;
    expect(jp).toMatchObject({ status: "LISTED", procedure: { listedUntil: addYears(listedOn, 1) } });

    // --- R6.7: the national outbox holds the listing and its suspension and resumption only,
    // each with the responsible members' full identity; report-up carries none.
    const national = (await ok<{ outboxPending: { familyId: string; status: string; national: Record<string, unknown> & { reason: string } }[] }>(OUTBOX, { d: "NATIONAL" }, tok.provinceAdmin)).outboxPending.filter((i) => i.familyId === familyA);
    expect(national.map((i) => [i.status, i.national.reason])).toEqual([
      ["LISTED", "LISTED"],
      ["SUSPENDED", "SUSPENDED"],
      ["LISTED", "RESUMED"],
    ]);
    const responsible = membersA.filter((m) => m.relation === "本人" || m.relation === "配偶");
    for (const item of national) {
      expect(item.national).toEqual({
        reason: item.national.reason,
        subjects: responsible,
        behaviors: [{ code: "B04", occurredOn: "2026-05-20" }],
        basis: ["R6.3(3)"],
        decisionNumber: decision.number,
        listedOn,
        listedUntil: addYears(listedOn, 1),
        removedOn: null,
        authorityCode: "HA-420100",
      });
    }
    // R6.7 逐级报送: the city reads what its county reported — with the decision and the family —,
    // the province reads everything, Yichang and the county itself nothing of it, a partner nothing at all.
    const REPORTS = `query($after: String) { reportsReceived(first: 200, after: $after) { items { sequence kind divisionCode status cause decisionNumber reasons family { id applicant { idNumber } } } endCursor hasNextPage } }`;
    type Reports = { reportsReceived: { items: { sequence: string; kind: string; divisionCode: string; status: string; cause: string | null; decisionNumber: string | null; reasons: string[]; family: { id: string; applicant: { idNumber: string } } }[]; endCursor: string; hasNextPage: boolean } };
    const cityReads = (await ok<Reports>(REPORTS, {}, tok.whId)).reportsReceived.items.filter((i) => i.family.id === familyA && i.kind === "JOINT_PUNISHMENT");
    expect(cityReads.map((i) => [i.status, i.cause])).toEqual([
      ["PRELIMINARY", null],
      ["SUSPENDED", "SUSPENDED"],
      ["PRELIMINARY", "RESUMED"],
      ["PRELIMINARY", null],
      ["SUSPENDED", "SUSPENDED"],
      ["PRELIMINARY", "RESUMED"],
      ["PUBLICIZING", null],
      ["SUSPENDED", "SUSPENDED"],
      ["PUBLICIZING", "RESUMED"],
      ["LISTED", "LISTED"],
      ["SUSPENDED", "SUSPENDED"],
      ["LISTED", "RESUMED"],
    ]);
    expect(cityReads.at(-1)).toMatchObject({ divisionCode: "420111", decisionNumber: decision.number, reasons: ["R6.3(3)"], family: { applicant: { idNumber: membersA[0].idNumber } } });
    const provinceReads = (await ok<Reports>(REPORTS, {}, tok.province)).reportsReceived.items;
    expect(provinceReads.filter((i) => i.family.id === familyA && i.kind === "JOINT_PUNISHMENT").map((i) => i.sequence)).toEqual(cityReads.map((i) => i.sequence));
    expect(provinceReads.some((i) => i.family.id === familyB)).toBe(true);
    const resumed = await ok<Reports>(REPORTS, { after: cityReads[5].sequence }, tok.whId);
    expect(resumed.reportsReceived.items.filter((i) => i.family.id === familyA && i.kind === "JOINT_PUNISHMENT").map((i) => i.sequence)).toEqual(cityReads.slice(6).map((i) => i.sequence));
    expect((await ok<Reports>(REPORTS, {}, tok.ycId)).reportsReceived.items.some((i) => i.family.id === familyA)).toBe(false);
    expect((await ok<Reports>(REPORTS, {}, tok.whOp)).reportsReceived.items).toEqual([]);
    expect(await code(REPORTS, {}, t.token("PT-420000-GA", ["CONSUMER"]))).toBe("SHARING_NOT_PERMITTED");
    const reportUp = (await ok<{ outboxPending: { familyId: string; national: unknown }[] }>(OUTBOX, { d: "REPORT_UP" }, tok.provinceAdmin)).outboxPending;
    expect(reportUp.length).toBeGreaterThan(0);
    expect(reportUp.every((i) => i.national === null)).toBe(true);

    // --- The quarter's warning list is published by the scheduler on its first day (R5.3).
    clock.set("2026-10-01");
    await scheduler.tick();
    runs = (await ok<{ dutyRuns: typeof runs }>(RUNS, { duty: "WARNING_PUBLICATION" }, tok.province)).dutyRuns;
    expect(runs[0]).toMatchObject({ slot: "2026Q4", status: "SUCCEEDED" });
    expect((await entryOf(familyB, "WARNING"))).toMatchObject({ status: "LISTED" });

    // --- The listing ends on its own date, by the scheduler (the hub was down for three days before).
    const until = addYears(listedOn, 1);
    clock.set(addDays(until, 2));
    const catchUp = await scheduler.tick();
    // Family A's listing, and the warning entries whose three months are over (R5.3).
    const maintenance = catchUp.find((o) => o.duty === "LIST_MAINTENANCE")!;
    expect(maintenance.result).toBe("RAN");
    expect(maintenance.counts!.expired).toBeGreaterThanOrEqual(1);
    runs = (await ok<{ dutyRuns: typeof runs }>(RUNS, { duty: "LIST_MAINTENANCE" }, tok.province)).dutyRuns;
    expect(runs[0]).toMatchObject({ slot: addDays(until, 2), status: "SUCCEEDED" });
    expect(runs[0].counts).toContainEqual({ name: "slotsCovered", value: daysBetween(runs[1].slot, addDays(until, 2)) });
    expect((await entryOf(familyA))).toBeUndefined();
    const after = (await checkA()).creditCheck;
    // Off the joint-punishment list (the unrectified, still-counting B04 keeps it under key attention, R6.4).
    expect(after.lists.filter((l) => l.kind === "JOINT_PUNISHMENT")).toEqual([]);
    // R6.1: M07 runs five years from the listing decision, past the listing's end.
    expect(after.measures.find((m) => m.code === "M07")).toMatchObject({ until: addYears(listedOn, 5) });
    const expired = (await ok<{ outboxPending: { familyId: string; national: { reason: string; removedOn: string; subjects: unknown[] } }[] }>(OUTBOX, { d: "NATIONAL" }, tok.provinceAdmin)).outboxPending.filter((i) => i.familyId === familyA).at(-1)!;
    expect(expired.national).toMatchObject({ reason: "EXPIRED", removedOn: until, subjects: responsible });
    // M07 ends five years after the decision.
    clock.set(addYears(listedOn, 5));
    expect((await checkA()).creditCheck.measures.find((m) => m.code === "M07")).toBeUndefined();
  }, 240_000);

  it("later: the province releases v2 through the graph, and a partner reads and acknowledges the correction of a record it received", async () => {
    // --- R4.2: v2 (B08 deducts 10 instead of 5) from next month; decisions after that record v2.
    clock.set("2032-06-01");
    const v1 = PROVINCE_RULES_V1;
    const v2 = {
      version: "420000-v2",
      effectiveFrom: "2032-07-01",
      behaviors: v1.behaviors.map((b) => ({ code: b.code, name: b.name, deduction: b.code === "B08" ? 10 : b.deduction, jointCriterion: b.jointCriterion, intentional: b.intentional, useYears: b.useYears })),
      stateListedBehaviors: [],
      tiers: { ...v1.tiers },
      repeat: { ...v1.repeat },
      warning: { ...v1.warning },
      keyAttention: { ...v1.keyAttention },
      jointPunishment: { ...v1.jointPunishment },
      objection: { ...v1.objection },
      repair: { ...v1.repair, waitingMonths: { mild: v1.repair.waitingMonths.MILD, moderate: v1.repair.waitingMonths.MODERATE, severe: v1.repair.waitingMonths.SEVERE } },
      measures: v1.measures.map((m) => ({ ...m, appliesTo: [...m.appliesTo] })),
    };
    const RELEASE = `mutation($input: ProvinceRuleSetInput!) { releaseProvinceRuleSet(input: $input) { ruleSet { version } stopped { divisionCode } } }`;
    expect(await code(RELEASE, { input: v2 }, t.token("HA-420500", ["ADMIN"], "yc-admin"))).toBe("FORBIDDEN");
    expect((await ok<{ releaseProvinceRuleSet: { ruleSet: { version: string } } }>(RELEASE, { input: v2 }, t.token("HA-420000", ["ADMIN"], "province-rules-admin"))).releaseProvinceRuleSet.ruleSet.version).toBe("420000-v2");
    const c = familyInput("420502");
    const familyC = (await ok<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: c, reason: "建档" }, tok.ycOp)).createFamily.id;
    clock.set("2032-07-02");
    const rec = await record(familyC, "B08", "2032-06-28", tok.ycOp);
    await ok(IDENTIFY, { id: rec }, tok.ycId);
    const credit = (await ok<{ family: { credit: { score: number; records: { id: string; points: number }[] } } }>(`query($id: ID!) { family(id: $id) { credit { score records { id points } } } }`, { id: familyC }, tok.ycOp)).family.credit;
    expect(credit).toMatchObject({ score: 90, records: [{ id: rec, points: 10 }] });

    // --- R7.2 恢复信誉: a partner (written permission of the province for Yichang) received the record …
    const partner = t.token("PT-420000-GA", ["CONSUMER"], "ga-clerk");
    const provinceAdmin = t.token("HA-420000", ["ADMIN"], "province-grants-admin");
    const registered = await gql(
      `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { code } }`,
      { input: { code: "PT-420000-GA", name: "湖北省公安厅", kind: "PARTNER", level: "PROVINCE", divisionCode: "420000" } },
      provinceAdmin,
    );
    expect([undefined, "CONFLICT"]).toContain(registered.errors?.[0]?.extensions?.code);
    await ok(
      `mutation($input: GrantSharingPermissionInput!) { grantSharingPermission(input: $input) { id } }`,
      { input: { documentNumber: "鄂住建许〔2032〕年度测试1号", granteeCode: "PT-420000-GA", purpose: "办理业务前核查", scopes: [{ category: "CREDIT", mode: "FULL" }, { category: "LISTS", mode: "FULL" }], divisionCodes: ["420500"], validFrom: "2032-07-01T00:00:00+08:00", validUntil: "2033-07-01T00:00:00+08:00" } },
      provinceAdmin,
    );
    expect((await ok<{ creditCheck: { found: boolean } }>(CREDIT_CHECK, { idNumber: c.members[0].idNumber }, partner)).creditCheck.found).toBe(true);
    // … which is then revoked on objection (by a reviewer who did not identify it): the partner reads its notice and acknowledges it.
    clock.set("2032-07-06");
    const o = await ok<{ fileObjection: { id: string } }>(FILE, { input: { recordId: rec, reasons: "维修记录显示已及时报修" } }, tok.ycOp);
    await ok(`mutation($id: ID!) { decideObjection(id: $id, input: { decision: REVOKED, reason: "核查属实，撤销该记录" }) { objection { status } } }`, { id: o.fileObjection.id }, t.token("HA-420500", ["REVIEWER"], "yc-reviewer"));
    const NOTICES = `{ correctionNotices(first: 20) { edges { node { id recordId familyId action acknowledgedAt } } } }`;
    type Notices = { correctionNotices: { edges: { node: { id: string; recordId: string; familyId: string; action: string; acknowledgedAt: string | null } }[] } };
    const mine = (await ok<Notices>(NOTICES, {}, partner)).correctionNotices.edges.map((e) => e.node);
    expect(mine).toEqual([{ id: expect.any(String), recordId: rec, familyId: familyC, action: "REVOKED", acknowledgedAt: null }]);
    expect((await ok<Notices>(NOTICES, {}, t.token("PT-420100-MZ", ["CONSUMER"], "mz-clerk"))).correctionNotices.edges).toEqual([]);
    const OUTSTANDING = `{ unacknowledgedCorrectionNotices(first: 20) { edges { node { id recipientCode } } } }`;
    type Outstanding = { unacknowledgedCorrectionNotices: { edges: { node: { id: string; recipientCode: string } }[] } };
    expect((await ok<Outstanding>(OUTSTANDING, {}, tok.province)).unacknowledgedCorrectionNotices.edges.map((e) => e.node)).toEqual([{ id: mine[0].id, recipientCode: "PT-420000-GA" }]);
    await ok(`mutation($id: ID!) { acknowledgeCorrectionNotice(id: $id) { id } }`, { id: mine[0].id }, partner);
    expect((await ok<Outstanding>(OUTSTANDING, {}, tok.province)).unacknowledgedCorrectionNotices.edges).toEqual([]);
  }, 240_000);
});
