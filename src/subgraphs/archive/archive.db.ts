import type { SubgraphDbSpec } from "../../db/orm";
import { Family } from "./entities/family.entity";
import { FamilyMember } from "./entities/family-member.entity";
import { FamilyChange } from "./entities/family-change.entity";
import { Organization } from "./entities/organization.entity";
import { migrations } from "./migrations";

export const archiveDb: SubgraphDbSpec = {
  name: "archive",
  entities: [Family, FamilyMember, FamilyChange, Organization],
  migrations,
};
