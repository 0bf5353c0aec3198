// The gateway's written-permission enforcement and disclosure audit (R8.2, R8.3), as an Apollo
// Server plugin that takes over execution (`responseForOperation`):
//  1. reads the caller's permissions in force from the archive (every request: no stale cache)
//     and passes them to the subgraphs in the signed caller context;
//  2. removes the fields the caller may see in no division before planning (no subgraph call);
//  3. executes the rest on the stitched supergraph; the subgraphs decide per family and mask;
//  4. answers null + SHARING_NOT_PERMITTED at the removed fields' paths;
//  5. writes one hash-chained audit entry for the request; if that fails, returns no data.
import { createHash } from "node:crypto";
import { execute, getVariableValues, print, type GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import { HeaderMap, type ApolloServerPlugin, type GraphQLResponse } from "@apollo/server";
import { accessSubject } from "../auth/caller";
import { availableCategories, type DataCategory } from "../domain/permissions";
import { ErrorCode } from "../errors";
import type { DisclosureReport } from "../subgraphs/disclosure";
import { JURISDICTION_LABEL } from "../subgraphs/archive/sharing/audit.service";
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
  /** Called after each audit write (metrics, tests). */
  onAudit?: (outcome: string) => void;
  /** Called with the SHARING_NOT_PERMITTED answers of a request (metrics): gateway removals and subgraph denials. */
  onDenied?: (denials: { category: string; source: "gateway" | "subgraph" }[]) => void;
  /** In production, error messages carry no schema suggestions (R8.4). */
  production?: boolean;
}

function single(body: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] }, status?: number): GraphQLResponse {
  return { http: { status, headers: new HeaderMap() }, body: { kind: "single", singleResult: body } };
}

function internalError(message: string): GraphQLFormattedError {
  return { message, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/** Merges the subgraphs' disclosure reports and the gateway's own denials into one audit entry. */
export function summarize(reports: DisclosureReport[], gatewayDenied: DataCategory[]) {
  const families = new Map<string, Set<string>>();
  const permissions = new Set<string>();
  const denied = new Set<string>(gatewayDenied);
  for (const r of reports) {
    for (const [id, cats] of Object.entries(r.families)) {
      let s = families.get(id);
      if (!s) families.set(id, (s = new Set()));
      for (const c of cats) s.add(c);
    }
    for (const p of r.permissions) permissions.add(p);
    if (r.jurisdiction && Object.keys(r.families).length) permissions.add(JURISDICTION_LABEL);
    for (const c of r.denied) denied.add(c);
  }
  const returned = new Set<string>();
  for (const s of families.values()) for (const c of s) returned.add(c);
  const outcome = families.size ? (denied.size ? "PARTIAL" : "DISCLOSED") : denied.size ? "DENIED" : null;
  return {
    familyIds: [...families.keys()].sort(),
    permissions: [...permissions].sort(),
    categoriesReturned: [...returned].sort(),
    categoriesDenied: [...denied].sort(),
    outcome,
  };
}

export function authorizationPlugin(o: AuthorizationOptions): ApolloServerPlugin<GatewayContext> {
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
            const grants = ctx.caller.org ? await o.internal.grantsInForce(ctx.caller.org, ctx.requestId) : [];
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
          if (summary.outcome) {
            try {
              await o.internal.recordDisclosure(
                {
                  at: ctx.receivedAt,
                  orgCode: ctx.caller.org,
                  userSub: ctx.caller.sub,
                  clientAddress: ctx.clientAddress ?? null,
                  operationName: rc.operationName ?? null,
                  documentHash: createHash("sha256").update(print(rc.document!)).digest("hex"),
                  permissions: summary.permissions,
                  categoriesReturned: summary.categoriesReturned,
                  categoriesDenied: summary.categoriesDenied,
                  familyIds: summary.familyIds,
                  outcome: summary.outcome,
                  detail: null,
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
