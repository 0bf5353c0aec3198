// The public list for portals (R5.3, R6.7, R8.5): anonymous, masked, the same page for every
// visitor. Its answers carry `Cache-Control: public, max-age=N` and a strong `ETag` so that
// portals, browsers and a CDN can keep them (a conditional request gets 304), and the gateway
// keeps each page for the same N seconds itself (issue 12). Only anonymous requests for the
// contract's `PublicList` are cached, only answers without errors, keyed by the exact request
// (method, query string, body); every other request passes untouched. A listing removed or
// repaired (R7) leaves the public pages within N seconds.
import { createHash } from "node:crypto";

export interface CachedAnswer {
  body: string;
  etag: string;
  storedAt: number;
}

export class PublicListCache {
  private readonly answers = new Map<string, CachedAnswer>();

  constructor(
    readonly maxAgeSeconds = 10,
    private readonly maxEntries = 5000,
  ) {}

  /** The cache key of an anonymous PublicList request, or null (not cacheable). */
  keyOf(method: string, search: string, rawBody: string, authorization: string | undefined): string | null {
    if (authorization || this.maxAgeSeconds <= 0) return null;
    let text: string;
    try {
      text = method === "GET" ? decodeURIComponent(search) : rawBody;
    } catch {
      return null; // malformed query string: Apollo answers it
    }
    // Cheap test first; the answer is stored only if the operation really was PublicList (below).
    if (!text.includes("PublicList")) return null;
    // A digest, so that the kept keys stay small whatever the requests.
    return createHash("sha256").update(method).update("\n").update(search).update("\n").update(rawBody).digest("base64url");
  }

  get(key: string, now = Date.now()): CachedAnswer | undefined {
    const a = this.answers.get(key);
    if (!a) return undefined;
    if (now - a.storedAt >= this.maxAgeSeconds * 1000) {
      this.answers.delete(key);
      return undefined;
    }
    return a;
  }

  /** Stores a successful PublicList answer; returns its ETag (null: not cacheable). */
  store(key: string, operationName: string | null, status: number, body: string, now = Date.now()): CachedAnswer | null {
    if (operationName !== "PublicList" || status !== 200) return null;
    let parsed: { errors?: unknown; data?: unknown };
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      return null;
    }
    if (parsed.errors || !parsed.data) return null;
    const answer = { body, etag: etagOf(body), storedAt: now };
    if (this.answers.size >= this.maxEntries) this.answers.delete(this.answers.keys().next().value!);
    this.answers.set(key, answer);
    return answer;
  }

  headers(answer: CachedAnswer): Record<string, string> {
    return { "cache-control": `public, max-age=${this.maxAgeSeconds}`, etag: answer.etag };
  }
}

export function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** True when the request's If-None-Match names this ETag (or `*`). */
export function notModified(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  const v = Array.isArray(ifNoneMatch) ? ifNoneMatch.join(",") : ifNoneMatch;
  if (!v) return false;
  return v.split(",").some((t) => {
    const tag = t.trim().replace(/^W\//, "");
    return tag === "*" || tag === etag;
  });
}
