import type { SubgraphDefinition } from "../subgraph-server";
import { JudicialResolver } from "../../../resolvers/judicial/judicial.resolver";
import { JudicialFamily } from "../../../resolvers/judicial/judicial.types";

export const judicialSubgraph: SubgraphDefinition = {
  name: "judicial",
  resolvers: [JudicialResolver],
  orphanedTypes: [JudicialFamily],
  references: {
    Family: (ref) => ({ id: ref.id, divisionCode: ref.divisionCode, memberIdNumbers: ref.memberIdNumbers }),
  },
};
