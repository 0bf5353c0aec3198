// R8.3: the disclosure audit. Entries form a hash chain: each stores the previous entry's hash
// and SHA-256(previous hash ‖ canonical content). Appends lock the chain head, so entries follow
// commit order with no gaps; a trigger refuses UPDATE, DELETE and TRUNCATE. `verifyAuditChain`
// recomputes the chain and names the first entry that does not match.
import { createHash } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { AuditEntry } from "../entities/audit-entry.entity";

export const GENESIS_HASH = "0".repeat(64);
/** The label recorded instead of a 文号 when the authority's own jurisdiction allowed a disclosure. */
export const JURISDICTION_LABEL = "辖区";

/** Lengths of the entry's free-text columns (audit-entry.entity.ts); longer texts are bounded first. */
export const AUDIT_COLUMNS = Object.freeze({ orgCode: 64, userSub: 128, clientAddress: 64, operationName: 128 });

export interface AuditInput {
  at: Date;
  /** SYSTEM: the hub's own work under its system scope (seeding), on the record too. INTAKE: a file load (issue 14). INBOUND: a list batch received from another platform (R6.7). */
  kind: "DISCLOSURE" | "GRANT" | "REVOKE" | "REGISTER" | "SYSTEM" | "INTAKE" | "INBOUND";
  orgCode: string | null;
  userSub: string | null;
  clientAddress: string | null;
  operationName: string | null;
  documentHash: string | null;
  permissions: string[];
  categoriesReturned: string[];
  categoriesDenied: string[];
  familyIds: string[];
  outcome: string;
  detail?: Record<string, unknown> | null;
}

type Hashable = AuditInput & { seq: string };

/** Stable JSON: keys sorted at every level. */
function canonical(v: unknown): string {
  if (v === null || v === undefined) return "null";
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object") {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

export function entryHash(prevHash: string, e: Hashable): string {
  const content = canonical({
    seq: String(e.seq),
    at: new Date(e.at).toISOString(),
    kind: e.kind,
    orgCode: e.orgCode ?? null,
    userSub: e.userSub ?? null,
    clientAddress: e.clientAddress ?? null,
    operationName: e.operationName ?? null,
    documentHash: e.documentHash ?? null,
    permissions: e.permissions,
    categoriesReturned: e.categoriesReturned,
    categoriesDenied: e.categoriesDenied,
    familyIds: e.familyIds,
    outcome: e.outcome,
    detail: e.detail ?? null,
  });
  return createHash("sha256").update(prevHash).update("\n").update(content).digest("hex");
}

/** Appends one entry in the caller's transaction (or a new one). Throws if it cannot be written. */
export async function appendAudit(em: EntityManager, input: AuditInput): Promise<{ seq: string; hash: string }> {
  return (await appendAuditBatch(em, [input]))[0];
}

const COLUMNS = `"seq", "at", "kind", "org_code", "user_sub", "client_address", "operation_name", "document_hash", "permissions", "categories_returned", "categories_denied", "family_ids", "outcome", "detail", "prev_hash", "hash"`;
const ROW = `(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::jsonb, ?, ?)`;

/**
 * Appends entries in order in one transaction: the chain head is locked once, each entry hashed
 * on the previous one, all inserted by one statement. All are written or none.
 */
export async function appendAuditBatch(em: EntityManager, inputs: AuditInput[]): Promise<{ seq: string; hash: string }[]> {
  return em.transactional(async (tx) => {
    const conn = tx.getConnection();
    const trx = tx.getTransactionContext();
    const head = await conn.execute<{ seq: string; hash: string }[]>(`select "seq", "hash" from "archive"."audit_head" where "id" = 1 for update`, [], "all", trx);
    if (!head.length) throw new Error("audit chain head is missing");
    let seq = BigInt(head[0].seq);
    let prev = head[0].hash;
    const params: unknown[] = [];
    const out: { seq: string; hash: string }[] = [];
    for (const input of inputs) {
      seq += 1n;
      const e: Hashable = { ...input, at: new Date(Math.floor(input.at.getTime())), seq: String(seq), detail: input.detail ?? null };
      const hash = entryHash(prev, e);
      params.push(
        e.seq,
        e.at,
        e.kind,
        e.orgCode,
        e.userSub,
        e.clientAddress,
        e.operationName,
        e.documentHash,
        JSON.stringify(e.permissions),
        JSON.stringify(e.categoriesReturned),
        JSON.stringify(e.categoriesDenied),
        JSON.stringify(e.familyIds),
        e.outcome,
        e.detail === null ? null : JSON.stringify(e.detail),
        prev,
        hash,
      );
      out.push({ seq: e.seq, hash });
      prev = hash;
    }
    await conn.execute(`insert into "archive"."audit_entry" (${COLUMNS}) values ${inputs.map(() => ROW).join(", ")}`, params, "run", trx);
    await conn.execute(`update "archive"."audit_head" set "seq" = ?, "hash" = ? where "id" = 1`, [String(seq), prev], "run", trx);
    return out;
  });
}

/**
 * Group commit for the gateway's disclosure entries: requests arriving while a batch is being
 * written wait and go together in the next one — one lock, one insert — so the chain (which
 * serialises every append) does not serialise every request. Each caller still waits until its
 * own entry is committed (R8.3: no data without its audit entry).
 */
export class AuditAppender {
  private queue: { input: AuditInput; resolve: (r: { seq: string; hash: string }) => void; reject: (e: unknown) => void }[] = [];
  private draining = false;

  constructor(
    private readonly em: () => EntityManager,
    private readonly maxBatch = 200,
  ) {}

  append(input: AuditInput): Promise<{ seq: string; hash: string }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const written = await appendAuditBatch(this.em(), batch.map((b) => b.input));
          batch.forEach((b, i) => b.resolve(written[i]));
        } catch (e) {
          // One request's entry never fails another's: a failed batch is retried entry by entry,
          // and only the entries that fail alone are refused (their requests return no data).
          if (batch.length === 1) batch[0].reject(e);
          else
            for (const b of batch) {
              try {
                b.resolve((await appendAuditBatch(this.em(), [b.input]))[0]);
              } catch (alone) {
                b.reject(alone);
              }
            }
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

export type ChainCheck = { ok: true; entries: number; headSeq: string } | { ok: false; entries: number; brokenSeq: string; reason: string };

/** Walks the chain in order (in pages, constant memory) and reports the first broken entry. */
export async function verifyAuditChain(em: EntityManager, pageSize = 5000): Promise<ChainCheck> {
  const conn = em.getConnection();
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1n;
  let entries = 0;
  for (;;) {
    const rows = await conn.execute<Record<string, unknown>[]>(
      `select * from "archive"."audit_entry" where "seq" >= ? order by "seq" limit ?`,
      [String(expectedSeq), pageSize],
    );
    for (const r of rows) {
      const seq = String(r.seq);
      if (BigInt(seq) !== expectedSeq) return { ok: false, entries, brokenSeq: String(expectedSeq), reason: `序号不连续：缺少第 ${expectedSeq} 条（已删除或被重排）` };
      if (r.prev_hash !== prevHash) return { ok: false, entries, brokenSeq: seq, reason: "前一条的哈希不一致（前面的记录被删除、重排或修改）" };
      const recomputed = entryHash(prevHash, {
        seq,
        at: r.at as Date,
        kind: r.kind as AuditInput["kind"],
        orgCode: (r.org_code as string) ?? null,
        userSub: (r.user_sub as string) ?? null,
        clientAddress: (r.client_address as string) ?? null,
        operationName: (r.operation_name as string) ?? null,
        documentHash: (r.document_hash as string) ?? null,
        permissions: json(r.permissions),
        categoriesReturned: json(r.categories_returned),
        categoriesDenied: json(r.categories_denied),
        familyIds: json(r.family_ids),
        outcome: r.outcome as string,
        detail: r.detail == null ? null : json<Record<string, unknown>>(r.detail),
      });
      if (recomputed !== r.hash) return { ok: false, entries, brokenSeq: seq, reason: "内容与哈希不一致（记录被修改或被重排）" };
      prevHash = String(r.hash);
      expectedSeq += 1n;
      entries += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = await conn.execute<{ seq: string; hash: string }[]>(`select "seq", "hash" from "archive"."audit_head" where "id" = 1`);
  const headSeq = String(head[0]?.seq ?? "0");
  if (BigInt(headSeq) !== expectedSeq - 1n || (head[0] && head[0].hash !== prevHash)) {
    return { ok: false, entries, brokenSeq: String(expectedSeq), reason: `链尾与记录不一致：链头为第 ${headSeq} 条，记录只到第 ${expectedSeq - 1n} 条（末尾记录被删除）` };
  }
  return { ok: true, entries, headSeq };
}

/** A jsonb column as the driver returns it: parsed already (pg) or as text. */
function json<T = string[]>(v: unknown): T {
  return (typeof v === "string" ? JSON.parse(v) : v) as T;
}

export { AuditEntry };
