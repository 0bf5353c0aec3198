// The province-wide rule set (R2.1): the catalogue of behaviours (R4.1) with deductions
// (R5.2), tier bands, list criteria and periods (R5.3, R6.3, R6.4, R6.6), punishment measures
// per tier and list (R6.1), objection, repair and retention periods (R7.2, R7.4, R7.5).
// Versioned data: every decision stores the version it used. A city or county may refine it
// for its own jurisdiction (R4.2) but never loosen it.

export type Tier = "GOOD" | "MILD" | "MODERATE" | "SEVERE";
export type Severity = Exclude<Tier, "GOOD">;
export type ListKind = "WARNING" | "KEY_ATTENTION" | "JOINT_PUNISHMENT";
/** R5.1 sources (1)–(5). */
export type RecordSource = "SELF_DECLARATION" | "MANAGEMENT" | "DEPARTMENT" | "PUBLIC_COMPLAINT" | "OTHER";
export const RECORD_SOURCES: readonly RecordSource[] = ["SELF_DECLARATION", "MANAGEMENT", "DEPARTMENT", "PUBLIC_COMPLAINT", "OTHER"];
export const RECORD_SOURCE_NAMES: Record<RecordSource, string> = {
  SELF_DECLARATION: "保障家庭自行申报、承诺",
  MANAGEMENT: "住房保障管理部门在管理过程中获取的材料",
  DEPARTMENT: "相关部门提供的违法违规材料",
  PUBLIC_COMPLAINT: "社会公众投诉、来信来访、媒体报道并经查证属实",
  OTHER: "其他",
};

export interface BehaviorRule {
  /** B01…B11 for section 四 (1)–(11); a sub-type is `<parent>-<suffix>` (R4.2). */
  code: string;
  name: string;
  /** Points deducted from the base 100 (R5.2). */
  deduction: number;
  /** The R6.3 criterion (1)–(4) this behaviour meets once a rectification order's deadline passes unmet. */
  jointCriterion: 1 | 2 | 3 | 4 | null;
  /** Intentional behaviour is repaired only after punishment and good conduct (R7.5). */
  intentional: boolean;
  /** Use period: years from the end of the behaviour, then archived (R7.4). */
  useYears: number;
  /** For a sub-type: the behaviour of the province catalogue it refines. */
  parentCode?: string;
  /** The division whose rule set added the sub-type. */
  addedBy?: string;
}

export interface MeasureRule {
  code: string;
  name: string;
  /** Tiers and lists for which the measure applies (R6.1). */
  appliesTo: (Severity | ListKind)[];
}

export interface RuleSet {
  /** e.g. "420000-v1", "420100-v2". */
  version: string;
  divisionCode: string;
  parentVersion: string | null;
  effectiveFrom: string;
  behaviors: BehaviorRule[];
  /** R5.2: score ≥ mildFrom and < 100 is mild; ≥ moderateFrom moderate; below severe. */
  tiers: { mildFrom: number; moderateFrom: number };
  /** R5.2: a repeat of the same behaviour within windowMonths deducts multiplier times. */
  repeat: { windowMonths: number; multiplier: number };
  /** R5.3: quarterly batches; an entry lasts entryMonths unless renewed. */
  warning: { entryMonths: number };
  /** R6.4: moderate tier or ≥ mildCount mild records in windowMonths; period periodMonths. */
  keyAttention: { periodMonths: number; mildCount: number; windowMonths: number };
  /** R6.6: 催告 deadline, statement-and-defence period, publicity, listing period. */
  jointPunishment: {
    reminderWorkingDays: number;
    defenceWorkingDays: number;
    publicityDays: number;
    /** Default listing period; a decision may choose from minListingYears to 3 years. */
    listingYears: number;
    minListingYears: number;
    /** A step not taken this many working days after it became due is reported overdue. */
    stepGraceWorkingDays: number;
  };
  /** R7.2 */
  objection: { decisionWorkingDays: number; maxWorkingDays: number };
  /** R7.5: earliest repair after identification, by the behaviour's severity. */
  repair: { waitingMonths: Record<Severity, number>; decisionWorkingDays: number; extensionWorkingDays: number };
  measures: MeasureRule[];
  /**
   * R6.3 (5) "国家规定的其他…情形": behaviours (catalogue codes) the state prescribes as grounds
   * for the joint-punishment list by themselves — an identified record of one grounds the
   * procedure without a rectification order. Set only by a province version; absent (v1 and
   * rule sets stored before the field) means none. A sub-type of a listed behaviour is listed too.
   */
  stateListedBehaviors?: string[];
}

const b = (code: string, name: string, deduction: number, jointCriterion: BehaviorRule["jointCriterion"], intentional: boolean): BehaviorRule => ({
  code,
  name,
  deduction,
  jointCriterion,
  intentional,
  useYears: 5,
});

/** Province rule set v1 (DESIGN.md "Domain rules and their defaults"). Frozen: it is stored by a
 * migration and cited by decisions; a change is a new version, never an edit of this one. */
export const PROVINCE_RULES_V1: RuleSet = {
  version: "420000-v1",
  divisionCode: "420000",
  parentVersion: null,
  effectiveFrom: "2025-01-01",
  // R4.1: section 四 (1)–(11); R5.2 deductions 25, 45, 10, 45, 25, 25, 30, 5, 25, 45, 10.
  behaviors: [
    b("B01", "申请审核或资格复核中违反诚信承诺，故意隐瞒有关情况或伪造证明材料", 25, null, true),
    b("B02", "以不正当手段骗取公共租赁住房或租赁补贴，拒不退出、补缴租金或退还补贴", 45, 1, true),
    b("B03", "基本信息发生变化经提醒拒不申请变更，或无正当理由拒不参加资格复核", 10, 4, false),
    b("B04", "违规出租、转租、转借、调换、转让、抵押公共租赁住房或作经营性用房", 45, 3, true),
    b("B05", "改变房屋用途，擅自装修，损毁、破坏、改变房屋结构和配套设施", 25, 2, true),
    b("B06", "无正当理由拖欠租金累计6个月以上", 25, null, false),
    b("B07", "承租的公共租赁住房无故连续空置超过6个月", 30, null, false),
    b("B08", "房屋及附属设施损坏时未采取措施或未及时通知维修致使损失扩大", 5, null, false),
    b("B09", "利用公共租赁住房从事非法活动或危害公共秩序与安全，警告三次仍不改正", 25, 3, true),
    b("B10", "违反书面约定或有关规定拒不整改，或拒不履行依法作出的处罚决定", 45, 4, true),
    b("B11", "国家和地方政府政策规定的其他失信行为", 10, null, false),
  ],
  tiers: { mildFrom: 80, moderateFrom: 60 },
  repeat: { windowMonths: 12, multiplier: 2 },
  warning: { entryMonths: 3 },
  keyAttention: { periodMonths: 12, mildCount: 2, windowMonths: 12 },
  jointPunishment: { reminderWorkingDays: 10, defenceWorkingDays: 5, publicityDays: 7, listingYears: 3, minListingYears: 1, stepGraceWorkingDays: 5 },
  objection: { decisionWorkingDays: 5, maxWorkingDays: 20 },
  repair: { waitingMonths: { MILD: 0, MODERATE: 3, SEVERE: 12 }, decisionWorkingDays: 3, extensionWorkingDays: 3 },
  // R6.1: measures per tier and per list.
  measures: [
    { code: "M01", name: "信用提醒，约谈告诫", appliesTo: ["MILD", "MODERATE", "SEVERE"] },
    { code: "M02", name: "增加入户核查和资格复核频次", appliesTo: ["MODERATE", "SEVERE", "KEY_ATTENTION"] },
    { code: "M03", name: "办理调换、续租等住房保障业务时从严审核", appliesTo: ["MODERATE", "SEVERE"] },
    { code: "M04", name: "不予续租，或续租时按市场租金标准计收租金", appliesTo: ["SEVERE", "JOINT_PUNISHMENT"] },
    { code: "M05", name: "在警示名单中公示", appliesTo: ["WARNING"] },
    { code: "M06", name: "作为重点关注对象实施动态监测，并提示重点关注期限", appliesTo: ["KEY_ATTENTION"] },
    { code: "M07", name: "五年内不予受理公共租赁住房和租赁补贴申请", appliesTo: ["JOINT_PUNISHMENT"] },
    { code: "M08", name: "推送至住房城乡建设信用信息共享平台，由相关部门实施联合惩戒", appliesTo: ["JOINT_PUNISHMENT"] },
  ],
};

/**
 * R6.1: measures that run for their own period from the listing decision (列入决定), not for as
 * long as the listing lasts: M07 "五年内不予受理" bars applications for five years from the
 * decision, whatever the (1–3-year) listing period. Revoked or repaired listings end it with
 * them (R7.2, R7.5); a listing that simply expired keeps it running.
 */
export const MEASURE_YEARS_FROM_LISTING: Readonly<Record<string, number>> = { M07: 5 };

export class RuleSetProblem {
  constructor(
    readonly field: string,
    readonly message: string,
  ) {}
}

/** What a city or county may change (R4.2): everything it gives must be at least as strict. */
export interface RuleSetRefinement {
  version: string;
  divisionCode: string;
  effectiveFrom: string;
  /** Stricter deductions or use periods for existing behaviours. */
  behaviors?: { code: string; deduction?: number; useYears?: number }[];
  /** Sub-types of existing behaviours, deducting at least their parent. */
  subTypes?: { code: string; parentCode: string; name: string; deduction: number }[];
  tiers?: Partial<RuleSet["tiers"]>;
  repeat?: Partial<RuleSet["repeat"]>;
  warning?: Partial<RuleSet["warning"]>;
  keyAttention?: Partial<RuleSet["keyAttention"]>;
  jointPunishment?: Partial<RuleSet["jointPunishment"]>;
  measures?: MeasureRule[];
}

/**
 * R4.2: derives a city or county rule set from its parent's, refusing anything looser. Looser
 * means: a smaller deduction, repeat window or multiplier, use period, warning or attention
 * period, listing period; lower tier thresholds; more mild records before key attention; and,
 * for the family's procedural protections, a shorter reminder deadline, defence or publicity
 * period. Returns the problems (zh-CN) or the new rule set.
 */
export function refineRuleSet(parent: RuleSet, r: RuleSetRefinement): { ok: true; rules: RuleSet } | { ok: false; problems: RuleSetProblem[] } {
  const p: RuleSetProblem[] = [];
  const notBelow = (field: string, value: number | undefined, min: number, label: string) => {
    if (value === undefined) return;
    if (!Number.isFinite(value)) p.push(new RuleSetProblem(field, `${label}应为数字`));
    else if (value < min) p.push(new RuleSetProblem(field, `${label}不得低于上级规则（${min}），只能从严`));
  };
  const notAbove = (field: string, value: number | undefined, max: number, label: string) => {
    if (value === undefined) return;
    if (!Number.isFinite(value)) p.push(new RuleSetProblem(field, `${label}应为数字`));
    else if (value > max) p.push(new RuleSetProblem(field, `${label}不得高于上级规则（${max}），只能从严`));
  };
  const behaviors = parent.behaviors.map((x) => ({ ...x }));
  for (const [i, change] of (r.behaviors ?? []).entries()) {
    const target = behaviors.find((x) => x.code === change.code);
    if (!target) {
      p.push(new RuleSetProblem(`behaviors[${i}].code`, `失信行为“${change.code}”不在上级目录中`));
      continue;
    }
    notBelow(`behaviors[${i}].deduction`, change.deduction, target.deduction, `“${target.code}”的扣分`);
    notAbove(`behaviors[${i}].deduction`, change.deduction, 100, `“${target.code}”的扣分`);
    notBelow(`behaviors[${i}].useYears`, change.useYears, target.useYears, `“${target.code}”的惩戒期限（年）`);
    if (change.deduction !== undefined) target.deduction = change.deduction;
    if (change.useYears !== undefined) target.useYears = change.useYears;
  }
  for (const [i, s] of (r.subTypes ?? []).entries()) {
    const parentBehavior = behaviors.find((x) => x.code === s.parentCode && !x.parentCode);
    if (!parentBehavior) {
      p.push(new RuleSetProblem(`subTypes[${i}].parentCode`, `细化的失信行为“${s.parentCode}”不在全省目录中`));
      continue;
    }
    if (!new RegExp(`^${s.parentCode}-[A-Za-z0-9]{1,8}$`).test(s.code) || behaviors.some((x) => x.code === s.code)) {
      p.push(new RuleSetProblem(`subTypes[${i}].code`, `细化类型编码应为“${s.parentCode}-后缀”且不能重复`));
    }
    if (!s.name?.trim()) p.push(new RuleSetProblem(`subTypes[${i}].name`, "细化类型名称不能为空"));
    notBelow(`subTypes[${i}].deduction`, s.deduction, parentBehavior.deduction, `细化类型“${s.code}”的扣分`);
    notAbove(`subTypes[${i}].deduction`, s.deduction, 100, `细化类型“${s.code}”的扣分`);
    behaviors.push({ ...parentBehavior, code: s.code, name: s.name, deduction: s.deduction, parentCode: s.parentCode, addedBy: r.divisionCode });
  }
  // A stricter parent deduction must not leave an inherited sub-type below its parent.
  const added = new Set((r.subTypes ?? []).map((x) => x.code));
  for (const sub of behaviors.filter((x) => x.parentCode && !added.has(x.code))) {
    const parentBehavior = behaviors.find((x) => x.code === sub.parentCode);
    if (parentBehavior && sub.deduction < parentBehavior.deduction) {
      p.push(new RuleSetProblem("subTypes", `细化类型“${sub.code}”的扣分（${sub.deduction}）低于其所属行为“${parentBehavior.code}”的扣分（${parentBehavior.deduction}）`));
    }
  }
  notBelow("tiers.mildFrom", r.tiers?.mildFrom, parent.tiers.mildFrom, "轻度失信分数线");
  notBelow("tiers.moderateFrom", r.tiers?.moderateFrom, parent.tiers.moderateFrom, "中度失信分数线");
  const tiers = { ...parent.tiers, ...r.tiers };
  if (tiers.mildFrom > 100 || tiers.moderateFrom >= tiers.mildFrom) p.push(new RuleSetProblem("tiers", "分数线应满足：中度失信分数线 < 轻度失信分数线 ≤ 100"));
  notBelow("repeat.windowMonths", r.repeat?.windowMonths, parent.repeat.windowMonths, "重复失信计算期（月）");
  notBelow("repeat.multiplier", r.repeat?.multiplier, parent.repeat.multiplier, "重复失信扣分倍数");
  notBelow("warning.entryMonths", r.warning?.entryMonths, parent.warning.entryMonths, "警示名单公示期（月）");
  notBelow("keyAttention.periodMonths", r.keyAttention?.periodMonths, parent.keyAttention.periodMonths, "重点关注期限（月）");
  notBelow("keyAttention.windowMonths", r.keyAttention?.windowMonths, parent.keyAttention.windowMonths, "轻度失信累计计算期（月）");
  notAbove("keyAttention.mildCount", r.keyAttention?.mildCount, parent.keyAttention.mildCount, "列入重点关注的轻度失信次数");
  if (r.keyAttention?.mildCount !== undefined && r.keyAttention.mildCount < 1) p.push(new RuleSetProblem("keyAttention.mildCount", "轻度失信次数至少为1"));
  const jp = r.jointPunishment ?? {};
  notBelow("jointPunishment.reminderWorkingDays", jp.reminderWorkingDays, parent.jointPunishment.reminderWorkingDays, "催告履行期限（工作日）");
  notBelow("jointPunishment.defenceWorkingDays", jp.defenceWorkingDays, parent.jointPunishment.defenceWorkingDays, "陈述申辩期限（工作日）");
  notBelow("jointPunishment.publicityDays", jp.publicityDays, parent.jointPunishment.publicityDays, "公示期（日）");
  notBelow("jointPunishment.listingYears", jp.listingYears, parent.jointPunishment.listingYears, "联合惩戒名单期限（年）");
  notAbove("jointPunishment.listingYears", jp.listingYears, 3, "联合惩戒名单期限（年）");
  notBelow("jointPunishment.minListingYears", jp.minListingYears, parent.jointPunishment.minListingYears, "联合惩戒名单最短期限（年）");
  const minYears = jp.minListingYears ?? parent.jointPunishment.minListingYears;
  const defaultYears = jp.listingYears ?? parent.jointPunishment.listingYears;
  if (minYears > defaultYears) p.push(new RuleSetProblem("jointPunishment.minListingYears", "联合惩戒名单最短期限不能超过默认期限"));
  notAbove("jointPunishment.stepGraceWorkingDays", jp.stepGraceWorkingDays, parent.jointPunishment.stepGraceWorkingDays, "程序环节办理时限（工作日）");
  for (const [i, m] of (r.measures ?? []).entries()) {
    if (parent.measures.some((x) => x.code === m.code)) p.push(new RuleSetProblem(`measures[${i}].code`, `惩戒措施“${m.code}”已存在，下级只能增加措施`));
    if (!m.name?.trim() || m.appliesTo.length === 0) p.push(new RuleSetProblem(`measures[${i}]`, "惩戒措施应有名称和适用档次或名单"));
  }
  if (!/^\d{6}-v\d+$/.test(r.version) || !r.version.startsWith(r.divisionCode)) {
    p.push(new RuleSetProblem("version", "版本号格式应为“区划代码-v序号”，如 420100-v1"));
  }
  if (p.length) return { ok: false, problems: p };
  return {
    ok: true,
    rules: {
      version: r.version,
      divisionCode: r.divisionCode,
      parentVersion: parent.version,
      effectiveFrom: r.effectiveFrom,
      behaviors,
      tiers,
      repeat: { ...parent.repeat, ...r.repeat },
      warning: { ...parent.warning, ...r.warning },
      keyAttention: { ...parent.keyAttention, ...r.keyAttention },
      jointPunishment: { ...parent.jointPunishment, ...jp },
      objection: parent.objection,
      repair: parent.repair,
      measures: [...parent.measures, ...(r.measures ?? [])],
      // R6.3 (5): the state's listing grounds are the province's to set; a refinement inherits them.
      stateListedBehaviors: [...stateListedBehaviors(parent)],
    },
  };
}

/** R6.3 (5): the behaviours the state prescribes as listing grounds by themselves (none when absent). */
export function stateListedBehaviors(rules: RuleSet): readonly string[] {
  return rules.stateListedBehaviors ?? [];
}

/** R6.3 (5): whether a record of this behaviour (or of a sub-type of a listed one) grounds the joint-punishment procedure by itself. */
export function isStateListed(rules: RuleSet, code: string): boolean {
  const listed = stateListedBehaviors(rules);
  if (!listed.length) return false;
  const b = behaviorOf(rules, code);
  return listed.includes(code) || (b?.parentCode !== undefined && listed.includes(b.parentCode));
}

export function behaviorOf(rules: RuleSet, code: string): BehaviorRule | undefined {
  return rules.behaviors.find((x) => x.code === code);
}

/** The province catalogue behaviour a (sub-)type belongs to: repeats are counted per it. */
export function baseBehavior(rules: RuleSet, code: string): string {
  return behaviorOf(rules, code)?.parentCode ?? code;
}
