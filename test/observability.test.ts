// Observability of the real hub on PostgreSQL: structured logs with one request id from the
// gateway to the subgraphs, one trace from the gateway through the subgraphs to SQL, Prometheus
// metrics (requests, permission denials, audit writes) and health/readiness.
//
// Tracing is registered in beforeAll, before the hub starts: the `http` and `pg` instrumentations
// patch a module when it is next `require`d, even one loaded before (here vitest imports `pg` and
// `node:http` as ESM first; `initTracing` requires `node:http` itself and knex requires `pg` when
// MikroORM connects), and undici's (Node's fetch) listens on diagnostics channels.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SpanKind } from "@opentelemetry/api";
import { InMemorySpanExporter, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { initTracing, type Tracing } from "../src/observability/tracing";
import { configureLogging } from "../src/observability/logger";
import { redactSql, redactUrl, safeError } from "../src/observability/redact";
import { startTestHub, type TestHub } from "./support/test-hub";
import { closeServer } from "../src/http/apollo-http";
import { startHub } from "../src/hub";
import { CREATE_FAMILY, familyInput } from "./support/fixtures";

const FAMILY = /* GraphQL */ `
  query FamilyArchiveCore($id: ID!) {
    family(id: $id) {
      id
      division { code name }
      applicant { name idNumber }
      members { name idNumber relation }
      tenancy { unitAddress monthsInArrears }
      judicial { caseNumber court }
    }
  }
`;

const CREDIT_LIST = /* GraphQL */ `
  query CreditList {
    creditList(kind: WARNING, first: 10) { totalCount edges { node { family { applicant { name idNumber } } } } }
  }
`;

const ID_NUMBER = /(?<![\d.])\d{17}[\dXx](?!\d)/;

const exporter = new InMemorySpanExporter();
const lines: Record<string, unknown>[] = [];
let tracing: Tracing | null = null;
let t: TestHub;
let base: string;
let staff: string;
let familyId: string;
let idNumbers: string[];

async function post(body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  return { status: res.status, requestId: res.headers.get("x-request-id"), json: (await res.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] } };
}

async function metricsText(url: string) {
  const res = await fetch(url);
  return { status: res.status, contentType: res.headers.get("content-type"), text: await res.text() };
}

/** Sum of the samples of `name` whose labels include all of `labels`. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split("\n")) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

async function waitFor<T>(probe: () => T | undefined, ms = 3000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  tracing = initTracing({ serviceName: "hub-test" }, { exporter });
  configureLogging({
    level: "info",
    destination: {
      write(chunk: string) {
        for (const l of chunk.split("\n")) if (l.trim()) lines.push(JSON.parse(l) as Record<string, unknown>);
      },
    },
  });
  t = await startTestHub("postgres");
  base = t.url.replace(/\/graphql$/, "");
  staff = t.token("HA-420100", ["OPERATOR"], "wh-operator-obs");
  const input = familyInput("420111");
  idNumbers = input.members.map((m) => m.idNumber);
  const created = await t.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input, reason: "公租房申请审核通过，建立档案" }, staff);
  expect(created.errors).toBeUndefined();
  familyId = created.data!.createFamily.id;
});

afterAll(async () => {
  await t?.close();
  await tracing?.shutdown();
  configureLogging({ level: "silent" });
});

describe("observability", () => {
  it("logs one JSON line per request, with the gateway's request id in the gateway's and the subgraphs' lines, and no ID numbers or tokens", async () => {
    const res = await post({ query: FAMILY, variables: { id: familyId } }, { authorization: `Bearer ${staff}`, "x-request-id": "obs-log-1" });
    expect(res.status).toBe(200);
    expect(res.requestId).toBe("obs-log-1");
    expect(JSON.stringify(res.json)).toContain(idNumbers[0]);

    const mine = lines.filter((l) => l.requestId === "obs-log-1" && l.msg === "graphql request");
    const gateway = mine.filter((l) => l.service === "gateway");
    expect(gateway).toEqual([
      expect.objectContaining({ level: "info", operationName: "FamilyArchiveCore", operationType: "query", status: 200, outcome: "success", errorCodes: [], org: "HA-420100", durationMs: expect.any(Number) }),
    ]);
    // One line per subgraph request, each with the gateway's id (archive: the family, housing: tenancy, judicial: judgments).
    expect(new Set(mine.filter((l) => l.service !== "gateway").map((l) => l.service))).toEqual(new Set(["archive", "housing", "judicial"]));
    for (const l of mine) expect(l).toEqual(expect.objectContaining({ requestId: "obs-log-1", status: 200, time: expect.any(String) }));

    // Without an x-request-id (or with an unusable one) the gateway makes one, echoes it and passes it on.
    const other = await post({ query: FAMILY, variables: { id: familyId } }, { authorization: `Bearer ${staff}`, "x-request-id": "bad id\twith spaces" });
    expect(other.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.filter((l) => l.requestId === other.requestId && l.msg === "graphql request").length).toBeGreaterThanOrEqual(4);

    // A forged token: 401, logged with its code, the token nowhere.
    const forged = `${staff.slice(0, -4)}AAAA`;
    const bad = await post({ query: FAMILY, variables: { id: familyId } }, { authorization: `Bearer ${forged}`, "x-request-id": "obs-log-401" });
    expect(bad.status).toBe(401);
    expect(lines.filter((l) => l.requestId === "obs-log-401")).toEqual([expect.objectContaining({ service: "gateway", status: 401, outcome: "error", errorCodes: ["UNAUTHENTICATED"], org: null })]);

    const all = JSON.stringify(lines);
    for (const id of idNumbers) expect(all).not.toContain(id);
    expect(all).not.toMatch(ID_NUMBER);
    expect(all).not.toContain(staff.split(".")[2]);
    expect(all).not.toContain(forged.split(".")[2]);
    expect(all).not.toContain("测试甲");

    // Errors are logged without the values a driver puts in its message.
    const e = safeError(new Error(`insert into "archive"."member" ("name", "id_number") values ('测试甲', '${idNumbers[0]}') - duplicate key value violates unique constraint`));
    expect(JSON.stringify(e)).not.toContain(idNumbers[0]);
    expect(JSON.stringify(e)).not.toContain("测试甲");
    expect(redactUrl(`http://127.0.0.1:4000/graphql?variables={"idNumber":"${idNumbers[0]}"}`)).toBe("http://127.0.0.1:4000/graphql");
    expect(redactSql(`select * from member where id_number = '${idNumbers[0]}' and n = 123456`)).toBe("select * from member where id_number = ? and n = ?");
  });

  it("traces one request from the gateway through the subgraphs to PostgreSQL under one trace id", async () => {
    expect(tracing).not.toBeNull();
    // The gateway's copy of the permissions is dropped (as on any change), so this request reads them.
    const invalidations = t.hub.gateway!.grants.stats.invalidations;
    await t.hub.dbs.archive!.orm.em.fork().getConnection().execute(`select pg_notify('hub_grants', '*')`);
    await waitFor(() => (t.hub.gateway!.grants.stats.invalidations > invalidations ? true : undefined));
    const res = await post({ query: FAMILY, variables: { id: familyId } }, { authorization: `Bearer ${staff}`, "x-request-id": "obs-trace-1" });
    expect(res.status).toBe(200);
    const attr = (s: ReadableSpan, k: string) => s.attributes[k];
    const gatewayServer = await waitFor(() => exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && attr(s, "hub.service") === "gateway" && attr(s, "hub.request_id") === "obs-trace-1"));
    const traceId = gatewayServer.spanContext().traceId;
    const subgraphPorts = new Set(Object.values(t.hub.subgraphUrls).map((u) => new URL(u).port));
    // The subgraph server spans end after their responses: wait until the three are in.
    const inTrace = await waitFor(() => {
      const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
      const servers = spans.filter((s) => s.kind === SpanKind.SERVER && attr(s, "graphql.operation.type") === "query" && attr(s, "hub.service") !== "gateway");
      return new Set(servers.map((s) => attr(s, "hub.service"))).size === 3 ? spans : undefined;
    });
    const byId = new Map(inTrace.map((s) => [s.spanContext().spanId, s]));
    const parentOf = (s: ReadableSpan) => (s.parentSpanContext ? byId.get(s.parentSpanContext.spanId) : undefined);

    // The gateway's GraphQL operation (manual span) under the gateway's server span.
    const operation = inTrace.find((s) => s.name === "FamilyArchiveCore")!;
    expect(operation).toBeDefined();
    expect(parentOf(operation)).toBe(gatewayServer);
    // Gateway → subgraph fetches (undici client spans, traceparent injected) …
    const clients = inTrace.filter((s) => s.kind === SpanKind.CLIENT && subgraphPorts.has(String(attr(s, "server.port") ?? "")));
    expect(clients.length).toBeGreaterThanOrEqual(3);
    // … each continued by a subgraph server span (http, traceparent extracted) …
    const subgraphServers = inTrace.filter((s) => s.kind === SpanKind.SERVER && s !== gatewayServer);
    for (const s of subgraphServers) expect(clients).toContain(parentOf(s));
    expect(new Set(subgraphServers.map((s) => attr(s, "hub.service")))).toEqual(new Set(["archive", "housing", "judicial"]));
    // The permission look-up and the audit entry (the archive's /internal routes) are in the same trace.
    expect(subgraphServers.filter((s) => String(attr(s, "http.route")).startsWith("/internal/")).map((s) => attr(s, "http.route"))).toEqual(expect.arrayContaining(["/internal/grants-current", "/internal/audit-batch"]));
    // … and SQL under the subgraphs (pg instrumentation).
    const sql = inTrace.filter((s) => s.kind === SpanKind.CLIENT && attr(s, "db.system.name") === "postgresql");
    expect(sql.length).toBeGreaterThan(0);
    const underSubgraph = (s: ReadableSpan): boolean => {
      for (let p = parentOf(s); p; p = parentOf(p)) if (subgraphServers.includes(p)) return true;
      return false;
    };
    expect(sql.some(underSubgraph)).toBe(true);
    // Nothing of the family leaves in a span: SQL without literals, no ID numbers anywhere.
    const exported = JSON.stringify(exporter.getFinishedSpans().map((s) => ({ name: s.name, attributes: s.attributes, status: s.status, events: s.events })));
    expect(exported).not.toMatch(ID_NUMBER);
    expect(exported).not.toContain("测试甲");
    expect(exported).not.toContain(staff.split(".")[2]);
  });

  it("serves Prometheus metrics: requests, permission denials by category, audit writes, process metrics — no family data", async () => {
    const before = await metricsText(`${base}/metrics`);
    expect(before.status).toBe(200);
    expect(before.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(before.text, "hub_graphql_requests_total", { service: "gateway", operation: "FamilyArchiveCore", outcome: "success" })).toBeGreaterThanOrEqual(3);
    expect(sample(before.text, "hub_graphql_request_duration_seconds_count", { service: "gateway", operation: "FamilyArchiveCore" })).toBeGreaterThanOrEqual(3);
    expect(sample(before.text, "hub_graphql_errors_total", { service: "gateway", code: "UNAUTHENTICATED" })).toBeGreaterThanOrEqual(1);
    expect(sample(before.text, "hub_audit_writes_total", { outcome: "DISCLOSED" })).toBeGreaterThanOrEqual(3);
    expect(before.text).toContain("hub_rate_limit_refusals_total");
    expect(before.text).toContain("process_cpu_user_seconds_total");
    expect(before.text).toContain("nodejs_heap_size_used_bytes");

    // A partner without any written permission: creditList is removed before planning (R8.2).
    const partner = t.token("PT-420100-MZ", ["CONSUMER"]);
    const denied = await post({ query: CREDIT_LIST }, { authorization: `Bearer ${partner}` });
    expect(denied.json.errors?.map((e) => e.extensions?.code)).toEqual(["SHARING_NOT_PERMITTED"]);
    const category = String(denied.json.errors![0].extensions!.category);
    const after = await metricsText(`${base}/metrics`);
    expect(sample(after.text, "hub_permission_denials_total", { category, source: "gateway" })).toBe(sample(before.text, "hub_permission_denials_total", { category, source: "gateway" }) + 1);
    expect(sample(after.text, "hub_audit_writes_total", { outcome: "DENIED" })).toBe(sample(before.text, "hub_audit_writes_total", { outcome: "DENIED" }) + 1);
    expect(sample(after.text, "hub_graphql_requests_total", { service: "gateway", operation: "CreditList", outcome: "error" })).toBe(1);

    // Each subgraph has its own.
    for (const [name, url] of Object.entries(t.hub.subgraphUrls)) {
      const m = await metricsText(new URL("/metrics", url).toString());
      expect(m.status).toBe(200);
      expect(sample(m.text, "hub_graphql_requests_total", { service: name })).toBeGreaterThan(0);
    }
    for (const text of [before.text, after.text]) {
      expect(text).not.toContain(familyId);
      expect(text).not.toMatch(ID_NUMBER);
      expect(text).not.toContain("PT-420100-MZ");
    }
  });

  it("counts rate-limit refusals (R8.4)", async () => {
    // A second gateway over the same subgraphs, allowing one request per organisation.
    const gw = await startHub({ ...t.config, rateLimit: { perSecond: 0.001, burst: 1 }, subgraphUrls: t.hub.subgraphUrls }, { subgraphs: [], gateway: true, ephemeralPorts: true });
    try {
      const ask = () => fetch(gw.gatewayUrl!, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${staff}` }, body: JSON.stringify({ query: "query Ping { __typename }" }) });
      expect((await ask()).status).toBe(200);
      const refused = await ask();
      expect(refused.status).toBe(429);
      const m = await metricsText(gw.gatewayUrl!.replace(/\/graphql$/, "/metrics"));
      expect(sample(m.text, "hub_rate_limit_refusals_total")).toBe(1);
      expect(sample(m.text, "hub_graphql_requests_total", { operation: "Ping", outcome: "error" })).toBe(1);
      expect(sample(m.text, "hub_graphql_errors_total", { code: "FORBIDDEN" })).toBe(1);
    } finally {
      await gw.close();
    }
  });

  it("answers /ready when every subgraph is ready, and 503 when a subgraph's migrations are missing or it is stopped", async () => {
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual(expect.objectContaining({ status: "ready", supergraph: "loaded" }));
    for (const url of Object.values(t.hub.subgraphUrls)) {
      const r = await fetch(new URL("/ready", url));
      expect(r.status).toBe(200);
      expect(await r.json()).toEqual(expect.objectContaining({ status: "ready" }));
    }
    expect((await fetch(`${base}/health`)).status).toBe(200);

    // A judicial database whose migrations were not applied: judicial is not ready, nor the gateway.
    await t.hub.dbs.judicial!.orm.em.getConnection().execute(`delete from judicial.mikro_orm_migrations where id = (select max(id) from judicial.mikro_orm_migrations)`);
    const judicial = await fetch(new URL("/ready", t.hub.subgraphUrls.judicial));
    expect(judicial.status).toBe(503);
    expect(await judicial.json()).toEqual(expect.objectContaining({ status: "not ready", reason: "1 migration(s) not applied" }));
    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual(expect.objectContaining({ status: "not ready", subgraphs: expect.objectContaining({ judicial: "HTTP 503", archive: "ok", housing: "ok" }) }));

    // The housing subgraph stops: the gateway is neither ready nor healthy.
    await closeServer(t.hub.subgraphServers.housing!.http);
    const stopped = await fetch(`${base}/ready`);
    expect(stopped.status).toBe(503);
    const body = (await stopped.json()) as { subgraphs: Record<string, string> };
    expect(body.subgraphs.housing).not.toBe("ok");
    expect((await fetch(`${base}/health`)).status).toBe(503);
  });

  it("gives SQL on the embedded PGlite (not pg) spans of its own, under the subgraphs' server spans", async () => {
    const p = await startTestHub("pglite");
    try {
      const operator = p.token("HA-420100", ["OPERATOR"]);
      const created = await p.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: familyInput("420111"), reason: "建立档案" }, operator);
      expect(created.errors).toBeUndefined();
      const res = await fetch(p.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${operator}`, "x-request-id": "obs-pglite-1" },
        body: JSON.stringify({ query: FAMILY, variables: { id: created.data!.createFamily.id } }),
      });
      expect(res.status).toBe(200);
      const gatewayServer = await waitFor(() => exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER && s.attributes["hub.service"] === "gateway" && s.attributes["hub.request_id"] === "obs-pglite-1"));
      const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === gatewayServer.spanContext().traceId);
      const archive = spans.find((s) => s.kind === SpanKind.SERVER && s.attributes["hub.service"] === "archive" && s.attributes["graphql.operation.name"] === "FamilyArchiveCore")!;
      expect(archive).toBeDefined();
      const sql = spans.filter((s) => s.name.startsWith("pglite.query:") && s.parentSpanContext?.spanId === archive.spanContext().spanId);
      expect(sql.length).toBeGreaterThan(0);
      expect(sql[0].attributes).toEqual(expect.objectContaining({ "db.system.name": "postgresql", "hub.db.engine": "pglite" }));
      expect(JSON.stringify(spans.map((s) => s.attributes))).not.toMatch(ID_NUMBER);
    } finally {
      await p.close();
    }
  });
});
