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

function measure(name: string, accept: (n: string, now: number) => boolean): void {
  const now = Date.now();
  for (let i = 0; i < OUTSTANDING; i++) accept(nonce(), now);
  const fresh = Array.from({ length: CALLS }, nonce);
  const t0 = process.hrtime.bigint();
  for (const n of fresh) if (!accept(n, now)) throw new Error("refused a fresh nonce");
  const perCall = Number(process.hrtime.bigint() - t0) / CALLS;
  const rss = process.memoryUsage().rss / 1024 / 1024;
  console.log(`  ${name.padEnd(44)} ${(perCall / 1000).toFixed(2).padStart(9)} µs per call   (RSS ${rss.toFixed(0)} MB)`);
  results.push({ name, perCall });
}

const results: { name: string; perCall: number }[] = [];

async function main() {
  console.log(`replay check with ${OUTSTANDING.toLocaleString()} nonces outstanding, ${CALLS.toLocaleString()} calls:`);
  measure("previous guard (map, sweep past 100,000)", (n, now) => previous.accept(n, now));
  measure("memory store (two generations, bounded)", (n, now) => memory.accept(n, NONCE_TTL_MS, now));
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
  } finally {
    redis.disconnect();
  }
  console.log(`\n  memory store / previous guard: ${(results[1].perCall / results[0].perCall).toFixed(4)}× the time per call`);
}

const previous = new PreviousReplayGuard();
const memory = new MemoryNonceStore(NONCE_TTL_MS, 3_000_000);
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
