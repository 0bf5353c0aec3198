import type { SubgraphDefinition } from "../subgraph-server";
import { TenancyResolver } from "../../../resolvers/housing/tenancy.resolver";
import { HousingFamily } from "../../../resolvers/housing/housing.types";

export const housingSubgraph: SubgraphDefinition = {
  name: "housing",
  resolvers: [TenancyResolver],
  orphanedTypes: [HousingFamily],
  // The representation carries id and, through @requires, divisionCode.
  references: { Family: (ref) => ({ id: ref.id, divisionCode: ref.divisionCode }) },
};
