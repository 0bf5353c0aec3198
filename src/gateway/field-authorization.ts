// Field-level authorization at the gateway (R8.2): every field's data category comes from the
// supergraph's `@requiresScopes` / `@policy`; before planning, the gateway removes every field
// whose category the caller may see in no division at all, so no subgraph is called for it, and
// afterwards answers `null` with SHARING_NOT_PERMITTED at each of its paths. The per-family
// (per-division) decision and masking happen in the subgraphs.
import {
  getNamedType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type ValueNode,
} from "graphql";
import { DATA_CATEGORIES, isDataCategory, type DataCategory } from "../domain/permissions";
import { DENIED_MESSAGE } from "../subgraphs/disclosure-mechanism";

export const LOCATOR_POLICY = "family-locator";
/** Hidden selections the gateway adds and strips again. */
export const DIVISION_KEY = "__hubDivision";
export const EMPTY_KEY = "__hubEmpty";

export interface Requirement {
  /** Any one group suffices; every category of the group is needed. */
  scopes: DataCategory[][];
  /** A family locator: needs some category (any). */
  locator: boolean;
}

export type Requirements = Map<string, Requirement>;

function stringLists(v: ValueNode | undefined): string[][] {
  if (!v || v.kind !== Kind.LIST) return [];
  return v.values.map((inner) => (inner.kind === Kind.LIST ? inner.values.flatMap((s) => (s.kind === Kind.STRING ? [s.value] : [])) : []));
}

function argument(d: DirectiveNode, name: string): ValueNode | undefined {
  return d.arguments?.find((a) => a.name.value === name)?.value;
}

/** `Type.field` → requirement, read from the supergraph's authorization directives. */
export function readRequirements(supergraphSdl: string): Requirements {
  const out: Requirements = new Map();
  for (const def of parse(supergraphSdl).definitions) {
    if (
      def.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      def.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      def.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
      def.kind !== Kind.INTERFACE_TYPE_EXTENSION
    ) {
      continue;
    }
    for (const f of def.fields ?? []) {
      let scopes: DataCategory[][] = [];
      let locator = false;
      for (const d of f.directives ?? []) {
        if (d.name.value === "requiresScopes") {
          scopes = stringLists(argument(d, "scopes")).map((g) => {
            const bad = g.find((c) => !isDataCategory(c));
            if (bad) throw new Error(`${def.name.value}.${f.name.value}: unknown data category ${bad}`);
            return g as DataCategory[];
          });
        }
        if (d.name.value === "policy") {
          const policies = stringLists(argument(d, "policies")).flat();
          const unknown = policies.find((p) => p !== LOCATOR_POLICY);
          if (unknown) throw new Error(`${def.name.value}.${f.name.value}: unknown policy ${unknown}`);
          locator = policies.includes(LOCATOR_POLICY);
        }
      }
      if (scopes.length || locator) out.set(`${def.name.value}.${f.name.value}`, { scopes, locator });
    }
  }
  return out;
}

export function isAllowed(req: Requirement, available: ReadonlySet<DataCategory>): boolean {
  if (req.locator && available.size === 0) return false;
  return req.scopes.length === 0 || req.scopes.some((group) => group.every((c) => available.has(c)));
}

/** The category to name in the error: the first one missing from the first group. */
export function missingCategory(req: Requirement, available: ReadonlySet<DataCategory>): DataCategory {
  for (const g of req.scopes) for (const c of g) if (!available.has(c)) return c;
  return req.scopes[0]?.[0] ?? DATA_CATEGORIES[0];
}

export interface Removal {
  /** Response keys from the root to the removed field. */
  path: string[];
  category: DataCategory;
  /** Length of the path prefix that ends at the enclosing Family (its hidden division), or -1. */
  familyDepth: number;
  /** Index in `path` where the null lands (the removed field, or its nearest nullable ancestor; -1: data). */
  landing: number;
}

export interface AuthorizedDocument {
  document: DocumentNode;
  removals: Removal[];
  /** True when nothing was removed (the original document is used). */
  unchanged: boolean;
  /** Selections the walk visited: linear in the document's text (each fragment walked once per place). */
  visited: number;
}

/** The node's directives without @skip/@include (decided by the gateway already). */
function withoutConditions<T extends { directives?: readonly DirectiveNode[] }>(node: T): T {
  if (!node.directives?.some((d) => d.name.value === "skip" || d.name.value === "include")) return node;
  return { ...node, directives: node.directives.filter((d) => d.name.value !== "skip" && d.name.value !== "include") };
}

function isSkipped(node: { directives?: readonly DirectiveNode[] }, variables: Record<string, unknown>): boolean {
  for (const d of node.directives ?? []) {
    const v = argument(d, "if");
    if (!v) continue;
    const value = v.kind === Kind.BOOLEAN ? v.value : v.kind === Kind.VARIABLE ? variables[v.name.value] === true : false;
    if (d.name.value === "skip" && value) return true;
    if (d.name.value === "include" && !value) return true;
  }
  return false;
}

function selectedOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? ops.find((o) => o.name?.value === operationName) : ops.length === 1 ? ops[0] : undefined;
}

function hiddenField(alias: string, name: string): FieldNode {
  return { kind: Kind.FIELD, alias: { kind: Kind.NAME, value: alias }, name: { kind: Kind.NAME, value: name } };
}

/**
 * Removes, before planning, every field the caller may not see in any division (R8.2). Fragment
 * spreads are inlined so that each removal has one response path; fields skipped by
 * `@skip`/`@include` are dropped without an error.
 */
export function authorizeDocument(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  requirements: Requirements,
  available: ReadonlySet<DataCategory>,
): AuthorizedDocument {
  const operation = selectedOperation(document, operationName);
  const root = operation && (operation.operation === "query" ? schema.getQueryType() : operation.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType());
  if (!operation || !root) return { document, removals: [], unchanged: true, visited: 0 };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const removals: Removal[] = [];
  let dropped = false;
  let visited = 0;
  // A fragment spread is walked once per type condition and response position (its removals have
  // one response path there); spreading it again at the same place reuses the walk. Without this,
  // fragments that each spread the two before them make the walk exponential in their number.
  type Walked = { set: SelectionSetNode; removedUnderFamily: boolean };
  const memo = new Map<string, Walked>();

  const requirementOf = (parent: GraphQLCompositeType, field: string): Requirement | undefined => {
    const own = requirements.get(`${parent.name}.${field}`);
    if (own || !isInterfaceType(parent)) return own;
    // An interface field: the strictest of its implementations applies (any denial denies).
    for (const impl of schema.getPossibleTypes(parent)) {
      const r = requirements.get(`${impl.name}.${field}`);
      if (r) return r;
    }
    return undefined;
  };

  const walk = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType,
    path: string[],
    nullable: boolean[],
    familyDepth: number,
    visiting: Set<string>,
  ): { set: SelectionSetNode; removedUnderFamily: boolean } => {
    const out: SelectionNode[] = [];
    let removedUnderFamily = false;
    for (const original of set.selections) {
      visited += 1;
      // @skip/@include are decided here with the request's variables and removed, so that the
      // planned document has no conditions (a condition on a field that another subgraph
      // @requires would otherwise apply to the required field too). A skipped selection is left
      // out — a denied field among them without an error: it was not asked for.
      let sel = original;
      if (original.directives?.some((d) => d.name.value === "skip" || d.name.value === "include")) {
        dropped = true;
        if (isSkipped(original, variables)) continue;
        sel = withoutConditions(original);
      }
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        if (name.startsWith("__")) {
          out.push(sel);
          continue;
        }
        const fieldDef = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        if (!fieldDef) {
          out.push(sel);
          continue;
        }
        const key = sel.alias?.value ?? name;
        const req = requirementOf(parent, name);
        const fieldNullable = !isNonNullType(fieldDef.type);
        if (req && !isAllowed(req, available)) {
          const chain = [...nullable, fieldNullable];
          let landing = chain.length - 1;
          while (landing >= 0 && !chain[landing]) landing -= 1;
          removals.push({ path: [...path, key], category: missingCategory(req, available), familyDepth, landing });
          // The denied field never reaches a subgraph.
          dropped = true;
          if (familyDepth >= 0) removedUnderFamily = true;
          continue;
        }
        if (!sel.selectionSet) {
          out.push(sel);
          continue;
        }
        const child = getNamedType(fieldDef.type) as GraphQLCompositeType;
        const isFamily = child.name === "Family";
        const childPath = [...path, key];
        const inner = walk(sel.selectionSet, child, childPath, [...nullable, fieldNullable], isFamily ? childPath.length : familyDepth, visiting);
        const selections = [...inner.set.selections];
        if (isFamily && inner.removedUnderFamily) selections.push(hiddenField(DIVISION_KEY, "divisionCode"));
        else if (inner.removedUnderFamily) removedUnderFamily = true;
        if (selections.length === 0) selections.push(hiddenField(EMPTY_KEY, "__typename"));
        out.push({ ...sel, selectionSet: { ...sel.selectionSet, selections } });
        continue;
      }
      const [inner, typeName] =
        sel.kind === Kind.INLINE_FRAGMENT
          ? [sel.selectionSet, sel.typeCondition?.name.value]
          : [fragments.get(sel.name.value)?.selectionSet, fragments.get(sel.name.value)?.typeCondition.name.value];
      if (!inner) continue;
      let key: string | null = null;
      let inside = visiting;
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        if (visiting.has(sel.name.value)) continue; // cycles are invalid anyway
        inside = new Set(visiting).add(sel.name.value);
        key = `${sel.name.value}|${parent.name}|${familyDepth}|${nullable.map((n) => (n ? 1 : 0)).join("")}|${path.join("\u0000")}`;
      }
      const type = (typeName ? (schema.getType(typeName) as GraphQLCompositeType | undefined) : parent) ?? parent;
      let walked = key ? memo.get(key) : undefined;
      if (!walked) {
        walked = walk(inner, type, path, nullable, familyDepth, inside);
        if (key) memo.set(key, walked);
      }
      if (walked.removedUnderFamily) removedUnderFamily = true;
      const selections = walked.set.selections.length ? walked.set.selections : [hiddenField(EMPTY_KEY, "__typename")];
      out.push({
        kind: Kind.INLINE_FRAGMENT,
        typeCondition: typeName ? { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: typeName } } : undefined,
        directives: sel.directives,
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      });
    }
    return { set: { ...set, selections: out }, removedUnderFamily };
  };

  const walked = walk(operation.selectionSet, root, [], [], -1, new Set());
  if (!dropped) return { document, removals, unchanged: true, visited };
  if (walked.set.selections.length === 0) walked.set = { ...walked.set, selections: [hiddenField(EMPTY_KEY, "__typename")] };
  return {
    document: { kind: Kind.DOCUMENT, definitions: [{ ...operation, selectionSet: walked.set }] },
    removals,
    unchanged: false,
    visited,
  };
}

export interface DenialError {
  message: string;
  path: (string | number)[];
  /** The division only when the caller may locate the family (its locator came back). */
  extensions: { code: "SHARING_NOT_PERMITTED"; category: DataCategory; divisionCode?: string };
}

function denial(path: (string | number)[], category: DataCategory, divisionCode: string | null): DenialError {
  return { message: DENIED_MESSAGE, path, extensions: { code: "SHARING_NOT_PERMITTED", category, ...(divisionCode ? { divisionCode } : {}) } };
}

/**
 * Writes `null` with SHARING_NOT_PERMITTED at every path of every removed field (list items
 * expanded), and strips the hidden selections. Returns the data (null when a non-null root
 * field was removed) and the errors.
 */
export function applyRemovals(data: Record<string, unknown> | null | undefined, removals: Removal[]): { data: Record<string, unknown> | null; errors: DenialError[] } {
  const errors: DenialError[] = [];
  let root: Record<string, unknown> | null = data ?? null;
  for (const r of removals) {
    if (r.landing < 0) {
      errors.push(denial(r.path, r.category, null));
      root = null;
      continue;
    }
    if (!root) continue;
    const visit = (node: unknown, i: number, actual: (string | number)[], division: string | null): void => {
      if (node === null || node === undefined) return;
      if (Array.isArray(node)) {
        node.forEach((item, idx) => visit(item, i, [...actual, idx], division));
        return;
      }
      if (typeof node !== "object") return;
      const obj = node as Record<string, unknown>;
      const div = i === r.familyDepth && typeof obj[DIVISION_KEY] === "string" ? (obj[DIVISION_KEY] as string) : division;
      const key = r.path[i];
      if (i === r.landing) {
        if (!(key in obj) && i !== r.path.length - 1) return;
        obj[key] = null;
        errors.push(denial([...actual, ...r.path.slice(i)], r.category, div));
        return;
      }
      visit(obj[key], i + 1, [...actual, key], div);
    };
    visit(root, 0, [], null);
  }
  if (root) stripHidden(root);
  return { data: root, errors };
}

function stripHidden(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) stripHidden(item);
    return;
  }
  if (!node || typeof node !== "object") return;
  const obj = node as Record<string, unknown>;
  delete obj[DIVISION_KEY];
  delete obj[EMPTY_KEY];
  for (const v of Object.values(obj)) if (v && typeof v === "object") stripHidden(v);
}

/**
 * Fail closed (R8.2): every field of `Family` must declare a data category (or be a locator),
 * and every field reachable from it must be covered by its own or an enclosing field's
 * category. Returns the offending `Type.field` paths; composition refuses a supergraph with any.
 */
export function untaggedFamilyFields(supergraphSdl: string): string[] {
  const requirements = readRequirements(supergraphSdl);
  const types = new Map<string, { fields: { name: string; type: string }[] }>();
  for (const def of parse(supergraphSdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const named = (t: import("graphql").TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : named(t.type));
    types.set(def.name.value, { fields: (def.fields ?? []).map((f) => ({ name: f.name.value, type: named(f.type) })) });
  }
  const offending: string[] = [];
  const seen = new Set<string>();
  const walk = (typeName: string, covered: boolean, via: string) => {
    const type = types.get(typeName);
    if (!type) return; // scalars and enums
    const key = `${typeName}|${covered}`;
    if (seen.has(key)) return;
    seen.add(key);
    for (const f of type.fields) {
      const tagged = requirements.has(`${typeName}.${f.name}`);
      // Family's own fields always need their own category; elsewhere an enclosing one covers.
      if (!tagged && (typeName === "Family" || !covered)) offending.push(`${typeName}.${f.name} (via ${via})`);
      walk(f.type, covered || tagged, `${via}.${f.name}`);
    }
  };
  walk("Family", false, "Family");
  return offending;
}
