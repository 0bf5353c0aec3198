// The gateway's written-permission enforcement and disclosure audit (R8.2, R8.3), as an Apollo
// Server plugin that takes over execution (`responseForOperation`):
//  1. takes the caller's permissions in force (the gateway's copy, dropped the moment PostgreSQL
//     notifies a change, or read from the archive: grants-cache.ts) and passes them to the
//     subgraphs in the signed caller context;
//  2. removes the fields the caller may see in no division before planning (no subgraph call);
//  3. executes the rest on the stitched supergraph; the subgraphs decide per family and mask;
//  4. answers null + SHARING_NOT_PERMITTED at the removed fields' paths;
//  5. writes one hash-chained audit entry for the request; if that fails, returns no data.
import { createHash } from "node:crypto";
import { execute, getVariableValues, print, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from "@apollo/server";
import { accessSubject } from "../auth/caller";
import { availableCategories, type DataCategory, type GrantInForce } from "../domain/permissions";
import { ErrorCode } from "../errors";
import type { DisclosureReport } from "../subgraphs/disclosure";
import { AUDIT_COLUMNS, JURISDICTION_LABEL } from "../subgraphs/archive/sharing/audit.service";
import { formatHubError } from "../subgraphs/subgraph-server";
import { applyRemovals, authorizeDocument, type Requirements } from "./field-authorization";
import type { GatewayContext } from "./gateway";
import type { InternalClient } from "./internal-client";
import { currentLogger } from "../observability/logger";
import { operationSpan } from "../observability/tracing";
import { responseErrorCodes } from "../observability/observability";

export interface AuthorizationOptions {
  schema: GraphQLSchema;
  requirements: Requirements;
  internal: InternalClient;
  /** The permissions in force for an organisation now (the gateway's notified copy, or a read). */
  grantsInForce: (org: string, requestId: string) => Promise<GrantInForce[]>;
  /** Called after every mutation (a grant or revocation applies to this gateway's next request at once). */
  afterMutation?: () => void;
  /** Called after each audit write (metrics, tests). */
  onAudit?: (outcome: string) => void;
  /** Called with the SHARING_NOT_PERMITTED answers of a request (metrics): gateway removals and subgraph denials. */
  onDenied?: (denials: { category: string; source: "gateway" | "subgraph" }[]) => void;
  /** In production, error messages carry no schema suggestions (R8.4). */
  production?: boolean;
  /** Benchmark only (config.benchWithoutAuthorization): permissions read once per organisation, no audit. */
  benchWithoutAuthorization?: boolean;
}

function single(body: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] }, status?: number): GraphQLResponse {
  return { http: { status, headers: new HeaderMap() }, body: { kind: "single", singleResult: body } };
}

function internalError(message: string): GraphQLFormattedError {
  return { message, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * Merges the subgraphs' disclosure reports and the gateway's own denials into one audit entry
 * (R8.3). Outcome: DISCLOSED (categories given), PARTIAL (given and refused), LOCATED (only that
 * families exist: ids, divisions), DENIED (refused only — also a look-up of a family the caller
 * may not locate, answered as unknown), NOT_FOUND (look-ups of unknown numbers only); null when
 * the request touched no family data at all (no entry).
 */
export function summarize(reports: DisclosureReport[], gatewayDenied: DataCategory[]) {
  const families = new Map<string, { returned: Set<string>; denied: Set<string>; refused: boolean }>();
  const permissions = new Set<string>();
  const denied = new Set<string>(gatewayDenied);
  const lookups: DisclosureReport["lookups"] = [];
  for (const r of reports) {
    for (const [id, f] of Object.entries(r.families)) {
      let s = families.get(id);
      if (!s) families.set(id, (s = { returned: new Set(), denied: new Set(), refused: false }));
      for (const c of f.returned) s.returned.add(c);
      for (const c of f.denied) {
        s.denied.add(c);
        denied.add(c);
      }
      if (f.refused) s.refused = true;
    }
    for (const p of r.permissions) permissions.add(p);
    if (r.jurisdiction && Object.keys(r.families).length) permissions.add(JURISDICTION_LABEL);
    for (const c of r.denied) denied.add(c);
    lookups.push(...(r.lookups ?? []));
  }
  const returned = new Set<string>();
  let given = false;
  let refused = false;
  for (const f of families.values()) {
    for (const c of f.returned) returned.add(c);
    if (f.refused && f.returned.size === 0) refused = true;
    else given = true;
  }
  const refusedAny = denied.size > 0 || refused;
  const outcome = returned.size
    ? refusedAny ? "PARTIAL" : "DISCLOSED"
    : given
      ? refusedAny ? "PARTIAL" : "LOCATED"
      : refusedAny
        ? "DENIED"
        : lookups.length
          ? "NOT_FOUND"
          : null;
  const perFamily = Object.fromEntries(
    [...families].sort(([a], [b]) => a.localeCompare(b)).map(([id, f]) => [id, { returned: [...f.returned].sort(), denied: [...f.denied].sort(), ...(f.refused ? { refused: true } : {}) }]),
  );
  return {
    familyIds: [...families.keys()].sort(),
    permissions: [...permissions].sort(),
    categoriesReturned: [...returned].sort(),
    categoriesDenied: [...denied].sort(),
    outcome,
    detail: families.size || lookups.length ? { families: perFamily, ...(lookups.length ? { lookups } : {}) } : null,
  };
}

/**
 * A free text of the audit entry bounded to its column (R8.3): a longer one keeps its beginning
 * and a hash of the whole, so that one caller's long operation name or user can never make the
 * entry — or the batch it is written with — fail.
 */
export function bounded(text: string | null, max: number): string | null {
  if (text === null || [...text].length <= max) return text;
  const hash = createHash("sha256").update(text).digest("hex").slice(0, 16);
  return `${[...text].slice(0, max - hash.length - 2).join("")}…#${hash}`;
}

export function authorizationPlugin(o: AuthorizationOptions): ApolloServerPlugin<GatewayContext> {
  const benchGrants = new Map<string, Promise<GrantInForce[]>>();
  const grantsFor = (org: string, requestId: string): Promise<GrantInForce[]> => {
    if (!o.benchWithoutAuthorization) return o.grantsInForce(org, requestId);
    let g = benchGrants.get(org);
    if (!g) benchGrants.set(org, (g = o.internal.grantsInForce(org, requestId)));
    return g;
  };
  return {
    async requestDidStart() {
      return {
        // The GraphQL operation as a trace span (named after the operation): permissions, subgraph calls, audit.
        responseForOperation: (rc) => operationSpan(rc.operationName, rc.operation?.operation, async () => {
          const ctx = rc.contextValue;
          // The client's mistakes are BAD_USER_INPUT (400), before anything is looked up.
          if (!rc.operation) {
            return single({ errors: [{ message: "请求应指明一个要执行的操作（operationName）", extensions: { code: ErrorCode.BAD_USER_INPUT } }] }, 400);
          }
          const coerced = getVariableValues(o.schema, rc.operation.variableDefinitions ?? [], (rc.request.variables ?? {}) as Record<string, unknown>);
          if (coerced.errors) {
            const detail = (m: string) => (o.production ? m.replace(/\s*Did you mean[\s\S]*$/, "") : m);
            return single({ errors: coerced.errors.map((e) => ({ message: `变量有误：${detail(e.message)}`, extensions: { code: ErrorCode.BAD_USER_INPUT } })) }, 400);
          }
          // Defaults applied: @include/@skip decide with the values the execution will see.
          const variables = coerced.coerced;
          // 1. R8.2: the permissions in force now, for this request only.
          try {
            const grants = ctx.caller.org ? await grantsFor(ctx.caller.org, ctx.requestId) : [];
            ctx.caller = { ...ctx.caller, grants, clientAddress: ctx.clientAddress ?? null, operationName: rc.operationName ?? null };
          } catch (e) {
            currentLogger().error({ err: e }, "permission look-up failed");
            return single({ errors: [internalError("暂时无法核验书面许可，请稍后重试")] }, 503);
          }
          // 2. Remove what the caller may see nowhere, before planning.
          const available = availableCategories(accessSubject(ctx.caller));
          const authorized = authorizeDocument(o.schema, rc.document!, rc.operationName, variables, o.requirements, available);
          // 3. Execute the rest; the subgraphs decide per family and report what they disclosed.
          const result = await execute({
            schema: o.schema,
            document: authorized.document,
            variableValues: variables,
            operationName: rc.operationName ?? undefined,
            contextValue: ctx,
          });
          if (rc.operation.operation === "mutation") o.afterMutation?.();
          // 4. null + SHARING_NOT_PERMITTED where fields were removed.
          const { data, errors: denials } = authorized.unchanged
            ? { data: (result.data ?? null) as Record<string, unknown> | null, errors: [] }
            : applyRemovals(result.data as Record<string, unknown> | null | undefined, authorized.removals);
          const errors: GraphQLFormattedError[] = [
            ...denials,
            ...((result.errors ?? []) as GraphQLError[]).map((e) => formatHubError(e.toJSON(), e)),
          ];
          if (o.onDenied) {
            const deniedBy = (list: GraphQLFormattedError[], source: "gateway" | "subgraph") =>
              list.filter((e) => e.extensions?.code === ErrorCode.SHARING_NOT_PERMITTED).map((e) => ({ category: String(e.extensions?.category ?? "UNSPECIFIED"), source }));
            const denied = [...deniedBy(denials, "gateway"), ...deniedBy(errors.slice(denials.length), "subgraph")];
            if (denied.length) o.onDenied(denied);
          }
          // 5. R8.3: one audit entry per request that disclosed or was refused family data.
          const summary = summarize(ctx.disclosures, [...new Set(authorized.removals.map((r) => r.category))]);
          if (summary.outcome && !o.benchWithoutAuthorization) {
            try {
              await o.internal.recordDisclosure(
                {
                  at: ctx.receivedAt,
                  orgCode: bounded(ctx.caller.org, AUDIT_COLUMNS.orgCode),
                  userSub: bounded(ctx.caller.sub, AUDIT_COLUMNS.userSub),
                  clientAddress: bounded(ctx.clientAddress ?? null, AUDIT_COLUMNS.clientAddress),
                  operationName: bounded(rc.operationName ?? null, AUDIT_COLUMNS.operationName),
                  // SHA-256 of the document's text as received (Apollo computed it already: no re-print).
                  documentHash: rc.queryHash ?? createHash("sha256").update(rc.source ?? print(rc.document!)).digest("hex"),
                  permissions: summary.permissions,
                  categoriesReturned: summary.categoriesReturned,
                  categoriesDenied: summary.categoriesDenied,
                  familyIds: summary.familyIds,
                  outcome: summary.outcome,
                  detail: summary.detail,
                },
                ctx.requestId,
              );
              o.onAudit?.(summary.outcome);
            } catch (e) {
              currentLogger().error({ err: e }, "audit write failed; data withheld");
              o.onAudit?.("FAILED");
              return single({ data: null, errors: [internalError("审计记录写入失败：为保证每次提供信息都可追溯，本次不返回数据")] }, 503);
            }
          }
          return single({ data, ...(errors.length ? { errors } : {}) });
        }, responseErrorCodes),
      };
    },
  };
}
