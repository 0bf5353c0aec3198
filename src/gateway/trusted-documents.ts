// Trusted documents (R8.4): the registered public operations that the anonymous caller may run,
// sent as their text (compared after parsing and printing, so comments and whitespace do not
// matter) or by their id (`documentId`, or Apollo's `extensions.persistedQuery.sha256Hash`).
import { createHash } from "node:crypto";
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";

export interface TrustedDocumentId {
  /** `sha256:<hex>` of the registered (printed) text. */
  id: string;
  operationName: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * One canonical text for a document: its operations in their order, then its fragments
 * sorted by name, printed. Requests that list the same fragments in another order print the same.
 */
export function canonicalPrint(document: DocumentNode): string {
  const operations = document.definitions.filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION);
  const fragments = document.definitions
    .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
    .slice()
    .sort((a, b) => (a.name.value < b.name.value ? -1 : a.name.value > b.name.value ? 1 : 0));
  return print({ kind: Kind.DOCUMENT, definitions: [...operations, ...fragments] });
}

function spreadNames(node: DefinitionNode): string[] {
  const names: string[] = [];
  visit(node, {
    FragmentSpread(spread) {
      names.push(spread.name.value);
    },
  });
  return names;
}

/** The operation with every fragment it needs, transitively (cycles end where they repeat). */
function documentFor(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): DocumentNode {
  const needed = new Map<string, FragmentDefinitionNode>();
  const pending = spreadNames(operation);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (needed.has(name)) continue;
    const fragment = fragments.get(name);
    if (!fragment) throw new Error(`operation ${operation.name?.value ?? "(anonymous)"} uses the undefined fragment ${name}`);
    needed.set(name, fragment);
    pending.push(...spreadNames(fragment));
  }
  return { kind: Kind.DOCUMENT, definitions: [operation, ...needed.values()] };
}

export class TrustedDocuments {
  private readonly byHash = new Map<string, { text: string; operationName: string }>();
  private readonly texts = new Set<string>();

  private constructor(entries: { text: string; operationName: string }[]) {
    for (const e of entries) {
      this.byHash.set(sha256Hex(e.text), e);
      this.texts.add(e.text);
    }
  }

  /**
   * A registry from operation source text(s): one document per named operation, with the
   * fragments it needs. `only` keeps just the named operations (each must exist).
   */
  static fromSource(source: string | readonly string[], options: { only?: readonly string[] } = {}): TrustedDocuments {
    const sources = typeof source === "string" ? [source] : source;
    const operations: OperationDefinitionNode[] = [];
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const text of sources) {
      for (const d of parse(text, { noLocation: true }).definitions) {
        if (d.kind === Kind.OPERATION_DEFINITION) {
          if (!d.name) throw new Error("trusted documents must name every operation");
          if (operations.some((o) => o.name?.value === d.name!.value)) throw new Error(`operation ${d.name.value} is registered twice`);
          operations.push(d);
        } else if (d.kind === Kind.FRAGMENT_DEFINITION) {
          if (fragments.has(d.name.value)) throw new Error(`fragment ${d.name.value} is defined twice`);
          fragments.set(d.name.value, d);
        } else {
          throw new Error(`trusted documents hold only operations and fragments, not ${d.kind}`);
        }
      }
    }
    let chosen = operations;
    if (options.only) {
      const missing = options.only.filter((n) => !operations.some((o) => o.name!.value === n));
      if (missing.length > 0) throw new Error(`no operation named ${missing.join(", ")} in the trusted documents`);
      chosen = operations.filter((o) => options.only!.includes(o.name!.value));
    }
    return new TrustedDocuments(chosen.map((o) => ({ text: canonicalPrint(documentFor(o, fragments)), operationName: o.name!.value })));
  }

  /** Whether the request's document is exactly one of the registered documents. */
  isTrusted(document: DocumentNode): boolean {
    return this.texts.has(canonicalPrint(document));
  }

  /** The registered text of `sha256:<hex>` or a bare hex id (either case). */
  byId(id: string): string | undefined {
    const hex = (id.startsWith("sha256:") ? id.slice("sha256:".length) : id).toLowerCase();
    if (!HEX64.test(hex)) return undefined;
    return this.byHash.get(hex)?.text;
  }

  ids(): TrustedDocumentId[] {
    return [...this.byHash].map(([hex, e]) => ({ id: `sha256:${hex}`, operationName: e.operationName }));
  }

  get size(): number {
    return this.byHash.size;
  }
}

const unknownDocument = () => ({
  status: 400,
  payload: { errors: [{ message: "未登记的查询文档", extensions: { code: "BAD_USER_INPUT" } }] },
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A JSON request body that names a document instead of sending it (`documentId`, the
 * GraphQL-over-HTTP trusted documents convention, or `extensions.persistedQuery.sha256Hash`)
 * gets the registered text as `query`; Apollo's own persisted-query extension is dropped so
 * that Apollo does not treat the request as an automatic persisted query. Unknown ids are
 * refused; every other body passes unchanged.
 */
export function applyPersistedDocument(body: unknown, registry: TrustedDocuments): { body: unknown } | { error: { status: number; payload: unknown } } {
  if (!isRecord(body)) return { body };
  if (body.query !== undefined && body.query !== null) return { body };
  const extensions = isRecord(body.extensions) ? body.extensions : undefined;
  const persisted = extensions && isRecord(extensions.persistedQuery) ? extensions.persistedQuery : undefined;
  let id: unknown;
  if (body.documentId !== undefined) id = body.documentId;
  else if (persisted && persisted.sha256Hash !== undefined) id = persisted.sha256Hash;
  else return { body };
  const text = typeof id === "string" ? registry.byId(id) : undefined;
  if (text === undefined) return { error: unknownDocument() };
  const next: Record<string, unknown> = { ...body, query: text };
  if (extensions && "persistedQuery" in extensions) {
    const { persistedQuery: _dropped, ...rest } = extensions;
    if (Object.keys(rest).length > 0) next.extensions = rest;
    else delete next.extensions;
  }
  return { body: next };
}
