// Redis (REDIS_URL): what replicas of a service share — the nonces of signed calls and the rate
// limit buckets (R8.4). A command waits at most a second for a connection that is down: callers
// then get 503 (fail closed), never a pass.
import { Redis } from "ioredis";

export function connectRedis(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 5000, commandTimeout: 1000, enableAutoPipelining: true });
  // Connection errors surface as failed commands; the client reconnects by itself.
  redis.on("error", () => undefined);
  return redis;
}
