// What may leave the process in logs and traces: never tokens, never family data, never ID
// numbers. Logs and spans carry only what this module lets through: error texts and SQL are
// scrubbed (MikroORM inlines every parameter into the SQL text, and PostgreSQL puts values in
// its messages), request URLs lose their query string (GET /graphql?variables=… would carry them).

/** An 18-character resident ID number (GB 11643), also inside longer digit runs' boundaries. */
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
/** A JWT (header.payload.signature, base64url). */
const JWT = /\beyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g;
/** A bearer credential in any text. */
const BEARER = /\b(bearer)\s+[\w.~+/=-]+/gi;

/** Removes ID numbers and tokens from a free text (error messages, operation names). */
export function redactText(text: string): string {
  return text.replace(JWT, "[token]").replace(BEARER, "$1 [token]").replace(ID_NUMBER, "[id-number]");
}

/**
 * SQL for a span or a log: every string literal ('…', E'…', $$…$$) and every number of four or
 * more digits becomes `?`, so no value of any row or parameter remains.
 */
export function redactSql(sql: string): string {
  return redactText(
    sql
      .replace(/\$([A-Za-z_]*)\$[\s\S]*?\$\1\$/g, "?")
      .replace(/\b[Ee]'(?:[^'\\]|\\.|'')*'/g, "?")
      .replace(/'(?:[^']|'')*'/g, "?")
      .replace(/(?<![\w$."])\d{4,}(?:\.\d+)?(?![\w"])/g, "?"),
  );
}

/** A URL without its query string and fragment. */
export function redactUrl(url: string): string {
  const i = url.search(/[?#]/);
  return i < 0 ? url : url.slice(0, i);
}

/** An error as a log field: type, code and scrubbed message and stack; no driver details (SQL, values). */
export function safeError(error: unknown): { type: string; code?: string; message: string; stack?: string } {
  if (!(error instanceof Error)) return { type: typeof error, message: redactText(String(error)).slice(0, 500) };
  const code = (error as { code?: unknown }).code;
  // Driver errors carry the SQL with its inlined values in the message: keep the first line only,
  // without string literals (names, addresses, ID numbers).
  const message = redactText(error.message.split("\n")[0].replace(/\b[Ee]'(?:[^'\\]|\\.|'')*'/g, "?").replace(/'(?:[^']|'')*'/g, "?")).slice(0, 500);
  const stack = error.stack ? error.stack.split("\n").filter((l) => /^\s+at /.test(l)).slice(0, 15).join("\n") : undefined;
  return { type: error.name || error.constructor?.name || "Error", ...(typeof code === "string" || typeof code === "number" ? { code: String(code) } : {}), message, ...(stack ? { stack } : {}) };
}
