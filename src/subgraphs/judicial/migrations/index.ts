import type { MigrationObject } from "@mikro-orm/core";
import { Migration20261204030000 } from "./Migration20261204030000";
import { Migration20261201100002 } from "./Migration20261201100002";
import { Migration20261126222350 } from "./Migration20261126222350";

// Committed migrations, in order. Add one with `npm run build && node dist/scripts/create-migration.js judicial`.
export const migrations: MigrationObject[] = [{ name: "Migration20261126222350", class: Migration20261126222350 },
  { name: "Migration20261201100002", class: Migration20261201100002 },
  { name: "Migration20261204030000", class: Migration20261204030000 },
];
