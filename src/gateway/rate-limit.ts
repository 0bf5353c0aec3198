// Per-organisation (and per-address for the anonymous caller) rate limits of the gateway
// (R8.4): an in-memory token bucket per key. A bucket that has refilled completely is the
// same as a new one, so it is dropped; memory holds only keys active within one refill time,
// and at most `maxKeys` of them (the least recently used go first).

export interface RateLimitOptions {
  /** Tokens added per second (sustained requests per second). */
  perSecond: number;
  /** Bucket size (requests allowed at once after a quiet period). */
  burst: number;
  /** Milliseconds clock; `Date.now` by default. */
  now?: () => number;
  /** Upper bound on tracked keys; 100 000 by default. */
  maxKeys?: number;
}

export type RateLimitDecision = { ok: true } | { ok: false; retryAfterSeconds: number };

/** A rate limit by key: in memory (one process) or in Redis (every replica of the gateway). */
export interface RateLimitStore {
  take(key: string): RateLimitDecision | Promise<RateLimitDecision>;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter implements RateLimitStore {
  readonly perSecond: number;
  readonly burst: number;
  private readonly now: () => number;
  private readonly maxKeys: number;
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep: number;

  constructor({ perSecond, burst, now = Date.now, maxKeys = 100_000 }: RateLimitOptions) {
    if (!(Number.isFinite(perSecond) && perSecond > 0)) throw new Error(`rate limit perSecond must be a positive number, got ${perSecond}`);
    if (!(Number.isFinite(burst) && burst >= 1)) throw new Error(`rate limit burst must be at least 1, got ${burst}`);
    if (!(Number.isInteger(maxKeys) && maxKeys >= 1)) throw new Error(`rate limit maxKeys must be a positive integer, got ${maxKeys}`);
    this.perSecond = perSecond;
    this.burst = burst;
    this.now = now;
    this.maxKeys = maxKeys;
    this.lastSweep = now();
  }

  /** Milliseconds an empty bucket needs to fill up. */
  private get fillMs(): number {
    return (this.burst / this.perSecond) * 1000;
  }

  private refilled(bucket: Bucket, now: number): number {
    const elapsed = Math.max(0, now - bucket.at);
    return Math.min(this.burst, bucket.tokens + (elapsed * this.perSecond) / 1000);
  }

  /** Takes one token from `key`'s bucket, or says how long to wait for one. */
  take(key: string): RateLimitDecision {
    const now = this.now();
    this.sweep(now);
    const bucket = this.buckets.get(key);
    const tokens = bucket ? this.refilled(bucket, now) : this.burst;
    // Re-insert so that Map order is least recently used first.
    if (bucket) this.buckets.delete(key);
    if (tokens >= 1) {
      this.buckets.set(key, { tokens: tokens - 1, at: now });
      this.trim();
      return { ok: true };
    }
    this.buckets.set(key, { tokens, at: now });
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perSecond)) };
  }

  /** Number of tracked buckets (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /** Drops full buckets, at most once per refill time. */
  private sweep(now: number): void {
    if (now - this.lastSweep < Math.max(1000, this.fillMs)) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (this.refilled(bucket, now) >= this.burst) this.buckets.delete(key);
    }
  }

  /** Over `maxKeys`: drop the least recently used buckets (constant time per take). */
  private trim(): void {
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

/**
 * The same token bucket in Redis, shared by every gateway replica: one script per request that
 * refills and takes atomically on Redis' own clock (replicas' clocks never disagree), expiring a
 * bucket once it would be full again. O(1) per request; memory bounded by the active keys.
 */
const TAKE = `
local rate = tonumber(ARGV[1]) / 1000
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1])
local at = tonumber(b[2])
if tokens == nil then tokens = burst; at = now end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate)
local ok = 0
if tokens >= 1 then tokens = tokens - 1; ok = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / rate) + 1000)
if ok == 1 then return 0 end
return math.ceil((1 - tokens) / rate)
`;

export class RedisRateLimiter implements RateLimitStore {
  constructor(
    private readonly redis: import("ioredis").Redis,
    readonly perSecond: number,
    readonly burst: number,
    private readonly prefix = "hub:rate:",
  ) {}

  async take(key: string): Promise<RateLimitDecision> {
    const waitMs = Number(await this.redis.eval(TAKE, 1, `${this.prefix}${key}`, String(this.perSecond), String(this.burst)));
    return waitMs === 0 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }
}

function envNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, integer: boolean): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const text = raw.trim();
  const value = Number(text);
  const shape = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  if (!shape.test(text) || !Number.isFinite(value) || value <= 0 || (integer && !Number.isSafeInteger(value))) {
    throw new Error(`${name} must be a positive ${integer ? "integer" : "number"}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** HUB_RATE_LIMIT_PER_SECOND (default 100, may be fractional) and HUB_RATE_LIMIT_BURST (default 200). */
export function rateLimitFromEnv(env: NodeJS.ProcessEnv): { perSecond: number; burst: number } {
  return {
    perSecond: envNumber(env, "HUB_RATE_LIMIT_PER_SECOND", 100, false),
    burst: envNumber(env, "HUB_RATE_LIMIT_BURST", 200, true),
  };
}
