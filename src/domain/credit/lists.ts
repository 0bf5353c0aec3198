// List eligibility: warning list (R5.3), key-attention list (R6.4), joint-punishment list (R6.3).
import { addMonths } from "./dates";
import { behaviorOf, isStateListed, type RuleSet } from "./rule-set";
import { counts, scoreOf, severityOf, type RecordFacts } from "./score";

export interface RectificationOrder {
  /** 责令限期改正/退回/补缴 issued on, with its deadline. */
  orderedOn: string;
  deadline: string;
  /** When the family complied; null while it has not. */
  compliedOn: string | null;
}

export interface RecordWithOrder extends RecordFacts {
  rectification?: RectificationOrder | null;
}

/** A list period [since, until): the entry ends on `until`. */
export interface ListPeriod {
  since: string;
  until: string;
}

export type JointReason =
  | { kind: "CRITERION"; criterion: 1 | 2 | 3 | 4 | 5; recordId: string }
  | { kind: "ESCALATION"; recordId: string };

/**
 * R6.3 (1)–(4): a counting record whose behaviour meets a criterion and whose rectification
 * order's deadline has passed (asOf after the deadline) without compliance. R6.3 (5): a counting
 * record of a behaviour the rule set lists as prescribed by the state (stateListedBehaviors),
 * by itself. R6.4: a moderate-or-worse record occurring inside a key-attention period.
 */
export function jointPunishmentReasons(records: readonly RecordWithOrder[], asOf: string, rules: RuleSet, keyAttention?: ListPeriod | null): JointReason[] {
  const reasons: JointReason[] = [];
  for (const r of records) {
    if (!counts(r, asOf, rules)) continue;
    const criterion = behaviorOf(rules, r.behaviorCode)?.jointCriterion ?? null;
    const order = r.rectification;
    if (criterion && order && order.deadline < asOf && (!order.compliedOn || order.compliedOn > order.deadline)) {
      reasons.push({ kind: "CRITERION", criterion, recordId: r.id });
      continue;
    }
    // R6.3 (5) "国家规定的其他…情形": no rectification order needed.
    if (isStateListed(rules, r.behaviorCode)) {
      reasons.push({ kind: "CRITERION", criterion: 5, recordId: r.id });
      continue;
    }
    if (keyAttention && r.occurredOn >= keyAttention.since && r.occurredOn < keyAttention.until && severityOf(r.behaviorCode, rules) !== "MILD") {
      reasons.push({ kind: "ESCALATION", recordId: r.id });
    }
  }
  return reasons;
}

/** R6.4: moderate (or worse) tier, or ≥ mildCount mild records identified within the window. */
export function keyAttentionEligible(records: readonly RecordFacts[], asOf: string, rules: RuleSet): boolean {
  const { tier } = scoreOf(records, asOf, rules);
  if (tier === "MODERATE" || tier === "SEVERE") return true;
  const windowStart = addMonths(asOf, -rules.keyAttention.windowMonths);
  const mild = records.filter((r) => counts(r, asOf, rules) && severityOf(r.behaviorCode, rules) === "MILD" && (r.identifiedOn ?? r.occurredOn) > windowStart);
  return mild.length >= rules.keyAttention.mildCount;
}

/** R5.3: the warning list takes families with dishonesty short of the key-attention list. */
export function warningEligible(records: readonly RecordFacts[], asOf: string, rules: RuleSet): boolean {
  return scoreOf(records, asOf, rules).tier !== "GOOD" && !keyAttentionEligible(records, asOf, rules);
}

/** The strongest list a family qualifies for now, if any (the procedures decide the rest). */
export function strongestList(records: readonly RecordWithOrder[], asOf: string, rules: RuleSet, keyAttention?: ListPeriod | null): "JOINT_PUNISHMENT" | "KEY_ATTENTION" | "WARNING" | null {
  if (jointPunishmentReasons(records, asOf, rules, keyAttention).length) return "JOINT_PUNISHMENT";
  if (keyAttentionEligible(records, asOf, rules)) return "KEY_ATTENTION";
  if (warningEligible(records, asOf, rules)) return "WARNING";
  return null;
}
