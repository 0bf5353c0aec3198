// Rule sets (R2.1, R4.2), evidence (R5.2), committee decisions (R5.5), judicial citations (R6.5),
// set-based rescoring and concurrent decisions on one family.
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { StatementCounter } from "../src/db/orm";
import { JudicialRecord } from "../src/subgraphs/judicial/entities/judicial-record.entity";
import { ListEntry } from "../src/subgraphs/archive/entities/list-entry.entity";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput, EVIDENCE } from "./support/fixtures";

const RECORD = `mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id status ruleVersion version } }`;
const IDENTIFY = `mutation($id: ID!, $input: DecisionInput!) { identifyRecord(recordId: $id, input: $input) { id status points ruleVersion decision { mode committee { members { name organization } votesFor votesAgainst abstentions } reason } } }`;
const DEFINE = `mutation($input: RuleSetRefinementInput!) { defineRuleSet(input: $input) { version divisionCode parentVersion effectiveFrom behaviors { code deduction parentCode addedBy } } }`;

describe.each<DbKind>(["postgres", "pglite"])("rules, evidence, committees and citations on %s", (kind) => {
  let t: TestHub;
  const clock = new ManualClock("2026-06-01");
  const archiveCounter = new StatementCounter();
  let operator: string;
  let identifier: string;
  let admin: string;

  const newFamily = async (division = "420111") => {
    const input = familyInput(division);
    const r = await t.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input, reason: "建档" }, t.token("HA-420000", ["OPERATOR"]));
    expect(r.errors).toBeUndefined();
    return { id: r.data!.createFamily.id, idNumbers: input.members.map((m) => m.idNumber) };
  };
  const record = async (familyId: string, behavior: string, occurredOn: string, extra: Record<string, unknown> = {}) => {
    const r = await t.gql<{ recordBehavior: { id: string; ruleVersion: string; version: number } }>(
      RECORD,
      { input: { familyId, behavior, source: "DEPARTMENT", facts: "相关部门提供的违法违规材料", legalBasis: "《公共租赁住房管理办法》第三十条", occurredOn, informedBy: "NOTICE_LETTER", informedOn: occurredOn, evidence: EVIDENCE, ...extra } },
      operator,
    );
    expect(r.errors).toBeUndefined();
    return r.data!.recordBehavior;
  };

  beforeAll(async () => {
    t = await startTestHub(kind, { clock, dbOptions: (n) => (n === "archive" ? { counter: archiveCounter } : {}) });
    operator = t.token("HA-420100", ["OPERATOR"], "wh-operator");
    identifier = t.token("HA-420100", ["IDENTIFIER"], "wh-identifier");
    admin = t.token("HA-420100", ["ADMIN"], "wh-admin");
  });
  afterAll(async () => t?.close());

  it("serves the province rule set v1: eleven behaviours and their deductions", async () => {
    const r = await t.gql<{ ruleSet: { version: string; behaviors: { code: string; deduction: number; jointCriterion: number | null }[]; measures: { code: string }[] } }>(
      `{ ruleSet(divisionCode: "420111") { version behaviors { code deduction jointCriterion } measures { code } } }`,
      {},
      operator,
    );
    expect(r.data!.ruleSet.version).toBe("420000-v1");
    expect(r.data!.ruleSet.behaviors.map((b) => b.deduction)).toEqual([25, 45, 10, 45, 25, 25, 30, 5, 25, 45, 10]);
    expect(r.data!.ruleSet.behaviors.map((b) => b.jointCriterion)).toEqual([null, 1, 4, 3, 2, null, null, null, 3, 4, null]);
    expect(r.data!.ruleSet.measures.length).toBeGreaterThanOrEqual(8);
  });

  it("lets a city refine the rules only stricter (R4.2), and decisions store the version they used", async () => {
    const loosen = await t.gql(DEFINE, { input: { version: "420100-v1", divisionCode: "420100", effectiveFrom: "2026-06-01", behaviors: [{ code: "B06", deduction: 20 }], keyAttention: { mildCount: 3 } } }, admin);
    expect(loosen.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(loosen.errors![0].message).toContain("behaviors[0].deduction");
    expect(loosen.errors![0].message).toContain("keyAttention.mildCount");
    expect(loosen.errors![0].message).toMatch(/只能从严/);
    const otherCity = await t.gql(DEFINE, { input: { version: "420100-v1", divisionCode: "420100", effectiveFrom: "2026-06-01" } }, t.token("HA-420600", ["ADMIN"]));
    expect(otherCity.errors![0].extensions!.code).toBe("FORBIDDEN");
    const notAdmin = await t.gql(DEFINE, { input: { version: "420100-v1", divisionCode: "420100", effectiveFrom: "2026-06-01" } }, identifier);
    expect(notAdmin.errors![0].extensions!.code).toBe("FORBIDDEN");

    const ok = await t.gql<{ defineRuleSet: { version: string; parentVersion: string; behaviors: { code: string; deduction: number; parentCode: string | null; addedBy: string | null }[] } }>(
      DEFINE,
      { input: { version: "420100-v1", divisionCode: "420100", effectiveFrom: "2026-06-01", behaviors: [{ code: "B06", deduction: 30 }], subTypes: [{ code: "B06-A", parentCode: "B06", name: "拖欠租金且拒绝联系", deduction: 35 }] } },
      admin,
    );
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.defineRuleSet).toMatchObject({ version: "420100-v1", parentVersion: "420000-v1" });
    expect(ok.data!.defineRuleSet.behaviors.find((b) => b.code === "B06")!.deduction).toBe(30);
    expect(ok.data!.defineRuleSet.behaviors.find((b) => b.code === "B06-A")).toEqual({ code: "B06-A", deduction: 35, parentCode: "B06", addedBy: "420100" });
    const dup = await t.gql(DEFINE, { input: { version: "420100-v1", divisionCode: "420100", effectiveFrom: "2026-06-02" } }, admin);
    expect(dup.errors![0].extensions!.code).toBe("CONFLICT");

    const wuhan = await t.gql<{ ruleSet: { version: string } }>(`{ ruleSet(divisionCode: "420111") { version } }`, {}, operator);
    expect(wuhan.data!.ruleSet.version).toBe("420100-v1");
    const xiangyang = await t.gql<{ ruleSet: { version: string } }>(`{ ruleSet(divisionCode: "420602") { version } }`, {}, operator);
    expect(xiangyang.data!.ruleSet.version).toBe("420000-v1");

    const f = await newFamily();
    const rec = await record(f.id, "B06-A", "2026-05-20");
    expect(rec.ruleVersion).toBe("420100-v1");
    const done = await t.gql<{ identifyRecord: { points: number; ruleVersion: string } }>(IDENTIFY, { id: rec.id, input: { reason: "欠租属实" } }, identifier);
    expect(done.data!.identifyRecord).toMatchObject({ points: 35, ruleVersion: "420100-v1" });
  });

  it("stores evidence with its SHA-256 and refuses more after the decision", async () => {
    const f = await newFamily();
    const rec = await record(f.id, "B08", "2026-05-01", { evidence: [] });
    const content = Buffer.from("入户核查记录：2026年5月1日，卫生间漏水未报修导致楼下受损。", "utf8");
    const up = await t.gql<{ addEvidence: { sha256: string; size: number; mediaType: string } }>(
      `mutation($id: ID!, $file: EvidenceInput!) { addEvidence(recordId: $id, file: $file) { sha256 size mediaType fileName } }`,
      { id: rec.id, file: { fileName: "核查记录.txt", mediaType: "text/plain", contentBase64: content.toString("base64") } },
      operator,
    );
    expect(up.errors).toBeUndefined();
    expect(up.data!.addEvidence).toMatchObject({ sha256: createHash("sha256").update(content).digest("hex"), size: content.length, mediaType: "text/plain" });
    await t.gql(IDENTIFY, { id: rec.id, input: { reason: "证据确凿" } }, identifier);
    const late = await t.gql(`mutation($id: ID!, $file: EvidenceInput!) { addEvidence(recordId: $id, file: $file) { sha256 } }`, { id: rec.id, file: { fileName: "补充.txt", mediaType: "text/plain", contentBase64: "5aW9" } }, operator);
    expect(late.errors![0].extensions!.code).toBe("CONFLICT");
    const view = await t.gql<{ creditRecord: { evidence: { sha256: string }[] } }>(`query($id: ID!) { creditRecord(id: $id) { evidence { sha256 } } }`, { id: rec.id }, operator);
    expect(view.data!.creditRecord.evidence).toHaveLength(1);
  });

  it("records a review committee's identification with its members and vote (R5.5)", async () => {
    const f = await newFamily();
    const rec = await record(f.id, "B11", "2026-05-02");
    const committee = {
      members: [
        { name: "委员甲", organization: "武汉市住房保障和房屋管理局" },
        { name: "委员乙", organization: "武汉市民政局" },
        { name: "委员丙", organization: "社区居民委员会" },
      ],
      votesFor: 2,
      votesAgainst: 1,
      abstentions: 0,
    };
    const tooFew = await t.gql(IDENTIFY, { id: rec.id, input: { reason: "评审", committee: { ...committee, votesFor: 1, votesAgainst: 1, abstentions: 1 } } }, identifier);
    expect(tooFew.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(tooFew.errors![0].message).toContain("半数");
    const ok = await t.gql<{ identifyRecord: { status: string; decision: unknown } }>(IDENTIFY, { id: rec.id, input: { reason: "评审委员会认定", committee } }, identifier);
    expect(ok.data!.identifyRecord).toEqual({ id: rec.id, status: "IDENTIFIED", points: 10, ruleVersion: "420100-v1", decision: { mode: "COMMITTEE", committee, reason: "评审委员会认定" } });
    const twice = await t.gql(IDENTIFY, { id: rec.id, input: { reason: "再次认定" } }, identifier);
    expect(twice.errors![0].extensions!.code).toBe("CONFLICT");
  });

  it("cites a judgment of the judicial subgraph, resolved through the gateway (R6.5)", async () => {
    const f = await newFamily();
    const judicial = t.hub.dbs.judicial!.orm.em.fork();
    judicial.create(JudicialRecord, { idNumber: f.idNumbers[0], kind: "ADMINISTRATIVE_PENALTY", caseNumber: "武房罚〔2026〕17号", court: "武汉市住房保障和房屋管理局", divisionCode: "420100", decidedOn: "2026-04-10", summary: "违规转租公共租赁住房，责令限期改正" });
    await judicial.flush();
    const rec = await record(f.id, "B04", "2026-04-01", { judicialCaseNumber: "武房罚〔2026〕17号", rectification: { orderedOn: "2026-04-10", deadline: "2026-05-10" } });
    const view = await t.gql<{ creditRecord: { judicialRecord: unknown; rectification: unknown } }>(
      `query($id: ID!) { creditRecord(id: $id) { judicialRecord { caseNumber court kind decidedOn } rectification { orderedOn deadline compliedOn } } }`,
      { id: rec.id },
      operator,
    );
    expect(view.errors).toBeUndefined();
    expect(view.data!.creditRecord).toEqual({
      judicialRecord: { caseNumber: "武房罚〔2026〕17号", court: "武汉市住房保障和房屋管理局", kind: "ADMINISTRATIVE_PENALTY", decidedOn: "2026-04-10" },
      rectification: { orderedOn: "2026-04-10", deadline: "2026-05-10", compliedOn: null },
    });
    // The order's deadline has passed unmet: identification starts the joint-punishment procedure at once (R6.3 (3)).
    await t.gql(IDENTIFY, { id: rec.id, input: { reason: "转租属实，逾期未改正" } }, identifier);
    const lists = await t.gql<{ family: { lists: { kind: string; step: string }[] } }>(`query($id: ID!) { family(id: $id) { lists { kind step } } }`, { id: f.id }, operator);
    expect(lists.data!.family.lists).toEqual([{ kind: "JOINT_PUNISHMENT", step: "REMINDED" }]);
    // The family complies; the procedure is closed, and the same record never starts it again.
    const jp = (await t.hub.dbs.archive!.orm.em.fork().findOneOrFail(ListEntry, { familyId: f.id, kind: "JOINT_PUNISHMENT" })).id;
    const closed = await t.gql(`mutation($id: ID!) { closeJointProcedure(entryId: $id, reason: "已退出违规转租并恢复自住") { status step } }`, { id: jp }, identifier);
    expect(closed.data).toEqual({ closeJointProcedure: { status: "REMOVED", step: "REMOVED" } });
    const maintenance = await t.gql<{ runListMaintenance: { started: number } }>(`mutation { runListMaintenance(divisionCode: "420100") { expired started } }`, {}, identifier);
    expect(maintenance.errors).toBeUndefined();
    expect(maintenance.data!.runListMaintenance.started).toBe(0);
    // The identified record still counts (severe tier until repaired or expired), short of R6.3 now: key attention (R6.4).
    const after = await t.gql<{ family: { lists: unknown[] } }>(`query($id: ID!) { family(id: $id) { lists { kind step } } }`, { id: f.id }, operator);
    expect(after.data!.family.lists).toEqual([{ kind: "KEY_ATTENTION", step: null }]);
    const again = await t.gql<{ runListMaintenance: { started: number } }>(`mutation { runListMaintenance(divisionCode: "420100") { started } }`, {}, identifier);
    expect(again.data!.runListMaintenance.started).toBe(0);
  });

  it("rescores families set-based: records leave the score when their use period ends (R7.4)", async () => {
    const f = await newFamily();
    const rec = await record(f.id, "B07", "2021-06-15");
    await t.gql(IDENTIFY, { id: rec.id, input: { reason: "空置属实" } }, identifier);
    const q = `query($id: ID!) { family(id: $id) { credit { score tier } } }`;
    expect((await t.gql<{ family: { credit: { score: number } } }>(q, { id: f.id }, operator)).data!.family.credit.score).toBe(70);
    clock.set("2026-06-16");
    // the live view already excludes it; the stored score (used by creditCheck) follows the rescoring
    expect((await t.gql<{ family: { credit: { score: number } } }>(q, { id: f.id }, operator)).data!.family.credit.score).toBe(100);
    const check = `query($n: String!) { creditCheck(idNumber: $n) { score tier } }`;
    expect((await t.gql<{ creditCheck: { score: number } }>(check, { n: f.idNumbers[0] }, operator)).data!.creditCheck.score).toBe(70);
    archiveCounter.reset();
    const r = await t.gql<{ rescoreFamilies: { families: number; changed: number; batches: number } }>(`mutation { rescoreFamilies(divisionCode: "420100") { families changed batches } }`, {}, admin);
    expect(r.errors).toBeUndefined();
    expect(r.data!.rescoreFamilies.batches).toBe(1);
    expect(r.data!.rescoreFamilies.changed).toBeGreaterThanOrEqual(1);
    // a fixed handful of statements for the whole batch, not one per family: the request's scope
    // (begin, scope, commit), the batch's own transaction (begin, scope, commit), rules, ids,
    // lock, records, the previous tiers, upsert — and for the families whose tier changed, their
    // names and the notices (R5.4)
    expect(archiveCounter.count).toBeLessThanOrEqual(16);
    const notices = await t.gql<{ family: { documents: { kind: string; body: string }[] } }>(`query($id: ID!) { family(id: $id) { documents { kind body } } }`, { id: f.id }, operator);
    const tierNotice = notices.data!.family.documents.find((d) => d.kind === "TIER_CHANGE_NOTICE")!;
    expect(tierNotice.body).toContain("信用分由 70 分调整为 100 分，信用等级由中度失信调整为守信");
    expect((await t.gql<{ creditCheck: { score: number; tier: string } }>(check, { n: f.idNumbers[0] }, operator)).data!.creditCheck).toEqual({ score: 100, tier: "GOOD" });
    const forbidden = await t.gql(`mutation { rescoreFamilies(divisionCode: "420100") { families } }`, {}, operator);
    expect(forbidden.errors![0].extensions!.code).toBe("FORBIDDEN");
  });

  it("keeps concurrent decisions on one family consistent: one key-attention entry, one step taken", async () => {
    clock.set("2026-06-20");
    const f = await newFamily();
    const a = await record(f.id, "B08", "2026-06-01");
    const b = await record(f.id, "B03", "2026-06-02");
    const both = await Promise.all([
      t.gql(IDENTIFY, { id: a.id, input: { reason: "属实" } }, identifier),
      t.gql(IDENTIFY, { id: b.id, input: { reason: "属实" } }, t.token("HA-420111", ["IDENTIFIER"])),
    ]);
    expect(both.map((r) => r.errors)).toEqual([undefined, undefined]);
    const entries = await t.hub.dbs.archive!.orm.em.fork().find(ListEntry, { familyId: f.id });
    expect(entries.map((e) => `${e.kind}:${e.status}`)).toEqual(["KEY_ATTENTION:LISTED"]);

    const c = await record(f.id, "B05", "2026-06-20");
    await t.gql(IDENTIFY, { id: c.id, input: { reason: "擅自改变结构属实" } }, identifier);
    const jp = (await t.hub.dbs.archive!.orm.em.fork().findOneOrFail(ListEntry, { familyId: f.id, kind: "JOINT_PUNISHMENT" })).id;
    clock.set("2026-07-15");
    const race = await Promise.all([
      t.gql(`mutation($id: ID!) { advanceJointProcedure(entryId: $id) { step } }`, { id: jp }, identifier),
      t.gql(`mutation($id: ID!) { advanceJointProcedure(entryId: $id) { step } }`, { id: jp }, t.token("HA-420111", ["IDENTIFIER"])),
    ]);
    const outcomes = race.map((r) => (r.errors ? r.errors[0].extensions!.code : (r.data as { advanceJointProcedure: { step: string } }).advanceJointProcedure.step)).sort();
    // the loser is refused: the step it asked for has been taken and the next one is not due
    expect(outcomes).toEqual(["CONFLICT", "NOTIFIED"]);
    const feed = await t.gql<{ listChanges: { edges: { node: { sequence: number } }[] } }>(`{ listChanges(first: 500) { edges { node { sequence } } } }`, {}, t.token("HA-420000", ["AUDITOR"]));
    const seq = feed.data!.listChanges.edges.map((e) => e.node.sequence);
    expect(seq).toEqual(seq.map((_, i) => i + 1));
  });
});
