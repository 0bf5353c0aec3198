// HMAC signatures of exchange batches (R6.7, R8.4): the hub signs the batches it pushes to the
// national platform, and verifies with the same scheme the listings other platforms push to it.
// Header `x-hub-batch-signature: v1,<kid>,<ts>,<hex HMAC-SHA256 over "<ts>.<body>">`.
import { createHmac, timingSafeEqual } from "node:crypto";

export const BATCH_SIGNATURE_HEADER = "x-hub-batch-signature";

/** `v1,<kid>,<ts>,<hex HMAC-SHA256 over "<ts>.<body>">`. */
export function signBatch(body: string, keyId: string, secret: string, ts: number): string {
  const mac = createHmac("sha256", secret).update(`${ts}.${body}`, "utf8").digest("hex");
  return `v1,${keyId},${ts},${mac}`;
}

export type BatchVerification =
  | { ok: true; keyId: string; ts: number }
  | { ok: false; reason: "MALFORMED" | "UNKNOWN_KEY" | "STALE" | "BAD_MAC" };

/**
 * Verifies a batch signature against the keys by key id, with the timestamp within
 * `toleranceSeconds` of `nowMs` (constant-time comparison of the MAC).
 */
export function verifyBatchSignature(header: string | null | undefined, body: string, keys: ReadonlyMap<string, string>, nowMs: number, toleranceSeconds = 300): BatchVerification {
  const parts = (header ?? "").split(",");
  if (parts.length !== 4 || parts[0] !== "v1") return { ok: false, reason: "MALFORMED" };
  const [, keyId, tsText, mac] = parts;
  if (!/^\d{1,12}$/.test(tsText) || !/^[0-9a-f]{64}$/.test(mac)) return { ok: false, reason: "MALFORMED" };
  const secret = keys.get(keyId);
  if (!secret) return { ok: false, reason: "UNKNOWN_KEY" };
  const ts = Number(tsText);
  if (Math.abs(nowMs / 1000 - ts) > toleranceSeconds) return { ok: false, reason: "STALE" };
  const expected = createHmac("sha256", secret).update(`${ts}.${body}`, "utf8").digest();
  if (!timingSafeEqual(expected, Buffer.from(mac, "hex"))) return { ok: false, reason: "BAD_MAC" };
  return { ok: true, keyId, ts };
}
