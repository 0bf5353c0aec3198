// `hub import <kind> <file>` (issue 14): a source's file through the kind's batch mutation.
//   1. one streamed pass over the raw bytes: SHA-256 and encoding;
//   2. one pass over the rows: headers checked (a wrong header stops everything before anything
//      is sent), rows counted;
//   3. the load is opened in the archive's audit (R8.3: who loaded what, how many rows, the hash);
//   4. with --all-or-nothing, every batch is first sent as a dry run: any problem → the report is
//      written and nothing is loaded;
//   5. the rows go in batches (≤ 1,000 rows, ≤ 512 KiB); after each batch the error report is
//      appended and the checkpoint records it, so an interrupted load resumes after the last
//      committed batch (the server is idempotent as well: a batch sent twice is counted unchanged);
//   6. the load is closed in the audit (completed or not) with its counts.
// Memory stays flat: one batch of rows is held at a time.
import path from "node:path";
import { acquireLock } from "../exchange/files";
import { addCounts, checkpointKey, readCheckpoint, removeCheckpoint, writeCheckpoint, zeroCounts, type IntakeCheckpoint, type IntakeCounts } from "./checkpoint";
import { columnLabel, type IntakeKind } from "./columns";
import { ErrorReport, type ReportRow } from "./error-report";
import { openIntakeSource, type IntakeItem, type IntakeSource, type IntakeValues } from "./parse";
import { chooseEncoding, fileFacts, formatOf, type IntakeEncoding, type IntakeFormat } from "./source-file";
import type { IntakeApi, IntakeBatchReport } from "./api";
import { createIntakeProgress, type IntakeProgressFactory } from "./progress";

/** The server's limit per call. */
export const MAX_BATCH_ROWS = 1000;
/** Well under the hub's 1 MiB request body limit. */
export const MAX_BATCH_BYTES = 512 * 1024;

export class IntakeLoadError extends Error {}

export interface ImportOptions {
  kind: IntakeKind;
  file: string;
  sourceSystem: string;
  api: IntakeApi;
  format?: IntakeFormat;
  encoding?: IntakeEncoding;
  /** Checkpoint file (default `<file>.intake-state.json`). */
  statePath?: string;
  /** Error report (default `<file>.errors.csv`). */
  reportPath?: string;
  allOrNothing?: boolean;
  /** Check only: every batch as a dry run, nothing loaded. */
  dryRun?: boolean;
  batchRows?: number;
  /** Interrupts the load after the batch in flight (SIGINT). */
  signal?: AbortSignal;
  /** Called after each committed batch with its 1-based number in this run (tests interrupt here). */
  afterBatch?: (batch: number) => void;
  progress?: IntakeProgressFactory;
  log?: (line: string) => void;
  now?: () => number;
}

export interface ImportResult extends IntakeCounts {
  kind: string;
  fileName: string;
  fileSha256: string;
  format: IntakeFormat;
  encoding: IntakeEncoding | null;
  totalRows: number;
  /** The load ran to the end of the file. */
  completed: boolean;
  interrupted: boolean;
  /** --all-or-nothing found problems (or --dry-run): nothing was loaded. */
  loadedNothing: boolean;
  dryRun: boolean;
  /** Rows skipped as committed by an earlier, interrupted run. */
  resumedRows: number;
  batches: number;
  /** The error report, when there were problems. */
  reportFile: string | null;
  reportRows: number;
  loadId: string | null;
  seconds: number;
  /** Counts of this run alone (what the audit entry records). */
  thisRun: IntakeCounts;
}

export interface Batch {
  /** Items (rows and unreadable records) of the file before this batch. */
  startItem: number;
  /** Items in this batch. */
  items: number;
  rows: IntakeValues[];
  lines: number[];
  /** Unreadable records among the batch's items (client side). */
  problems: ReportRow[];
}

/**
 * The file's batches, in order, from item `skipItems` on: at most `maxRows` rows and
 * MAX_BATCH_BYTES of JSON each. Records the reader could not make sense of travel with the
 * batch they fall in (for the report and the checkpoint). Deterministic for a given file.
 */
export async function* batchesOf(source: IntakeSource, maxRows: number, skipItems = 0): AsyncGenerator<Batch> {
  let item = 0;
  let current: Batch = { startItem: skipItems, items: 0, rows: [], lines: [], problems: [] };
  let bytes = 0;
  for await (const it of source.read() as AsyncGenerator<IntakeItem>) {
    if (item++ < skipItems) continue;
    if (it.type === "problem") {
      current.items++;
      current.problems.push({ line: it.line, column: it.column, reason: it.reason });
      continue;
    }
    const size = JSON.stringify(it.values).length * 3 + 1; // a bound on the UTF-8 bytes
    if (current.rows.length && (current.rows.length >= maxRows || bytes + size > MAX_BATCH_BYTES)) {
      yield current;
      current = { startItem: current.startItem + current.items, items: 0, rows: [], lines: [], problems: [] };
      bytes = 0;
    }
    current.items++;
    current.rows.push(it.values);
    current.lines.push(it.line);
    bytes += size;
  }
  if (current.items) yield current;
}

/** The server's problems of a batch as report rows (row index → line, field → the file's header). */
function serverProblems(kind: IntakeKind, source: IntakeSource, batch: Batch, report: IntakeBatchReport): ReportRow[] {
  return report.problems.map((p) => ({
    line: batch.lines[p.row] ?? batch.lines[0] ?? 0,
    column: columnLabel(kind, source.written, p.field),
    reason: p.message,
  }));
}

/** A row rejected by the server: its problems name it (several problems of one row count once). */
function rejectedOf(report: IntakeBatchReport): number {
  return report.rejected;
}

const countsOf = (r: IntakeBatchReport): IntakeCounts => ({ inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: rejectedOf(r) });

export async function importFile(opts: ImportOptions): Promise<ImportResult> {
  const { kind, api } = opts;
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => undefined);
  const progressOf = opts.progress ?? createIntakeProgress;
  const started = now();
  const file = path.resolve(opts.file);
  const fileName = path.basename(file);
  const maxRows = Math.min(MAX_BATCH_ROWS, Math.max(1, opts.batchRows ?? MAX_BATCH_ROWS));
  const dryRunOnly = opts.dryRun ?? false;
  const allOrNothing = (opts.allOrNothing ?? false) && !dryRunOnly;

  // 1. bytes: hash and encoding
  const format = formatOf(file, opts.format);
  const facts = await fileFacts(file);
  const encoding = format === "xlsx" ? null : chooseEncoding(facts, opts.encoding);
  const source = openIntakeSource(file, kind, { format, encoding: encoding ?? "utf-8" });

  // 2. rows: headers and counts (a header error throws here, before anything is sent)
  let totalRows = 0;
  let totalItems = 0;
  for await (const b of batchesOf(source, maxRows)) {
    totalRows += b.items;
    totalItems += b.items;
  }

  const statePath = path.resolve(opts.statePath ?? `${file}.intake-state.json`);
  const reportPath = path.resolve(opts.reportPath ?? `${file}.errors.csv`);
  const release = acquireLock(path.dirname(statePath), path.basename(statePath));
  const report = new ErrorReport(reportPath, fileName);
  const key = checkpointKey(kind.reportKind, opts.sourceSystem, facts.sha256);
  const previous = dryRunOnly ? null : readCheckpoint(statePath, key);
  const resumedItems = previous?.committedItems ?? 0;
  let total = previous?.counts ?? zeroCounts();
  let thisRun = zeroCounts();
  let committedItems = resumedItems;
  let committedBatches = previous?.committedBatches ?? 0;
  let batches = 0;
  let completed = false;
  let interrupted = false;
  let loadedNothing = dryRunOnly;
  let loadId: string | null = null;
  let closedLoadId: string | null = null;
  const checkpoint = (): IntakeCheckpoint => ({
    version: 1,
    key,
    kind: kind.reportKind,
    sourceSystem: opts.sourceSystem,
    fileName,
    fileSha256: facts.sha256,
    committedItems,
    committedBatches,
    counts: total,
    reportBytes: report.bytes,
    updatedAt: new Date(now()).toISOString(),
  });

  try {
    if (previous) log(`从断点续传：跳过已提交的 ${previous.committedBatches} 批（${resumedItems} 行），断点文件 ${statePath}`);
    report.open(previous ? previous.reportBytes : 0);

    // 3. the audit of the load
    if (!dryRunOnly) {
      const load = await api.beginLoad({ kind: kind.reportKind, sourceSystem: opts.sourceSystem, fileName, fileSha256: facts.sha256, totalRows, allOrNothing });
      loadId = load.id;
    }
    const aborted = () => opts.signal?.aborted ?? false;

    // 4. --all-or-nothing (and --dry-run): every batch checked first
    if (allOrNothing || dryRunOnly) {
      const bar = progressOf(`检查${kind.label}`, totalItems);
      let problems = 0;
      const checked = zeroCounts();
      try {
        for await (const batch of batchesOf(source, maxRows)) {
          if (aborted()) {
            interrupted = true;
            break;
          }
          const rows: ReportRow[] = [...batch.problems];
          if (batch.rows.length) {
            const r = await api.sendBatch(kind, opts.sourceSystem, batch.rows, { dryRun: true, allOrNothing: false });
            rows.push(...serverProblems(kind, source, batch, r));
            Object.assign(checked, addCounts(checked, countsOf(r)));
          }
          checked.rejected += batch.problems.length;
          problems += rows.length;
          if (allOrNothing || dryRunOnly) report.append(rows);
          bar.add(batch.items);
        }
      } finally {
        bar.done();
      }
      if (dryRunOnly) {
        total = checked;
        thisRun = zeroCounts();
        completed = !interrupted;
        return finish();
      }
      if (problems > 0 || interrupted) {
        // Nothing loaded: the report says why.
        loadedNothing = true;
        thisRun = { inserted: 0, updated: 0, unchanged: 0, rejected: checked.rejected };
        total = addCounts(previous?.counts ?? zeroCounts(), thisRun);
        completed = !interrupted;
        return finish();
      }
      // The check passed: the report of the check is empty; the load writes its own.
      report.close();
      report.open(previous ? previous.reportBytes : 0);
    }

    // 5. the load, batch by batch
    const bar = progressOf(`导入${kind.label}`, totalItems);
    bar.add(resumedItems);
    try {
      for await (const batch of batchesOf(source, maxRows, resumedItems)) {
        if (aborted()) {
          interrupted = true;
          break;
        }
        const rows: ReportRow[] = [...batch.problems];
        let counts: IntakeCounts = { ...zeroCounts(), rejected: batch.problems.length };
        if (batch.rows.length) {
          const r = await api.sendBatch(kind, opts.sourceSystem, batch.rows, { dryRun: false, allOrNothing });
          rows.push(...serverProblems(kind, source, batch, r));
          counts = addCounts(counts, countsOf(r));
          if (allOrNothing && !r.written) {
            // Changed between the check and the load (another load, a new rule): this batch stored nothing.
            report.append(rows);
            thisRun = addCounts(thisRun, { ...zeroCounts(), rejected: counts.rejected });
            total = addCounts(total, { ...zeroCounts(), rejected: counts.rejected });
            throw new IntakeLoadError(`第 ${committedBatches + 1} 批在检查之后被拒绝（--all-or-nothing：该批未写入），此前各批已写入；详见错误报告 ${reportPath}`);
          }
        }
        report.append(rows);
        thisRun = addCounts(thisRun, counts);
        total = addCounts(total, counts);
        committedItems = batch.startItem + batch.items;
        committedBatches++;
        batches++;
        writeCheckpoint(statePath, checkpoint());
        bar.add(batch.items);
        opts.afterBatch?.(batches);
      }
    } finally {
      bar.done();
    }
    completed = !interrupted;
    return finish();
  } catch (e) {
    await closeLoad(false).catch((err: Error) => log(`无法在审计中结束本次导入：${err.message}`));
    throw e;
  } finally {
    report.close();
    release();
  }

  async function closeLoad(done: boolean): Promise<void> {
    if (loadId === null) return;
    const id = loadId;
    loadId = null;
    await api.finishLoad(id, { ...thisRun, completed: done });
    closedLoadId = id;
  }

  async function finish(): Promise<ImportResult> {
    await closeLoad(completed);
    if (completed && !dryRunOnly) removeCheckpoint(statePath);
    report.removeIfEmpty();
    return {
      kind: kind.reportKind,
      fileName,
      fileSha256: facts.sha256,
      format,
      encoding,
      totalRows,
      ...total,
      completed,
      interrupted,
      loadedNothing,
      dryRun: dryRunOnly,
      resumedRows: resumedItems,
      batches,
      reportFile: report.rows > 0 ? reportPath : null,
      reportRows: report.rows,
      loadId: closedLoadId,
      seconds: (now() - started) / 1000,
      thisRun,
    };
  }
}
