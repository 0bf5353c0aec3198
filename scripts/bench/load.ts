// The benchmark's load generator (issue 12), a process of its own: autocannon against one URL,
// each request's body taken in turn from a list (random ID numbers, random cursors), counting
// HTTP errors and GraphQL answers with `errors` alike. Prints one JSON line.
//   node dist/scripts/bench/load.js <spec.json>
import fs from "node:fs";
import { signRequest } from "../../src/auth/subgraph-signature";
import type { Caller } from "../../src/auth/caller";

// autocannon ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require("autocannon") as (options: unknown) => NodeJS.EventEmitter & PromiseLike<unknown>;

export interface LoadSpec {
  url: string;
  headers: Record<string, string>;
  bodies: string[];
  connections: number;
  seconds: number;
  /** Offered load (requests per second over all connections); unset: as fast as answered. */
  rate?: number;
  /** Calls straight to a subgraph: each request signed as the gateway would (fresh nonce). */
  sign?: { key: { kid: string; secret: string }; caller: Caller; audience: string };
}

export interface LoadResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  firstError: string | null;
  perSecond: number[];
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], "utf8")) as LoadSpec;
  let i = 0;
  let errors = 0;
  let firstError: string | null = null;
  const perSecond: number[] = [];
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: spec.seconds,
    ...(spec.rate ? { overallRate: spec.rate } : {}),
    headers: { "content-type": "application/json", ...spec.headers },
    requests: [
      {
        method: spec.bodies[0] === "" ? "GET" : "POST",
        setupRequest: (req: { headers?: Record<string, string> }) => {
          const body = spec.bodies[i++ % spec.bodies.length];
          if (!spec.sign) return { ...req, body: body || undefined };
          const signed = signRequest(spec.sign.key as never, spec.sign.caller, body, spec.sign.audience, Date.now(), { method: "POST", path: new URL(spec.url).pathname });
          return { ...req, body, headers: { ...req.headers, ...signed } };
        },
        onResponse: (status: number, body: string) => {
          if (status >= 400 || body.includes('"errors"')) {
            errors++;
            firstError ??= `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  } as never);
  instance.on("tick", (counter: { counter: number }) => perSecond.push(counter.counter));
  const result = (await instance) as unknown as { requests: { total: number; average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; duration: number };
  const out: LoadResult = {
    requests: result.requests.total,
    rps: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: errors + result.errors,
    firstError,
    perSecond,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
