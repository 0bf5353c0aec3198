import type { SubgraphDbSpec } from "../../db/orm";
import { Tenancy } from "./entities/tenancy.entity";
import { RentLedgerEntry } from "./entities/rent-ledger-entry.entity";
import { OccupancyCheckEntry } from "./entities/occupancy-check.entity";
import { HousingWarning } from "./entities/housing-warning.entity";
import { migrations } from "./migrations";

export const housingDb: SubgraphDbSpec = {
  name: "housing",
  entities: [Tenancy, RentLedgerEntry, OccupancyCheckEntry, HousingWarning],
  migrations,
};
