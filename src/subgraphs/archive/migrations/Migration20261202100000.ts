import { Migration } from "@mikro-orm/migrations";

/**
 * Issue 12: the pages of a list (creditList, publicList, the exchange export) read listed
 * entries newest first, `(since, id)` descending after a cursor, across the divisions the caller
 * may see. With only (kind, status, division, since), every page sorted all entries of the kind
 * (a 100,000-row export sorted 100,000 rows per page). This index serves the order and the
 * cursor directly; the division filter is applied while walking it.
 */
export class Migration20261202100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "list_entry_kind_status_since_id_index" on "archive"."list_entry" ("kind", "status", "since" desc, "id" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "archive"."list_entry_kind_status_since_id_index";`);
  }
}
