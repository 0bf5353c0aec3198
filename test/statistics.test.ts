// R7.3 statistics through the real gateway: a small known situation in two cities built with
// the real mutations and a moving clock, counted for the province, one city and a county.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { StatementCounter } from "../src/db/orm";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput, EVIDENCE } from "./support/fixtures";

const RECORD = /* GraphQL */ `
  mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id status } }
`;
const IDENTIFY = /* GraphQL */ `
  mutation($id: ID!, $input: DecisionInput!) { identifyRecord(recordId: $id, input: $input) { id status } }
`;
const REJECT = /* GraphQL */ `
  mutation($id: ID!, $input: DecisionInput!) { rejectRecord(recordId: $id, input: $input) { id status } }
`;
const STATS = /* GraphQL */ `
  query($divisionCode: String, $from: Date!, $to: Date!) {
    creditStatistics(divisionCode: $divisionCode, from: $from, to: $to) {
      divisionCode
      from
      to
      recordsByBehavior { key count }
      recordsBySource { key count }
      recordsByStatus { key count }
      familiesByTier { key count }
      listEntriesByStatus { kind status count }
      overdueSteps
    }
  }
`;

type Stats = {
  divisionCode: string;
  from: string;
  to: string;
  recordsByBehavior: { key: string; count: number }[];
  recordsBySource: { key: string; count: number }[];
  recordsByStatus: { key: string; count: number }[];
  familiesByTier: { key: string; count: number }[];
  listEntriesByStatus: { kind: string; status: string; count: number }[];
  overdueSteps: number;
};

const tiers = (good: number, mild: number, moderate: number, severe: number) => [
  { key: "GOOD", count: good },
  { key: "MILD", count: mild },
  { key: "MODERATE", count: moderate },
  { key: "SEVERE", count: severe },
];
const removed = (warning: number, attention: number, joint: number) => ({
  WARNING: { kind: "WARNING", status: "REMOVED", count: warning },
  KEY_ATTENTION: { kind: "KEY_ATTENTION", status: "REMOVED", count: attention },
  JOINT_PUNISHMENT: { kind: "JOINT_PUNISHMENT", status: "REMOVED", count: joint },
});

describe.each<DbKind>(["postgres", "pglite"])("credit statistics (R7.3) on %s", (kind) => {
  let t: TestHub;
  const clock = new ManualClock("2026-03-02");
  const archiveCounter = new StatementCounter();
  let province: string;
  let wuhanAuditor: string;
  let xiangyangReviewer: string;
  const fam: Record<"w1" | "w2" | "w3" | "x1" | "x2", string> = {} as never;

  const stats = async (vars: { divisionCode?: string; from: string; to: string }, token: string) => t.gql<{ creditStatistics: Stats }>(STATS, vars, token);
  const ok = async (vars: { divisionCode?: string; from: string; to: string }, token: string) => {
    const r = await stats(vars, token);
    expect(r.errors).toBeUndefined();
    return r.data!.creditStatistics;
  };

  beforeAll(async () => {
    t = await startTestHub(kind, { clock, dbOptions: (n) => (n === "archive" ? { counter: archiveCounter } : {}) });
    province = t.token("HA-420000", ["OPERATOR"], "province-operator");
    wuhanAuditor = t.token("HA-420100", ["AUDITOR"], "wh-auditor");
    xiangyangReviewer = t.token("HA-420600", ["REVIEWER"], "xy-reviewer");
    const whOperator = t.token("HA-420100", ["OPERATOR"], "wh-operator");
    const whIdentifier = t.token("HA-420100", ["IDENTIFIER"], "wh-identifier");
    const xyOperator = t.token("HA-420600", ["OPERATOR"], "xy-operator");
    const xyIdentifier = t.token("HA-420600", ["IDENTIFIER"], "xy-identifier");

    const create = async (division: string, token: string) => {
      const r = await t.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: familyInput(division), reason: "建档" }, token);
      expect(r.errors).toBeUndefined();
      return r.data!.createFamily.id;
    };
    const record = async (familyId: string, behavior: string, occurredOn: string, token: string, extra: Record<string, unknown> = {}) => {
      const r = await t.gql<{ recordBehavior: { id: string } }>(
        RECORD,
        { input: { familyId, behavior, source: "MANAGEMENT", facts: `经核查发现${behavior}情形`, legalBasis: "《公共租赁住房管理办法》", occurredOn, informedBy: "NOTICE_LETTER", informedOn: occurredOn, evidence: EVIDENCE, ...extra } },
        token,
      );
      expect(r.errors).toBeUndefined();
      return r.data!.recordBehavior.id;
    };
    const decide = async (mutation: string, id: string, token: string) => {
      const r = await t.gql(mutation, { id, input: { reason: "事实清楚，证据确凿" } }, token);
      expect(r.errors).toBeUndefined();
    };

    // 2026-03-02 — Wuhan: W1 mild (B08), W2 moderate (B06, key attention), W3 one pending and
    // one rejected record. Xiangyang: X1 B04 with a rectification deadline passed (joint
    // punishment procedure starts), X2 nothing.
    fam.w1 = await create("420111", whOperator);
    fam.w2 = await create("420102", whOperator);
    fam.w3 = await create("420111", whOperator);
    fam.x1 = await create("420606", xyOperator);
    fam.x2 = await create("420602", xyOperator);
    await decide(IDENTIFY, await record(fam.w1, "B08", "2026-02-20", whOperator), whIdentifier);
    await decide(IDENTIFY, await record(fam.w2, "B06", "2026-02-01", whOperator), whIdentifier);
    await record(fam.w3, "B03", "2026-02-15", whOperator);
    await decide(REJECT, await record(fam.w3, "B11", "2026-02-16", whOperator), whIdentifier);
    await decide(
      IDENTIFY,
      await record(fam.x1, "B04", "2026-01-05", xyOperator, { source: "DEPARTMENT", rectification: { orderedOn: "2026-01-05", deadline: "2026-02-05" } }),
      xyIdentifier,
    );
    const batch = await t.gql(`mutation { publishWarningBatch(divisionCode: "420100") { added } }`, {}, whIdentifier);
    expect(batch.data).toEqual({ publishWarningBatch: { added: 1 } }); // W1

    // 2026-04-01 07:30 in Shanghai (2026-03-31 23:30 UTC): W1's second mild record moves it from
    // the warning list to key attention; the record and its identification belong to April.
    clock.set("2026-04-01T07:30:00+08:00");
    await decide(IDENTIFY, await record(fam.w1, "B03", "2026-03-20", whOperator), whIdentifier);
    clock.set("2026-04-10");
  });
  afterAll(async () => t?.close());

  it("counts the province for March", async () => {
    archiveCounter.reset();
    const s = await ok({ from: "2026-03-01", to: "2026-03-31" }, province);
    // 8 for the statistics, plus per request: the permission look-up and the read scope (R8.2, R8.4)
    expect(archiveCounter.count).toBeLessThanOrEqual(8 + 3);
    const r = removed(0, 0, 0);
    expect(s).toEqual({
      divisionCode: "420000",
      from: "2026-03-01",
      to: "2026-03-31",
      recordsByBehavior: [
        { key: "B04", count: 1 },
        { key: "B06", count: 1 },
        { key: "B08", count: 1 },
      ],
      recordsBySource: [
        { key: "DEPARTMENT", count: 1 },
        { key: "MANAGEMENT", count: 2 },
      ],
      recordsByStatus: [
        { key: "IDENTIFIED", count: 3 },
        { key: "PENDING", count: 1 },
        { key: "REJECTED", count: 1 },
      ],
      familiesByTier: tiers(2, 1, 1, 1),
      listEntriesByStatus: [r.WARNING, { kind: "KEY_ATTENTION", status: "LISTED", count: 2 }, r.KEY_ATTENTION, { kind: "JOINT_PUNISHMENT", status: "PRELIMINARY", count: 1 }, r.JOINT_PUNISHMENT],
      overdueSteps: 1,
    });
  });

  it("puts what happened on 1 April (Shanghai) in April, and counts the whole year", async () => {
    const april = await ok({ from: "2026-04-01", to: "2026-04-30" }, province);
    expect(april).toMatchObject({
      recordsByBehavior: [{ key: "B03", count: 1 }],
      recordsBySource: [{ key: "MANAGEMENT", count: 1 }],
      recordsByStatus: [{ key: "IDENTIFIED", count: 1 }],
      familiesByTier: tiers(2, 1, 1, 1),
    });
    const r = removed(1, 0, 0);
    expect(april.listEntriesByStatus).toEqual([r.WARNING, { kind: "KEY_ATTENTION", status: "LISTED", count: 2 }, r.KEY_ATTENTION, { kind: "JOINT_PUNISHMENT", status: "PRELIMINARY", count: 1 }, r.JOINT_PUNISHMENT]);
    const year = await ok({ from: "2026-01-01", to: "2026-12-31" }, province);
    expect(year).toMatchObject({
      recordsByBehavior: [
        { key: "B03", count: 1 },
        { key: "B04", count: 1 },
        { key: "B06", count: 1 },
        { key: "B08", count: 1 },
      ],
      recordsBySource: [
        { key: "DEPARTMENT", count: 1 },
        { key: "MANAGEMENT", count: 3 },
      ],
      recordsByStatus: [
        { key: "IDENTIFIED", count: 4 },
        { key: "PENDING", count: 1 },
        { key: "REJECTED", count: 1 },
      ],
    });
    const before = await ok({ from: "2025-01-01", to: "2026-02-28" }, province);
    expect(before).toMatchObject({ recordsByBehavior: [], recordsBySource: [], recordsByStatus: [], familiesByTier: tiers(2, 1, 1, 1) });
  });

  it("counts one city for its own staff, and a county for the province", async () => {
    const r = removed(0, 0, 0);
    expect(await ok({ from: "2026-03-01", to: "2026-03-31" }, wuhanAuditor)).toEqual({
      divisionCode: "420100",
      from: "2026-03-01",
      to: "2026-03-31",
      recordsByBehavior: [
        { key: "B06", count: 1 },
        { key: "B08", count: 1 },
      ],
      recordsBySource: [{ key: "MANAGEMENT", count: 2 }],
      recordsByStatus: [
        { key: "IDENTIFIED", count: 2 },
        { key: "PENDING", count: 1 },
        { key: "REJECTED", count: 1 },
      ],
      familiesByTier: tiers(1, 1, 1, 0),
      listEntriesByStatus: [r.WARNING, { kind: "KEY_ATTENTION", status: "LISTED", count: 2 }, r.KEY_ATTENTION, r.JOINT_PUNISHMENT],
      overdueSteps: 0,
    });
    const xiangyang = await ok({ from: "2026-03-01", to: "2026-03-31" }, xiangyangReviewer);
    expect(xiangyang).toEqual({
      divisionCode: "420600",
      from: "2026-03-01",
      to: "2026-03-31",
      recordsByBehavior: [{ key: "B04", count: 1 }],
      recordsBySource: [{ key: "DEPARTMENT", count: 1 }],
      recordsByStatus: [{ key: "IDENTIFIED", count: 1 }],
      familiesByTier: tiers(1, 0, 0, 1),
      listEntriesByStatus: [r.WARNING, r.KEY_ATTENTION, { kind: "JOINT_PUNISHMENT", status: "PRELIMINARY", count: 1 }, r.JOINT_PUNISHMENT],
      overdueSteps: 1,
    });
    expect(await ok({ divisionCode: "420600", from: "2026-03-01", to: "2026-03-31" }, province)).toEqual(xiangyang);
    expect(await ok({ divisionCode: "420111", from: "2026-03-01", to: "2026-03-31" }, province)).toMatchObject({
      divisionCode: "420111",
      recordsByBehavior: [{ key: "B08", count: 1 }],
      recordsByStatus: [
        { key: "IDENTIFIED", count: 1 },
        { key: "PENDING", count: 1 },
        { key: "REJECTED", count: 1 },
      ],
      familiesByTier: tiers(1, 1, 0, 0),
      listEntriesByStatus: [r.WARNING, { kind: "KEY_ATTENTION", status: "LISTED", count: 1 }, r.KEY_ATTENTION, r.JOINT_PUNISHMENT],
    });
  });

  it("a city cannot see another city's numbers, nor the province's; others are not staff", async () => {
    const other = await stats({ divisionCode: "420100", from: "2026-03-01", to: "2026-03-31" }, xiangyangReviewer);
    expect(other.data).toBeNull();
    expect(other.errors![0].extensions).toMatchObject({ code: "FORBIDDEN", divisionCode: "420100" });
    const up = await stats({ divisionCode: "420000", from: "2026-03-01", to: "2026-03-31" }, wuhanAuditor);
    expect(up.errors![0].extensions!.code).toBe("FORBIDDEN");
    const partner = await stats({ from: "2026-03-01", to: "2026-03-31" }, t.token("PT-420100-MZ", ["CONSUMER"]));
    expect(partner.errors![0].extensions!.code).toBe("SHARING_NOT_PERMITTED");
    // R8.4: the anonymous caller may run only the public trusted documents.
    const anonymous = await t.gql(STATS, { from: "2026-03-01", to: "2026-03-31" });
    expect(anonymous.errors![0].extensions).toMatchObject({ code: "FORBIDDEN", reason: "UNTRUSTED_DOCUMENT" });
  });

  it("refuses a reversed period, one longer than 5 years and an unknown division", async () => {
    const reversed = await stats({ from: "2026-04-01", to: "2026-03-01" }, province);
    expect(reversed.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "to", message: "结束日期不能早于开始日期" }] });
    const long = await stats({ from: "2020-01-01", to: "2025-01-01" }, province);
    expect(long.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "to", message: "统计期间不能超过5年" }] });
    expect((await stats({ from: "2020-01-01", to: "2024-12-31" }, province)).errors).toBeUndefined();
    const unknown = await stats({ divisionCode: "999999", from: "2026-03-01", to: "2026-03-31" }, province);
    expect(unknown.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
  });
});
