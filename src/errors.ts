import { GraphQLError } from "graphql";
import { InputProblem } from "./domain/input-problem";

/** The public error codes of the hub (../shared/contract/README.md). */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  SHARING_NOT_PERMITTED: "SHARING_NOT_PERMITTED",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const PUBLIC_CODES = new Set<string>(Object.values(ErrorCode));

/** A GraphQL error with a public code and a zh-CN message for people. */
export function hubError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}

export { InputProblem };

export function badInput(problems: InputProblem[]): GraphQLError {
  const message = problems.map((p) => `${p.field}：${p.message}`).join("；");
  return hubError(ErrorCode.BAD_USER_INPUT, `输入有误：${message}`, {
    fields: problems.map((p) => ({ field: p.field, message: p.message })),
  });
}

/**
 * Errors that reach a consumer carry one of the public codes; anything else is masked
 * as INTERNAL_SERVER_ERROR so that internals (SQL, stack traces) never leak.
 */
export function isPublicCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && PUBLIC_CODES.has(code);
}

export const INTERNAL_MESSAGE = "服务器内部错误，请稍后重试";
