// One family from its first record through key attention, escalation, reminder, notice,
// publicity and listing to expiry — through the gateway, with the clock moved by months.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput, EVIDENCE } from "./support/fixtures";
import { contractOperation } from "./support/contract";

const RECORD = /* GraphQL */ `
  mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id status behavior points counts } }
`;
const IDENTIFY = /* GraphQL */ `
  mutation($id: ID!, $input: DecisionInput!) { identifyRecord(recordId: $id, input: $input) { id status points counts decision { mode by organization reason } ruleVersion } }
`;
const ADVANCE = /* GraphQL */ `
  mutation($id: ID!, $years: Int) {
    advanceJointProcedure(entryId: $id, listingYears: $years) {
      id kind status step since until
      procedure { remindedOn reminderDeadline notifiedOn defenceUntil publicityFrom publicityUntil listedOn listedUntil removedOn nextStepFrom }
    }
  }
`;
const FAMILY_CREDIT = /* GraphQL */ `
  query($id: ID!) {
    family(id: $id) {
      credit { score tier ruleVersion records { id behavior status occurredOn points counts } }
      lists { id kind status since until step }
      documents { kind number title body issuedOn deliveredOn ruleVersion }
    }
  }
`;
const CONTRACT_CREDIT_CHECK = contractOperation("CreditCheck");
const CONTRACT_CREDIT_LIST = contractOperation("CreditList");
const CONTRACT_LIST_CHANGES = contractOperation("ListChanges");

type Entry = { id: string; kind: string; status: string; since: string; until: string | null; step: string | null; procedure: Record<string, string | null> };

describe.each<DbKind>(["postgres", "pglite"])("a family's way through the lists on %s", (kind) => {
  let t: TestHub;
  const clock = new ManualClock("2026-03-02");
  let operator: string;
  let identifier: string;
  let familyId: string;
  let applicantId: string;
  let spouseId: string;

  const record = async (behavior: string, occurredOn: string, extra: Record<string, unknown> = {}) => {
    const r = await t.gql<{ recordBehavior: { id: string; status: string } }>(
      RECORD,
      { input: { familyId, behavior, source: "MANAGEMENT", facts: `经入户核查发现${behavior}情形`, legalBasis: "《公共租赁住房管理办法》", occurredOn, informedBy: "NOTICE_LETTER", informedOn: occurredOn, evidence: EVIDENCE, ...extra } },
      operator,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data!.recordBehavior.status).toBe("PENDING");
    return r.data!.recordBehavior.id;
  };
  const identify = async (id: string) => {
    const r = await t.gql<{ identifyRecord: { status: string; points: number } }>(IDENTIFY, { id, input: { reason: "事实清楚，证据确凿" } }, identifier);
    expect(r.errors).toBeUndefined();
    return r.data!.identifyRecord;
  };
  const credit = async () => {
    const r = await t.gql<{ family: { credit: { score: number; tier: string }; lists: Entry[]; documents: { kind: string; issuedOn: string; body: string; number: string }[] } }>(FAMILY_CREDIT, { id: familyId }, operator);
    expect(r.errors).toBeUndefined();
    return r.data!.family;
  };

  beforeAll(async () => {
    t = await startTestHub(kind, { clock });
    operator = t.token("HA-420111", ["OPERATOR"], "hs-operator");
    identifier = t.token("HA-420100", ["IDENTIFIER"], "wh-identifier");
    const input = familyInput("420111");
    applicantId = input.members[0].idNumber;
    spouseId = input.members[1].idNumber;
    const created = await t.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input, reason: "建档" }, operator);
    familyId = created.data!.createFamily.id;
  });
  afterAll(async () => t?.close());

  it("walks first record → warning → key attention → escalation → reminder → notice → publicity → listing → expiry", async () => {
    // 1. A first, mild record (B08, 5 points), identified with a notice (R5.4).
    const r1 = await record("B08", "2026-02-20");
    expect(await identify(r1)).toMatchObject({ status: "IDENTIFIED", points: 5 });
    let f = await credit();
    expect(f.credit).toMatchObject({ score: 95, tier: "MILD" });
    expect(f.lists).toEqual([]);
    const notice = f.documents.find((d) => d.kind === "IDENTIFICATION_NOTICE")!;
    expect(notice.issuedOn).toBe("2026-03-02");
    expect(notice.body).toContain("扣分：5 分；认定后信用分 95 分，信用等级：轻度失信");
    expect(notice.body).toContain("异议");

    // 2. The quarterly warning list takes it (R5.3): 3 months.
    const batch = await t.gql<{ publishWarningBatch: { quarter: string; added: number } }>(`mutation { publishWarningBatch(divisionCode: "420100") { quarter added renewed } }`, {}, identifier);
    expect(batch.data!.publishWarningBatch).toMatchObject({ quarter: "2026Q1", added: 1 });
    const again = await t.gql(`mutation { publishWarningBatch(divisionCode: "420100") { quarter } }`, {}, identifier);
    expect(again.errors![0].extensions!.code).toBe("CONFLICT");
    f = await credit();
    expect(f.lists).toEqual([expect.objectContaining({ kind: "WARNING", status: "LISTED", since: "2026-03-02", until: "2026-06-02" })]);

    // 3. A second mild record within 12 months: key attention for 12 months, with a warning notice (R6.4).
    const r2 = await record("B03", "2026-03-01");
    await identify(r2);
    f = await credit();
    expect(f.credit).toMatchObject({ score: 85, tier: "MILD" });
    expect(f.lists).toEqual([expect.objectContaining({ kind: "KEY_ATTENTION", status: "LISTED", since: "2026-03-02", until: "2027-03-02" })]);
    expect(f.documents.find((d) => d.kind === "KEY_ATTENTION_NOTICE")!.body).toContain("重点关注期限自 2026-03-02 至 2027-03-02");

    // 4. A moderate record inside the attention period starts the joint-punishment procedure (R6.4, R6.6).
    clock.set("2026-04-01");
    const r3 = await record("B07", "2026-03-25");
    expect(await identify(r3)).toMatchObject({ points: 30 });
    f = await credit();
    expect(f.credit).toMatchObject({ score: 55, tier: "SEVERE" });
    expect(f.lists).toHaveLength(1);
    const jp = f.lists[0];
    expect(jp).toMatchObject({ kind: "JOINT_PUNISHMENT", status: "PRELIMINARY", step: "REMINDED", since: "2026-04-01" });
    const reminder = f.documents.find((d) => d.kind === "REMINDER")!;
    // 10 working days from 2026-04-01, across 清明 (04-04…06): 2026-04-16
    expect(reminder.body).toContain("请于 2026-04-16 前");
    expect(reminder.body).toContain("失信联合惩戒对象名单");

    // 5. Each step only after the previous period: early is CONFLICT with the earliest date.
    clock.set("2026-04-16");
    const early = await t.gql(ADVANCE, { id: jp.id }, identifier);
    expect(early.errors![0].extensions).toMatchObject({ code: "CONFLICT", earliest: "2026-04-17" });
    clock.set("2026-04-17");
    const notified = await t.gql<{ advanceJointProcedure: Entry }>(ADVANCE, { id: jp.id }, identifier);
    expect(notified.errors).toBeUndefined();
    expect(notified.data!.advanceJointProcedure).toMatchObject({ status: "PRELIMINARY", step: "NOTIFIED", procedure: { notifiedOn: "2026-04-17", defenceUntil: "2026-04-24", nextStepFrom: "2026-04-25" } });

    clock.set("2026-04-24");
    expect((await t.gql(ADVANCE, { id: jp.id }, identifier)).errors![0].extensions!.code).toBe("CONFLICT");
    clock.set("2026-04-27");
    const publicizing = await t.gql<{ advanceJointProcedure: Entry }>(ADVANCE, { id: jp.id }, identifier);
    // 7 days from 04-27 end on 05-04, a holiday (劳动节 05-01…05): the period ends 05-06
    expect(publicizing.data!.advanceJointProcedure).toMatchObject({ status: "PUBLICIZING", step: "PUBLICIZING", procedure: { publicityFrom: "2026-04-27", publicityUntil: "2026-05-06" } });

    // 6. Overdue steps are reported: listing is due from 05-07 and overdue after 5 working days (05-09 is a working Saturday).
    const overdueQ = `{ overdueProcedureSteps(divisionCode: "420100") { listEntryId step dueSince overdueSince } }`;
    clock.set("2026-05-13");
    expect((await t.gql<{ overdueProcedureSteps: unknown[] }>(overdueQ, {}, identifier)).data!.overdueProcedureSteps).toEqual([]);
    clock.set("2026-05-14");
    expect((await t.gql<{ overdueProcedureSteps: unknown[] }>(overdueQ, {}, identifier)).data!.overdueProcedureSteps).toEqual([
      { listEntryId: jp.id, step: "LISTED", dueSince: "2026-05-07", overdueSince: "2026-05-13" },
    ]);

    const listed = await t.gql<{ advanceJointProcedure: Entry }>(ADVANCE, { id: jp.id }, identifier);
    expect(listed.data!.advanceJointProcedure).toMatchObject({ status: "LISTED", step: "LISTED", since: "2026-05-14", until: "2029-05-14" });

    // 7. Partners' view through the contract operations.
    const list = await t.gql<{ creditList: { totalCount: number; edges: { node: { kind: string; status: string; since: string; until: string; family: { id: string; applicant: { idNumber: string }; credit: { score: number; tier: string } } } }[] } }>(
      CONTRACT_CREDIT_LIST,
      { kind: "JOINT_PUNISHMENT", divisionCode: "420100", first: 10 },
      t.token("HA-420100", ["AUDITOR"]),
    );
    expect(list.errors).toBeUndefined();
    expect(list.data!.creditList.totalCount).toBe(1);
    expect(list.data!.creditList.edges[0].node).toMatchObject({ kind: "JOINT_PUNISHMENT", status: "LISTED", since: "2026-05-14", until: "2029-05-14", family: { id: familyId, applicant: { idNumber: applicantId }, credit: { score: 55, tier: "SEVERE" } } });

    const check = await t.gql<{ creditCheck: { found: boolean; tier: string; score: number; lists: unknown[]; measures: { code: string }[]; suspendedByObjection: boolean } }>(CONTRACT_CREDIT_CHECK, { idNumber: spouseId }, t.token("HA-420000", ["OPERATOR"]));
    expect(check.errors).toBeUndefined();
    expect(check.data!.creditCheck).toMatchObject({ found: true, family: { id: familyId, division: { code: "420111" } }, score: 55, tier: "SEVERE", suspendedByObjection: false, lists: [{ kind: "JOINT_PUNISHMENT", status: "LISTED", since: "2026-05-14", until: "2029-05-14" }] });
    expect(check.data!.creditCheck.measures.map((m) => m.code).sort()).toEqual(["M01", "M02", "M03", "M04", "M07", "M08"]);

    // 8. Expiry: removal only from the last day of the listing period.
    clock.set("2029-05-13");
    expect((await t.gql(ADVANCE, { id: jp.id }, identifier)).errors![0].extensions).toMatchObject({ code: "CONFLICT", earliest: "2029-05-14" });
    clock.set("2029-05-14");
    const removed = await t.gql<{ advanceJointProcedure: Entry }>(ADVANCE, { id: jp.id }, identifier);
    expect(removed.data!.advanceJointProcedure).toMatchObject({ status: "REMOVED", step: "REMOVED", procedure: { removedOn: "2029-05-14" } });
    const finished = await t.gql(ADVANCE, { id: jp.id }, identifier);
    expect(finished.errors![0].extensions!.code).toBe("CONFLICT");
    f = await credit();
    expect(f.lists).toEqual([]);
    expect(f.documents.map((d) => d.kind)).toEqual([
      "IDENTIFICATION_NOTICE",
      "WARNING_NOTICE",
      "IDENTIFICATION_NOTICE",
      "KEY_ATTENTION_NOTICE",
      "IDENTIFICATION_NOTICE",
      "REMINDER",
      "DEFENCE_NOTICE",
      "PUBLICITY_NOTICE",
      "LISTING_DECISION",
      "REMOVAL_NOTICE",
    ]);
    expect(new Set(f.documents.map((d) => d.number)).size).toBe(10);
    const after = await t.gql<{ creditCheck: { lists: unknown[]; measures: { code: string }[] } }>(CONTRACT_CREDIT_CHECK, { idNumber: applicantId }, t.token("HA-420000", ["OPERATOR"]));
    expect(after.data!.creditCheck.lists).toEqual([]);
    // R6.1: M07 (五年内不予受理) runs five years from the listing decision, past the listing's end.
    expect(after.data!.creditCheck.measures.map((m) => m.code).sort()).toEqual(["M01", "M02", "M03", "M04", "M07"]);

    // 9. Every change in one total order, one by one, resumable from any cursor.
    const feed = await t.gql<{ listChanges: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { cursor: string; node: { sequence: number; kind: string; action: string; familyId: string; divisionCode: string } }[] } }>(
      CONTRACT_LIST_CHANGES,
      { first: 50 },
      t.token("HA-420000", ["AUDITOR"]),
    );
    expect(feed.errors).toBeUndefined();
    const nodes = feed.data!.listChanges.edges.map((e) => e.node);
    expect(nodes.map((n) => n.sequence)).toEqual(nodes.map((_, i) => i + 1));
    expect(nodes.map((n) => `${n.kind}:${n.action}`)).toEqual([
      "WARNING:ADDED",
      "KEY_ATTENTION:ADDED",
      "WARNING:REMOVED",
      "JOINT_PUNISHMENT:ADDED",
      "KEY_ATTENTION:REMOVED",
      "JOINT_PUNISHMENT:CHANGED",
      "JOINT_PUNISHMENT:CHANGED",
      "JOINT_PUNISHMENT:CHANGED",
      "JOINT_PUNISHMENT:REMOVED",
    ]);
    expect(nodes.every((n) => n.familyId === familyId && n.divisionCode === "420111")).toBe(true);
    let cursor: string | null = null;
    const paged: number[] = [];
    for (;;) {
      const page: { data?: { listChanges: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { sequence: number } }[] } } | null } = await t.gql(CONTRACT_LIST_CHANGES, { first: 2, after: cursor }, t.token("HA-420000", ["AUDITOR"]));
      paged.push(...page.data!.listChanges.edges.map((e) => e.node.sequence));
      if (!page.data!.listChanges.pageInfo.hasNextPage) break;
      cursor = page.data!.listChanges.pageInfo.endCursor;
    }
    expect(paged).toEqual(nodes.map((n) => n.sequence));

    // 10. The whole archive through the contract's FamilyArchive operation.
    const archive = await t.gql<{ family: { credit: { score: number; tier: string; records: { behavior: string; status: string; points: number }[] }; lists: unknown[]; members: unknown[] } }>(
      contractOperation("FamilyArchive"),
      { id: familyId },
      t.token("HA-420000", ["AUDITOR"]),
    );
    expect(archive.errors).toBeUndefined();
    expect(archive.data!.family.credit).toMatchObject({ score: 55, tier: "SEVERE" });
    expect(archive.data!.family.credit.records.map((r) => `${r.behavior}:${r.status}:${r.points}`).sort()).toEqual(["B03:IDENTIFIED:10", "B07:IDENTIFIED:30", "B08:IDENTIFIED:5"]);
    expect(archive.data!.family.lists).toEqual([]);
    expect(archive.data!.family.members).toHaveLength(2);
  });

  it("refuses bad credit input with BAD_USER_INPUT and writes nothing", async () => {
    const pending = await record("B11", "2026-01-05");
    const before = await credit();
    const bad = await t.gql(RECORD, { input: { familyId, behavior: "B99", source: "MANAGEMENT", facts: "事实不清", legalBasis: "依据", occurredOn: "2099-01-01" } }, operator);
    expect(bad.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(bad.errors![0].message).toMatch(/behavior.*B99/);
    expect(bad.errors![0].message).toMatch(/occurredOn/);
    const badCommittee = await t.gql(IDENTIFY, { id: pending, input: { reason: "评审", committee: { members: [{ name: "甲", organization: "市住建局" }], votesFor: 1, votesAgainst: 0, abstentions: 0 } } }, identifier);
    expect(badCommittee.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    const other = await t.gql(RECORD, { input: { familyId, behavior: "B08", source: "MANAGEMENT", facts: "越权记录的事实", legalBasis: "依据", occurredOn: "2026-01-01" } }, t.token("HA-420600", ["OPERATOR"]));
    expect(other.errors![0].extensions!.code).toBe("FORBIDDEN");
    const unknown = await t.gql(IDENTIFY, { id: "00000000-0000-4000-8000-000000000000", input: { reason: "认定" } }, identifier);
    expect(unknown.errors![0].extensions!.code).toBe("NOT_FOUND");
    const after = await credit();
    expect(after.credit).toEqual(before.credit);
    expect((after.credit as unknown as { records: { id: string; status: string }[] }).records.find((r) => r.id === pending)!.status).toBe("PENDING");
    expect(after.documents).toHaveLength(before.documents.length);
  });
});
