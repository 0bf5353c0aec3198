// The gateway's request guard (R8.4), run once the operation is parsed, validated and
// resolved and before anything is executed (so before any subgraph call): per-organisation
// rate limit first, so that a refused caller costs no further work; then the anonymous
// caller's trusted documents; then the query limits.
import { HeaderMap, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import { GraphQLError, type GraphQLSchema } from "graphql";
import { checkLimits, type QueryLimits } from "./hardening";
import type { RateLimitStore } from "./rate-limit";
import type { TrustedDocuments } from "./trusted-documents";

/** The part of the gateway context this plugin reads. */
export interface HardeningContext extends BaseContext {
  caller: { sub: string | null; org: string | null; roles: readonly string[] };
  clientAddress: string | undefined;
}

export interface HardeningOptions {
  limits: QueryLimits;
  trusted: TrustedDocuments;
  rateLimiter: RateLimitStore;
  /** With the schema, list fields count in the cost estimate (see `checkLimits`). */
  schema?: GraphQLSchema;
}

/** The rate-limit key: the organisation for authenticated callers, the address for the anonymous one. */
export function rateLimitKey(context: HardeningContext): string {
  return context.caller.org !== null ? `org:${context.caller.org}` : `ip:${context.clientAddress ?? "unknown"}`;
}

export function rateLimitedError(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`请求过于频繁，请在 ${retryAfterSeconds} 秒后重试`, {
    extensions: {
      code: "FORBIDDEN",
      reason: "RATE_LIMITED",
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([["retry-after", String(retryAfterSeconds)]]) },
    },
  });
}

export function untrustedDocumentError(): GraphQLError {
  return new GraphQLError("匿名访问只能使用已登记的公开查询", {
    extensions: { code: "FORBIDDEN", reason: "UNTRUSTED_DOCUMENT", http: { status: 403, headers: new HeaderMap() } },
  });
}

export function hardeningPlugin<TContext extends HardeningContext = HardeningContext>(options: HardeningOptions): ApolloServerPlugin<TContext> {
  const { limits, trusted, rateLimiter, schema } = options;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          // R8.4: per-organisation rate limit, before any other work.
          let decision;
          try {
            decision = await rateLimiter.take(rateLimitKey(rc.contextValue));
          } catch {
            // Fail closed: without the shared buckets no request passes the limit unchecked.
            throw new GraphQLError("暂时无法核验请求频率，请稍后重试", { extensions: { code: "INTERNAL_SERVER_ERROR", http: { status: 503 } } });
          }
          if (!decision.ok) throw rateLimitedError(decision.retryAfterSeconds);
          // R8.4: the anonymous caller runs only the registered public documents.
          if (rc.contextValue.caller.org === null && !trusted.isTrusted(rc.document)) throw untrustedDocumentError();
          // R8.4: depth, aliases, directives and estimated cost.
          const error = checkLimits(rc.document, rc.operationName ?? rc.request.operationName, rc.request.variables, limits, schema);
          if (error) throw error;
        },
      };
    },
  };
}
