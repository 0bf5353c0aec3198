import type { MigrationObject } from "@mikro-orm/core";
import { Migration20261201100000 } from "./Migration20261201100000";
import { Migration20261202090000 } from "./Migration20261202090000";
import { Migration20261202100000 } from "./Migration20261202100000";
import { Migration20261202110000 } from "./Migration20261202110000";
import { Migration20261126222348 } from "./Migration20261126222348";
import { Migration20261126224551 } from "./Migration20261126224551";
import { Migration20261126233447 } from "./Migration20261126233447";
import { Migration20261127003107 } from "./Migration20261127003107";
import { Migration20261127010000 } from "./Migration20261127010000";
import { Migration20261127020000 } from "./Migration20261127020000";
import { Migration20261127030000 } from "./Migration20261127030000";
import { Migration20261127011131 } from "./Migration20261127011131";
import { Migration20261127040000 } from "./Migration20261127040000";
import { Migration20261203000000 } from "./Migration20261203000000";
import { Migration20261203010000 } from "./Migration20261203010000";
import { Migration20261204010000 } from "./Migration20261204010000";
import { Migration20261203020000 } from "./Migration20261203020000";
import { Migration20261204000000 } from "./Migration20261204000000";

// Committed migrations, in order. Add one with `npm run build && node dist/scripts/create-migration.js archive`.
export const migrations: MigrationObject[] = [
  { name: "Migration20261126222348", class: Migration20261126222348 },
  { name: "Migration20261126224551", class: Migration20261126224551 },
  { name: "Migration20261126233447", class: Migration20261126233447 },
  { name: "Migration20261127003107", class: Migration20261127003107 },
  { name: "Migration20261127010000", class: Migration20261127010000 },
  { name: "Migration20261127020000", class: Migration20261127020000 },
  { name: "Migration20261127030000", class: Migration20261127030000 },
  { name: "Migration20261127011131", class: Migration20261127011131 },
  { name: "Migration20261127040000", class: Migration20261127040000 },
  { name: "Migration20261201100000", class: Migration20261201100000 },
  { name: "Migration20261202090000", class: Migration20261202090000 },
  { name: "Migration20261202100000", class: Migration20261202100000 },
  { name: "Migration20261202110000", class: Migration20261202110000 },
  { name: "Migration20261203000000", class: Migration20261203000000 },
  { name: "Migration20261203010000", class: Migration20261203010000 },
  { name: "Migration20261203020000", class: Migration20261203020000 },
  { name: "Migration20261204000000", class: Migration20261204000000 },
  { name: "Migration20261204010000", class: Migration20261204010000 },
];
