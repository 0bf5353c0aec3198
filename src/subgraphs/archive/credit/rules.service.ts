// Rule sets as versioned data (R2.1, R4.2): the effective rule set of a division is the most
// specific one (county, then city, then province) in force on the day.
import type { EntityManager } from "@mikro-orm/core";
import { ancestry, PROVINCE_CODE } from "../../../domain/divisions";
import { refineRuleSet, type RuleSet, type RuleSetRefinement } from "../../../domain/credit/rule-set";
import { rebaseRefinement, validateProvinceRelease, type LooserValue, type ProvinceRelease } from "../../../domain/credit/rule-release";
import { badInput, ErrorCode, hubError } from "../../../errors";
import { RuleSetRow } from "../entities/rule-set.entity";

export type RuleSetStatus = "SCHEDULED" | "IN_FORCE" | "SUPERSEDED" | "STOPPED_LOOSER";

export class RuleBook {
  constructor(private readonly rows: RuleSetRow[]) {}

  /** R2.4: the rule set in force for a division on a day (a refinement stopped by a province release no longer, R4.2). */
  forDivision(divisionCode: string, on: string): RuleSet {
    return this.rowFor(divisionCode, on).rules;
  }

  rowFor(divisionCode: string, on: string): RuleSetRow {
    for (const d of ancestry(divisionCode)) {
      const row = this.ownRow(d.code, on);
      if (row) return row;
    }
    throw hubError(ErrorCode.INTERNAL_SERVER_ERROR, "缺少全省信用规则");
  }

  /** The division's own rule set in force on the day, if it has one. */
  private ownRow(divisionCode: string, on: string): RuleSetRow | undefined {
    const candidates = this.rows.filter((r) => r.divisionCode === divisionCode && r.effectiveFrom <= on && !(r.endsOn && r.endsOn <= on)).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom) || b.createdAt.getTime() - a.createdAt.getTime());
    return candidates[0];
  }

  byVersion(version: string): RuleSet | undefined {
    return this.row(version)?.rules;
  }

  row(version: string): RuleSetRow | undefined {
    return this.rows.find((r) => r.version === version);
  }

  /** The province version a rule set rests on (itself for a province version). */
  provinceVersionOf(version: string): string {
    let row = this.row(version);
    while (row?.parentVersion) row = this.row(row.parentVersion);
    return row?.version ?? version;
  }

  /** As of a day: SCHEDULED, IN_FORCE (its division's own rule set that day), SUPERSEDED or STOPPED_LOOSER (R4.2). */
  statusOf(row: RuleSetRow, today: string): RuleSetStatus {
    if (row.endsOn && row.endsOn <= today) return row.endReason === "LOOSER" ? "STOPPED_LOOSER" : "SUPERSEDED";
    if (row.effectiveFrom > today) return "SCHEDULED";
    return this.ownRow(row.divisionCode, today) === row ? "IN_FORCE" : "SUPERSEDED";
  }

  /** Adds a row being written in the same transaction (release and refinement chaining). */
  add(row: RuleSetRow) {
    this.rows.push(row);
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
    await lockRuleSets(tx);
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
    book.add(row);
    // R4.2: a refinement starting before an already released province version chains onto it
    // too; one that would be looser than it is refused (define it against the new version).
    for (const later of provinceRows(book).filter((p) => p.effectiveFrom > row.effectiveFrom)) {
      const mine = chainRefinements(tx, book, later, createdBy).stopped.find((r) => r === row || r.carries === row.version);
      if (mine) {
        throw badInput(mine.endDetail!.looser.map((l) => ({ field: l.field, message: `宽于 ${later.effectiveFrom} 起施行的全省规则 ${later.version}：${l.message}` })));
      }
    }
    await tx.flush();
    return row;
  }).finally(() => forgetRuleBook(em));
}

/** Serialises changes of the rule sets (province releases, refinements) on the province's rows. */
async function lockRuleSets(tx: EntityManager) {
  await tx.getConnection().execute(`select "version" from "archive"."rule_set" where "division_code" = ? for update`, [PROVINCE_CODE], "all", tx.getTransactionContext());
}

function provinceRows(book: RuleBook): RuleSetRow[] {
  return book
    .all()
    .filter((r) => r.divisionCode === PROVINCE_CODE)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

export interface ChainReport {
  /** Refinements carried onto the new province version (the new rule sets). */
  carried: RuleSetRow[];
  /** Refinements that stop applying from the new version's date, being looser than it. */
  stopped: RuleSetRow[];
}

/**
 * R4.2 chaining (the rule is stated in src/domain/credit/rule-release.ts): every city or county
 * refinement in force on the new province version's date, or scheduled after it, and resting on
 * an earlier province version, is re-applied on top of its parent's rules — cities first, then
 * counties — from max(that date, its own). Still at least as strict: carried on as
 * `<refinement>@<province version>`; otherwise it stops applying (LOOSER) and its division falls
 * back to its parent's rules. Idempotent: refinements already resting on the version are left.
 */
function chainRefinements(tx: EntityManager, book: RuleBook, province: RuleSetRow, createdBy: string): ChainReport {
  const from = province.effectiveFrom;
  const carried: RuleSetRow[] = [];
  const stopped: RuleSetRow[] = [];
  const divisions = [...new Set(book.all().filter((r) => r.divisionCode !== PROVINCE_CODE).map((r) => r.divisionCode))].sort((a, b) => ancestry(a).length - ancestry(b).length || a.localeCompare(b));
  for (const code of divisions) {
    const live = book
      .all()
      .filter((r) => r.divisionCode === code && !r.endsOn && book.provinceVersionOf(r.version) !== province.version)
      .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.createdAt.getTime() - b.createdAt.getTime());
    // The one in force on the date, and those scheduled after it; earlier ones are superseded already.
    const relevant = [...live.filter((r) => r.effectiveFrom <= from).slice(-1), ...live.filter((r) => r.effectiveFrom > from)];
    for (const row of relevant) {
      const start = row.effectiveFrom > from ? row.effectiveFrom : from;
      const oldParent = row.parentVersion ? book.byVersion(row.parentVersion) : undefined;
      if (!oldParent) throw hubError(ErrorCode.INTERNAL_SERVER_ERROR, `规则 ${row.version} 缺少上级规则`);
      const newParent = book.forDivision(ancestry(code)[1].code, start);
      const result = rebaseRefinement(oldParent, row.rules, newParent, province.version, start);
      row.endsOn = start;
      if (result.ok) {
        if (book.row(result.rules.version)) throw hubError(ErrorCode.CONFLICT, `规则版本 ${result.rules.version} 已存在`);
        row.endReason = "REBASED";
        const next = tx.create(RuleSetRow, {
          version: result.rules.version,
          divisionCode: code,
          parentVersion: newParent.version,
          effectiveFrom: start,
          rules: result.rules,
          createdBy,
          carries: row.carries ?? row.version,
        });
        book.add(next);
        carried.push(next);
      } else {
        row.endReason = "LOOSER";
        row.endDetail = { againstVersion: newParent.version, looser: result.looser };
        stopped.push(row);
      }
    }
  }
  return { carried, stopped };
}

/**
 * R2.1, R4.1: the province housing authority releases a new province version (its full content)
 * effective from a day not in the past; the refinements on the earlier version are chained onto
 * it (R4.2), and the report says which carry on and which stop, being looser.
 */
export async function releaseProvinceRuleSet(em: EntityManager, release: ProvinceRelease, createdBy: string, today: string): Promise<ChainReport & { row: RuleSetRow; book: RuleBook }> {
  return em.transactional(async (tx) => {
    await lockRuleSets(tx);
    const book = await loadRuleBook(tx);
    const latest = provinceRows(book).at(-1);
    if (!latest) throw hubError(ErrorCode.INTERNAL_SERVER_ERROR, "缺少全省信用规则");
    const result = validateProvinceRelease(latest.rules, release, today);
    if (!result.ok) throw badInput(result.problems.map((p) => ({ field: p.field, message: p.message })));
    if (book.row(release.version)) throw hubError(ErrorCode.CONFLICT, `规则版本 ${release.version} 已存在`);
    const row = tx.create(RuleSetRow, { version: result.rules.version, divisionCode: PROVINCE_CODE, parentVersion: null, effectiveFrom: result.rules.effectiveFrom, rules: result.rules, createdBy });
    book.add(row);
    const report = chainRefinements(tx, book, row, createdBy);
    await tx.flush();
    return { row, book, ...report };
  }).finally(() => forgetRuleBook(em));
}

export type { LooserValue };
