import type { MigrationObject } from "@mikro-orm/core";
import { Migration20261204020000 } from "./Migration20261204020000";
import { Migration20261201100001 } from "./Migration20261201100001";
import { Migration20261126222349 } from "./Migration20261126222349";
import { Migration20261126233445 } from "./Migration20261126233445";

// Committed migrations, in order. Add one with `npm run build && node dist/scripts/create-migration.js housing`.
export const migrations: MigrationObject[] = [{ name: "Migration20261126222349", class: Migration20261126222349 },
  { name: "Migration20261126233445", class: Migration20261126233445 },
  { name: "Migration20261201100001", class: Migration20261201100001 },
  { name: "Migration20261204020000", class: Migration20261204020000 },
];
