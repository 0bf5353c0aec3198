import type { SubgraphDefinition } from "../subgraph-server";
import type { SubgraphContext } from "../subgraph-context";
import { SharingResolver } from "../../../resolvers/archive/sharing.resolver";
import { PublicListResolver } from "../../../resolvers/archive/public-list.resolver";
import { FamilyResolver, PersonResolver, readFamily } from "../../../resolvers/archive/family.resolver";
import { DivisionResolver, OrganizationResolver } from "../../../resolvers/archive/division.resolver";
import { CreditCheckResolver, CreditListResolver, CreditRecordResolver, FamilyCreditResolver } from "../../../resolvers/archive/credit.resolver";
import { JudicialRecordRef } from "../../../resolvers/archive/credit.types";
import { RuleSetResolver } from "../../../resolvers/archive/rule-set.resolver";
import { CandidateResolver } from "../../../resolvers/archive/candidates.resolver";
import { StatisticsResolver } from "../../../resolvers/archive/statistics.resolver";
import { toDivision, toOrganization } from "./family.mapper";
import { allDivisions, findDivision } from "../../domain/divisions";
import { readableDivisions } from "../access";
import { Organization as OrganizationEntity } from "./entities/organization.entity";

export const archiveSubgraph: SubgraphDefinition = {
  name: "archive",
  resolvers: [FamilyResolver, PersonResolver, SharingResolver, PublicListResolver, FamilyCreditResolver, CreditRecordResolver, CreditListResolver, CreditCheckResolver, RuleSetResolver, CandidateResolver, StatisticsResolver, DivisionResolver, OrganizationResolver],
  orphanedTypes: [JudicialRecordRef],
  // R8.4: the divisions whose families the caller may read at all (any category).
  rowSecurity: (caller) => {
    if (caller.system) return null; // the gateway's own look-ups read no family table
    const divisions = readableDivisions(caller);
    return divisions.length === allDivisions().length ? "*" : divisions;
  },
  references: {
    Family: (ref, ctx: SubgraphContext) => readFamily(ctx, String(ref.id)),
    Division: (ref) => (findDivision(String(ref.code)) ? toDivision(String(ref.code)) : null),
    Organization: async (ref, ctx: SubgraphContext) => {
      const row = await ctx.em.findOne(OrganizationEntity, { code: String(ref.code) });
      return row ? toOrganization(row) : null;
    },
  },
};
