import type { SubgraphDefinition } from "../subgraph-server";
import { TenancyDetailResolver, TenancyResolver } from "../../../resolvers/housing/tenancy.resolver";
import { HousingFamily } from "../../../resolvers/housing/housing.types";
import { HousingCandidateResolver } from "../../../resolvers/housing/candidates.resolver";
import { HousingIntakeResolver } from "../../../resolvers/housing/intake.resolver";

export const housingSubgraph: SubgraphDefinition = {
  name: "housing",
  resolvers: [TenancyResolver, TenancyDetailResolver, HousingCandidateResolver, HousingIntakeResolver],
  orphanedTypes: [HousingFamily],
  // The representation carries id and, through @requires, divisionCode.
  references: { Family: (ref) => ({ id: ref.id, divisionCode: ref.divisionCode }) },
};
