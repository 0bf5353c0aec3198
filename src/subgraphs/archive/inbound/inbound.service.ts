// Inbound lists (issue 14 part 5; R6.7, R8.3): the archive's receiver of listings pushed by the
// national platform and other provinces' housing authorities (the gateway verified the sender's
// signature and the nonce, then calls the internal route `inbound-listings`), and the read of a
// person's external entries for `creditCheck`.
//
// - Idempotent: one row per (sender, sender's entry id or decision number); the same change again
//   is "unchanged", an older change than the stored one is "stale" and ignored, a newer one
//   updates the row (revisions + 1). A removal (EXPIRED, REVOKED, REPAIRED, CLOSED) keeps the row
//   with status REMOVED and its removal date: no longer shown, kept for history.
// - All or nothing: a batch with any problem is refused whole (BAD_USER_INPUT with every field
//   and reason); the receipt and the rows commit together with one audit entry (R8.3).
// - Never counted: nothing here touches family_credit, list_entry or list_change (R5.2, R6.1).
import { createHash, randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { scopedTransaction, sqlQuery } from "../../../db/orm";
import { describeReason, parseInboundBatch, senderName, type InboundEntry } from "../../../domain/inbound-listing";
import { shanghaiDate } from "../../../domain/credit/dates";
import { appendAudit } from "../sharing/audit.service";

export interface InboundReceiptInput {
  sender: string;
  keyId: string;
  /** SHA-256 of the body as received (hex). */
  bodySha256: string;
  body: unknown;
  clientAddress: string | null;
}

export type InboundReceipt =
  | { ok: true; batchId: string; received: number; created: number; updated: number; removed: number; unchanged: number; stale: number; duplicate: boolean; auditSeq: string }
  | { ok: false; code: "BAD_USER_INPUT" | "FORBIDDEN"; message: string; problems: { field: string; message: string }[] };

function contentHash(e: InboundEntry): string {
  const { changedAt: _at, ...content } = e;
  return createHash("sha256").update(JSON.stringify(content)).digest("hex");
}

export async function receiveInboundListings(em: EntityManager, raw: unknown, now: Date): Promise<InboundReceipt> {
  const input = raw as Partial<InboundReceiptInput> | null;
  const sender = typeof input?.sender === "string" ? input.sender : "";
  const name = senderName(sender);
  if (!name) return { ok: false, code: "FORBIDDEN", message: `发送方 ${sender || "（未知）"} 不是国家平台或外省住房保障主管部门，不接收其名单`, problems: [] };
  const parsed = parseInboundBatch(input?.body, sender, shanghaiDate(now));
  if (!parsed.ok) {
    const problems = parsed.problems.map((p) => ({ field: p.field, message: p.message }));
    // R8.3: a verified sender's refused batch is on the record too (nothing of it is stored).
    await appendAudit(em, {
      at: now,
      kind: "INBOUND",
      orgCode: sender,
      userSub: `inbound:${String(input?.keyId ?? "")}`,
      clientAddress: input?.clientAddress ?? null,
      operationName: "inbound-listings",
      documentHash: typeof input?.bodySha256 === "string" ? input.bodySha256 : null,
      permissions: [],
      categoriesReturned: [],
      categoriesDenied: [],
      familyIds: [],
      outcome: "REFUSED",
      detail: { problems: problems.slice(0, 50), problemCount: problems.length },
    });
    return { ok: false, code: "BAD_USER_INPUT", message: `名单批次未接收（全部未存储）：${problems.slice(0, 5).map((p) => `${p.field}：${p.message}`).join("；")}${problems.length > 5 ? `；等共 ${problems.length} 处问题` : ""}`, problems };
  }
  const batch = parsed.batch;
  return scopedTransaction(em, "*", async (tx) => {
    const counts = { created: 0, updated: 0, removed: 0, unchanged: 0, stale: 0 };
    const outcome: { entryKey: string; reason: string; status: string; result: string }[] = [];
    for (const e of batch.entries) {
      const hash = contentHash(e);
      const [row] = await sqlQuery<{ id: string; content_sha256: string; changed_at: Date; status: string }>(
        tx,
        `select "id", "content_sha256", "changed_at", "status" from "archive"."external_listing" where "sender_code" = ? and "entry_key" = ? for update`,
        [sender, e.entryKey],
      );
      const values = [
        e.kind, e.reason, e.status, e.decisionNumber, e.listedOn, e.listedUntil, e.removedOn, e.removalReason, e.authorityCode, e.authorityName,
        JSON.stringify(e.subjects), `{${e.subjects.map((s) => s.idNumber).join(",")}}`, JSON.stringify(e.behaviors), JSON.stringify(e.basis),
        e.changedAt, now, batch.batchId, input!.bodySha256 ?? "", hash,
      ];
      let result: string;
      if (!row) {
        await sqlQuery(
          tx,
          `insert into "archive"."external_listing" ("id", "sender_code", "sender_name", "entry_key", "kind", "reason", "status", "decision_number", "listed_on", "listed_until", "removed_on", "removal_reason", "authority_code", "authority_name", "subjects", "subject_ids", "behaviors", "basis", "changed_at", "received_at", "batch_id", "batch_sha256", "content_sha256", "first_received_at")
           values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, cast(? as text[]), ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?)`,
          [randomUUID(), sender, name, e.entryKey, ...values, now],
        );
        result = e.status === "REMOVED" ? "removed" : "created";
      } else if (row.content_sha256 === hash) {
        result = "unchanged";
      } else if (new Date(row.changed_at).getTime() > new Date(e.changedAt).getTime()) {
        result = "stale"; // an older change arriving late never overwrites a newer one
      } else {
        await sqlQuery(
          tx,
          `update "archive"."external_listing" set "kind" = ?, "reason" = ?, "status" = ?, "decision_number" = ?, "listed_on" = ?, "listed_until" = ?, "removed_on" = ?, "removal_reason" = ?,
                  "authority_code" = ?, "authority_name" = ?, "subjects" = ?::jsonb, "subject_ids" = cast(? as text[]), "behaviors" = ?::jsonb, "basis" = ?::jsonb,
                  "changed_at" = ?, "received_at" = ?, "batch_id" = ?, "batch_sha256" = ?, "content_sha256" = ?, "revisions" = "revisions" + 1
            where "id" = ?`,
          [...values, row.id],
        );
        result = e.status === "REMOVED" && row.status !== "REMOVED" ? "removed" : "updated";
      }
      counts[result as keyof typeof counts]++;
      outcome.push({ entryKey: e.entryKey, reason: e.reason, status: e.status, result });
    }
    const duplicate = counts.unchanged + counts.stale === batch.entries.length;
    // R8.3: the receipt, in the same transaction as the rows.
    const audit = await appendAudit(tx, {
      at: now,
      kind: "INBOUND",
      orgCode: sender,
      userSub: `inbound:${String(input!.keyId ?? "")}`,
      clientAddress: input!.clientAddress ?? null,
      operationName: "inbound-listings",
      documentHash: input!.bodySha256 ?? null,
      permissions: [],
      categoriesReturned: [],
      categoriesDenied: [],
      familyIds: [],
      outcome: duplicate ? "DUPLICATE" : "RECEIVED",
      detail: { batchId: batch.batchId, senderName: name, received: batch.entries.length, ...counts, entries: outcome },
    });
    return { ok: true as const, batchId: batch.batchId, received: batch.entries.length, ...counts, duplicate, auditSeq: audit.seq };
  });
}

/** An external entry as the credit check shows it (R6.2): who listed, when, until, why. */
export interface ExternalEntryRow {
  id: string;
  senderCode: string;
  senderName: string;
  kind: string;
  listedOn: string;
  listedUntil: string | null;
  decisionNumber: string;
  reason: string;
  authorityName: string;
  receivedAt: Date;
}

/**
 * The entries in force for a person (any subject with this ID number): not removed, not
 * suspended by the sender, begun and not past their end date. Row-level security shows them only
 * to a request that may see a family the person belongs to.
 */
export async function externalEntriesFor(em: EntityManager, idNumber: string, today: string): Promise<ExternalEntryRow[]> {
  const rows = await sqlQuery<{
    id: string; sender_code: string; sender_name: string; kind: string; listed_on: string; listed_until: string | null;
    decision_number: string; behaviors: InboundEntry["behaviors"]; basis: string[]; authority_name: string; received_at: Date;
  }>(
    em,
    `select "id", "sender_code", "sender_name", "kind", to_char("listed_on", 'YYYY-MM-DD') as "listed_on", to_char("listed_until", 'YYYY-MM-DD') as "listed_until",
            "decision_number", "behaviors", "basis", "authority_name", "received_at"
       from "archive"."external_listing"
      where ? = any("subject_ids") and "status" = 'ACTIVE' and "listed_on" <= cast(? as date) and ("listed_until" is null or "listed_until" > cast(? as date))
      order by "listed_on" desc, "sender_code", "entry_key"`,
    [idNumber.trim().toUpperCase(), today, today],
  );
  return rows.map((r) => ({
    id: r.id,
    senderCode: r.sender_code,
    senderName: r.sender_name,
    kind: r.kind,
    listedOn: r.listed_on,
    listedUntil: r.listed_until,
    decisionNumber: r.decision_number,
    reason: describeReason({ behaviors: r.behaviors, basis: r.basis }),
    authorityName: r.authority_name,
    receivedAt: new Date(r.received_at),
  }));
}
