import type { SubgraphDefinition } from "../subgraph-server";
import { CitingRecordResolver, JudicialLookupResolver, JudicialResolver } from "../../../resolvers/judicial/judicial.resolver";
import { CitingRecord, JudicialFamily, JudicialLookup } from "../../../resolvers/judicial/judicial.types";
import { JudicialIntakeResolver } from "../../../resolvers/judicial/intake.resolver";

const text = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export const judicialSubgraph: SubgraphDefinition = {
  name: "judicial",
  resolvers: [JudicialResolver, JudicialLookupResolver, CitingRecordResolver, JudicialIntakeResolver],
  orphanedTypes: [JudicialFamily, JudicialLookup, CitingRecord],
  references: {
    Family: (ref) => ({ id: ref.id, divisionCode: ref.divisionCode, memberIdNumbers: ref.memberIdNumbers }),
    // A credit record the archive has shown the caller, with its family and members (@requires).
    CreditRecordView: (ref) => ({
      id: String(ref.id),
      judicialCaseNumber: text(ref.judicialCaseNumber),
      familyId: String(ref.familyId ?? ""),
      familyDivision: String(ref.familyDivision ?? ""),
      familyMemberIdNumbers: Array.isArray(ref.familyMemberIdNumbers) ? ref.familyMemberIdNumbers.map(String) : [],
    }),
    JudicialLookup: (ref) => ({ idNumber: String(ref.idNumber), familyId: text(ref.familyId), divisionCode: text(ref.divisionCode) }),
  },
};
