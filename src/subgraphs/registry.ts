import type { SubgraphName } from "../config";
import type { SubgraphDbSpec } from "../db/orm";
import { archiveDb } from "./archive/archive.db";
import { housingDb } from "./housing/housing.db";
import { judicialDb } from "./judicial/judicial.db";

export const subgraphDbs: Record<SubgraphName, SubgraphDbSpec> = {
  archive: archiveDb,
  housing: housingDb,
  judicial: judicialDb,
};

import type { SubgraphDefinition } from "./subgraph-server";
import { archiveSubgraph } from "./archive/archive.subgraph";
import { housingSubgraph } from "./housing/housing.subgraph";
import { judicialSubgraph } from "./judicial/judicial.subgraph";

export const subgraphDefinitions: Record<SubgraphName, SubgraphDefinition> = {
  archive: archiveSubgraph,
  housing: housingSubgraph,
  judicial: judicialSubgraph,
};
