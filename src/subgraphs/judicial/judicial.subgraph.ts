import type { SubgraphDefinition } from "../subgraph-server";
import { JudicialRecordResolver, JudicialResolver } from "../../../resolvers/judicial/judicial.resolver";
import { JudicialFamily } from "../../../resolvers/judicial/judicial.types";
import { judicialRecordByCaseNumber } from "../../../resolvers/judicial/judicial.resolver";

export const judicialSubgraph: SubgraphDefinition = {
  name: "judicial",
  resolvers: [JudicialResolver, JudicialRecordResolver],
  orphanedTypes: [JudicialFamily],
  references: {
    Family: (ref) => ({ id: ref.id, divisionCode: ref.divisionCode, memberIdNumbers: ref.memberIdNumbers }),
    // Reached from a credit record the archive has already shown the caller (R6.5).
    JudicialRecord: (ref, ctx) => judicialRecordByCaseNumber(ctx, String(ref.caseNumber)),
  },
};
