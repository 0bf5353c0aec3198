// Query limits of the gateway (R8.4): depth, aliases, directives and estimated cost of the
// selected operation are checked before any subgraph is called; the token count is bounded by
// the parser itself (`parseOptions.maxTokens`). The checks need no schema; with one, list
// fields are recognised from their types and argument defaults of `first` are used.
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ParseOptions,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";

export interface QueryLimits {
  /** Deepest field nesting of the operation (`{ a { b } }` is 2). */
  maxDepth: number;
  /** Aliased fields in the operation, fragments counted once per use. */
  maxAliases: number;
  /** Lexical tokens of the document (enforced by the parser). */
  maxTokens: number;
  /** Directive usages anywhere in the document. */
  maxDirectives: number;
  /** Estimated cost (see `estimate` below). */
  maxCost: number;
  /**
   * Selections of the operation with every fragment expanded where it is spread (`__typename`
   * included): bounds the work of any walk over the document, whatever its fragments do.
   */
  maxSelections: number;
}

export const DEFAULT_LIMITS: Readonly<QueryLimits> = Object.freeze({
  maxDepth: 12,
  maxAliases: 30,
  maxTokens: 2000,
  maxDirectives: 20,
  maxCost: 20000,
  maxSelections: 5000,
});

/** Multiplier of a list field that has no `first` argument. */
export const LIST_MULTIPLIER = 10;

const ENV_NAMES: Record<keyof QueryLimits, string> = {
  maxDepth: "HUB_MAX_DEPTH",
  maxAliases: "HUB_MAX_ALIASES",
  maxTokens: "HUB_MAX_TOKENS",
  maxDirectives: "HUB_MAX_DIRECTIVES",
  maxCost: "HUB_MAX_COST",
  maxSelections: "HUB_MAX_SELECTIONS",
};

/** Limits from HUB_MAX_DEPTH, HUB_MAX_ALIASES, HUB_MAX_TOKENS, HUB_MAX_DIRECTIVES, HUB_MAX_COST, HUB_MAX_SELECTIONS. */
export function limitsFromEnv(env: NodeJS.ProcessEnv): QueryLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(ENV_NAMES) as (keyof QueryLimits)[]) {
    const name = ENV_NAMES[key];
    const raw = env[name];
    if (raw === undefined || raw.trim() === "") continue;
    const text = raw.trim();
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < 1) {
      throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
    }
    limits[key] = value;
  }
  return limits;
}

/** Apollo Server `parseOptions` that bound the number of tokens (R8.4). */
export function parseOptionsFor(limits: QueryLimits): ParseOptions & { maxTokens: number } {
  return { maxTokens: limits.maxTokens };
}

/**
 * Apollo Server options for the hardening switches that are not plugins: in production,
 * no introspection and no "Did you mean …" field suggestions in validation errors (R8.4).
 */
export function serverHardeningOptions(
  production: boolean,
  limits: QueryLimits,
): { introspection: boolean; hideSchemaDetailsFromClientErrors: boolean; parseOptions: ParseOptions } {
  return { introspection: !production, hideSchemaDetailsFromClientErrors: production, parseOptions: parseOptionsFor(limits) };
}

const listFieldCache = new WeakMap<GraphQLSchema, Set<string>>();

/** "Type.field" of every object or interface field whose type is a list (possibly non-null). */
export function listFieldNames(schema: GraphQLSchema): Set<string> {
  const cached = listFieldCache.get(schema);
  if (cached) return cached;
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith("__")) continue;
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (isListType(getNullableType(field.type))) names.add(`${type.name}.${field.name}`);
    }
  }
  listFieldCache.set(schema, names);
  return names;
}

export type LimitReason = "MAX_DEPTH" | "MAX_ALIASES" | "MAX_DIRECTIVES" | "MAX_COST" | "MAX_SELECTIONS";

/** What `checkLimits` measured for one operation. */
export interface QueryMeasure {
  depth: number;
  aliases: number;
  directives: number;
  cost: number;
  /** Selections with fragments expanded (see QueryLimits.maxSelections). */
  selections: number;
}

interface Summary {
  depth: number;
  aliases: number;
  cost: number;
  selections: number;
}

const ZERO: Summary = { depth: 0, aliases: 0, cost: 0, selections: 0 };
const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);

function selectOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (operationName) return operations.find((o) => o.name?.value === operationName);
  return operations.length === 1 ? operations[0] : undefined;
}

/** Directive usages anywhere in the document (operations, fragments, variable definitions). */
function countDirectives(document: DocumentNode): number {
  let count = 0;
  visit(document, {
    Directive() {
      count++;
    },
  });
  return count;
}

/**
 * Measures the selected operation with fragments expanded. Each fragment is summarised once
 * (memoised per fragment and context), so documents that reuse fragments many times cost
 * linear time to measure, and a fragment that spreads itself (directly or through others)
 * counts as empty on the way back instead of recursing forever.
 */
export function measureOperation(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  schema?: GraphQLSchema,
): QueryMeasure | null {
  const operation = selectOperation(document, operationName);
  if (!operation) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);

  const variableDefaults = new Map<string, ValueNode>();
  for (const v of operation.variableDefinitions ?? []) if (v.defaultValue) variableDefaults.set(v.variable.name.value, v.defaultValue);
  const lists = schema ? listFieldNames(schema) : undefined;

  const memo = new Map<string, Summary>();
  const active = new Set<string>();

  const intValue = (node: ValueNode): number | undefined => {
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) {
      const name = node.name.value;
      const given = variables?.[name];
      if (typeof given === "number" && Number.isInteger(given)) return given;
      if (given === undefined) {
        const fallback = variableDefaults.get(name);
        if (fallback?.kind === Kind.INT) return Number(fallback.value);
      }
    }
    return undefined;
  };

  /** The multiplier a field applies to its subtree, and whether it paginates with `first`. */
  const multiplierOf = (field: FieldNode, parent: GraphQLNamedType | undefined, def: GraphQLField<unknown, unknown> | undefined, paginatedParent: boolean): { factor: number; paginates: boolean } => {
    const arg = field.arguments?.find((a) => a.name.value === "first");
    let first = arg ? intValue(arg.value) : undefined;
    if (first === undefined && !arg && def) {
      const declared = def.args.find((a) => a.name === "first")?.defaultValue;
      if (typeof declared === "number" && Number.isInteger(declared)) first = declared;
    }
    if (first !== undefined) return { factor: Math.max(0, first), paginates: true };
    // A list directly under a `first`-paginated field (a connection's `edges` or `nodes`)
    // is bounded by that `first`, so it is not multiplied again.
    if (parent && lists?.has(`${parent.name}.${field.name.value}`)) return { factor: paginatedParent ? 1 : LIST_MULTIPLIER, paginates: false };
    return { factor: 1, paginates: false };
  };

  const typeNamed = (name: string | undefined, fallback: GraphQLNamedType | undefined): GraphQLNamedType | undefined =>
    name === undefined ? fallback : schema?.getType(name) ?? undefined;

  const walk = (set: SelectionSetNode, parent: GraphQLNamedType | undefined, paginated: boolean): Summary => {
    let depth = 0;
    let aliases = 0;
    let cost = 0;
    let selections = 0;
    for (const selection of set.selections) {
      let part: Summary;
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const own = selection.alias ? 1 : 0;
        if (name === "__typename") {
          part = { depth: 0, aliases: own, cost: 0, selections: 1 };
        } else if (INTROSPECTION_ROOTS.has(name)) {
          // Introspection is not counted for depth or cost; its aliases and size still count.
          const inner = selection.selectionSet ? walk(selection.selectionSet, undefined, false) : ZERO;
          part = { depth: 0, aliases: own + inner.aliases, cost: 0, selections: 1 + inner.selections };
        } else {
          const def = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
          const { factor, paginates } = multiplierOf(selection, parent, def, paginated);
          const child = def ? getNamedType(def.type) : undefined;
          const inner = selection.selectionSet ? walk(selection.selectionSet, child, paginates) : ZERO;
          part = { depth: 1 + inner.depth, aliases: own + inner.aliases, cost: 1 + factor * inner.cost, selections: 1 + inner.selections };
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        part = walk(selection.selectionSet, typeNamed(selection.typeCondition?.name.value, parent), paginated);
      } else {
        const name = selection.name.value;
        const key = `${name}|${paginated ? 1 : 0}`;
        const known = memo.get(key);
        const fragment = fragments.get(name);
        if (known) part = known;
        else if (!fragment || active.has(name)) part = ZERO; // unknown fragment or a cycle
        else {
          active.add(name);
          part = walk(fragment.selectionSet, typeNamed(fragment.typeCondition.name.value, parent), paginated);
          active.delete(name);
          memo.set(key, part);
        }
      }
      depth = Math.max(depth, part.depth);
      aliases += part.aliases;
      cost += part.cost;
      selections += part.selections;
    }
    return { depth, aliases, cost, selections };
  };

  const root = schema ? schema.getRootType(operation.operation) ?? undefined : undefined;
  const summary = walk(operation.selectionSet, root, false);
  return { depth: summary.depth, aliases: summary.aliases, directives: countDirectives(document), cost: summary.cost, selections: summary.selections };
}

const MESSAGES: Record<LimitReason, (actual: number, limit: number) => string> = {
  MAX_DEPTH: (actual, limit) => `查询嵌套层数为 ${actual}，超过上限 ${limit}`,
  MAX_ALIASES: (actual, limit) => `查询使用了 ${actual} 个别名，超过上限 ${limit}`,
  MAX_DIRECTIVES: (actual, limit) => `查询使用了 ${actual} 个指令，超过上限 ${limit}`,
  MAX_COST: (actual, limit) => `查询的估算成本为 ${actual}，超过上限 ${limit}`,
  MAX_SELECTIONS: (actual, limit) => `查询展开片段后共有 ${actual} 个选择，超过上限 ${limit}`,
};

function limitError(reason: LimitReason, actual: number, limit: number): GraphQLError {
  const shown = Number.isFinite(actual) ? Math.min(actual, Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
  return new GraphQLError(MESSAGES[reason](shown, limit), {
    extensions: { code: "BAD_USER_INPUT", reason, limit, actual: shown, http: { status: 400 } },
  });
}

/**
 * R8.4: the selected operation within the limits, or the error to answer with (HTTP 400,
 * `extensions.code = "BAD_USER_INPUT"`, `extensions.reason` naming the limit). The token
 * limit is the parser's (`parseOptionsFor`). Returns null when no operation is selected:
 * the executor reports that itself.
 *
 * Cost: every field costs 1, `__typename` and introspection (`__schema`, `__type`) cost 0; a
 * field with an integer `first` (literal, variable or declared default) multiplies the cost
 * of its subtree by `first`; with a schema, a list field without `first` multiplies it by
 * LIST_MULTIPLIER, unless it sits directly under a `first`-paginated field.
 */
export function checkLimits(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  limits: QueryLimits,
  schema?: GraphQLSchema,
): GraphQLError | null {
  const m = measureOperation(document, operationName, variables, schema);
  if (!m) return null;
  // R8.4: depth, aliases, directives, cost, in this order.
  if (m.depth > limits.maxDepth) return limitError("MAX_DEPTH", m.depth, limits.maxDepth);
  if (m.aliases > limits.maxAliases) return limitError("MAX_ALIASES", m.aliases, limits.maxAliases);
  if (m.directives > limits.maxDirectives) return limitError("MAX_DIRECTIVES", m.directives, limits.maxDirectives);
  if (m.cost > limits.maxCost) return limitError("MAX_COST", m.cost, limits.maxCost);
  if (m.selections > limits.maxSelections) return limitError("MAX_SELECTIONS", m.selections, limits.maxSelections);
  return null;
}
