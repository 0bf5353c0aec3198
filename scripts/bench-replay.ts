// Benchmark: the per-call cost of the replay check of signed subgraph calls (R8.4) with 1,000,000
// nonces outstanding, side by side in one run: the guard the hub had (a map swept whenever it
// holds more than 100,000 nonces), the bounded in-memory store, and the Redis store shared by
// replicas (one round trip per call).   npm run bench:replay   (REDIS_URL, default redis://127.0.0.1:6379)
import { randomBytes } from "node:crypto";
import { MemoryNonceStore, RedisNonceStore } from "../src/auth/nonce-store";
import { NONCE_TTL_MS } from "../src/auth/subgraph-signature";
import { connectRedis } from "../src/redis";

const OUTSTANDING = Number(process.env.HUB_BENCH_NONCES ?? 1_000_000);
const CALLS = 20_000;
const MAX_SKEW_MS = 5 * 60 * 1000;

/** The hub's replay guard before (src/auth/subgraph-signature.ts at 69a7124), for comparison. */
class PreviousReplayGuard {
  private readonly seen = new Map<string, number>();
  private lastSweep = 0;
  /** Fills the map directly: through accept() the fill itself is quadratic (each call past 100,000 sweeps). */
  preload(nonce: string, now: number): void {
    this.seen.set(nonce, now + 2 * MAX_SKEW_MS);
    this.lastSweep = now;
  }
  accept(nonce: string, now: number): boolean {
    if (now - this.lastSweep > 10_000 || this.seen.size > 100_000) this.sweep(now);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now + 2 * MAX_SKEW_MS);
    return true;
  }
  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [k, expires] of this.seen) if (expires <= now) this.seen.delete(k);
  }
}

const nonce = () => randomBytes(12).toString("base64url");

function measure(name: string, fill: (n: string, now: number) => void, accept: (n: string, now: number) => boolean, calls: number): void {
  const now = Date.now();
  for (let i = 0; i < OUTSTANDING; i++) fill(nonce(), now);
  const fresh = Array.from({ length: calls }, nonce);
  const t0 = process.hrtime.bigint();
  for (const n of fresh) if (!accept(n, now)) throw new Error("refused a fresh nonce");
  const perCall = Number(process.hrtime.bigint() - t0) / calls;
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`  ${name.padEnd(44)} ${(perCall / 1000).toFixed(2).padStart(9)} µs per call   (RSS ${rss.toFixed(0)} MB)`);
  results.push({ name, perCall });
}

const results: { name: string; perCall: number }[] = [];

async function main() {
  console.log(`replay check with ${OUTSTANDING.toLocaleString()} nonces outstanding:`);
  // The previous guard sweeps the whole map on every call past 100,000: fewer calls suffice.
  measure("previous guard (map, sweep past 100,000)", (n, now) => previous.preload(n, now), (n, now) => previous.accept(n, now), 200);
  const acceptMemory = (n: string, now: number) => memory.accept(n, NONCE_TTL_MS, now);
  measure("memory store (two generations, bounded)", acceptMemory, acceptMemory, CALLS);
  const redis = connectRedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  try {
    const store = new RedisNonceStore(redis, `hub:bench:${nonce()}:`);
    // Outstanding nonces in Redis too (pipelined), then sequential calls: one round trip each.
    for (let i = 0; i < OUTSTANDING; i += 10_000) await Promise.all(Array.from({ length: 10_000 }, () => store.accept(nonce(), 60_000)));
    const fresh = Array.from({ length: 5_000 }, nonce);
    const t0 = process.hrtime.bigint();
    for (const n of fresh) if (!(await store.accept(n, 60_000))) throw new Error("refused a fresh nonce");
    const perCall = Number(process.hrtime.bigint() - t0) / fresh.length;
    console.log(`  ${"Redis store (shared by replicas), sequential".padEnd(44)} ${(perCall / 1000).toFixed(2).padStart(9)} µs per call   (one round trip to Redis each)`);
    results.push({ name: "redis", perCall });
  } finally {
    redis.disconnect();
  }
  const [previousGuard, memoryStore, redisStore] = results;
  console.log(`\n  per call, previous guard ÷ memory store: ${(previousGuard.perCall / memoryStore.perCall).toFixed(0)}×; previous guard ÷ Redis store: ${(previousGuard.perCall / redisStore.perCall).toFixed(0)}×`);
}

const previous = new PreviousReplayGuard();
const memory = new MemoryNonceStore(NONCE_TTL_MS, 3_000_000);
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
