// The gateway's own signed calls to the archive subgraph: the caller's permissions in force
// (read on every request, so a grant or revocation applies to the next request) and the
// disclosure audit (R8.2, R8.3). Plain signed JSON at /internal/<name>: not part of any graph.
import type { SigningKey } from "../config";
import type { Caller } from "../auth/caller";
import { signRequest } from "../auth/subgraph-signature";
import type { GrantInForce } from "../domain/permissions";
import type { CurrentGrant } from "./grants-cache";
import type { AuditInput } from "../subgraphs/archive/sharing/audit.service";
import type { InboundReceipt, InboundReceiptInput } from "../subgraphs/archive/inbound/inbound.service";
import { CLOCK_EXTENSION, isDrillClock, systemClock, type Clock } from "../domain/clock";

export const GATEWAY_CALLER: Caller = Object.freeze({ sub: "hub-gateway", org: null, roles: [], system: true }) as Caller;

export class InternalClient {
  constructor(
    /** The archive's URL (a function: a subgraph learns it once the archive listens). */
    private readonly archiveUrl: string | (() => string),
    private readonly key: SigningKey,
    /** The gateway's clock: a drill clock is sent with each call, and the archive's later time adopted. */
    private readonly clock: Clock = systemClock,
    private readonly timeoutMs = 10_000,
    /** Who signs: the gateway, or a subgraph calling the archive (the same system scope). */
    private readonly self: Caller = GATEWAY_CALLER,
  ) {}

  protected async call<T>(name: string, input: unknown, requestId: string): Promise<T> {
    const body = JSON.stringify(input);
    const caller = isDrillClock(this.clock) ? { ...this.self, clockAt: this.clock.now().getTime() } : this.self;
    const res = await fetch(new URL(`/internal/${name}`, typeof this.archiveUrl === "string" ? this.archiveUrl : this.archiveUrl()), {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": requestId, ...signRequest(this.key, caller, body, "archive", Date.now(), { method: "POST", path: `/internal/${name}` }) },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const json = (await res.json()) as { result?: T; error?: string; [CLOCK_EXTENSION]?: { now?: string } };
    if (!res.ok || json.result === undefined) throw new Error(`archive internal call ${name} failed: HTTP ${res.status} ${json.error ?? ""}`);
    if (isDrillClock(this.clock) && typeof json[CLOCK_EXTENSION]?.now === "string") this.clock.observe(new Date(json[CLOCK_EXTENSION].now));
    return json.result;
  }

  /** The archive's drill clock, adopted when later (a gateway that starts after an advance); errors ignored. */
  async syncClock(requestId: string): Promise<void> {
    if (isDrillClock(this.clock)) await this.call("clock", null, requestId).catch(() => undefined);
  }

  grantsInForce(org: string, requestId: string): Promise<GrantInForce[]> {
    return this.call<GrantInForce[]>("grants", { org }, requestId);
  }

  /** The permissions not revoked and not yet ended, with their dates (the gateway's copy, R8.2). */
  currentGrants(org: string, requestId: string): Promise<CurrentGrant[]> {
    return this.call<CurrentGrant[]>("grants-current", { org }, requestId);
  }

  /** R6.7 inbound: a verified sender's list batch, stored by the archive as external entries (inbound.service.ts). */
  receiveInboundListings(input: InboundReceiptInput, requestId: string): Promise<InboundReceipt> {
    return this.call<InboundReceipt>("inbound-listings", input, requestId);
  }

  /**
   * R8.3: writes the request's disclosure entry and resolves once it is committed. Entries of
   * concurrent requests share one signed call (and, in the archive, one lock of the chain and one
   * insert): one is sent at once when none is in flight; those arriving meanwhile go together in
   * the next call. Each request still waits for its own entry; an entry that fails fails only its
   * own request.
   */
  recordDisclosure(entry: Omit<AuditInput, "kind">, requestId: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.auditQueue.push({ entry: { ...entry, at: entry.at.toISOString() }, requestId, resolve, reject });
      if (!this.auditSending) void this.sendAudit();
    });
  }

  private readonly auditQueue: { entry: Record<string, unknown>; requestId: string; resolve: (seq: string) => void; reject: (e: unknown) => void }[] = [];
  private auditSending = false;

  private async sendAudit(): Promise<void> {
    this.auditSending = true;
    try {
      while (this.auditQueue.length) {
        const batch = this.auditQueue.splice(0, MAX_AUDIT_BATCH);
        try {
          const results = await this.call<({ seq: string } | { error: string })[]>("audit-batch", batch.map((b) => b.entry), batch[0].requestId);
          if (!Array.isArray(results) || results.length !== batch.length) throw new Error("archive audit-batch answered a different number of entries");
          batch.forEach((b, i) => {
            const r = results[i];
            if ("seq" in r) b.resolve(r.seq);
            else b.reject(new Error(`audit entry refused: ${r.error}`));
          });
        } catch (e) {
          for (const b of batch) b.reject(e);
        }
      }
    } finally {
      this.auditSending = false;
    }
  }
}

/** Entries per audit call (the archive appends them in one transaction). */
const MAX_AUDIT_BATCH = 200;
