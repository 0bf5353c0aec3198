// Province releases of the rule set (R2.1, R4.1, R4.2) and criterion (5) of the joint-punishment
// list (R6.3 "国家规定的其他…情形") as a rule-set entry — through the gateway, and as pure domain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { isStateListed, PROVINCE_RULES_V1, refineRuleSet, type RuleSet } from "../src/domain/credit/rule-set";
import { rebaseRefinement, refinementOf, validateProvinceRelease, type ProvinceRelease } from "../src/domain/credit/rule-release";
import { jointPunishmentReasons, type RecordWithOrder } from "../src/domain/credit/lists";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput } from "./support/fixtures";

/** The v2 content: v1 with B06 (arrears) deducting 35 instead of 25, and a province sub-type of B11 the state prescribes as a listing ground by itself (R6.3 (5)). */
function v2Content(overrides: Partial<ProvinceRelease> = {}): ProvinceRelease {
  const v1 = PROVINCE_RULES_V1;
  return {
    version: "420000-v2",
    effectiveFrom: "2027-01-01",
    behaviors: [
      ...v1.behaviors.map((b) => ({ code: b.code, name: b.name, deduction: b.code === "B06" ? 35 : b.deduction, jointCriterion: b.jointCriterion, intentional: b.intentional, useYears: b.useYears })),
      { code: "B11-GJ", name: "国家规定应当列入失信联合惩戒对象名单的其他失信行为", deduction: 45, jointCriterion: null, intentional: true, useYears: 5, parentCode: "B11" },
    ],
    stateListedBehaviors: ["B11-GJ"],
    tiers: { ...v1.tiers },
    repeat: { ...v1.repeat },
    warning: { ...v1.warning },
    keyAttention: { ...v1.keyAttention },
    jointPunishment: { ...v1.jointPunishment },
    objection: { ...v1.objection },
    repair: { ...v1.repair, waitingMonths: { ...v1.repair.waitingMonths } },
    measures: v1.measures.map((m) => ({ ...m, appliesTo: [...m.appliesTo] })),
    ...overrides,
  };
}

/** The GraphQL input shape of a release (repair waiting months in lower case). */
function v2Input(overrides: Partial<ProvinceRelease> = {}) {
  const c = v2Content(overrides);
  const w = c.repair.waitingMonths;
  return { ...c, repair: { ...c.repair, waitingMonths: { mild: w.MILD, moderate: w.MODERATE, severe: w.SEVERE } } };
}

describe("province releases and criterion (5), pure domain", () => {
  const v2 = (() => {
    const r = validateProvinceRelease(PROVINCE_RULES_V1, v2Content(), "2026-06-01");
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.rules;
  })();
  const refine = (parent: RuleSet, r: Parameters<typeof refineRuleSet>[1]) => {
    const out = refineRuleSet(parent, r);
    if (!out.ok) throw new Error(JSON.stringify(out.problems));
    return out.rules;
  };

  it("validates a release's full content (zh-CN problems naming the field)", () => {
    expect(v2).toMatchObject({ version: "420000-v2", divisionCode: "420000", parentVersion: null, effectiveFrom: "2027-01-01", stateListedBehaviors: ["B11-GJ"] });
    expect(v2.behaviors.find((b) => b.code === "B11-GJ")).toMatchObject({ parentCode: "B11", addedBy: "420000", deduction: 45 });
    const bad = validateProvinceRelease(
      PROVINCE_RULES_V1,
      v2Content({
        version: "420000-v1",
        effectiveFrom: "2026-05-31",
        behaviors: v2Content().behaviors.filter((b) => b.code !== "B03").map((b) => (b.code === "B06" ? { ...b, deduction: 0 } : b)),
        stateListedBehaviors: ["B99"],
        tiers: { mildFrom: 60, moderateFrom: 80 },
        jointPunishment: { ...PROVINCE_RULES_V1.jointPunishment, listingYears: 5 },
      }),
      "2026-06-01",
    );
    expect(bad.ok).toBe(false);
    const fields = !bad.ok ? bad.problems.map((p) => p.field) : [];
    expect(fields).toEqual(expect.arrayContaining(["version", "effectiveFrom", "behaviors", "behaviors[4].deduction", "stateListedBehaviors[0]", "tiers", "jointPunishment.listingYears"]));
    expect(!bad.ok && bad.problems.find((p) => p.field === "behaviors")!.message).toBe("全省失信行为目录应包含全部行为，缺少：B03");
    expect(!bad.ok && bad.problems.find((p) => p.field === "effectiveFrom")!.message).toBe("生效日期不能早于今天");
  });

  it("chains refinements onto the new version: still stricter carries on, looser is reported (R4.2)", () => {
    const wuhan = refine(PROVINCE_RULES_V1, { version: "420100-v1", divisionCode: "420100", effectiveFrom: "2026-06-01", behaviors: [{ code: "B06", deduction: 30 }], subTypes: [{ code: "B06-A", parentCode: "B06", name: "拖欠租金且拒绝联系", deduction: 35 }] });
    expect(refinementOf(PROVINCE_RULES_V1, wuhan)).toEqual({ version: "420100-v1", divisionCode: "420100", effectiveFrom: "2026-06-01", behaviors: [{ code: "B06", deduction: 30 }], subTypes: [{ code: "B06-A", parentCode: "B06", name: "拖欠租金且拒绝联系", deduction: 35 }] });
    const looser = rebaseRefinement(PROVINCE_RULES_V1, wuhan, v2, "420000-v2", "2027-01-01");
    expect(looser).toEqual({ ok: false, looser: [{ field: "behaviors.B06.deduction", value: 30, baseValue: 35, message: "“B06”的扣分不得低于上级规则（35），只能从严" }] });

    const xiangyang = refine(PROVINCE_RULES_V1, { version: "420600-v1", divisionCode: "420600", effectiveFrom: "2026-06-01", behaviors: [{ code: "B06", deduction: 40 }], keyAttention: { mildCount: 1 } });
    const carried = rebaseRefinement(PROVINCE_RULES_V1, xiangyang, v2, "420000-v2", "2027-01-01");
    expect(carried.ok).toBe(true);
    if (!carried.ok) return;
    expect(carried.rules).toMatchObject({ version: "420600-v1@420000-v2", parentVersion: "420000-v2", effectiveFrom: "2027-01-01", keyAttention: { mildCount: 1 }, stateListedBehaviors: ["B11-GJ"] });
    expect(carried.rules.behaviors.find((b) => b.code === "B06")!.deduction).toBe(40);
    expect(carried.rules.behaviors.find((b) => b.code === "B11-GJ")).toBeDefined();
    // A value equal to the old parent's is no refinement: it follows the new parent.
    expect(carried.rules.behaviors.find((b) => b.code === "B01")!.deduction).toBe(25);
  });

  it("grounds the joint-punishment procedure on a state-listed behaviour by itself (R6.3 (5))", () => {
    const rec = (id: string, behaviorCode: string): RecordWithOrder => ({ id, behaviorCode, status: "IDENTIFIED", occurredOn: "2027-01-02", endedOn: null, identifiedOn: "2027-01-04", suspended: false, rectification: null });
    expect(jointPunishmentReasons([rec("a", "B11-GJ"), rec("b", "B11")], "2027-01-04", v2)).toEqual([{ kind: "CRITERION", criterion: 5, recordId: "a" }]);
    expect(jointPunishmentReasons([rec("b", "B11")], "2027-01-04", v2)).toEqual([]);
    // v1 lists nothing; a suspended record (objection, R7.2) grounds nothing.
    expect(jointPunishmentReasons([rec("a", "B02")], "2027-01-04", PROVINCE_RULES_V1)).toEqual([]);
    expect(jointPunishmentReasons([{ ...rec("a", "B11-GJ"), suspended: true }], "2027-01-04", v2)).toEqual([]);
    // A city's sub-type of a listed behaviour is listed too; refinements inherit the list.
    const city = refine(v2, { version: "420100-v2", divisionCode: "420100", effectiveFrom: "2027-01-01", subTypes: [{ code: "B11-WH", parentCode: "B11", name: "细化", deduction: 45 }] });
    expect(city.stateListedBehaviors).toEqual(["B11-GJ"]);
    expect(isStateListed(city, "B11-GJ")).toBe(true);
    expect([isStateListed(city, "B11"), isStateListed(city, "B11-WH")]).toEqual([false, false]);
    const listingB09 = validateProvinceRelease(PROVINCE_RULES_V1, v2Content({ stateListedBehaviors: ["B09"] }), "2026-06-01");
    if (!listingB09.ok) throw new Error("v2 with B09 listed");
    const city2 = refine(listingB09.rules, { version: "420100-v2", divisionCode: "420100", effectiveFrom: "2027-01-01", subTypes: [{ code: "B09-A", parentCode: "B09", name: "细化", deduction: 30 }] });
    expect(isStateListed(city2, "B09-A")).toBe(true);
  });
});

const RULE_FIELDS = `version divisionCode parentVersion provinceVersion effectiveFrom status endsOn endReason looserThan carries stateListedBehaviors`;
const RELEASE = `mutation($input: ProvinceRuleSetInput!) { releaseProvinceRuleSet(input: $input) {
  ruleSet { ${RULE_FIELDS} }
  carriedOver { ${RULE_FIELDS} }
  stopped { divisionCode version stopsOn looserThan looserValues { field value baseValue message } }
} }`;
const DEFINE = `mutation($input: RuleSetRefinementInput!) { defineRuleSet(input: $input) { version parentVersion status } }`;
const RULE_SET = `query($d: String!, $on: String) { ruleSet(divisionCode: $d, on: $on) { version parentVersion provinceVersion stateListedBehaviors behaviors { code deduction } rulesJson } }`;
const RULE_SETS = `{ ruleSets { version divisionCode parentVersion provinceVersion effectiveFrom status endsOn endReason looserThan looserValues { field value baseValue } carries } }`;
const RECORD = `mutation($input: RecordBehaviorInput!) { recordBehavior(input: $input) { id status ruleVersion } }`;
const ADD_EVIDENCE = `mutation($id: ID!, $file: EvidenceInput!) { addEvidence(recordId: $id, file: $file) { sha256 } }`;
const IDENTIFY = `mutation($id: ID!, $input: DecisionInput!) { identifyRecord(recordId: $id, input: $input) { id status points ruleVersion } }`;

type RuleRow = { version: string; status: string; endsOn: string | null; endReason: string | null; looserThan: string | null; carries: string | null; provinceVersion: string; parentVersion: string | null };

describe.each<DbKind>(["postgres", "pglite"])("province rule-set releases on %s", (kind) => {
  let t: TestHub;
  const clock = new ManualClock("2026-06-01");
  let province: string;
  let wuhanAdmin: string;
  let xiangyangAdmin: string;
  const staff = {} as Record<"whOperator" | "whIdentifier" | "xyOperator" | "xyIdentifier", string>;

  const newFamily = async (division: string) => {
    const r = await t.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: familyInput(division), reason: "建档" }, t.token("HA-420000", ["OPERATOR"], "hb-operator"));
    expect(r.errors).toBeUndefined();
    return r.data!.createFamily.id;
  };
  /** Recorded by one person, evidence added, identified by another (R5: 分工明确, 证据确凿). */
  const recordAndIdentify = async (familyId: string, behavior: string, occurredOn: string, operator: string, identifier: string) => {
    const rec = await t.gql<{ recordBehavior: { id: string; ruleVersion: string } }>(
      RECORD,
      { input: { familyId, behavior, source: "DEPARTMENT", facts: "相关部门提供的违法违规材料", legalBasis: "《公共租赁住房管理办法》", occurredOn, informedBy: "NOTICE_LETTER", informedOn: occurredOn } },
      operator,
    );
    expect(rec.errors).toBeUndefined();
    const ev = await t.gql(ADD_EVIDENCE, { id: rec.data!.recordBehavior.id, file: { fileName: "核查记录.txt", mediaType: "text/plain", contentBase64: Buffer.from("核查记录（测试数据）").toString("base64") } }, operator);
    expect(ev.errors).toBeUndefined();
    const done = await t.gql<{ identifyRecord: { status: string; points: number; ruleVersion: string } }>(IDENTIFY, { id: rec.data!.recordBehavior.id, input: { reason: "事实清楚，证据确凿" } }, identifier);
    expect(done.errors).toBeUndefined();
    return { recorded: rec.data!.recordBehavior.ruleVersion, ...done.data!.identifyRecord };
  };
  const ruleSets = async () => {
    const r = await t.gql<{ ruleSets: RuleRow[] }>(RULE_SETS, {}, province);
    expect(r.errors).toBeUndefined();
    return Object.fromEntries(r.data!.ruleSets.map((x) => [x.version, x]));
  };
  const ruleSet = async (d: string, on?: string) => {
    const r = await t.gql<{ ruleSet: { version: string; parentVersion: string | null; provinceVersion: string; stateListedBehaviors: string[]; behaviors: { code: string; deduction: number }[]; rulesJson: string } }>(RULE_SET, { d, on: on ?? null }, staff.whOperator);
    expect(r.errors).toBeUndefined();
    const rs = r.data!.ruleSet;
    return { ...rs, deduction: (code: string) => rs.behaviors.find((b) => b.code === code)?.deduction };
  };

  beforeAll(async () => {
    t = await startTestHub(kind, { clock });
    province = t.token("HA-420000", ["ADMIN"], "hb-admin");
    wuhanAdmin = t.token("HA-420100", ["ADMIN"], "wh-admin");
    xiangyangAdmin = t.token("HA-420600", ["ADMIN"], "xy-admin");
    staff.whOperator = t.token("HA-420111", ["OPERATOR"], "hs-operator");
    staff.whIdentifier = t.token("HA-420100", ["IDENTIFIER"], "wh-identifier");
    staff.xyOperator = t.token("HA-420602", ["OPERATOR"], "xc-operator");
    staff.xyIdentifier = t.token("HA-420600", ["IDENTIFIER"], "xy-identifier");
  });
  afterAll(async () => t?.close());

  it("has cities and a county refine v1 stricter (R4.2)", async () => {
    const wuhan = await t.gql(DEFINE, { input: { version: "420100-v1", divisionCode: "420100", effectiveFrom: "2026-06-01", behaviors: [{ code: "B06", deduction: 30 }], subTypes: [{ code: "B06-A", parentCode: "B06", name: "拖欠租金且拒绝联系", deduction: 35 }] } }, wuhanAdmin);
    expect(wuhan.data).toEqual({ defineRuleSet: { version: "420100-v1", parentVersion: "420000-v1", status: "IN_FORCE" } });
    const xiangyang = await t.gql(DEFINE, { input: { version: "420600-v1", divisionCode: "420600", effectiveFrom: "2026-06-01", behaviors: [{ code: "B06", deduction: 40 }], keyAttention: { mildCount: 1 } } }, xiangyangAdmin);
    expect(xiangyang.data).toEqual({ defineRuleSet: { version: "420600-v1", parentVersion: "420000-v1", status: "IN_FORCE" } });
    const xiangcheng = await t.gql(DEFINE, { input: { version: "420602-v1", divisionCode: "420602", effectiveFrom: "2026-06-01", tiers: { mildFrom: 85 } } }, t.token("HA-420602", ["ADMIN"], "xc-admin"));
    expect(xiangcheng.data).toEqual({ defineRuleSet: { version: "420602-v1", parentVersion: "420600-v1", status: "IN_FORCE" } });
  });

  it("refuses a release by anyone but the province's administrators (FORBIDDEN) and bad input (BAD_USER_INPUT), storing nothing", async () => {
    const before = await ruleSets();
    for (const token of [wuhanAdmin, t.token("HA-420000", ["OPERATOR"], "hb-operator"), t.token("HA-420000", ["IDENTIFIER"], "hb-identifier")]) {
      const r = await t.gql(RELEASE, { input: v2Input() }, token);
      expect(r.data).toBeNull();
      expect(r.errors).toHaveLength(1);
      expect(r.errors![0].extensions!.code).toBe("FORBIDDEN");
      expect(r.errors![0].message).toBe("只有省级住房保障主管部门的管理员可以发布全省信用规则");
    }
    const bad = await t.gql(
      RELEASE,
      {
        input: v2Input({
          effectiveFrom: "2026-05-31",
          behaviors: v2Content().behaviors.filter((b) => b.code !== "B03"),
          stateListedBehaviors: ["B99"],
          tiers: { mildFrom: 60, moderateFrom: 80 },
          measures: [{ code: "M01", name: "信用提醒", appliesTo: ["SOMEONE"] }],
        }),
      },
      province,
    );
    expect(bad.data).toBeNull();
    expect(bad.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(bad.errors![0].extensions!.fields).toEqual([
      { field: "effectiveFrom", message: "生效日期不能早于今天" },
      { field: "behaviors", message: "全省失信行为目录应包含全部行为，缺少：B03" },
      { field: "stateListedBehaviors[0]", message: "失信行为“B99”不在本版本的失信行为目录中" },
      { field: "tiers", message: "分数线应满足：中度失信分数线 < 轻度失信分数线 ≤ 100" },
      { field: "measures[0].appliesTo", message: "适用对象应为：MILD、MODERATE、SEVERE、WARNING、KEY_ATTENTION、JOINT_PUNISHMENT" },
    ]);
    const notLater = await t.gql(RELEASE, { input: v2Input({ version: "420000-v1" }) }, province);
    expect(notLater.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(notLater.errors![0].message).toBe("输入有误：version：版本序号应大于最新的全省版本（420000-v1）");
    expect(await ruleSets()).toEqual(before);
  });

  it("releases v2 from 2027-01-01: the looser Wuhan refinement is reported and stops, Xiangyang's and its county's carry on", async () => {
    const r = await t.gql(RELEASE, { input: v2Input() }, province);
    expect(r.errors).toBeUndefined();
    const rule = (version: string, divisionCode: string, parentVersion: string | null, status: string, carries: string | null) => ({
      version,
      divisionCode,
      parentVersion,
      provinceVersion: "420000-v2",
      effectiveFrom: "2027-01-01",
      status,
      endsOn: null,
      endReason: null,
      looserThan: null,
      carries,
      stateListedBehaviors: ["B11-GJ"],
    });
    expect(r.data).toEqual({
      releaseProvinceRuleSet: {
        ruleSet: rule("420000-v2", "420000", null, "SCHEDULED", null),
        carriedOver: [rule("420600-v1@420000-v2", "420600", "420000-v2", "SCHEDULED", "420600-v1"), rule("420602-v1@420000-v2", "420602", "420600-v1@420000-v2", "SCHEDULED", "420602-v1")],
        stopped: [
          {
            divisionCode: "420100",
            version: "420100-v1",
            stopsOn: "2027-01-01",
            looserThan: "420000-v2",
            looserValues: [{ field: "behaviors.B06.deduction", value: 30, baseValue: 35, message: "“B06”的扣分不得低于上级规则（35），只能从严" }],
          },
        ],
      },
    });
    const again = await t.gql(RELEASE, { input: v2Input() }, province);
    expect(again.errors![0].extensions!.code).toBe("BAD_USER_INPUT");

    // The list of versions today: the refinements still apply until 2027-01-01, and say what happens then.
    const list = await ruleSets();
    expect(list["420000-v1"]).toMatchObject({ status: "IN_FORCE", provinceVersion: "420000-v1", endsOn: null });
    expect(list["420000-v2"]).toMatchObject({ status: "SCHEDULED", effectiveFrom: "2027-01-01" });
    expect(list["420100-v1"]).toMatchObject({ status: "IN_FORCE", parentVersion: "420000-v1", endsOn: "2027-01-01", endReason: "LOOSER", looserThan: "420000-v2", looserValues: [{ field: "behaviors.B06.deduction", value: 30, baseValue: 35 }] });
    expect(list["420600-v1"]).toMatchObject({ status: "IN_FORCE", endsOn: "2027-01-01", endReason: "REBASED", looserValues: [] });
    expect(list["420602-v1"]).toMatchObject({ status: "IN_FORCE", provinceVersion: "420000-v1", endsOn: "2027-01-01", endReason: "REBASED" });
    expect(list["420600-v1@420000-v2"]).toMatchObject({ status: "SCHEDULED", carries: "420600-v1" });
  });

  it("answers v1-based rules before 2027-01-01 and v2-based from it; decisions record the version", async () => {
    const wuhanNow = await ruleSet("420111");
    expect(wuhanNow).toMatchObject({ version: "420100-v1", provinceVersion: "420000-v1", stateListedBehaviors: [] });
    expect(wuhanNow.deduction("B06")).toBe(30);
    const wuhanLastDay = await ruleSet("420111", "2026-12-31");
    expect(wuhanLastDay.version).toBe("420100-v1");
    const wuhanThen = await ruleSet("420111", "2027-01-01");
    expect(wuhanThen).toMatchObject({ version: "420000-v2", parentVersion: null, provinceVersion: "420000-v2", stateListedBehaviors: ["B11-GJ"] });
    expect(wuhanThen.deduction("B06")).toBe(35);
    expect(wuhanThen.deduction("B06-A")).toBeUndefined();
    const xiangchengThen = await ruleSet("420602", "2027-01-01");
    expect(xiangchengThen).toMatchObject({ version: "420602-v1@420000-v2", parentVersion: "420600-v1@420000-v2", provinceVersion: "420000-v2", stateListedBehaviors: ["B11-GJ"] });
    expect(xiangchengThen.deduction("B06")).toBe(40);
    expect(JSON.parse(xiangchengThen.rulesJson)).toMatchObject({ tiers: { mildFrom: 85, moderateFrom: 60 }, keyAttention: { mildCount: 1 } });
    expect((await ruleSet("420602", "2026-12-31")).version).toBe("420602-v1");

    // Before the date: v1-based rules, and the criterion-(5) behaviour does not exist yet.
    const f = await newFamily("420111");
    expect(await recordAndIdentify(f, "B06", "2026-05-20", staff.whOperator, staff.whIdentifier)).toMatchObject({ recorded: "420100-v1", status: "IDENTIFIED", points: 30, ruleVersion: "420100-v1" });
    const early = await t.gql(RECORD, { input: { familyId: f, behavior: "B11-GJ", source: "DEPARTMENT", facts: "国家规定的失信情形", legalBasis: "国家有关规定", occurredOn: "2026-05-20", informedBy: "NOTICE_LETTER", informedOn: "2026-05-20" } }, staff.whOperator);
    expect(early.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(early.errors![0].message).toContain("不在适用的失信行为目录（420100-v1）中");
  });

  it("chains a refinement defined after the release onto v2, refusing one that would be looser than it", async () => {
    clock.set("2026-12-01");
    const looser = await t.gql(DEFINE, { input: { version: "420500-v1", divisionCode: "420500", effectiveFrom: "2026-12-15", behaviors: [{ code: "B06", deduction: 30 }] } }, t.token("HA-420500", ["ADMIN"], "yc-admin"));
    expect(looser.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(looser.errors![0].message).toBe("输入有误：behaviors.B06.deduction：宽于 2027-01-01 起施行的全省规则 420000-v2：“B06”的扣分不得低于上级规则（35），只能从严");
    const ok = await t.gql(DEFINE, { input: { version: "420500-v1", divisionCode: "420500", effectiveFrom: "2026-12-15", behaviors: [{ code: "B06", deduction: 36 }] } }, t.token("HA-420500", ["ADMIN"], "yc-admin"));
    expect(ok.data).toEqual({ defineRuleSet: { version: "420500-v1", parentVersion: "420000-v1", status: "SCHEDULED" } });
    expect((await ruleSet("420502", "2026-12-20")).version).toBe("420500-v1");
    const then = await ruleSet("420502", "2027-01-01");
    expect(then).toMatchObject({ version: "420500-v1@420000-v2", parentVersion: "420000-v2" });
    expect(then.deduction("B06")).toBe(36);
  });

  it("from 2027-01-01: v2 applies, Xiangyang's refinement keeps applying on it, and a criterion-(5) record starts the joint-punishment procedure", async () => {
    clock.set("2027-01-04");
    const list = await ruleSets();
    expect(list["420000-v1"].status).toBe("SUPERSEDED");
    expect(list["420000-v2"].status).toBe("IN_FORCE");
    expect(list["420100-v1"]).toMatchObject({ status: "STOPPED_LOOSER", endReason: "LOOSER", looserThan: "420000-v2" });
    expect(list["420600-v1"].status).toBe("SUPERSEDED");
    expect(list["420600-v1@420000-v2"].status).toBe("IN_FORCE");
    expect(list["420602-v1@420000-v2"].status).toBe("IN_FORCE");
    expect((await ruleSet("420111")).version).toBe("420000-v2");

    // Wuhan: the province's v2 (B06 deducts 35, not Wuhan's stopped 30).
    const wuhanFamily = await newFamily("420111");
    expect(await recordAndIdentify(wuhanFamily, "B06", "2027-01-02", staff.whOperator, staff.whIdentifier)).toMatchObject({ recorded: "420000-v2", points: 35, ruleVersion: "420000-v2" });
    // Xiangyang's county: still stricter than v2, so its refinement carried onto v2 applies (B06 deducts 40).
    const xcFamily = await newFamily("420602");
    expect(await recordAndIdentify(xcFamily, "B06", "2027-01-02", staff.xyOperator, staff.xyIdentifier)).toMatchObject({ recorded: "420602-v1@420000-v2", points: 40, ruleVersion: "420602-v1@420000-v2" });

    // R6.3 (5): a state-listed behaviour grounds the procedure by itself, no rectification order.
    const f = await newFamily("420111");
    const done = await recordAndIdentify(f, "B11-GJ", "2027-01-03", staff.whOperator, staff.whIdentifier);
    expect(done).toMatchObject({ recorded: "420000-v2", status: "IDENTIFIED", points: 45, ruleVersion: "420000-v2" });
    const fam = await t.gql<{ family: { lists: { id: string; kind: string; status: string; step: string; since: string }[]; documents: { kind: string; body: string; ruleVersion: string }[] } }>(
      `query($id: ID!) { family(id: $id) { lists { id kind status step since } documents { kind body ruleVersion } } }`,
      { id: f },
      staff.whOperator,
    );
    expect(fam.errors).toBeUndefined();
    expect(fam.data!.family.lists).toEqual([{ id: expect.any(String), kind: "JOINT_PUNISHMENT", status: "PRELIMINARY", step: "REMINDED", since: "2027-01-04" }]);
    const reminder = fam.data!.family.documents.find((d) => d.kind === "REMINDER")!;
    expect(reminder.ruleVersion).toBe("420000-v2");
    expect(reminder.body).toContain("属于国家规定可直接列入失信联合惩戒对象名单的情形（符合列入情形第（5）项）");
    const entries = await t.gql<{ listProcedures: { edges: { node: { id: string; reasons: string[]; ruleVersion: string; step: string } }[] } }>(
      `{ listProcedures(kind: JOINT_PUNISHMENT, divisionCode: "420100", first: 50) { edges { node { id reasons ruleVersion step } } } }`,
      {},
      staff.whIdentifier,
    );
    expect(entries.errors).toBeUndefined();
    expect(entries.data!.listProcedures.edges.map((e) => e.node).find((n) => n.id === fam.data!.family.lists[0].id)).toEqual({ id: fam.data!.family.lists[0].id, reasons: ["R6.3(5)"], ruleVersion: "420000-v2", step: "REMINDED" });
  });

});
