import type { SubgraphDbSpec } from "../../db/orm";
import { JudicialRecord } from "./entities/judicial-record.entity";
import { migrations } from "./migrations";

export const judicialDb: SubgraphDbSpec = {
  name: "judicial",
  entities: [JudicialRecord],
  migrations,
};
