// The one mechanism that applies the disclosure policy (src/domain/disclosure-policy.ts) to every
// field of a subgraph (R8.2, R8.3, R8.5). It wraps the resolver of every field of every type in
// the policy, and of every root field that returns one:
//  1. finds the family the parent object belongs to (the object names it itself, its mapper
//     marked it, or the field that returned it passed it on) — none found: denied (fail closed);
//  2. decides the field's category for that family's division for this request's caller, before
//     the resolver runs (a denied field loads nothing): null + SHARING_NOT_PERMITTED, naming the
//     division only to a caller who may locate the family;
//  3. records the decision for the audit (R8.3);
//  4. applies the MASKED form; passes the family on to the objects the field returned; leaves out
//     the rows a caller outside the family's jurisdiction may not see (lists, and edges of
//     connections).
// Resolvers only load data and build views (marking rows with `ofFamily`); they decide nothing.
import { defaultFieldResolver, getNamedType, getNullableType, isListType, isNonNullType, isObjectType, Kind, parse, type GraphQLFieldResolver, type GraphQLSchema, type TypeNode } from "graphql";
import {
  DISCLOSURE_POLICY,
  LOCATOR,
  REDACTED_TEXT,
  fieldRequirement,
  formatRequirement,
  rowMatches,
  sameRequirement,
  type FieldPolicy,
  type Masker,
  type Requirement,
  type RowRule,
  type TypePolicy,
} from "../domain/disclosure-policy";
import { isDataCategory, maskAddress, maskAmount, maskIdNumber, maskName, type DataCategory, type Decision } from "../domain/permissions";
import { ErrorCode, hubError } from "../errors";
import { currentLogger } from "../observability/logger";
import { NO_FAMILY, ownScope, type DisclosureLog, type FamilyScope } from "./disclosure";

export const DENIED_MESSAGE = "未获得同级住房保障主管部门的书面许可，不能提供该家庭的信息";

/** SHARING_NOT_PERMITTED; the division is named only when given (a caller who may locate the family). */
export function sharingDenied(divisionCode: string | null, category?: string, extra: Record<string, unknown> = {}) {
  return hubError(ErrorCode.SHARING_NOT_PERMITTED, DENIED_MESSAGE, { ...(divisionCode ? { divisionCode } : {}), ...(category ? { category } : {}), ...extra });
}

const MASKERS: Record<Masker, (v: unknown) => unknown> = {
  name: (v) => (typeof v === "string" ? maskName(v) : v),
  idNumber: (v) => (typeof v === "string" ? maskIdNumber(v) : v),
  address: (v) => (typeof v === "string" ? maskAddress(v) : v),
  amountBand: (v) => (typeof v === "number" ? maskAmount(v) : v),
  // 户籍: the prefecture of a GB/T 2260 code (its first four digits).
  prefecture: (v) => (typeof v === "string" && /^\d{6}$/.test(v) ? `${v.slice(0, 4)}00` : v),
  round: (v) => (typeof v === "number" ? Math.round(v) : v),
  redact: () => REDACTED_TEXT,
  fileName: () => "***",
  emptyList: () => [],
};

interface Chosen {
  decision: Decision;
  categories: DataCategory[];
}

/** The best way the requirement is met for the division: FULL before MASKED; null: denied. */
function decideRequirement(log: DisclosureLog, req: Requirement, divisionCode: string): Chosen | null {
  if (req === LOCATOR) {
    const d = log.locate(divisionCode);
    return d ? { decision: d, categories: [] } : null;
  }
  let best: Chosen | null = null;
  for (const group of req) {
    let mode: Decision["mode"] = "FULL";
    let via: string | null = null;
    let ok = true;
    for (const c of group) {
      const d = log.decide(divisionCode, c);
      if (!d) {
        ok = false;
        break;
      }
      if (d.mode === "MASKED") mode = "MASKED";
      via ??= d.via;
    }
    if (!ok) continue;
    const chosen = { decision: { mode, via }, categories: group };
    if (mode === "FULL") return chosen;
    best ??= chosen;
  }
  return best;
}

function firstMissing(log: DisclosureLog, req: Requirement, divisionCode: string): DataCategory | undefined {
  if (req === LOCATOR) return undefined;
  for (const g of req) for (const c of g) if (!log.decide(divisionCode, c)) return c;
  return req[0]?.[0];
}

interface Plan {
  type: string;
  field: string;
  /** The parent's policy (undefined: a root field). */
  parent?: TypePolicy;
  policy?: FieldPolicy;
  requirement?: Requirement;
  nonNull: boolean;
  /** The returned type's policy, when it has one. */
  child?: TypePolicy;
  childIsList: boolean;
  /** Rows of the returned type an outsider may see. */
  rows?: RowRule;
  /** The returned type is an edge whose node is a row type with this rule. */
  edgeRows?: RowRule;
  inner: GraphQLFieldResolver<unknown, { disclosures: DisclosureLog }>;
}

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return !!v && typeof (v as { then?: unknown }).then === "function";
}

/** The family of an object of a policy type: its own fields, its mapper's mark, or the field that returned it. */
function scopeOf(value: unknown, policy: TypePolicy, log: DisclosureLog): FamilyScope | undefined {
  if (!value || typeof value !== "object") return undefined;
  if (policy.self) {
    const v = value as Record<string, unknown>;
    const id = v[policy.self.familyId];
    if (id === null || id === undefined || id === "") return NO_FAMILY;
    const division = v[policy.self.divisionCode];
    return typeof id === "string" && typeof division === "string" && division ? { familyId: id, divisionCode: division } : undefined;
  }
  return ownScope(value) ?? log.inherited.get(value);
}

function mapItems(value: unknown, fn: (item: object) => void): void {
  if (Array.isArray(value)) for (const v of value) mapItems(v, fn);
  else if (value && typeof value === "object") fn(value);
}

/** Leaves out, at any list depth, the items that `keep` refuses. */
function filterItems(value: unknown, keep: (item: object) => boolean): unknown {
  if (!Array.isArray(value)) return value;
  const out: unknown[] = [];
  for (const v of value) {
    if (Array.isArray(v)) out.push(filterItems(v, keep));
    else if (!v || typeof v !== "object" || keep(v)) out.push(v);
  }
  return out;
}

function rowVisible(log: DisclosureLog, rule: RowRule, row: object, scope: FamilyScope | undefined): boolean {
  // A row without a family is judged by its fields (which deny, fail closed); NO_FAMILY holds no data.
  if (!scope || scope === NO_FAMILY) return true;
  if (log.isJurisdiction(scope.divisionCode)) return true;
  return rowMatches(rule, row as Record<string, unknown>);
}

function finish(plan: Plan, value: unknown, scope: FamilyScope | undefined, chosen: Chosen | null, log: DisclosureLog): unknown {
  let out = value;
  // The MASKED form (R8.5); alsoFull: full only when those categories are FULL for the family too.
  if (chosen && plan.policy && out !== null && out !== undefined && scope && scope !== NO_FAMILY) {
    let masked = chosen.decision.mode === "MASKED";
    if (!masked && plan.policy.alsoFull) {
      const also = plan.policy.alsoFull.map((c) => [c, log.decide(scope.divisionCode, c)] as const);
      masked = also.some(([, d]) => d?.mode !== "FULL");
      if (!masked) for (const [c, d] of also) log.disclosed(scope.familyId, c, d!);
    }
    if (masked) {
      const form = plan.policy.masked;
      if (form === "withheld") {
        if (plan.nonNull) throw sharingDenied(scope.divisionCode, chosen.categories[0], { mode: "MASKED" });
        return null;
      }
      if (form !== "shown") out = Array.isArray(out) && form !== "emptyList" ? out.map((v) => (v === null ? v : MASKERS[form](v))) : MASKERS[form](out);
    }
  }
  if (!plan.child || out === null || out === undefined || typeof out !== "object") return out;
  // Pass the family on to returned objects that do not name their own.
  if (scope && !plan.child.self && (plan.child.kind === "data" || plan.child.kind === "structural")) {
    mapItems(out, (item) => {
      if (!ownScope(item) && !log.inherited.has(item)) log.inherited.set(item, scope);
    });
  }
  const itemScope = (item: object) => (plan.child?.self ? scopeOf(item, plan.child, log) : (ownScope(item) ?? log.inherited.get(item) ?? scope));
  if (plan.rows) {
    const rule = plan.rows;
    if (plan.childIsList) return filterItems(out, (row) => rowVisible(log, rule, row, itemScope(row)));
    if (!rowVisible(log, rule, out, itemScope(out))) {
      if (plan.nonNull) throw sharingDenied(null);
      return null;
    }
  }
  if (plan.edgeRows && plan.childIsList) {
    const rule = plan.edgeRows;
    return filterItems(out, (edge) => {
      const node = (edge as { node?: unknown }).node;
      if (!node || typeof node !== "object") return true;
      return rowVisible(log, rule, node, ownScope(node) ?? log.inherited.get(node) ?? itemScope(edge));
    });
  }
  return out;
}

function wrap(plan: Plan): GraphQLFieldResolver<unknown, { disclosures: DisclosureLog }> {
  return (source, args, ctx, info) => {
    const log = ctx?.disclosures;
    if (!log) throw sharingDenied(null); // fail closed: no request state
    let scope: FamilyScope | undefined;
    let chosen: Chosen | null = null;
    if (plan.parent) {
      scope = scopeOf(source, plan.parent, log);
      if ((plan.parent.kind === "data" || plan.parent.kind === "family") && plan.requirement !== undefined) {
        if (!scope) {
          currentLogger().error({ type: plan.type, field: plan.field }, "family data without a family: denied");
          const c = plan.requirement === LOCATOR ? undefined : plan.requirement[0]?.[0];
          if (c) log.deny(c);
          throw sharingDenied(null, c);
        }
        if (scope !== NO_FAMILY) {
          chosen = decideRequirement(log, plan.requirement, scope.divisionCode);
          if (!chosen) {
            const c = firstMissing(log, plan.requirement, scope.divisionCode);
            if (c) log.deny(c, scope.familyId);
            throw sharingDenied(log.locate(scope.divisionCode) ? scope.divisionCode : null, c);
          }
          if (chosen.categories.length === 0) log.located(scope.familyId, chosen.decision);
          else for (const c of chosen.categories) log.disclosed(scope.familyId, c, log.decide(scope.divisionCode, c)!);
        }
      }
    }
    const value = plan.inner(source, args, ctx, info);
    return isPromiseLike(value) ? Promise.resolve(value).then((v) => finish(plan, v, scope, chosen, log)) : finish(plan, value, scope, chosen, log);
  };
}

function rowRuleOf(typeName: string): RowRule | undefined {
  return DISCLOSURE_POLICY[typeName]?.outsiders;
}

/** The rule of the rows an edge type's `node` returns, when the type is an edge. */
function edgeRuleOf(schema: GraphQLSchema, typeName: string): RowRule | undefined {
  const t = schema.getType(typeName);
  if (!isObjectType(t) || DISCLOSURE_POLICY[typeName]?.kind !== "structural") return undefined;
  const node = t.getFields().node;
  return node ? rowRuleOf(getNamedType(node.type).name) : undefined;
}

/**
 * Wraps the resolvers of the subgraph schema with the disclosure policy (in place). Throws when the
 * schema has family data the policy does not describe (see `policyProblems`).
 */
export function applyDisclosurePolicy(schema: GraphQLSchema, sdl: string): GraphQLSchema {
  const problems = policyProblems(sdl, { wholeGraph: false });
  if (problems.length) throw new Error(`disclosure policy incomplete (src/domain/disclosure-policy.ts):\n  ${problems.join("\n  ")}`);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith("__")) continue;
    const parent = DISCLOSURE_POLICY[type.name];
    // Root types, and types without family data of their own that hold rows (a mutation's
    // result, say): their fields decide nothing, but the rows they return are still filtered.
    const isRoot = !parent || parent.kind === "public";
    for (const field of Object.values(type.getFields())) {
      if (field.name.startsWith("_")) continue; // _entities, _service: federation's own
      const named = getNamedType(field.type).name;
      const child = DISCLOSURE_POLICY[named];
      if (isRoot && (!child || child.kind === "public")) continue;
      const nullable = getNullableType(field.type);
      const plan: Plan = {
        type: type.name,
        field: field.name,
        parent: isRoot ? undefined : parent,
        policy: isRoot ? undefined : parent?.fields[field.name],
        requirement: isRoot || !parent ? undefined : fieldRequirement(parent, field.name),
        nonNull: isNonNullType(field.type),
        child: child && child.kind !== "public" ? child : undefined,
        childIsList: isListType(nullable),
        rows: rowRuleOf(named),
        edgeRows: edgeRuleOf(schema, named),
        inner: (field.resolve ?? defaultFieldResolver) as Plan["inner"],
      };
      field.resolve = wrap(plan) as typeof field.resolve;
    }
  }
  return schema;
}

// --- completeness and the SDL mirror (build checks) -------------------------------------------------

const LOCATOR_POLICY = "family-locator";

interface SdlField {
  name: string;
  type: string;
  tag: Requirement | undefined;
}

function namedOf(t: TypeNode): string {
  return t.kind === Kind.NAMED_TYPE ? t.name.value : namedOf(t.type);
}

/** Object and interface types of an SDL (extensions merged), with each field's category tag. */
function sdlTypes(sdl: string): Map<string, SdlField[]> {
  const types = new Map<string, SdlField[]>();
  for (const def of parse(sdl).definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION && def.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    const list = types.get(def.name.value) ?? [];
    for (const f of def.fields ?? []) {
      let tag: Requirement | undefined;
      let locator = false;
      // An @external field is another subgraph's (tagged there).
      if ((f.directives ?? []).some((d) => d.name.value === "external")) continue;
      for (const d of f.directives ?? []) {
        const arg = d.arguments?.[0]?.value;
        const lists = arg && arg.kind === Kind.LIST ? arg.values.map((inner) => (inner.kind === Kind.LIST ? inner.values.flatMap((s) => (s.kind === Kind.STRING ? [s.value] : [])) : [])) : [];
        if (d.name.value === "requiresScopes") tag = lists.map((g) => g.filter(isDataCategory));
        if (d.name.value === "policy" && lists.flat().includes(LOCATOR_POLICY)) locator = true;
      }
      list.push({ name: f.name.value, type: namedOf(f.type), tag: tag ?? (locator ? LOCATOR : undefined) });
    }
    types.set(def.name.value, list);
  }
  return types;
}

/**
 * What the policy table lacks or contradicts for an SDL (a subgraph's, or with `wholeGraph` the
 * supergraph's): types holding family data without an entry (reachable from `Family` or from a
 * root field that carries a category), fields without an entry, entries for fields that do not
 * exist (whole graph only), and categories that do not mirror the SDL's tags.
 */
export function policyProblems(sdl: string, opts: { wholeGraph: boolean }): string[] {
  const types = sdlTypes(sdl);
  const problems: string[] = [];
  const rootNames = new Set(["Query", "Mutation", "Subscription"]);
  // Types that hold family data: reachable from Family and from tagged root fields.
  const required = new Map<string, string>();
  const visit = (name: string, via: string) => {
    if (required.has(name) || !types.has(name) || rootNames.has(name)) return;
    required.set(name, via);
    for (const f of types.get(name)!) visit(f.type, `${via}.${f.name}`);
  };
  if (types.has("Family")) visit("Family", "Family");
  for (const root of rootNames) for (const f of types.get(root) ?? []) if (f.tag !== undefined) visit(f.type, `${root}.${f.name}`);
  for (const [name, via] of required) if (!DISCLOSURE_POLICY[name]) problems.push(`${name} (via ${via}) has no entry`);

  // Incoming requirements of each type (tagged fields, and fields of table types with a category).
  const incoming = new Map<string, { from: string; req: Requirement }[]>();
  for (const [owner, fields] of types) {
    const ownerPolicy = DISCLOSURE_POLICY[owner];
    for (const f of fields) {
      const req = f.tag ?? (ownerPolicy && !rootNames.has(owner) ? fieldRequirement(ownerPolicy, f.name) : undefined);
      if (req === undefined || req === LOCATOR) continue;
      const list = incoming.get(f.type) ?? [];
      list.push({ from: `${owner}.${f.name}`, req });
      incoming.set(f.type, list);
    }
  }
  for (const [name, policy] of Object.entries(DISCLOSURE_POLICY)) {
    const fields = types.get(name);
    if (!fields) continue;
    let untagged = false;
    for (const f of fields) {
      const entry = policy.fields[f.name];
      if (!entry) {
        problems.push(`${name}.${f.name} has no entry`);
        continue;
      }
      const req = fieldRequirement(policy, f.name);
      if (f.tag !== undefined) {
        if (!sameRequirement(f.tag, req)) problems.push(`${name}.${f.name}: the table says ${formatRequirement(req)}, the SDL ${formatRequirement(f.tag)}`);
      } else if (policy.kind === "data" || policy.kind === "family") {
        untagged = true;
        if (entry.category !== undefined && !sameRequirement(entry.category, policy.category)) {
          problems.push(`${name}.${f.name}: an untagged field has its type's category (${formatRequirement(policy.category)}); tag it in the SDL to give it ${formatRequirement(entry.category)}`);
        }
        if (policy.category === undefined) problems.push(`${name}.${f.name}: untagged in the SDL and its type has no category`);
      }
    }
    if (untagged && policy.category !== undefined) {
      for (const i of incoming.get(name) ?? []) {
        if (!sameRequirement(i.req, policy.category)) problems.push(`${name} has category ${formatRequirement(policy.category)} but is reached by ${i.from} (${formatRequirement(i.req)})`);
      }
    }
    if (opts.wholeGraph) {
      const present = new Set(fields.map((f) => f.name));
      for (const f of Object.keys(policy.fields)) if (!present.has(f)) problems.push(`${name}.${f}: the table names a field the graph does not have`);
    }
  }
  if (opts.wholeGraph) for (const name of Object.keys(DISCLOSURE_POLICY)) if (!types.has(name)) problems.push(`${name}: the table names a type the graph does not have`);
  return problems;
}
