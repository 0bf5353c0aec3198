// R8.4 gateway hardening: query limits, trusted documents for the anonymous caller and
// per-organisation rate limits, unit by unit and through a real Apollo Server.
import fs from "node:fs";
import path from "node:path";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApolloServer, type GraphQLResponse } from "@apollo/server";
import { addResolversToSchema } from "@graphql-tools/schema";
import { buildSchema, getIntrospectionQuery, parse, print, type GraphQLError, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import {
  DEFAULT_LIMITS,
  checkLimits,
  limitsFromEnv,
  listFieldNames,
  measureOperation,
  parseOptionsFor,
  serverHardeningOptions,
  type QueryLimits,
} from "../src/gateway/hardening";
import { TrustedDocuments, applyPersistedDocument } from "../src/gateway/trusted-documents";
import { RateLimiter, rateLimitFromEnv } from "../src/gateway/rate-limit";
import { hardeningPlugin } from "../src/gateway/hardening.plugin";

const root = path.resolve(__dirname, "..");
const apiSdl = fs.readFileSync(path.join(root, "schema/api-schema.graphql"), "utf8");
// the repository's copy of the consumer contract (kept identical to shared/contract by the composition test)
const sharedContract = path.resolve(root, "schema/contract/operations.graphql");
const apiSchema = buildSchema(apiSdl);

const limits = (over: Partial<QueryLimits> = {}): QueryLimits => ({ ...DEFAULT_LIMITS, ...over });
const check = (query: string, over: Partial<QueryLimits> = {}, variables?: Record<string, unknown>, schema?: GraphQLSchema, operationName?: string) =>
  checkLimits(parse(query), operationName, variables, limits(over), schema);
const measure = (query: string, variables?: Record<string, unknown>, schema?: GraphQLSchema) => measureOperation(parse(query), undefined, variables, schema)!;

/** `{ a { a { … } } }` with `depth` fields on the deepest path. */
const nested = (depth: number, leaf = "a"): string => (depth === 1 ? leaf : `a { ${nested(depth - 1, leaf)} }`);
const aliases = (n: number) => Array.from({ length: n }, (_, i) => `x${i}: a`).join(" ");
const directives = (n: number) => Array.from({ length: n }, (_, i) => `f${i} @include(if: true)`).join(" ");

function expectLimit(error: GraphQLError | null, reason: string, limit: number, actual: number) {
  expect(error).not.toBeNull();
  expect(error!.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason, limit, actual, http: { status: 400 } });
  expect(error!.message).toMatch(/超过上限/);
}

describe("limitsFromEnv and parseOptionsFor", () => {
  it("defaults without variables, overrides with positive integers", () => {
    expect(limitsFromEnv({})).toEqual({ maxDepth: 12, maxAliases: 30, maxTokens: 2000, maxDirectives: 20, maxCost: 20000, maxSelections: 5000 });
    expect(limitsFromEnv({ HUB_MAX_DEPTH: "7", HUB_MAX_ALIASES: "3", HUB_MAX_TOKENS: "500", HUB_MAX_DIRECTIVES: "4", HUB_MAX_COST: "99", HUB_MAX_SELECTIONS: "77", HUB_MAX_OTHER: "x" })).toEqual({
      maxDepth: 7,
      maxAliases: 3,
      maxTokens: 500,
      maxDirectives: 4,
      maxCost: 99,
      maxSelections: 77,
    });
    expect(limitsFromEnv({ HUB_MAX_COST: " " }).maxCost).toBe(20000);
  });

  it.each(["0", "-1", "abc", "1.5", "1e3", "99999999999999999999"])("rejects %j with a message naming the variable", (value) => {
    expect(() => limitsFromEnv({ HUB_MAX_DEPTH: value })).toThrow(/HUB_MAX_DEPTH must be a positive integer/);
  });

  it("parse options carry the token limit, and the parser enforces it", () => {
    expect(parseOptionsFor(limits({ maxTokens: 5 }))).toEqual({ maxTokens: 5 });
    expect(() => parse("{ a b c d }", parseOptionsFor(limits({ maxTokens: 6 })))).not.toThrow(); // { a b c d } <EOF>
    expect(() => parse("{ a b c d e }", parseOptionsFor(limits({ maxTokens: 6 })))).toThrow(/more th\w+ 6 tokens/);
  });
});

describe("checkLimits", () => {
  it("depth: at the limit passes, one over fails", () => {
    expect(measure(`{ ${nested(12)} }`).depth).toBe(12);
    expect(check(`{ ${nested(12)} }`)).toBeNull();
    expectLimit(check(`{ ${nested(13)} }`), "MAX_DEPTH", 12, 13);
  });

  it("aliases: at the limit passes, one over fails", () => {
    expect(check(`{ ${aliases(30)} }`)).toBeNull();
    expectLimit(check(`{ ${aliases(31)} }`), "MAX_ALIASES", 30, 31);
  });

  it("directives: counted in the whole document, at the limit passes, one over fails", () => {
    expect(check(`{ ${directives(20)} }`)).toBeNull();
    expectLimit(check(`{ ${directives(21)} }`), "MAX_DIRECTIVES", 20, 21);
    // Directives of an operation that is not selected and of a variable definition count too.
    const doc = `query A($v: Int @deprecated) { ${directives(19)} } query B { b @skip(if: false) }`;
    expectLimit(check(doc, {}, undefined, undefined, "A"), "MAX_DIRECTIVES", 20, 21);
  });

  it("cost: `first` multiplies its subtree; at the limit passes, one over fails", () => {
    const q = `{ items(first: 100) { id name } }`; // 1 + 100 × 2
    expect(measure(q).cost).toBe(201);
    expect(check(q, { maxCost: 201 })).toBeNull();
    expectLimit(check(q, { maxCost: 200 }), "MAX_COST", 200, 201);
    // Nested pages multiply: 1 + 10 × (1 + 5 × 1)
    expect(measure(`{ a(first: 10) { b(first: 5) { c } } }`).cost).toBe(61);
    // No `first` and no schema: no multiplier.
    expect(measure(`{ items { id name } }`).cost).toBe(3);
  });

  it("cost: `first` from variables and from variable defaults", () => {
    const q = `query Q($n: Int! = 7) { items(first: $n) { id } }`;
    expect(measure(q, { n: 5 }).cost).toBe(6);
    expect(measure(q, {}).cost).toBe(8);
    expect(check(q, {}, { n: 19999 })).toBeNull(); // 1 + 19999 = 20000
    expectLimit(check(q, {}, { n: 20000 }), "MAX_COST", 20000, 20001);
    // A huge page cannot slip through as a variable.
    expect(check(q, {}, { n: 1_000_000_000 })?.extensions.reason).toBe("MAX_COST");
  });

  it("cost with a schema: list fields multiply by 10, connection edges are bounded by `first`, declared defaults of `first` apply", () => {
    const lists = listFieldNames(apiSchema);
    expect(lists.has("Query.divisions")).toBe(true);
    expect(lists.has("Division.children")).toBe(true);
    expect(lists.has("CreditListConnection.edges")).toBe(true);
    expect(lists.has("Query.division")).toBe(false);
    expect(lists.has("Division.parent")).toBe(false);

    expect(measure(`{ divisions { code name } }`, undefined, apiSchema).cost).toBe(21);
    expect(measure(`{ divisions { code children { code } } }`, undefined, apiSchema).cost).toBe(1 + 10 * (1 + 1 + 10 * 1));
    // Without the schema the same list is not recognised.
    expect(measure(`{ divisions { code name } }`).cost).toBe(3);
    // 1 + 10 × (edges 1 + 1 × (node 1 + id 1))
    expect(measure(`{ creditList(kind: WARNING, first: 10) { edges { node { id } } } }`, undefined, apiSchema).cost).toBe(31);
    // families(first: Int! = 20): 1 + 20 × (1 + 1 × 2)
    expect(measure(`{ families { edges { node { id } } } }`, undefined, apiSchema).cost).toBe(61);
    // Inline fragments and fragments keep the type: lists inside them are still recognised.
    expect(measure(`{ division(code: "420000") { ... on Division { children { code } } ...D } } fragment D on Division { children { name } }`, undefined, apiSchema).cost).toBe(
      1 + 11 + 11,
    );
  });

  it("fragments and inline fragments count toward depth and aliases once per use", () => {
    const q = `
      { a { ...F } b: a { ...F } c: a { ... on A { d: a { ...F } } } }
      fragment F on A { x: a { y: a { z } } }`;
    const m = measure(q);
    // a > x > y > z is 4; c > d > x > y > z is 5.
    expect(m.depth).toBe(5);
    // b, c, d and F's two aliases three times.
    expect(m.aliases).toBe(3 + 3 * 2);
    expectLimit(check(q, { maxDepth: 4 }), "MAX_DEPTH", 4, 5);
    expectLimit(check(q, { maxAliases: 8 }), "MAX_ALIASES", 8, 9);
    expect(check(q, { maxDepth: 5, maxAliases: 9 })).toBeNull();
  });

  it("fragment cycles end (validation would reject them, the checker must not hang)", () => {
    const q = `{ ...A } fragment A on Query { a { ...B } } fragment B on A { b { ...A ...B } }`;
    const m = measure(q);
    expect(m.depth).toBe(2);
    expect(check(q)).toBeNull();
    expect(measure(`{ ...Self } fragment Self on Query { x: a ...Self }`).aliases).toBe(1);
  });

  it("fragment fan-out is measured in linear time and still counted in full", () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, …: 2^24 aliases at the bottom.
    const levels = 24;
    const fragments = Array.from({ length: levels }, (_, i) => `fragment F${i} on A { ...F${i + 1} ...F${i + 1} }`).join(" ");
    const q = `{ ...F0 } ${fragments} fragment F${levels} on A { x: a }`;
    const started = Date.now();
    expectLimit(check(q), "MAX_ALIASES", 30, 2 ** levels);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("introspection is not counted for depth or cost; __typename is free", () => {
    const intro = parse(getIntrospectionQuery());
    const m = measureOperation(intro, "IntrospectionQuery", undefined, apiSchema)!;
    expect(m.depth).toBe(0);
    expect(m.cost).toBe(0);
    expect(checkLimits(intro, "IntrospectionQuery", undefined, limits({ maxDepth: 1, maxCost: 1 }), apiSchema)).toBeNull();
    expect(measure(`{ __typename a { __typename } }`)).toMatchObject({ depth: 1, cost: 1 });
    // Introspection aliases are aliases all the same.
    expect(measure(`{ x: __schema { types { name } } y: __type(name: "Query") { name } }`).aliases).toBe(2);
  });

  it("only the selected operation is measured; an unresolvable selection is left to the executor", () => {
    const doc = `query Small { a } query Deep { ${nested(20)} }`;
    expect(check(doc, {}, undefined, undefined, "Small")).toBeNull();
    expect(check(doc, {}, undefined, undefined, "Deep")?.extensions.reason).toBe("MAX_DEPTH");
    expect(check(doc)).toBeNull();
    expect(check(doc, {}, undefined, undefined, "Missing")).toBeNull();
  });

  it("every contract operation passes the default limits at the largest page (first: 500)", () => {
    const contract = parse(fs.readFileSync(sharedContract, "utf8"));
    const names = contract.definitions.filter((d): d is OperationDefinitionNode => d.kind === "OperationDefinition").map((d) => d.name!.value);
    expect(names).toContain("CreditList");
    for (const name of names) {
      expect(checkLimits(contract, name, { first: 500 }, DEFAULT_LIMITS, apiSchema), name).toBeNull();
    }
  });
});

const PUBLIC_OPS = /* GraphQL */ `
  query PublicListLike($kind: ListKind!, $divisionCode: String, $first: Int!, $after: String) {
    creditList(kind: $kind, divisionCode: $divisionCode, first: $first, after: $after) {
      totalCount
      pageInfo { ...Page }
      edges { node { kind status since until } }
    }
  }
  query PublicDivisions { divisions(level: CITY) { code name } }
  fragment Page on PageInfo { hasNextPage endCursor }
  fragment Unused on Division { code }
`;

// The same PublicListLike with other whitespace, comments and argument layout.
const PUBLIC_LIST_REFORMATTED = `
  # sent by a municipal portal
  query PublicListLike(
    $kind: ListKind!
    $divisionCode: String
    $first: Int!
    $after: String
  ) {
    creditList(kind: $kind, divisionCode: $divisionCode, first: $first, after: $after) {
      totalCount
      pageInfo {
        ...Page # the page
      }
      edges { node { kind status since until } }
    }
  }
  fragment Page on PageInfo {
    hasNextPage
    endCursor
  }
`;

describe("TrustedDocuments", () => {
  const registry = TrustedDocuments.fromSource(PUBLIC_OPS);

  it("one document per operation, keyed by the sha256 of its printed text", () => {
    const ids = registry.ids();
    expect(ids.map((i) => i.operationName).sort()).toEqual(["PublicDivisions", "PublicListLike"]);
    for (const { id } of ids) {
      expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
      const text = registry.byId(id)!;
      expect(createHash("sha256").update(text).digest("hex")).toBe(id.slice(7));
      expect(text).toBe(print(parse(text)));
    }
    const list = registry.byId(ids.find((i) => i.operationName === "PublicListLike")!.id)!;
    // The fragment it needs is included, the unused one and the other operation are not.
    expect(list).toContain("fragment Page on PageInfo");
    expect(list).not.toContain("Unused");
    expect(list).not.toContain("PublicDivisions");
  });

  it("byId accepts the prefixed or bare hex in either case, and nothing else", () => {
    const { id } = registry.ids()[0];
    const hex = id.slice("sha256:".length);
    expect(registry.byId(id)).toBeDefined();
    expect(registry.byId(hex)).toBe(registry.byId(id));
    expect(registry.byId(hex.toUpperCase())).toBe(registry.byId(id));
    expect(registry.byId("sha256:" + "0".repeat(64))).toBeUndefined();
    expect(registry.byId("sha256:xyz")).toBeUndefined();
    expect(registry.byId("")).toBeUndefined();
  });

  it("isTrusted compares printed documents: layout, comments and fragment order do not matter; content does", () => {
    expect(registry.isTrusted(parse(PUBLIC_LIST_REFORMATTED))).toBe(true);
    expect(registry.isTrusted(parse(`# hi\nquery PublicDivisions{divisions(level:CITY){code,name}}`))).toBe(true);
    const reordered = `fragment Page on PageInfo { hasNextPage endCursor } ${PUBLIC_LIST_REFORMATTED.replace(/fragment Page[^}]*}/, "")}`;
    expect(registry.isTrusted(parse(reordered))).toBe(true);
    expect(registry.isTrusted(parse(PUBLIC_LIST_REFORMATTED.replace("endCursor", "endCursor __typename")))).toBe(false);
    expect(registry.isTrusted(parse(`query PublicDivisions { divisions(level: COUNTY) { code name } }`))).toBe(false);
    expect(registry.isTrusted(parse(`query PublicDivisions { divisions(level: CITY) { code name } } query Other { divisions { code } }`))).toBe(false);
    expect(registry.isTrusted(parse(`{ divisions(level: CITY) { code name } }`))).toBe(false);
  });

  it("registers the shared contract's PublicList operation", () => {
    const text = fs.readFileSync(sharedContract, "utf8");
    const all = TrustedDocuments.fromSource(text);
    const count = parse(text).definitions.filter((d) => d.kind === "OperationDefinition").length;
    expect(all.size).toBe(count);
    const publicOnly = TrustedDocuments.fromSource(text, { only: ["PublicList"] });
    expect(publicOnly.ids().map((i) => i.operationName)).toEqual(["PublicList"]);
    const op = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && d.name?.value === "PublicList")!;
    expect(publicOnly.isTrusted(parse(print(op)))).toBe(true);
    expect(publicOnly.byId(publicOnly.ids()[0].id)).toBe(print(op));
    const creditCheck = parse(text).definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && d.name?.value === "CreditCheck")!;
    expect(publicOnly.isTrusted({ kind: parse(text).kind, definitions: [creditCheck] })).toBe(false);
  });

  it("refuses sources it cannot register", () => {
    expect(() => TrustedDocuments.fromSource(`{ a }`)).toThrow(/name every operation/);
    expect(() => TrustedDocuments.fromSource(`query A { ...Missing }`)).toThrow(/undefined fragment Missing/);
    expect(() => TrustedDocuments.fromSource(`query A { a } query A { b }`)).toThrow(/twice/);
    expect(() => TrustedDocuments.fromSource(`type T { a: Int }`)).toThrow(/only operations and fragments/);
    expect(() => TrustedDocuments.fromSource(`query A { a }`, { only: ["B"] })).toThrow(/no operation named B/);
    expect(TrustedDocuments.fromSource([`query A { ...F }`, `fragment F on Q { a }`]).size).toBe(1);
  });
});

describe("applyPersistedDocument", () => {
  const registry = TrustedDocuments.fromSource(PUBLIC_OPS);
  const { id } = registry.ids().find((i) => i.operationName === "PublicListLike")!;
  const text = registry.byId(id)!;
  const unknown = { error: { status: 400, payload: { errors: [{ message: "未登记的查询文档", extensions: { code: "BAD_USER_INPUT" } }] } } };

  it("fills `query` from `documentId`, prefixed or bare", () => {
    const body = { documentId: id, operationName: "PublicListLike", variables: { first: 5 } };
    expect(applyPersistedDocument(body, registry)).toEqual({ body: { ...body, query: text } });
    expect(applyPersistedDocument({ documentId: id.slice(7) }, registry)).toEqual({ body: { documentId: id.slice(7), query: text } });
  });

  it("fills `query` from extensions.persistedQuery.sha256Hash and drops that extension only", () => {
    const hash = id.slice(7);
    expect(applyPersistedDocument({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, registry)).toEqual({ body: { query: text } });
    expect(applyPersistedDocument({ extensions: { persistedQuery: { version: 1, sha256Hash: hash }, trace: true }, variables: {} }, registry)).toEqual({
      body: { query: text, extensions: { trace: true }, variables: {} },
    });
  });

  it("refuses unknown or malformed ids", () => {
    expect(applyPersistedDocument({ documentId: "sha256:" + "a".repeat(64) }, registry)).toEqual(unknown);
    expect(applyPersistedDocument({ documentId: 42 }, registry)).toEqual(unknown);
    expect(applyPersistedDocument({ extensions: { persistedQuery: { version: 1, sha256Hash: "nope" } } }, registry)).toEqual(unknown);
  });

  it("passes other bodies unchanged", () => {
    const withQuery = { query: "{ a }", documentId: "whatever" };
    expect(applyPersistedDocument(withQuery, registry)).toEqual({ body: withQuery });
    expect((applyPersistedDocument(withQuery, registry) as { body: unknown }).body).toBe(withQuery);
    for (const body of [null, undefined, "{ a }", 3, [{ documentId: id }], {}, { extensions: { other: 1 } }]) {
      expect(applyPersistedDocument(body, registry)).toEqual({ body });
    }
  });
});

describe("RateLimiter", () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => (t += ms) };
  };

  it("allows a burst, then refuses with the seconds until the next token", () => {
    const c = clock();
    const rl = new RateLimiter({ perSecond: 0.5, burst: 3, now: c.now });
    expect([rl.take("k"), rl.take("k"), rl.take("k")]).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(rl.take("k")).toEqual({ ok: false, retryAfterSeconds: 2 });
    c.advance(1000); // half a token
    expect(rl.take("k")).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(rl.take("other")).toEqual({ ok: true }); // keys are independent
  });

  it("refills at perSecond up to the burst", () => {
    const c = clock();
    const rl = new RateLimiter({ perSecond: 2, burst: 2, now: c.now });
    rl.take("k");
    rl.take("k");
    expect(rl.take("k").ok).toBe(false);
    c.advance(500);
    expect(rl.take("k").ok).toBe(true);
    expect(rl.take("k").ok).toBe(false);
    c.advance(60_000); // a long pause refills to the burst, not beyond
    expect([rl.take("k").ok, rl.take("k").ok, rl.take("k").ok]).toEqual([true, true, false]);
  });

  it("evicts buckets that have refilled, and keeps the ones that have not", () => {
    const c = clock();
    const rl = new RateLimiter({ perSecond: 10, burst: 20, now: c.now });
    for (let i = 0; i < 1000; i++) rl.take(`ip:${i}`);
    c.advance(1900);
    for (let i = 0; i < 20; i++) rl.take("busy");
    expect(rl.size).toBe(1001);
    c.advance(100); // a sweep is due (one refill time, 2 s); the busy bucket holds 1 token
    rl.take("late");
    expect(rl.size).toBe(2);
    expect(rl.take("busy").ok).toBe(true);
  });

  it("never tracks more than maxKeys, dropping the least recently used", () => {
    const c = clock();
    const rl = new RateLimiter({ perSecond: 1, burst: 1, now: c.now, maxKeys: 10 });
    rl.take("first");
    for (let i = 0; i < 50; i++) {
      rl.take(`k${i}`);
      rl.take("first"); // kept recent: refused but not forgotten
    }
    expect(rl.size).toBe(10);
    expect(rl.take("first").ok).toBe(false);
  });

  it("validates its options and reads the environment", () => {
    expect(() => new RateLimiter({ perSecond: 0, burst: 1 })).toThrow(/perSecond/);
    expect(() => new RateLimiter({ perSecond: 1, burst: 0 })).toThrow(/burst/);
    expect(rateLimitFromEnv({})).toEqual({ perSecond: 100, burst: 200 });
    expect(rateLimitFromEnv({ HUB_RATE_LIMIT_PER_SECOND: "0.5", HUB_RATE_LIMIT_BURST: "3" })).toEqual({ perSecond: 0.5, burst: 3 });
    expect(() => rateLimitFromEnv({ HUB_RATE_LIMIT_PER_SECOND: "0" })).toThrow(/HUB_RATE_LIMIT_PER_SECOND must be a positive number/);
    expect(() => rateLimitFromEnv({ HUB_RATE_LIMIT_BURST: "2.5" })).toThrow(/HUB_RATE_LIMIT_BURST must be a positive integer/);
  });
});

describe("hardeningPlugin through Apollo Server", () => {
  // The gateway's context has more than the plugin reads, and a narrower roles type.
  type Role = "ADMIN" | "CONSUMER";
  interface TestContext {
    caller: { sub: string | null; org: string | null; roles: Role[] };
    requestId: string;
    clientAddress: string | undefined;
  }
  const anonymous = (clientAddress = "10.0.0.1"): TestContext => ({ caller: { sub: null, org: null, roles: [] }, requestId: "r", clientAddress });
  const member = (org = "HA-420100"): TestContext => ({ caller: { sub: "u1", org, roles: ["CONSUMER"] }, requestId: "r", clientAddress: "10.0.0.9" });

  async function startServer(options: { limits?: Partial<QueryLimits>; perSecond?: number; burst?: number; production?: boolean } = {}) {
    const calls = { divisions: 0, division: 0, creditList: 0 };
    const schema = addResolversToSchema({
      schema: buildSchema(apiSdl),
      resolvers: {
        Query: {
          divisions: () => (calls.divisions++, [{ code: "420100", name: "武汉市", level: "CITY", children: [] }]),
          division: (_: unknown, args: { code: string }) => (calls.division++, { code: args.code, name: "湖北省", level: "PROVINCE", parent: null, children: [] }),
          creditList: () => (calls.creditList++, { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] }),
        },
      },
    });
    const l = limits(options.limits);
    const c = { t: 0 };
    const server = new ApolloServer<TestContext>({
      schema,
      ...serverHardeningOptions(options.production ?? false, l),
      plugins: [
        hardeningPlugin<TestContext>({
          limits: l,
          trusted: TrustedDocuments.fromSource(PUBLIC_OPS),
          rateLimiter: new RateLimiter({ perSecond: options.perSecond ?? 1000, burst: options.burst ?? 1000, now: () => c.t }),
          schema,
        }),
      ],
    });
    await server.start();
    const run = (query: string, contextValue: TestContext, variables?: Record<string, unknown>, operationName?: string) =>
      server.executeOperation({ query, variables, operationName }, { contextValue });
    const total = () => calls.divisions + calls.division + calls.creditList;
    return { server, calls, total, run, clock: c };
  }

  const result = (r: GraphQLResponse) => {
    if (r.body.kind !== "single") throw new Error("expected a single result");
    return r.body.singleResult;
  };
  const firstError = (r: GraphQLResponse) => result(r).errors?.[0];

  it("the anonymous caller runs a registered document, sent in its own layout", async () => {
    const s = await startServer();
    try {
      const r = await s.run(PUBLIC_LIST_REFORMATTED, anonymous(), { kind: "WARNING", first: 20 });
      expect(result(r).errors).toBeUndefined();
      expect(result(r).data).toEqual({ creditList: { totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] } });
      expect(s.calls.creditList).toBe(1);
    } finally {
      await s.server.stop();
    }
  });

  it("the anonymous caller is refused any other document, with 403 and before any resolver", async () => {
    const s = await startServer();
    try {
      const r = await s.run(`query PublicDivisions { divisions { code name } }`, anonymous());
      expect(r.http.status).toBe(403);
      expect(firstError(r)?.message).toBe("匿名访问只能使用已登记的公开查询");
      expect(firstError(r)?.extensions).toMatchObject({ code: "FORBIDDEN" });
      expect(firstError(r)?.extensions).not.toHaveProperty("http");
      expect(s.total()).toBe(0);
      // An organisation's caller may send its own documents.
      const ok = await s.run(`query Mine { divisions { code name } }`, member());
      expect(result(ok).errors).toBeUndefined();
      expect(s.calls.divisions).toBe(1);
    } finally {
      await s.server.stop();
    }
  });

  it("query limits answer 400 BAD_USER_INPUT with the reason, before any resolver", async () => {
    const s = await startServer();
    try {
      const parents = (n: number): string => (n === 0 ? "code" : `code parent { ${parents(n - 1)} }`);
      const deep = await s.run(`{ division(code: "420102") { ${parents(11)} } }`, member()); // 13 levels
      expect(deep.http.status).toBe(400);
      expect(firstError(deep)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "MAX_DEPTH", limit: 12, actual: 13 });
      const atLimit = await s.run(`{ division(code: "420102") { ${parents(10)} } }`, member());
      expect(result(atLimit).errors).toBeUndefined();
      expect(s.calls.division).toBe(1);

      // A trusted document is still bounded: a huge page from the variables is too costly.
      const costly = await s.run(PUBLIC_LIST_REFORMATTED, anonymous(), { kind: "WARNING", first: 1_000_000 });
      expect(costly.http.status).toBe(400);
      expect(firstError(costly)?.extensions).toMatchObject({ code: "BAD_USER_INPUT", reason: "MAX_COST", limit: 20000 });
      expect(firstError(costly)?.message).toMatch(/估算成本/);

      const manyAliases = await s.run(`{ ${Array.from({ length: 31 }, (_, i) => `d${i}: division(code: "4201") { code }`).join(" ")} }`, member());
      expect(firstError(manyAliases)?.extensions).toMatchObject({ reason: "MAX_ALIASES", actual: 31 });
      const manyDirectives = await s.run(`{ divisions { ${Array.from({ length: 21 }, () => `code @include(if: true)`).join(" ")} } }`, member());
      expect(firstError(manyDirectives)?.extensions).toMatchObject({ reason: "MAX_DIRECTIVES", actual: 21 });
      expect(s.calls.division).toBe(1);
      expect(s.calls.divisions).toBe(0);
      expect(s.calls.creditList).toBe(0);
    } finally {
      await s.server.stop();
    }
  });

  it("the token limit stops a document at parsing", async () => {
    const s = await startServer({ limits: { maxTokens: 50 } });
    try {
      const r = await s.run(`{ divisions { ${Array.from({ length: 60 }, () => "code").join(" ")} } }`, member());
      expect(r.http.status).toBe(400);
      expect(firstError(r)?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
      expect(firstError(r)?.message).toMatch(/more th\w+ 50 tokens/);
      expect(s.total()).toBe(0);
    } finally {
      await s.server.stop();
    }
  });

  it("rate limits per organisation and per anonymous address, first of all checks, with 429 and Retry-After", async () => {
    const s = await startServer({ perSecond: 1, burst: 2 });
    try {
      const q = `{ divisions { code } }`;
      expect(result(await s.run(q, member("HA-420100"))).errors).toBeUndefined();
      expect(result(await s.run(q, member("HA-420100"))).errors).toBeUndefined();
      const refused = await s.run(q, member("HA-420100"));
      expect(refused.http.status).toBe(429);
      expect(refused.http.headers.get("retry-after")).toBe("1");
      expect(firstError(refused)?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "RATE_LIMITED", retryAfterSeconds: 1 });
      expect(firstError(refused)?.message).toMatch(/请求过于频繁/);
      expect(s.calls.divisions).toBe(2);
      // Another organisation has its own bucket.
      expect(result(await s.run(q, member("HA-420500"))).errors).toBeUndefined();
      // A second of refill gives one more request.
      s.clock.t += 1000;
      expect(result(await s.run(q, member("HA-420100"))).errors).toBeUndefined();
      expect((await s.run(q, member("HA-420100"))).http.status).toBe(429);

      // Anonymous callers are limited by address; the rate limit comes before the trusted check.
      await s.run(q, anonymous("192.0.2.1"));
      await s.run(q, anonymous("192.0.2.1"));
      const third = await s.run(q, anonymous("192.0.2.1"));
      expect(firstError(third)?.extensions).toMatchObject({ code: "FORBIDDEN", reason: "RATE_LIMITED" });
      const otherAddress = await s.run(q, anonymous("192.0.2.2"));
      expect(otherAddress.http.status).toBe(403);
      expect(s.calls.divisions).toBe(4);
    } finally {
      await s.server.stop();
    }
  });

  it("production options: no introspection and no field suggestions", async () => {
    const prod = await startServer({ production: true });
    const dev = await startServer({ production: false });
    try {
      const intro = await prod.run(`{ __schema { queryType { name } } }`, member());
      expect(firstError(intro)?.message).toMatch(/introspection/i);
      expect(result(await dev.run(`{ __schema { queryType { name } } }`, member())).data).toEqual({ __schema: { queryType: { name: "Query" } } });
      const typo = `{ divisons { code } }`;
      expect(firstError(await dev.run(typo, member()))?.message).toMatch(/Did you mean/);
      const hidden = firstError(await prod.run(typo, member()));
      expect(hidden?.message).toMatch(/Cannot query field "divisons"/);
      expect(hidden?.message).not.toMatch(/Did you mean/);
    } finally {
      await prod.server.stop();
      await dev.server.stop();
    }
  });
});
