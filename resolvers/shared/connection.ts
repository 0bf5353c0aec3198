import { Directive, Field, Int, ObjectType, type ClassType } from "type-graphql";
import { hubError, ErrorCode } from "../../src/errors";

@ObjectType()
@Directive("@shareable")
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  totalCount: number;
  pageInfo: PageInfo;
  edges: Edge<T>[];
}

/** A Relay connection type `<Name>Connection` with `<Name>Edge`, for a node type. */
export function connectionOf<T extends object>(node: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => Int)
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => [EdgeType])
    edges!: EdgeType[];
  }
  return ConnectionType as ClassType<Connection<T>>;
}

export const MAX_PAGE = 500;

export function checkFirst(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) {
    throw hubError(ErrorCode.BAD_USER_INPUT, `输入有误：first：每页条数应为1至${MAX_PAGE}`);
  }
}

export function encodeCursor(parts: (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

/** What each part of a cursor must be: a cursor is client input and reaches SQL. */
export type CursorPart = "uuid" | "date" | "datetime" | "string";

const CURSOR_PART: Record<CursorPart, (v: unknown) => boolean> = {
  uuid: (v) => typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  date: (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  datetime: (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  string: (v) => typeof v === "string" && v.length <= 64,
};

/** The parts of an `after` cursor, each checked against its kind; BAD_USER_INPUT otherwise. */
export function decodeCursor(cursor: string | null | undefined, parts: CursorPart[]): string[] | null {
  if (cursor == null) return null;
  try {
    const values = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(values) && values.length === parts.length && parts.every((kind, i) => CURSOR_PART[kind](values[i]))) return values as string[];
  } catch {
    /* fall through */
  }
  throw hubError(ErrorCode.BAD_USER_INPUT, "输入有误：after：分页游标无效");
}

/** Whether the connection's `totalCount` is selected (a count can cost a scan; skip it when unasked). */
export function wantsTotalCount(info: import("graphql").GraphQLResolveInfo): boolean {
  const has = (selections: readonly import("graphql").SelectionNode[]): boolean =>
    selections.some((sel) => {
      if (sel.kind === "Field") return sel.name.value === "totalCount";
      if (sel.kind === "InlineFragment") return has(sel.selectionSet.selections);
      const fragment = info.fragments[sel.name.value];
      return fragment ? has(fragment.selectionSet.selections) : true;
    });
  return info.fieldNodes.some((node) => !node.selectionSet || has(node.selectionSet.selections));
}
