// POST /inbound/listings (issue 14 part 5; R6.7, R8.3, R8.4): listings pushed to the hub by the
// national platform (NATIONAL-MOHURD) or another province's housing authority (HA-<province>),
// in the payload the hub itself pushes (src/jobs/exchange/push.ts batchBody) plus a `nonce`.
//
// - Signed like the hub's own national push: `x-hub-batch-signature: v1,<kid>,<ts>,<mac over
//   "<ts>.<body>">` with the sender's key (HUB_INBOUND_SENDERS); the key id names the sender and
//   the body's `source` must be that sender. Missing, malformed, unknown or wrong → 401.
// - Replay: the timestamp within 5 minutes, and the body's `nonce` accepted once per sender
//   (the nonce store of signed subgraph calls: Redis across replicas, or in memory) → 409.
// - The archive validates the whole batch (BAD_USER_INPUT 400, nothing stored), upserts it
//   idempotently and audits the receipt (R8.3). 200 answers { received, created, … duplicate }.
import { createHash } from "node:crypto";
import type http from "node:http";
import type { InboundSender } from "../config";
import { BATCH_SIGNATURE_HEADER, verifyBatchSignature } from "../auth/batch-signature";
import type { NonceStore } from "../auth/nonce-store";
import { HttpError, readBody, sendJson } from "../http/apollo-http";
import { currentLogger } from "../observability/logger";
import type { InternalClient } from "./internal-client";
import { ErrorCode } from "../errors";

export const INBOUND_PATH = "/inbound/listings";
/** Seconds a signature's timestamp may differ from the hub's time. */
export const INBOUND_TOLERANCE_SECONDS = 300;

function refuse(res: http.ServerResponse, status: number, code: ErrorCode, message: string, extra: Record<string, unknown> = {}): true {
  sendJson(res, status, { error: { code, message, ...extra } });
  return true;
}

export function inboundRoute(senders: readonly InboundSender[], internal: InternalClient, nonces: NonceStore, now: () => number = Date.now) {
  const keys = new Map(senders.map((s) => [s.keyId, s.secret]));
  const senderOf = new Map(senders.map((s) => [s.keyId, s.code]));
  return async (req: http.IncomingMessage, res: http.ServerResponse): Promise<boolean> => {
    const path = (req.url ?? "").split("?")[0];
    if (path !== INBOUND_PATH) return false;
    if (req.method !== "POST") return refuse(res, 405, ErrorCode.BAD_USER_INPUT, "只接受 POST 请求");
    if (!senders.length) return refuse(res, 404, ErrorCode.NOT_FOUND, "本枢纽未配置名单推送方（HUB_INBOUND_SENDERS）");
    let body: string;
    try {
      body = await readBody(req);
    } catch (e) {
      if (e instanceof HttpError) {
        sendJson(res, e.status, e.payload);
        return true;
      }
      throw e;
    }
    const header = req.headers[BATCH_SIGNATURE_HEADER];
    const verified = verifyBatchSignature(Array.isArray(header) ? header[0] : header, body, keys, now(), INBOUND_TOLERANCE_SECONDS);
    if (!verified.ok) {
      currentLogger().warn({ reason: verified.reason, route: INBOUND_PATH, remote: req.socket.remoteAddress }, "inbound listing batch refused: signature");
      const message =
        verified.reason === "STALE" ? "签名时间与本枢纽时间相差超过5分钟，已拒收（防重放）" : verified.reason === "UNKNOWN_KEY" ? "签名密钥编号未登记，已拒收" : "签名无效或缺失，已拒收";
      return refuse(res, 401, ErrorCode.UNAUTHENTICATED, message, { reason: verified.reason });
    }
    const sender = senderOf.get(verified.keyId)!;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return refuse(res, 400, ErrorCode.BAD_USER_INPUT, "请求体不是有效的 JSON，已拒收（未存储任何内容）");
    }
    // Replay (R8.4): each signed request's nonce once per sender, for longer than the timestamp window.
    const nonce = (parsed as { nonce?: unknown } | null)?.nonce;
    if (typeof nonce !== "string" || !/^[A-Za-z0-9_-]{16,128}$/.test(nonce)) {
      return refuse(res, 400, ErrorCode.BAD_USER_INPUT, "缺少 nonce（16至128位字母、数字、- 或 _，每次请求不同），已拒收（未存储任何内容）", { fields: [{ field: "nonce", message: "nonce 缺失或格式不符" }] });
    }
    let fresh: boolean;
    try {
      fresh = await nonces.accept(`inbound:${sender}:${nonce}`, 2 * INBOUND_TOLERANCE_SECONDS * 1000, now());
    } catch (e) {
      currentLogger().error({ err: e }, "inbound replay check unavailable");
      return refuse(res, 503, ErrorCode.INTERNAL_SERVER_ERROR, "暂时无法核验是否重放，请稍后重试");
    }
    if (!fresh) return refuse(res, 409, ErrorCode.CONFLICT, "该请求已接收过（nonce 重复），视为重放，已拒收；重发批次请使用新的 nonce 和签名");
    const requestId = String(req.headers["x-request-id"] ?? `inbound-${nonce.slice(0, 16)}`);
    let receipt;
    try {
      receipt = await internal.receiveInboundListings(
        { sender, keyId: verified.keyId, bodySha256: createHash("sha256").update(body, "utf8").digest("hex"), body: parsed, clientAddress: req.socket.remoteAddress ?? null },
        requestId,
      );
    } catch (e) {
      currentLogger().error({ err: e }, "inbound listing batch not stored");
      return refuse(res, 503, ErrorCode.INTERNAL_SERVER_ERROR, "名单批次暂时无法存储，请稍后使用新的 nonce 重发");
    }
    if (!receipt.ok) return refuse(res, receipt.code === "FORBIDDEN" ? 403 : 400, receipt.code, receipt.message, { fields: receipt.problems });
    sendJson(res, 200, receipt);
    return true;
  };
}
