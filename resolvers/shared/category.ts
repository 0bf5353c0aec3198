// Data categories on fields (R8.2), declared as standard Federation `@requiresScopes` so that a
// Rust router could enforce the category level with the same supergraph. The gateway reads
// them from the supergraph to remove denied fields before planning; the subgraphs decide per
// family (division) in their resolvers.
import { Directive } from "type-graphql";
import type { DataCategory } from "../../src/domain/permissions";

/** The field belongs to `category` (several: any one of them suffices). */
export function Category(...anyOf: DataCategory[]): MethodDecorator & PropertyDecorator {
  return Directive(`@requiresScopes(scopes: [${anyOf.map((c) => `["${c}"]`).join(", ")}])`) as MethodDecorator & PropertyDecorator;
}

/** The field needs every one of the categories (e.g. the change history holds all archive data). */
export function AllCategories(...allOf: DataCategory[]): MethodDecorator & PropertyDecorator {
  return Directive(`@requiresScopes(scopes: [[${allOf.map((c) => `"${c}"`).join(", ")}]])`) as MethodDecorator & PropertyDecorator;
}

/** The policy name of a family's locator fields. */
export const LOCATOR_POLICY = "family-locator";

/**
 * A family's locator (id, division, version; the member ID numbers other subgraphs join on,
 * which are @inaccessible): visible to whoever may see any category of that family. Declared
 * as a Federation `@policy`, so fields that `@requires` them carry the same policy.
 */
export function Locator(): MethodDecorator & PropertyDecorator {
  return Directive(`@policy(policies: [["${LOCATOR_POLICY}"]])`) as MethodDecorator & PropertyDecorator;
}

/** The archive's own categories (the change history carries all of them). */
export const ARCHIVE_CATEGORIES: DataCategory[] = ["IDENTITY", "HOUSEHOLD", "ECONOMIC", "HOUSING", "GUARANTEE"];
