// `exchange push` (R6.7): sends the outbox of list changes (ListOutbox rows of a destination not
// yet delivered, in sequence order) to the national platform in signed, idempotent batches.
//
// Never lost, never double-sent:
// - a row is marked delivered (markOutboxDelivered) only after the receiver answered 2xx for its
//   batch; a crash before that leaves it pending, and the next run sends it again;
// - the batch id is `<destination>-<first sequence>-<last sequence>`, sent as `idempotency-key`
//   and in the body, so the receiver stores a batch once however often it arrives;
// - a rerun sends the same batch (same rows, same id) again: the pending rows are read in
//   sequence order, and the batch about to be sent is journalled in the state directory first,
//   so even a rerun with another --batch resends exactly the interrupted batch;
// - the body is signed: HMAC-SHA256 over `<ts>.<body>` with the key of HUB_NATIONAL_KEY, header
//   `x-hub-batch-signature: v1,<kid>,<ts>,<hex mac>`;
// - 429, 5xx, timeouts and network errors are retried with exponential backoff and full jitter
//   (Retry-After honoured), up to --max-attempts; any other 4xx stops the job at once. Each
//   failed attempt is counted on the rows (recordOutboxAttempt).
// Identity: the masked fields are checked to be masked (R8.5); the national platform receives,
// for listings only, the full name and ID number of the responsible members (R6.7: the
// departments that punish must know whom), and the job refuses to send a NATIONAL item without
// them or a REPORT_UP item with them. Each delivery is audited by the hub as a disclosure.
import { BATCH_SIGNATURE_HEADER, signBatch } from "../../auth/batch-signature";
import fs from "node:fs";
import path from "node:path";
import {
  ExchangeMarkOutboxDeliveredDocument,
  ExchangeOutboxPendingCountDocument,
  ExchangeOutboxPendingDocument,
  ExchangeRecordOutboxAttemptDocument,
  type ExchangeOutboxPendingQuery,
  type OutboxDestination,
} from "../../generated/operations";
import { gatewayRequest, type GatewayTarget } from "../gateway-client";
import { acquireLock, ExchangeError, fsyncDir, replaceFileSync } from "./files";
import type { CrashHook } from "./target";
import type { Progress } from "./progress";

export type OutboxItem = ExchangeOutboxPendingQuery["outboxPending"][number];

export interface RetryPolicy {
  maxAttempts: number;
  /** First backoff step; attempt k waits a random time up to min(maxDelayMs, baseDelayMs · 2^(k-1)). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Per request (connect, send, answer). */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 60_000, timeoutMs: 30_000 };

export interface PushEndpoint {
  url: string;
  keyId: string;
  secret: string;
}

export interface PushOptions {
  target: GatewayTarget;
  destination: OutboxDestination;
  endpoint: PushEndpoint;
  batch: number;
  retry: RetryPolicy;
  /** Lock and in-flight journal. */
  stateDir: string;
  progress?: (total: number | null) => Progress;
  log?: (line: string) => void;
  crash?: CrashHook;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface PushResult {
  batches: number;
  /** Rows marked delivered by this run. */
  delivered: number;
  /** Failed attempts (retried or not). */
  failedAttempts: number;
  /** Batches the receiver said it already had. */
  duplicates: number;
}

export const SIGNATURE_HEADER = BATCH_SIGNATURE_HEADER;

// One signer for what the hub pushes and one verifier for what it receives (src/auth/batch-signature.ts).
export { signBatch };

export function batchIdOf(destination: string, items: readonly { sequence: string }[]): string {
  return `${destination}-${items[0].sequence}-${items[items.length - 1].sequence}`;
}

const MASKED_ID = /^\d{6}\*{8}[0-9Xx]{4}$|^\*+$/;
const MASKED_NAME = /^[^*]{0,2}\*+$/u;

/** R8.5: the payload must never carry an unmasked identity. */
export function assertMasked(items: readonly OutboxItem[]): void {
  for (const it of items) {
    if ((it.maskedIdNumber !== null && !MASKED_ID.test(it.maskedIdNumber)) || (it.maskedName !== null && !MASKED_NAME.test(it.maskedName))) {
      throw new ExchangeError(`拒绝发送：序号 ${it.sequence} 的申请人身份信息不是脱敏形式`);
    }
  }
}

/** R6.7: a NATIONAL item carries a complete listing (whom, why, by what decision); report-up none. */
export function assertNationalPayload(destination: OutboxDestination, items: readonly OutboxItem[]): void {
  for (const it of items) {
    const n = it.national;
    if (destination !== "NATIONAL") {
      if (n) throw new ExchangeError(`拒绝发送：序号 ${it.sequence} 为逐级上报，不应携带完整身份信息`);
      continue;
    }
    if (!n || !n.subjects.length || n.subjects.some((s) => !/^\d{17}[\dX]$/.test(s.idNumber) || !s.name) || !n.listedOn || !n.decisionNumber) {
      throw new ExchangeError(`拒绝发送：序号 ${it.sequence} 的名单信息不完整（责任主体身份、列入决定书文号或列入日期缺失）`);
    }
  }
}

/** The body of a batch: deterministic for the same rows, so a resend is the same document. */
export function batchBody(destination: string, batchId: string, items: readonly OutboxItem[]): string {
  return JSON.stringify({
    batchId,
    destination,
    source: "HA-420000",
    firstSequence: items[0].sequence,
    lastSequence: items[items.length - 1].sequence,
    count: items.length,
    items: items.map((it) => ({
      sequence: it.sequence,
      at: it.at,
      kind: it.kind,
      action: it.action,
      status: it.status,
      divisionCode: it.divisionCode,
      familyId: it.familyId,
      since: it.since,
      until: it.until,
      maskedName: it.maskedName,
      maskedIdNumber: it.maskedIdNumber,
      ...(it.national ? { listing: it.national } : {}),
    })),
  });
}

interface Journal {
  batchId: string;
  sequences: string[];
}

class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** Full jitter: a random wait up to the exponential step (at least Retry-After, when given). */
export function backoffMs(policy: RetryPolicy, failedAttempt: number, random: () => number, retryAfter: number | null): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (failedAttempt - 1));
  const jittered = Math.floor(random() * step);
  return retryAfter === null ? jittered : Math.max(jittered, Math.min(retryAfter, policy.maxDelayMs));
}

/** One attempt: resolves with the receiver's answer on 2xx; throws Retryable or ExchangeError. */
async function sendOnce(endpoint: PushEndpoint, batchId: string, body: string, timeoutMs: number): Promise<{ status: number; duplicate: boolean }> {
  const ts = Math.floor(Date.now() / 1000);
  let res: Response;
  let text: string;
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    res = await fetch(endpoint.url, {
      method: "POST",
      redirect: "manual",
      signal,
      headers: { "content-type": "application/json; charset=utf-8", "idempotency-key": batchId, [SIGNATURE_HEADER]: signBatch(body, endpoint.keyId, endpoint.secret, ts) },
      body,
    });
    text = await res.text();
  } catch (e) {
    const err = e as Error;
    if (err.name === "TimeoutError" || err.name === "AbortError") throw new Retryable(`${timeoutMs} 毫秒内无应答`);
    throw new Retryable(`无法连接：${(err.cause as Error | undefined)?.message ?? err.message}`);
  }
  if (res.status >= 200 && res.status < 300) {
    let duplicate = false;
    try {
      duplicate = (JSON.parse(text) as { duplicate?: unknown }).duplicate === true;
    } catch {
      // any 2xx body is an acceptance
    }
    return { status: res.status, duplicate };
  }
  if (res.status === 429 || res.status >= 500) throw new Retryable(`HTTP ${res.status}`, retryAfterMs(res.headers.get("retry-after")));
  throw new ExchangeError(`接收方拒绝批次 ${batchId}：HTTP ${res.status} ${text.slice(0, 200)}（不重试；这些变更仍待报送）`);
}

export async function pushOutbox(opts: PushOptions): Promise<PushResult> {
  const log = opts.log ?? (() => undefined);
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  const destination = opts.destination;
  fs.mkdirSync(opts.stateDir, { recursive: true });
  const release = acquireLock(opts.stateDir, `push-${destination}`);
  const journalFile = path.join(opts.stateDir, `push-${destination}.inflight.json`);
  const result: PushResult = { batches: 0, delivered: 0, failedAttempts: 0, duplicates: 0 };
  const pending = async (first: number) => (await gatewayRequest(opts.target, ExchangeOutboxPendingDocument, { destination, first })).outboxPending;
  let progress: Progress | undefined;
  try {
    const total = (await gatewayRequest(opts.target, ExchangeOutboxPendingCountDocument, { destination })).outboxPendingCount;
    progress = opts.progress?.(total);
    if (total === 0) log("没有待报送的名单变更");
    for (;;) {
      let items: OutboxItem[] | null = null;
      let batchId = "";
      // An interrupted batch is sent again exactly as it was (same rows, same id).
      const journal = fs.existsSync(journalFile) ? (JSON.parse(fs.readFileSync(journalFile, "utf8")) as Journal) : null;
      if (journal) {
        const head = await pending(journal.sequences.length);
        if (head.length === journal.sequences.length && head.every((it, i) => it.sequence === journal.sequences[i])) {
          items = head;
          batchId = journal.batchId;
          log(`重新发送上次中断的批次 ${batchId}（${items.length} 条）`);
        } else {
          log(`上次中断的批次 ${journal.batchId} 已不在待报送队列开头（已确认报送），按当前队列继续`);
          fs.rmSync(journalFile, { force: true });
        }
      }
      if (!items) {
        items = await pending(opts.batch);
        if (!items.length) break;
        batchId = batchIdOf(destination, items);
        replaceFileSync(journalFile, JSON.stringify({ batchId, sequences: items.map((it) => it.sequence) } satisfies Journal));
      }
      assertMasked(items);
      assertNationalPayload(destination, items);
      const sequences = items.map((it) => it.sequence);
      const body = batchBody(destination, batchId, items);
      const batchNo = ++result.batches;
      for (let attempt = 1; ; attempt++) {
        try {
          const answer = await sendOnce(opts.endpoint, batchId, body, opts.retry.timeoutMs);
          if (answer.duplicate) result.duplicates++;
          break;
        } catch (e) {
          result.failedAttempts++;
          await gatewayRequest(opts.target, ExchangeRecordOutboxAttemptDocument, { destination, sequences, batchId }).catch((err: Error) =>
            log(`记录失败次数未成功：${err.message}`),
          );
          if (!(e instanceof Retryable)) throw e;
          if (attempt >= opts.retry.maxAttempts) {
            throw new ExchangeError(`批次 ${batchId} 已发送 ${attempt} 次均失败（最后一次：${e.message}）；这些变更仍待报送，稍后重新运行即可`);
          }
          const wait = backoffMs(opts.retry, attempt, random, e.retryAfterMs);
          log(`批次 ${batchId} 第 ${attempt} 次发送失败（${e.message}），${wait} 毫秒后重试`);
          await sleep(wait);
        }
      }
      // Delivered (2xx), not yet acknowledged: a crash here resends the same batch next time.
      opts.crash?.("after-write", batchNo);
      const marked = (await gatewayRequest(opts.target, ExchangeMarkOutboxDeliveredDocument, { destination, sequences, batchId })).markOutboxDelivered;
      fs.rmSync(journalFile, { force: true });
      fsyncDir(opts.stateDir);
      if (marked !== items.length) log(`批次 ${batchId}：${items.length - marked} 条已由其他运行确认`);
      result.delivered += marked;
      progress?.add(items.length);
    }
    return result;
  } finally {
    progress?.done();
    release();
  }
}
