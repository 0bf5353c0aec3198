// R6.7: every list change is appended to a total-ordered, gapless log and to the outbox for
// reporting up (county → city → province) and pushing to the national platform.
import type { EntityManager } from "@mikro-orm/core";
import { PROVINCE_CODE } from "../../../domain/divisions";
import { ListChange, ListOutbox } from "../entities/list-change.entity";
import type { ListEntry } from "../entities/list-entry.entity";

export async function appendListChange(tx: EntityManager, entry: Pick<ListEntry, "id" | "familyId" | "divisionCode" | "kind" | "status">, action: "ADDED" | "CHANGED" | "REMOVED", at: Date): Promise<string> {
  // The counter row stays locked until commit: sequences follow commit order with no gaps.
  const rows = await tx.getConnection().execute<{ last: string }[]>(
    `update "archive"."list_change_counter" set "last" = "last" + 1 where "id" = 1 returning "last"`,
    [],
    "all",
    tx.getTransactionContext(),
  );
  const sequence = String(rows[0].last);
  tx.persist(tx.create(ListChange, { sequence, at, listEntryId: entry.id, familyId: entry.familyId, divisionCode: entry.divisionCode, kind: entry.kind, action, status: entry.status }));
  if (entry.divisionCode !== PROVINCE_CODE) tx.persist(tx.create(ListOutbox, { sequence, destination: "REPORT_UP", divisionCode: entry.divisionCode }));
  if (entry.kind === "JOINT_PUNISHMENT") tx.persist(tx.create(ListOutbox, { sequence, destination: "NATIONAL", divisionCode: entry.divisionCode }));
  return sequence;
}
