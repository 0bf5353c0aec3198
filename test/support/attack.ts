// Helpers of the attack suite (R8.2, R8.4): the "secret book" of values a caller must never
// receive, read from the databases and decided with the domain's own permission rule, and raw
// HTTP helpers for requests that the GraphQL client helper cannot make (batches, forged
// headers, direct subgraph calls).
import { expect } from "vitest";
import { allDivisions } from "../../src/domain/divisions";
import { decide, type AccessSubject, type DataCategory, type GrantInForce, type SharingMode } from "../../src/domain/permissions";

/** One protected value of one family (or of a judicial record outside the archive). */
export interface SecretValue {
  value: string;
  /** Divisions whose decision makes the value visible (a family's division; a court's division). */
  divisions: string[];
  category: DataCategory;
  /** True when a MASKED permission must hide the value too (names, ID numbers, summaries, …). */
  hiddenWhenMasked: boolean;
}

/** Benign text that responses legitimately contain (division and organisation names). */
const BENIGN = new Set(allDivisions().map((d) => d.name));

export class SecretBook {
  constructor(readonly values: readonly SecretValue[]) {}

  private visible(v: SecretValue, subject: AccessSubject): boolean {
    return v.divisions.some((d) => {
      const decision = decide(subject, d, v.category);
      return decision !== null && (decision.mode === "FULL" || !v.hiddenWhenMasked);
    });
  }

  /**
   * R8.2: the values `subject` must not receive. A value that the subject may legitimately see
   * for another family (two people with the same name) is left out, so that a legitimate
   * disclosure is never reported as a leak.
   */
  forSubject(subject: AccessSubject): string[] {
    const allowed = new Set<string>();
    const denied = new Set<string>();
    for (const v of this.values) (this.visible(v, subject) ? allowed : denied).add(v.value);
    return [...denied].filter((s) => !allowed.has(s) && !BENIGN.has(s));
  }
}

/** A subject: the housing authority of `authority` (none for partners) with `grants` in force. */
export function subject(authority: string | null, grants: { divisions: string[]; scopes: Partial<Record<DataCategory, SharingMode>> }[] = []): AccessSubject {
  return {
    authorityDivision: authority,
    grants: grants.map((g, i): GrantInForce => ({ id: `g${i}`, documentNumber: `doc-${i}`, divisions: g.divisions, scopes: g.scopes })),
  };
}

/** R8.2: no protected value appears anywhere in the response (data, errors, extensions). */
export function expectNoLeak(response: unknown, secrets: readonly string[], except: readonly string[] = []): void {
  const text = typeof response === "string" ? response : JSON.stringify(response);
  const leaked = secrets.filter((s) => !except.includes(s) && text.includes(s));
  expect(leaked, `leaked protected values in ${text.slice(0, 400)}`).toEqual([]);
}

export interface RawResponse {
  status: number;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** A raw HTTP request (any method, headers and body). */
export async function rawRequest(url: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  const res = await fetch(url, { method: init.method ?? "POST", headers: init.headers, body: init.body });
  const text = await res.text();
  let json: unknown = undefined;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, text, json };
}

/** A JSON POST with optional extra headers. */
export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(url, { body: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });
}

/** `{ code, reason }` of every error of a response. */
export function codes(response: { errors?: { extensions?: Record<string, unknown> }[] } | undefined | null): string[] {
  return (response?.errors ?? []).map((e) => String(e.extensions?.code));
}

/** The ID number as a MASKED permission shows it (contract README). */
export function maskedId(id: string): string {
  return `${id.slice(0, 6)}********${id.slice(-4)}`;
}

/** The name as a MASKED permission shows it (contract README; a compound surname stays whole). */
export { maskName as maskedName } from "../../src/domain/id-number";

/** Walks a JSON value and returns every string under a key named `key`. */
export function stringsAt(value: unknown, key: string): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") {
      for (const [k, inner] of Object.entries(v)) {
        if (k === key && typeof inner === "string") out.push(inner);
        walk(inner);
      }
    }
  };
  walk(value);
  return out;
}
