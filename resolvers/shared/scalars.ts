import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const bad = (message: string) => new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });

/** A calendar date YYYY-MM-DD (Asia/Shanghai); impossible dates such as 2025-02-30 are refused. */
export function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

function parseDate(v: unknown): string {
  if (typeof v !== "string" || !isCalendarDate(v)) throw bad(`日期“${String(v)}”无效，应为存在的日期，格式 YYYY-MM-DD`);
  return v;
}

export const DateScalar = new GraphQLScalarType({
  name: "Date",
  description: "日期 YYYY-MM-DD（北京时间）",
  serialize: (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10)),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(v: unknown): Date {
  if (typeof v !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(v) || !isCalendarDate(v.slice(0, 10))) {
    throw bad(`时间“${String(v)}”无效，应为 RFC 3339 格式，如 2026-01-01T08:00:00+08:00`);
  }
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw bad(`时间“${v}”无效`);
  return d;
}

export const DateTimeScalar = new GraphQLScalarType({
  name: "DateTime",
  description: "时间 RFC 3339",
  serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});
