// Gateway → subgraph calls carry the caller context and an HMAC-SHA256 over the timestamp,
// the caller context and the body, with a key id so that keys can rotate. Subgraphs reject
// anything unsigned, wrongly signed or stale (fail closed).
import { createHmac, timingSafeEqual } from "node:crypto";
import type { SigningKey } from "../config";
import { ANONYMOUS, Caller, isRole } from "./caller";

export const CALLER_HEADER = "x-hub-caller";
export const SIGNATURE_HEADER = "x-hub-signature";
const MAX_SKEW_MS = 5 * 60 * 1000;

function mac(secret: string, timestamp: string, callerHeader: string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${callerHeader}\n${body}`).digest("base64url");
}

export function encodeCaller(caller: Caller): string {
  return Buffer.from(JSON.stringify({ sub: caller.sub, org: caller.org, roles: caller.roles })).toString("base64url");
}

export function signRequest(key: SigningKey, caller: Caller, body: string, now = Date.now()): Record<string, string> {
  const callerHeader = encodeCaller(caller);
  const ts = String(now);
  return {
    [CALLER_HEADER]: callerHeader,
    [SIGNATURE_HEADER]: `v1,${key.kid},${ts},${mac(key.secret, ts, callerHeader, body)}`,
  };
}

/** The signed caller, or null when the request is not validly signed. */
export function verifyRequest(
  keys: readonly SigningKey[],
  headers: { caller?: string | null; signature?: string | null },
  body: string,
  now = Date.now(),
): Caller | null {
  const sig = headers.signature ?? "";
  const callerHeader = headers.caller ?? "";
  const parts = sig.split(",");
  if (parts.length !== 4 || parts[0] !== "v1" || !callerHeader) return null;
  const [, kid, ts, given] = parts;
  const key = keys.find((k) => k.kid === kid);
  const at = Number(ts);
  if (!key || !Number.isFinite(at) || Math.abs(now - at) > MAX_SKEW_MS) return null;
  const expected = Buffer.from(mac(key.secret, ts, callerHeader, body));
  const actual = Buffer.from(given);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(callerHeader, "base64url").toString("utf8")) as Partial<Caller>;
    if (parsed.sub === null && parsed.org === null) return ANONYMOUS;
    return {
      sub: typeof parsed.sub === "string" ? parsed.sub : null,
      org: typeof parsed.org === "string" ? parsed.org : null,
      roles: Array.isArray(parsed.roles) ? parsed.roles.filter(isRole) : [],
    };
  } catch {
    return null;
  }
}
