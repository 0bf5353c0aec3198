// Starts the real hub for a test: three subgraphs and the gateway on ephemeral ports,
// composed in-process, on PostgreSQL or PGlite.
import { randomBytes } from "node:crypto";
import { loadConfig, type HubConfig, type SubgraphName } from "../../src/config";
import { startHub, type RunningHub } from "../../src/hub";
import type { OpenOptions } from "../../src/db/orm";
import { signToken } from "../../src/auth/jwt";
import type { Clock } from "../../src/domain/clock";
import { freshPostgresDatabase } from "./test-db";

export type DbKind = "postgres" | "pglite";

export interface TestHub {
  hub: RunningHub;
  config: HubConfig;
  url: string;
  token(org: string, roles: string[], sub?: string): string;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GqlResponse<T>>;
  close(): Promise<void>;
}

export interface GqlResponse<T> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: Record<string, unknown>;
}

export async function startTestHub(kind: DbKind, opts: { dbOptions?: (n: SubgraphName) => OpenOptions; supergraphSdl?: string; clock?: Clock; env?: Record<string, string>; databaseTag?: string } = {}): Promise<TestHub> {
  // A signing key of its own (the committed development key is refused outside development on
  // loopback; a production gateway of a test can share this one).
  // The public-list cache (10 s in a deployment) would show a test its own earlier page: off
  // unless a test sets it (the cache's own test does).
  const config = loadConfig({ HUB_MODE: "test", HUB_SUBGRAPH_KEYS: `t1:${randomBytes(24).toString("base64url")}`, HUB_PUBLIC_LIST_MAX_AGE: "0", ...(process.env.HUB_LOG_LEVEL ? { HUB_LOG_LEVEL: process.env.HUB_LOG_LEVEL } : {}), ...opts.env } as NodeJS.ProcessEnv);
  const url = kind === "postgres" ? await freshPostgresDatabase(undefined, opts.databaseTag) : undefined;
  const hub = await startHub(config, {
    subgraphs: ["archive", "housing", "judicial"],
    gateway: true,
    ephemeralPorts: true,
    db: () => (url ? { kind: "postgres", url } : { kind: "pglite" }),
    dbOptions: opts.dbOptions,
    supergraphSdl: opts.supergraphSdl,
    clock: opts.clock,
  });
  const token = (org: string, roles: string[], sub = `${org.toLowerCase()}-user`) => signToken({ sub, org, roles }, config);
  const gql = async <T>(query: string, variables?: Record<string, unknown>, tok?: string): Promise<GqlResponse<T>> => {
    const res = await fetch(hub.gatewayUrl!, {
      method: "POST",
      headers: { "content-type": "application/json", ...(tok ? { authorization: `Bearer ${tok}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as GqlResponse<T>;
    return { ...body, status: res.status };
  };
  return { hub, config, url: hub.gatewayUrl!, token, gql, close: () => hub.close() };
}
