// Province releases of the rule set (R2.1, R4.1, R5.2, R6.1, R6.3, R6.4, R6.6, R7.2, R7.4, R7.5)
// and how the cities' and counties' refinements (R4.2) chain onto a new province version.
//
// Chaining rule (R4.2 "never loosening the province's"):
// - A refinement is what it changes relative to the rule set it was derived from (its parent):
//   its stricter values (the fields that differ from the parent), its sub-types and its added
//   measures. A value equal to the parent's is no refinement and simply follows the parent.
// - When the province releases a new version effective D, every refinement that is in force on
//   D or scheduled after it (and so based on an earlier province version) is re-applied, as that
//   difference, on top of its parent's rules in force on its new start (max(D, its own date)):
//   the new province version for a city, the city's re-applied rules (or the province version if
//   the city's stopped) for a county — cities first, then counties.
// - If every value is still at least as strict as the new parent's, the refinement carries on:
//   a new rule set `<refinement>@<province version>` (e.g. 420100-v1@420000-v2) starts on that
//   day, and the original stops there (superseded). Values the new parent raised beyond the
//   refinement are not silently lifted: the whole refinement stops applying from that day
//   (the division falls back to its parent's rules), and the looser values are reported, so the
//   city or county decides anew by defining a refinement of the new version.
// - Before D nothing changes: the earlier rules, and the refinements on them, keep applying.
import { PROVINCE_CODE } from "../divisions";
import { refineRuleSet, RuleSetProblem, type ListKind, type MeasureRule, type RuleSet, type RuleSetRefinement, type Severity } from "./rule-set";

export const MEASURE_TARGETS: readonly (Severity | ListKind)[] = ["MILD", "MODERATE", "SEVERE", "WARNING", "KEY_ATTENTION", "JOINT_PUNISHMENT"];

/** The full content of a province version, as released by the province housing authority. */
export interface ProvinceRelease {
  /** `420000-v<n>`, n above the latest province version's. */
  version: string;
  effectiveFrom: string;
  /** R4.1: the eleven behaviours of the catalogue, each once; province sub-types may follow (parentCode). */
  behaviors: { code: string; name: string; deduction: number; jointCriterion: number | null; intentional: boolean; useYears: number; parentCode?: string | null }[];
  /** R6.3 (5): catalogue codes the state prescribes as listing grounds by themselves. */
  stateListedBehaviors: string[];
  tiers: RuleSet["tiers"];
  repeat: RuleSet["repeat"];
  warning: RuleSet["warning"];
  keyAttention: RuleSet["keyAttention"];
  jointPunishment: RuleSet["jointPunishment"];
  objection: RuleSet["objection"];
  repair: RuleSet["repair"];
  measures: { code: string; name: string; appliesTo: string[] }[];
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(d: string): boolean {
  if (!DATE.test(d)) return false;
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}

function versionNumber(version: string): number | null {
  const m = /^\d{6}-v(\d+)$/.exec(version);
  return m ? Number(m[1]) : null;
}

/**
 * Validates a province release against the latest province version (R4.1: the same eleven
 * behaviours; every number in its range; a later version and date). Returns the problems (zh-CN,
 * naming the field) or the new rule set. The province sets the baseline: it may raise or lower
 * values; the refinements are then re-checked against it (rebaseRefinement).
 */
export function validateProvinceRelease(previous: RuleSet, r: ProvinceRelease, today: string): { ok: true; rules: RuleSet } | { ok: false; problems: RuleSetProblem[] } {
  const p: RuleSetProblem[] = [];
  const int = (field: string, value: unknown, min: number, max: number, label: string) => {
    if (typeof value !== "number" || !Number.isInteger(value)) p.push(new RuleSetProblem(field, `${label}应为整数`));
    else if (value < min || value > max) p.push(new RuleSetProblem(field, `${label}应在 ${min} 至 ${max} 之间`));
  };
  const n = versionNumber(r.version);
  const prevN = versionNumber(previous.version) ?? 0;
  if (n === null || !r.version.startsWith(`${PROVINCE_CODE}-`)) p.push(new RuleSetProblem("version", `版本号格式应为“${PROVINCE_CODE}-v序号”，如 ${PROVINCE_CODE}-v${prevN + 1}`));
  else if (n <= prevN) p.push(new RuleSetProblem("version", `版本序号应大于最新的全省版本（${previous.version}）`));
  if (!isDate(r.effectiveFrom)) p.push(new RuleSetProblem("effectiveFrom", "生效日期格式应为 YYYY-MM-DD"));
  else if (r.effectiveFrom < today) p.push(new RuleSetProblem("effectiveFrom", "生效日期不能早于今天"));
  else if (r.effectiveFrom <= previous.effectiveFrom) p.push(new RuleSetProblem("effectiveFrom", `生效日期应晚于最新的全省版本（${previous.version}，${previous.effectiveFrom} 起施行）`));

  // R4.1: the catalogue's eleven behaviours, each once, then any province sub-types.
  const catalogue = previous.behaviors.filter((b) => !b.parentCode).map((b) => b.code);
  const seen = new Set<string>();
  for (const [i, b] of r.behaviors.entries()) {
    const at = `behaviors[${i}]`;
    if (seen.has(b.code)) p.push(new RuleSetProblem(`${at}.code`, `失信行为“${b.code}”重复`));
    seen.add(b.code);
    if (b.parentCode) {
      const parent = r.behaviors.find((x) => x.code === b.parentCode && !x.parentCode);
      if (!parent || !catalogue.includes(b.parentCode)) p.push(new RuleSetProblem(`${at}.parentCode`, `细化的失信行为“${b.parentCode}”不在全省目录中`));
      else if (Number.isInteger(b.deduction) && b.deduction < parent.deduction) p.push(new RuleSetProblem(`${at}.deduction`, `细化类型“${b.code}”的扣分不得低于其所属行为“${parent.code}”的扣分（${parent.deduction}）`));
      if (!new RegExp(`^${b.parentCode}-[A-Za-z0-9]{1,8}$`).test(b.code)) p.push(new RuleSetProblem(`${at}.code`, `细化类型编码应为“${b.parentCode}-后缀”`));
    } else if (!catalogue.includes(b.code)) {
      p.push(new RuleSetProblem(`${at}.code`, `失信行为“${b.code}”不在全省失信行为目录（${catalogue[0]}–${catalogue[catalogue.length - 1]}）中`));
    }
    if (!b.name?.trim() || b.name.length > 200) p.push(new RuleSetProblem(`${at}.name`, "失信行为名称应为1至200个字符"));
    int(`${at}.deduction`, b.deduction, 1, 100, `“${b.code}”的扣分`);
    int(`${at}.useYears`, b.useYears, 1, 10, `“${b.code}”的惩戒期限（年）`);
    if (b.jointCriterion !== null && b.jointCriterion !== undefined) int(`${at}.jointCriterion`, b.jointCriterion, 1, 4, `“${b.code}”符合的联合惩戒列入情形`);
  }
  const missing = catalogue.filter((c) => !seen.has(c));
  if (missing.length) p.push(new RuleSetProblem("behaviors", `全省失信行为目录应包含全部行为，缺少：${missing.join("、")}`));
  for (const [i, code] of r.stateListedBehaviors.entries()) {
    if (!seen.has(code)) p.push(new RuleSetProblem(`stateListedBehaviors[${i}]`, `失信行为“${code}”不在本版本的失信行为目录中`));
    else if (r.stateListedBehaviors.indexOf(code) !== i) p.push(new RuleSetProblem(`stateListedBehaviors[${i}]`, `失信行为“${code}”重复`));
  }

  int("tiers.mildFrom", r.tiers.mildFrom, 1, 100, "轻度失信分数线");
  int("tiers.moderateFrom", r.tiers.moderateFrom, 1, 100, "中度失信分数线");
  if (r.tiers.moderateFrom >= r.tiers.mildFrom) p.push(new RuleSetProblem("tiers", "分数线应满足：中度失信分数线 < 轻度失信分数线 ≤ 100"));
  int("repeat.windowMonths", r.repeat.windowMonths, 1, 60, "重复失信计算期（月）");
  int("repeat.multiplier", r.repeat.multiplier, 1, 5, "重复失信扣分倍数");
  // 国办发〔2025〕22号: minor information is published at most 3 months.
  int("warning.entryMonths", r.warning.entryMonths, 1, 3, "警示名单公示期（月）");
  int("keyAttention.periodMonths", r.keyAttention.periodMonths, 1, 36, "重点关注期限（月）");
  int("keyAttention.mildCount", r.keyAttention.mildCount, 1, 10, "列入重点关注的轻度失信次数");
  int("keyAttention.windowMonths", r.keyAttention.windowMonths, 1, 60, "轻度失信累计计算期（月）");
  const jp = r.jointPunishment;
  int("jointPunishment.reminderWorkingDays", jp.reminderWorkingDays, 1, 60, "催告履行期限（工作日）");
  int("jointPunishment.defenceWorkingDays", jp.defenceWorkingDays, 1, 60, "陈述申辩期限（工作日）");
  int("jointPunishment.publicityDays", jp.publicityDays, 1, 60, "公示期（日）");
  // 国办发〔2025〕22号: serious information 1–3 years.
  int("jointPunishment.listingYears", jp.listingYears, 1, 3, "联合惩戒名单期限（年）");
  int("jointPunishment.minListingYears", jp.minListingYears, 1, 3, "联合惩戒名单最短期限（年）");
  if (jp.minListingYears > jp.listingYears) p.push(new RuleSetProblem("jointPunishment.minListingYears", "联合惩戒名单最短期限不能超过默认期限"));
  int("jointPunishment.stepGraceWorkingDays", jp.stepGraceWorkingDays, 1, 60, "程序环节办理时限（工作日）");
  int("objection.decisionWorkingDays", r.objection.decisionWorkingDays, 1, 60, "异议核查期限（工作日）");
  int("objection.maxWorkingDays", r.objection.maxWorkingDays, 1, 60, "异议核查最长期限（工作日）");
  if (r.objection.maxWorkingDays < r.objection.decisionWorkingDays) p.push(new RuleSetProblem("objection.maxWorkingDays", "异议核查最长期限不能短于核查期限"));
  const w = r.repair.waitingMonths;
  int("repair.waitingMonths.mild", w.MILD, 0, 60, "轻度失信最短修复等待期（月）");
  int("repair.waitingMonths.moderate", w.MODERATE, 0, 60, "中度失信最短修复等待期（月）");
  int("repair.waitingMonths.severe", w.SEVERE, 0, 60, "严重失信最短修复等待期（月）");
  if (!(w.MILD <= w.MODERATE && w.MODERATE <= w.SEVERE)) p.push(new RuleSetProblem("repair.waitingMonths", "修复等待期应随失信程度加重而不缩短（轻度 ≤ 中度 ≤ 严重）"));
  int("repair.decisionWorkingDays", r.repair.decisionWorkingDays, 1, 60, "修复决定期限（工作日）");
  int("repair.extensionWorkingDays", r.repair.extensionWorkingDays, 0, 60, "修复决定延长期限（工作日）");
  // R6.1: measures per tier and list.
  if (!r.measures.length) p.push(new RuleSetProblem("measures", "应至少有一项惩戒措施"));
  for (const [i, m] of r.measures.entries()) {
    if (!/^M\d{2,3}$/.test(m.code) || r.measures.findIndex((x) => x.code === m.code) !== i) p.push(new RuleSetProblem(`measures[${i}].code`, "惩戒措施编码应为“M”加两到三位数字且不能重复"));
    if (!m.name?.trim()) p.push(new RuleSetProblem(`measures[${i}].name`, "惩戒措施名称不能为空"));
    if (!m.appliesTo.length || m.appliesTo.some((a) => !(MEASURE_TARGETS as readonly string[]).includes(a))) p.push(new RuleSetProblem(`measures[${i}].appliesTo`, `适用对象应为：${MEASURE_TARGETS.join("、")}`));
  }
  if (p.length) return { ok: false, problems: p };
  return {
    ok: true,
    rules: {
      version: r.version,
      divisionCode: PROVINCE_CODE,
      parentVersion: null,
      effectiveFrom: r.effectiveFrom,
      behaviors: r.behaviors.map((b) => ({
        code: b.code,
        name: b.name.trim(),
        deduction: b.deduction,
        jointCriterion: (b.jointCriterion ?? null) as 1 | 2 | 3 | 4 | null,
        intentional: b.intentional,
        useYears: b.useYears,
        ...(b.parentCode ? { parentCode: b.parentCode, addedBy: PROVINCE_CODE } : {}),
      })),
      tiers: { mildFrom: r.tiers.mildFrom, moderateFrom: r.tiers.moderateFrom },
      repeat: { windowMonths: r.repeat.windowMonths, multiplier: r.repeat.multiplier },
      warning: { entryMonths: r.warning.entryMonths },
      keyAttention: { periodMonths: r.keyAttention.periodMonths, mildCount: r.keyAttention.mildCount, windowMonths: r.keyAttention.windowMonths },
      jointPunishment: { ...jp },
      objection: { decisionWorkingDays: r.objection.decisionWorkingDays, maxWorkingDays: r.objection.maxWorkingDays },
      repair: { waitingMonths: { MILD: w.MILD, MODERATE: w.MODERATE, SEVERE: w.SEVERE }, decisionWorkingDays: r.repair.decisionWorkingDays, extensionWorkingDays: r.repair.extensionWorkingDays },
      measures: r.measures.map((m): MeasureRule => ({ code: m.code, name: m.name.trim(), appliesTo: m.appliesTo as (Severity | ListKind)[] })),
      stateListedBehaviors: [...r.stateListedBehaviors],
    },
  };
}

type Section = "tiers" | "repeat" | "warning" | "keyAttention" | "jointPunishment";
const SECTIONS: readonly Section[] = ["tiers", "repeat", "warning", "keyAttention", "jointPunishment"];

/** R4.2: what a refined rule set changes relative to the rule set it was derived from (see the chaining rule above). */
export function refinementOf(parent: RuleSet, refined: RuleSet): RuleSetRefinement {
  const behaviors: NonNullable<RuleSetRefinement["behaviors"]> = [];
  const subTypes: NonNullable<RuleSetRefinement["subTypes"]> = [];
  for (const b of refined.behaviors) {
    const was = parent.behaviors.find((x) => x.code === b.code);
    if (!was) {
      subTypes.push({ code: b.code, parentCode: b.parentCode ?? "", name: b.name, deduction: b.deduction });
      continue;
    }
    const change: { code: string; deduction?: number; useYears?: number } = { code: b.code };
    if (b.deduction !== was.deduction) change.deduction = b.deduction;
    if (b.useYears !== was.useYears) change.useYears = b.useYears;
    if (change.deduction !== undefined || change.useYears !== undefined) behaviors.push(change);
  }
  const out: RuleSetRefinement = { version: refined.version.split("@")[0], divisionCode: refined.divisionCode, effectiveFrom: refined.effectiveFrom };
  if (behaviors.length) out.behaviors = behaviors;
  if (subTypes.length) out.subTypes = subTypes;
  for (const s of SECTIONS) {
    const mine = refined[s] as unknown as Record<string, number>;
    const theirs = parent[s] as unknown as Record<string, number>;
    const diff = Object.fromEntries(Object.entries(mine).filter(([k, v]) => v !== theirs[k]));
    if (Object.keys(diff).length) (out as unknown as Record<string, unknown>)[s] = diff;
  }
  const added = refined.measures.filter((m) => !parent.measures.some((x) => x.code === m.code));
  if (added.length) out.measures = added;
  return out;
}

/** A value of a refinement that is not at least as strict as its new parent's (R4.2). */
export interface LooserValue {
  /** e.g. `behaviors.B06.deduction`, `subTypes.B06-A.deduction`, `keyAttention.mildCount`. */
  field: string;
  /** The refinement's value, and the new parent's (null when not a single number). */
  value: number | null;
  baseValue: number | null;
  message: string;
}

/** The name of a refinement carried onto a new province version. */
export function carriedVersion(refinedVersion: string, provinceVersion: string): string {
  return `${refinedVersion.split("@")[0]}@${provinceVersion}`;
}

/**
 * R4.2 chaining (see the rule above): re-applies the refinement `refined`, derived from
 * `oldParent`, on top of `newParent` from `effectiveFrom`. Either the carried-on rule set
 * (named by carriedVersion) or the values that are now looser than the new parent's.
 */
export function rebaseRefinement(
  oldParent: RuleSet,
  refined: RuleSet,
  newParent: RuleSet,
  provinceVersion: string,
  effectiveFrom: string,
): { ok: true; rules: RuleSet } | { ok: false; looser: LooserValue[] } {
  const delta = { ...refinementOf(oldParent, refined), effectiveFrom };
  const result = refineRuleSet(newParent, delta);
  if (result.ok) return { ok: true, rules: { ...result.rules, version: carriedVersion(refined.version, provinceVersion) } };
  const looser = result.problems.map((problem): LooserValue => {
    const m = /^(behaviors|subTypes|measures)\[(\d+)\](?:\.(\w+))?$/.exec(problem.field);
    if (m) {
      const [, list, index, key] = m;
      if (list === "behaviors") {
        const change = delta.behaviors![Number(index)];
        const k = key as "deduction" | "useYears";
        const base = newParent.behaviors.find((x) => x.code === change.code);
        return { field: `behaviors.${change.code}.${k}`, value: change[k] ?? null, baseValue: base?.[k] ?? null, message: problem.message };
      }
      if (list === "subTypes") {
        const s = delta.subTypes![Number(index)];
        const base = newParent.behaviors.find((x) => x.code === s.parentCode);
        return { field: `subTypes.${s.code}.${key ?? "code"}`, value: key === "deduction" ? s.deduction : null, baseValue: key === "deduction" ? (base?.deduction ?? null) : null, message: problem.message };
      }
      return { field: `measures.${delta.measures![Number(index)].code}`, value: null, baseValue: null, message: problem.message };
    }
    const s = /^(tiers|repeat|warning|keyAttention|jointPunishment)\.(\w+)$/.exec(problem.field);
    if (s) {
      const section = s[1] as Section;
      const value = (delta[section] as Record<string, number> | undefined)?.[s[2]];
      const base = (newParent[section] as unknown as Record<string, number>)[s[2]];
      return { field: problem.field, value: value ?? null, baseValue: base ?? null, message: problem.message };
    }
    return { field: problem.field, value: null, baseValue: null, message: problem.message };
  });
  return { ok: false, looser };
}
