// Rule sets as versioned data (R2.1, R4.2): the effective rule set of a division is the most
// specific one (county, then city, then province) in force on the day.
import type { EntityManager } from "@mikro-orm/core";
import { ancestry } from "../../../domain/divisions";
import { refineRuleSet, type RuleSet, type RuleSetRefinement } from "../../../domain/credit/rule-set";
import { badInput, ErrorCode, hubError } from "../../../errors";
import { RuleSetRow } from "../entities/rule-set.entity";

export class RuleBook {
  constructor(private readonly rows: RuleSetRow[]) {}

  /** R2.4: the rule set in force for a division on a day. */
  forDivision(divisionCode: string, on: string): RuleSet {
    for (const d of ancestry(divisionCode)) {
      const candidates = this.rows.filter((r) => r.divisionCode === d.code && r.effectiveFrom <= on).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.createdAt.getTime() - a.createdAt.getTime());
      if (candidates.length) return candidates[0].rules;
    }
    throw hubError(ErrorCode.INTERNAL_SERVER_ERROR, "缺少全省信用规则");
  }

  byVersion(version: string): RuleSet | undefined {
    return this.rows.find((r) => r.version === version)?.rules;
  }

  all(): RuleSetRow[] {
    return this.rows;
  }
}

export async function loadRuleBook(em: EntityManager): Promise<RuleBook> {
  return new RuleBook(await em.find(RuleSetRow, {}, { orderBy: { effectiveFrom: "asc" } }));
}

/**
 * For reads (credit checks, lists): rule sets are append-only and rarely added, so readers share
 * one book per database for a few seconds; a rule set defined here is seen at once, one defined
 * by another instance within READ_CACHE_MS. Decisions always load the book inside their transaction.
 */
const READ_CACHE_MS = 10_000;
const readCache = new WeakMap<object, { at: number; book: Promise<RuleBook> }>();

export function cachedRuleBook(em: EntityManager): Promise<RuleBook> {
  const key = em.getConnection();
  const hit = readCache.get(key);
  if (hit && Date.now() - hit.at < READ_CACHE_MS) return hit.book;
  // Inside a request's read scope the book is read in its transaction (one connection on PGlite).
  const book = loadRuleBook(em.fork({ keepTransactionContext: true }));
  readCache.set(key, { at: Date.now(), book });
  book.catch(() => readCache.delete(key));
  return book;
}

function forgetRuleBook(em: EntityManager) {
  readCache.delete(em.getConnection());
}

/** R4.2: a city or county adds sub-types and stricter values; never looser than its parent's rules. */
export async function defineRuleSet(em: EntityManager, refinement: RuleSetRefinement, createdBy: string, today: string): Promise<RuleSetRow> {
  return em.transactional(async (tx) => {
    const book = await loadRuleBook(tx);
    const chain = ancestry(refinement.divisionCode);
    if (chain.length < 2) throw badInput([{ field: "divisionCode", message: "只有市、县住房保障部门可以细化全省规则" }]);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(refinement.effectiveFrom) || refinement.effectiveFrom < today) {
      throw badInput([{ field: "effectiveFrom", message: "生效日期不能早于今天" }]);
    }
    const parent = book.forDivision(chain[1].code, refinement.effectiveFrom);
    const result = refineRuleSet(parent, refinement);
    if (!result.ok) throw badInput(result.problems.map((p) => ({ field: p.field, message: p.message })));
    if (book.byVersion(refinement.version)) throw hubError(ErrorCode.CONFLICT, `规则版本 ${refinement.version} 已存在`);
    const row = tx.create(RuleSetRow, {
      version: result.rules.version,
      divisionCode: result.rules.divisionCode,
      parentVersion: result.rules.parentVersion,
      effectiveFrom: result.rules.effectiveFrom,
      rules: result.rules,
      createdBy,
    });
    await tx.flush();
    return row;
  }).finally(() => forgetRuleBook(em));
}
