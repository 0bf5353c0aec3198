// Scoring (R5.2): base 100 minus the deductions of the records that count; a repeat of the
// same behaviour within the repeat window deducts double; three tiers below "good".
import { addMonths, addYears } from "./dates";
import { baseBehavior, behaviorOf, type RuleSet, type Severity, type Tier } from "./rule-set";

export const BASE_SCORE = 100;

export type RecordStatus = "CANDIDATE" | "PENDING" | "IDENTIFIED" | "REJECTED" | "REVOKED" | "REPAIRED";

export interface RecordFacts {
  id: string;
  behaviorCode: string;
  status: RecordStatus;
  occurredOn: string;
  /** The end of the behaviour; the use period counts from it (R7.4). Defaults to occurredOn. */
  endedOn?: string | null;
  identifiedOn?: string | null;
  /** An objection is being verified: the record counts for nothing meanwhile (R7.2). */
  suspended?: boolean;
}

/** R5.2 tiers: 100 good; [mildFrom, 100) mild; [moderateFrom, mildFrom) moderate; below, severe. */
export function tierOf(score: number, rules: RuleSet): Tier {
  if (score >= BASE_SCORE) return "GOOD";
  if (score >= rules.tiers.mildFrom) return "MILD";
  if (score >= rules.tiers.moderateFrom) return "MODERATE";
  return "SEVERE";
}

/** A behaviour's severity: the tier its deduction alone would give a family at 100. */
export function severityOf(behaviorCode: string, rules: RuleSet): Severity {
  const deduction = behaviorOf(rules, behaviorCode)?.deduction ?? 0;
  const t = tierOf(BASE_SCORE - Math.max(deduction, 1), rules);
  return t === "GOOD" ? "MILD" : t;
}

export function useEndsOn(r: RecordFacts, rules: RuleSet): string {
  const years = behaviorOf(rules, r.behaviorCode)?.useYears ?? 5;
  return addYears(r.endedOn ?? r.occurredOn, years);
}

/**
 * R3.2, R7.2, R7.4, R7.5: only identified records count, and not while suspended by an
 * objection, nor once revoked, repaired, or past the behaviour's use period.
 */
export function counts(r: RecordFacts, asOf: string, rules: RuleSet): boolean {
  return r.status === "IDENTIFIED" && !r.suspended && r.occurredOn <= asOf && (!r.identifiedOn || r.identifiedOn <= asOf) && asOf < useEndsOn(r, rules);
}

export interface ScoredRecord {
  id: string;
  points: number;
  repeat: boolean;
}

export interface Score {
  score: number;
  tier: Tier;
  records: ScoredRecord[];
}

/**
 * R5.2: score = 100 − Σ deductions (not below 0). A record whose behaviour (counted per
 * province catalogue behaviour, so sub-types repeat their parent) already occurred in a
 * counting record within the repeat window before it deducts `multiplier` times.
 */
export function scoreOf(records: readonly RecordFacts[], asOf: string, rules: RuleSet): Score {
  const effective = records.filter((r) => counts(r, asOf, rules)).sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.id.localeCompare(b.id));
  const scored: ScoredRecord[] = [];
  let total = 0;
  effective.forEach((r, i) => {
    const base = baseBehavior(rules, r.behaviorCode);
    const repeat = effective
      .slice(0, i)
      .some((prev) => baseBehavior(rules, prev.behaviorCode) === base && addMonths(prev.occurredOn, rules.repeat.windowMonths) > r.occurredOn);
    const deduction = behaviorOf(rules, r.behaviorCode)?.deduction ?? 0;
    const points = repeat ? deduction * rules.repeat.multiplier : deduction;
    total += points;
    scored.push({ id: r.id, points, repeat });
  });
  const score = Math.max(0, BASE_SCORE - total);
  return { score, tier: tierOf(score, rules), records: scored };
}
