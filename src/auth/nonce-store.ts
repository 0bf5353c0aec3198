// Replay protection of signed gateway → subgraph calls (R8.4): a signed call is accepted once by
// all replicas of a subgraph. With REDIS_URL the nonces live in Redis (one SET NX PX per call,
// shared by every replica, expired by Redis); otherwise in memory (one process). Either way O(1)
// per call and bounded memory.
import type { Redis } from "ioredis";

export interface NonceStore {
  /** True the first time `key` is presented within `ttlMs`; false for a replay. Throws when it cannot tell. */
  accept(key: string, ttlMs: number, now: number): boolean | Promise<boolean>;
}

/**
 * In memory: two generations of nonces, each `windowMs` long; a nonce is remembered at least one
 * window (a signature older than the skew is refused anyway). Lookup, insert and rotation are
 * constant time — no sweep over a map that grows with the traffic. Past `maxEntries` the store
 * refuses new nonces (fail closed) rather than grow without bound.
 */
export class MemoryNonceStore implements NonceStore {
  private current = new Set<string>();
  private previous = new Set<string>();
  private startedAt: number;

  constructor(
    private readonly windowMs: number,
    private readonly maxEntries = 2_000_000,
    now = Date.now(),
  ) {
    this.startedAt = now;
  }

  accept(key: string, ttlMs: number, now: number): boolean {
    if (ttlMs > this.windowMs) throw new Error(`nonce ttl ${ttlMs} ms exceeds the store's window ${this.windowMs} ms`);
    if (now - this.startedAt >= this.windowMs) {
      // Rotate: what was current becomes previous (kept one more window), the oldest goes at once.
      this.previous = now - this.startedAt >= 2 * this.windowMs ? new Set() : this.current;
      this.current = new Set();
      this.startedAt = now;
    }
    if (this.current.has(key) || this.previous.has(key)) return false;
    if (this.current.size + this.previous.size >= this.maxEntries) throw new Error("nonce store full");
    this.current.add(key);
    return true;
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}

/** In Redis, shared by every replica: `SET <prefix><key> 1 PX ttl NX`, expired by Redis itself. */
export class RedisNonceStore implements NonceStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = "hub:nonce:",
  ) {}

  async accept(key: string, ttlMs: number): Promise<boolean> {
    const r = await this.redis.set(`${this.prefix}${key}`, "1", "PX", ttlMs, "NX");
    return r === "OK";
  }
}
