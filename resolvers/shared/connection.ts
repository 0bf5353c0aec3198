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

export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | null {
  if (cursor == null) return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(parts) && parts.length === arity) return parts as (string | number)[];
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
