// The common machinery of the source subgraphs' batch intake (issue 14): a batch of at most
// 1,000 rows, each checked on its own (a problem names the row and the field), compared with what
// is stored under its idempotency key, and written set-wise: new rows inserted, changed rows
// updated with their previous values kept as a revision (R3.3: who, when, what), unchanged rows
// skipped. `dryRun` checks only; `allOrNothing` writes nothing when any row is rejected.
import type { EntityManager } from "@mikro-orm/core";
import { sqlQuery } from "../db/orm";
import type { Checked } from "../domain/intake-rules";
import { badInput, ErrorCode, hubError } from "../errors";
import { InputProblem } from "../domain/input-problem";
import type { Caller } from "../auth/caller";
import { hasRole } from "../auth/caller";

export const MAX_INTAKE_ROWS = 1000;

export interface IntakeProblemView {
  row: number;
  field: string | null;
  code: string;
  message: string;
}

export interface IntakeReportView {
  kind: string;
  sourceSystem: string;
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  dryRun: boolean;
  written: boolean;
  problems: IntakeProblemView[];
}

export interface IntakeOptions {
  dryRun: boolean;
  allOrNothing: boolean;
}

/** Collects each row's problems; a row with any problem is rejected. */
export class RowProblems {
  readonly problems: IntakeProblemView[] = [];
  private readonly rejected = new Set<number>();

  take<T>(row: number, field: string, checked: Checked<T>): T | undefined {
    if (checked.ok) return checked.value;
    this.add(row, field, checked.code, checked.message);
    return undefined;
  }

  add(row: number, field: string | null, code: string, message: string): void {
    this.rejected.add(row);
    this.problems.push({ row, field, code, message });
  }

  isRejected(row: number): boolean {
    return this.rejected.has(row);
  }

  get rejectedCount(): number {
    return this.rejected.size;
  }
}

/** The batch-level checks: who, how many rows, which source system. */
export function checkBatch(caller: Caller, sourceSystem: string, rows: readonly unknown[], roles: readonly ("OPERATOR" | "ADMIN")[]): string {
  if (!caller.sub || !caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
  if (!hasRole(caller, ...roles)) throw hubError(ErrorCode.FORBIDDEN, `需要以下角色之一：${roles.join("、")}`);
  const system = sourceSystem.trim();
  const p: InputProblem[] = [];
  if (!system || system.length > 64) p.push(new InputProblem("sourceSystem", "来源系统应为1至64个字符"));
  if (rows.length > MAX_INTAKE_ROWS) p.push(new InputProblem("rows", `每次最多提交${MAX_INTAKE_ROWS}行（本次${rows.length}行）`));
  if (p.length) throw badInput(p);
  return system;
}

/** A column of a table written through jsonb_to_recordset: its name and PostgreSQL type. */
export type ColumnSpec = readonly [name: string, type: string];

function recordset(columns: readonly ColumnSpec[]): string {
  return columns.map(([n, t]) => `"${n}" ${t}`).join(", ");
}

/** Inserts rows (objects keyed by column name) in one statement. */
export async function insertRows(em: EntityManager, table: string, columns: readonly ColumnSpec[], rows: readonly Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const names = columns.map(([n]) => `"${n}"`).join(", ");
  await sqlQuery(em, `insert into ${table} (${names}) select ${names} from jsonb_to_recordset(cast(? as jsonb)) as r(${recordset(columns)})`, [JSON.stringify(rows)]);
}

/** Updates rows by id in one statement (every listed column set from the row). */
export async function updateRows(em: EntityManager, table: string, columns: readonly ColumnSpec[], rows: readonly Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const set = columns.filter(([n]) => n !== "id").map(([n]) => `"${n}" = r."${n}"`).join(", ");
  await sqlQuery(em, `update ${table} t set ${set} from jsonb_to_recordset(cast(? as jsonb)) as r(${recordset(columns)}) where t."id" = r."id"`, [JSON.stringify(rows)]);
}

export interface Revision {
  kind: string;
  row_id: string;
  source_system: string;
  source_id: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

/** R3.3: every update keeps the row as it was (append-only). */
export async function insertRevisions(em: EntityManager, schema: string, caller: Caller, now: Date, revisions: readonly Revision[]): Promise<void> {
  if (!revisions.length) return;
  const rows = revisions.map((r) => ({ ...r, changed_at: now.toISOString(), changed_by: caller.sub, changed_by_org: caller.org }));
  await insertRows(em, `"${schema}"."intake_revision"`, REVISION_COLUMNS, rows);
}

const REVISION_COLUMNS: readonly ColumnSpec[] = [
  ["kind", "text"],
  ["row_id", "uuid"],
  ["source_system", "text"],
  ["source_id", "text"],
  ["changed_at", "timestamptz"],
  ["changed_by", "text"],
  ["changed_by_org", "text"],
  ["before", "jsonb"],
  ["after", "jsonb"],
];

/**
 * Concurrent loads of one organisation and kind take turns (a transaction-scoped advisory lock),
 * so that two callers sending the same rows at once cannot both insert them: the second reads
 * what the first committed and finds them unchanged.
 */
export async function lockIntake(em: EntityManager, schema: string, org: string, kind: string): Promise<void> {
  await sqlQuery(em, `select pg_advisory_xact_lock(hashtext(?))`, [`intake:${schema}:${org}:${kind}`]);
}

/** The values compared for "unchanged": numbers to cents, absent as null. */
export function sameValues(a: Record<string, unknown>, b: Record<string, unknown>, keys: readonly string[]): boolean {
  const norm = (v: unknown) => (v === undefined || v === null || v === "" ? null : typeof v === "number" ? v.toFixed(2) : typeof v === "boolean" ? String(v) : String(v));
  return keys.every((k) => norm(a[k]) === norm(b[k]));
}

/** What a batch would write: planned from what is stored under each row's key. */
export interface IntakePlan {
  inserts: Record<string, unknown>[];
  updates: Record<string, unknown>[];
  revisions: Revision[];
  unchanged: number;
}

/**
 * Plans the batch and writes what the options allow. A dry run, or an all-or-nothing batch with a
 * rejected row, only plans. Otherwise the plan is made again inside the write transaction, after
 * the organisation's turn for the kind (lockIntake): what a concurrent load committed is seen.
 */
export async function runIntake<P extends IntakePlan>(
  em: EntityManager,
  turn: { schema: string; caller: Caller; kind: string; lockKind?: string; now: Date },
  received: { sourceSystem: string; rows: number; problems: RowProblems },
  opts: IntakeOptions,
  plan: (em: EntityManager) => Promise<P>,
  write: (tx: EntityManager, w: P) => Promise<void>,
): Promise<{ report: IntakeReportView; plan: P }> {
  const p = received.problems;
  const done = (w: P, written: boolean) => ({
    report: report(turn.kind, received.sourceSystem, received.rows, p, { inserted: w.inserts.length, updated: w.updates.length, unchanged: w.unchanged }, opts, written),
    plan: w,
  });
  if (opts.dryRun || (opts.allOrNothing && p.rejectedCount)) return done(await plan(em), false);
  const out = await em.transactional(async (tx) => {
    await lockIntake(tx, turn.schema, turn.caller.org!, turn.lockKind ?? turn.kind);
    const w = await plan(tx);
    // Rows rejected while planning (an unknown tenancy, a case number taken) count too.
    if (opts.allOrNothing && p.rejectedCount) return { w, written: false };
    await write(tx, w);
    await insertRevisions(tx, turn.schema, turn.caller, turn.now, w.revisions);
    return { w, written: true };
  });
  return done(out.w, out.written);
}

export function report(kind: string, sourceSystem: string, received: number, p: RowProblems, counts: { inserted: number; updated: number; unchanged: number }, opts: IntakeOptions, written: boolean): IntakeReportView {
  return {
    kind,
    sourceSystem,
    received,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    rejected: p.rejectedCount,
    dryRun: opts.dryRun,
    written,
    problems: [...p.problems].sort((a, b) => a.row - b.row),
  };
}
