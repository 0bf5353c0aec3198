// The checkpoint of a file load: beside the file (or at --state), keyed by the kind, the source
// system and the file's SHA-256, recording how many of the file's rows are in committed batches,
// the counts so far and the length of the error report written for them. A rerun after an
// interruption skips those rows and continues; a changed file (another hash) starts afresh.
// Written atomically (temp file, fsync, rename) after each committed batch.
import fs from "node:fs";
import { createHash } from "node:crypto";
import { replaceFileSync } from "../exchange/files";

export interface IntakeCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export const zeroCounts = (): IntakeCounts => ({ inserted: 0, updated: 0, unchanged: 0, rejected: 0 });

export function addCounts(a: IntakeCounts, b: IntakeCounts): IntakeCounts {
  return { inserted: a.inserted + b.inserted, updated: a.updated + b.updated, unchanged: a.unchanged + b.unchanged, rejected: a.rejected + b.rejected };
}

export interface IntakeCheckpoint {
  version: 1;
  key: string;
  kind: string;
  sourceSystem: string;
  fileName: string;
  fileSha256: string;
  /** Rows (and unreadable records) of the file in committed batches, from the start. */
  committedItems: number;
  committedBatches: number;
  counts: IntakeCounts;
  /** Bytes of the error report that belong to the committed batches. */
  reportBytes: number;
  updatedAt: string;
}

export function checkpointKey(kind: string, sourceSystem: string, fileSha256: string): string {
  return createHash("sha256").update(JSON.stringify([kind, sourceSystem, fileSha256])).digest("hex");
}

/** The checkpoint for this key, or null (none, unreadable, or another file/kind/source). */
export function readCheckpoint(file: string, key: string): IntakeCheckpoint | null {
  let raw: string;
  try {
    raw = fs.readFileSync(file, "utf8");
  } catch {
    return null;
  }
  try {
    const cp = JSON.parse(raw) as IntakeCheckpoint;
    if (cp.version !== 1 || cp.key !== key || !Number.isInteger(cp.committedItems) || cp.committedItems < 0) return null;
    return cp;
  } catch {
    return null;
  }
}

export function writeCheckpoint(file: string, cp: IntakeCheckpoint): void {
  replaceFileSync(file, JSON.stringify(cp, null, 2) + "\n");
}

export function removeCheckpoint(file: string): void {
  fs.rmSync(file, { force: true });
}
