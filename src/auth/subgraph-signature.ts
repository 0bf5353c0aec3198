// Gateway → subgraph calls carry the caller context (with the permissions in force) and an
// HMAC-SHA256 over the timestamp, a nonce, the audience (the subgraph), the HTTP method and path,
// the caller context and the body, with a key id so that keys can rotate. Subgraphs reject
// anything unsigned, wrongly signed, stale or replayed — a replay on any replica, when the nonces
// are shared in Redis (fail closed, R8.4).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { SigningKey } from "../config";
import { isDataCategory, type GrantInForce, type SharingMode } from "../domain/permissions";
import { ANONYMOUS, Caller, isRole } from "./caller";
import type { NonceStore } from "./nonce-store";

export const CALLER_HEADER = "x-hub-caller";
export const SIGNATURE_HEADER = "x-hub-signature";
export const MAX_SKEW_MS = 5 * 60 * 1000;
/** How long a nonce must be remembered: a signature is accepted while within the skew either way. */
export const NONCE_TTL_MS = 2 * MAX_SKEW_MS;

/** What a signature is for: the subgraph, and the HTTP method and path of the call. */
export interface SignedTarget {
  method: string;
  path: string;
}

const GRAPHQL_POST: SignedTarget = { method: "POST", path: "/graphql" };

function mac(secret: string, timestamp: string, nonce: string, audience: string, target: SignedTarget, callerHeader: string, body: string): string {
  return createHmac("sha256", secret)
    .update(`${timestamp}\n${nonce}\n${audience}\n${target.method.toUpperCase()}\n${target.path}\n${callerHeader}\n${body}`)
    .digest("base64url");
}

export function encodeCaller(caller: Caller): string {
  return Buffer.from(
    JSON.stringify({
      sub: caller.sub,
      org: caller.org,
      roles: caller.roles,
      grants: caller.grants ?? [],
      client: caller.clientAddress ?? null,
      op: caller.operationName ?? null,
      ...(caller.system ? { system: true } : {}),
      ...(caller.clockAt !== undefined ? { at: caller.clockAt } : {}),
    }),
  ).toString("base64url");
}

/** Signs a call for one subgraph (`audience`) and one method and path: it cannot be sent anywhere else. */
export function signRequest(key: SigningKey, caller: Caller, body: string, audience: string, now = Date.now(), target: SignedTarget = GRAPHQL_POST): Record<string, string> {
  const callerHeader = encodeCaller(caller);
  const ts = String(now);
  const nonce = randomBytes(12).toString("base64url");
  return {
    [CALLER_HEADER]: callerHeader,
    [SIGNATURE_HEADER]: `v2,${key.kid},${ts},${nonce},${audience},${mac(key.secret, ts, nonce, audience, target, callerHeader, body)}`,
  };
}

function parseGrants(v: unknown): GrantInForce[] {
  if (!Array.isArray(v)) return [];
  const out: GrantInForce[] = [];
  for (const g of v as Record<string, unknown>[]) {
    if (!g || typeof g.id !== "string" || typeof g.documentNumber !== "string" || !Array.isArray(g.divisions)) continue;
    const scopes: GrantInForce["scopes"] = {};
    for (const [c, m] of Object.entries((g.scopes ?? {}) as Record<string, unknown>)) {
      if (isDataCategory(c) && (m === "FULL" || m === "MASKED")) scopes[c] = m as SharingMode;
    }
    out.push({ id: g.id, documentNumber: g.documentNumber, divisions: g.divisions.filter((d): d is string => typeof d === "string"), scopes });
  }
  return out;
}

/**
 * The signed caller, or null when the request is not validly signed for `audience` (this
 * subgraph) and this method and path, is stale or is a replay. Throws when the nonce store cannot
 * answer (the caller then gets 503, never a pass).
 */
export async function verifyRequest(
  keys: readonly SigningKey[],
  headers: { caller?: string | null; signature?: string | null },
  body: string,
  audience: string,
  target: SignedTarget,
  now = Date.now(),
  replay?: NonceStore,
): Promise<Caller | null> {
  const sig = headers.signature ?? "";
  const callerHeader = headers.caller ?? "";
  const parts = sig.split(",");
  if (parts.length !== 6 || parts[0] !== "v2" || !callerHeader) return null;
  const [, kid, ts, nonce, aud, given] = parts;
  const key = keys.find((k) => k.kid === kid);
  const at = Number(ts);
  if (!key || !nonce || aud !== audience || !Number.isFinite(at) || Math.abs(now - at) > MAX_SKEW_MS) return null;
  const expected = Buffer.from(mac(key.secret, ts, nonce, aud, target, callerHeader, body));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  if (replay && !(await replay.accept(`${aud}:${kid}:${nonce}`, NONCE_TTL_MS, now))) return null;
  try {
    const parsed = JSON.parse(Buffer.from(callerHeader, "base64url").toString("utf8")) as Record<string, unknown>;
    const clock = typeof parsed.at === "number" && Number.isFinite(parsed.at) ? { clockAt: parsed.at } : {};
    if (parsed.sub === null && parsed.org === null) return { ...ANONYMOUS, grants: [], ...clock };
    return {
      sub: typeof parsed.sub === "string" ? parsed.sub : null,
      org: typeof parsed.org === "string" ? parsed.org : null,
      roles: Array.isArray(parsed.roles) ? parsed.roles.filter(isRole) : [],
      grants: parseGrants(parsed.grants),
      clientAddress: typeof parsed.client === "string" ? parsed.client : null,
      operationName: typeof parsed.op === "string" ? parsed.op : null,
      ...(parsed.system === true ? { system: true } : {}),
      ...clock,
    };
  } catch {
    return null;
  }
}
