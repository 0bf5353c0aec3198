// The disclosure policy's row rules (src/domain/disclosure-policy.ts) as SQL, for the queries that
// page or count rows: a page and its totalCount leave out exactly the rows the mechanism would
// leave out, so a page is never short and a count never counts a row the caller cannot see.
import type { RowCondition, RowRule } from "../domain/disclosure-policy";

/** A PostgreSQL text[] literal (values from the policy table or validated codes). */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

/**
 * `rule` as a SQL condition over `columns` (the SQL expression of each property the rule names);
 * a property without a column is an error (the policy and the query would disagree).
 */
export type Column = string | { sql: string; params: readonly unknown[] };

export function rowRuleSql(rule: RowRule, columns: Readonly<Record<string, Column>>): { sql: string; params: unknown[] } {
  if (rule === "all") return { sql: "true", params: [] };
  if (rule === "none") return { sql: "false", params: [] };
  const conditions = "anyOf" in rule ? (rule.anyOf as RowCondition[]) : [rule as RowCondition];
  const params: unknown[] = [];
  const parts = conditions.map((c) => {
    const terms = Object.entries(c).map(([prop, values]) => {
      const column = columns[prop];
      if (!column) throw new Error(`row rule names ${prop}, which the query does not provide`);
      const col = typeof column === "string" ? column : column.sql;
      const own = typeof column === "string" ? [] : column.params;
      if (values.every((v) => typeof v === "boolean")) {
        const t = values.includes(true);
        const f = values.includes(false);
        if (t !== f) params.push(...own);
        return t && f ? "true" : t ? `(${col})` : f ? `(not ${col})` : "false";
      }
      params.push(...own, pgTextArray(values.map(String)));
      return `${col} = any(cast(? as text[]))`;
    });
    return `(${terms.join(" and ") || "true"})`;
  });
  return { sql: `(${parts.join(" or ")})`, params };
}
