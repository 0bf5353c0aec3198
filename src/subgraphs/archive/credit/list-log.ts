// R6.7: every list change is appended to a total-ordered, gapless log and to the outbox for
// reporting up (county → city → province) and pushing to the national platform.
import type { EntityManager } from "@mikro-orm/core";
import { PROVINCE_CODE } from "../../../domain/divisions";
import { ListChange, ListOutbox, type ListChangeCause } from "../entities/list-change.entity";
import type { ListEntry } from "../entities/list-entry.entity";

/**
 * Appends one change. The national platform (R6.7 推送至住建部信用信息共享平台) receives only what
 * the departments that punish act on: a joint-punishment entry becoming LISTED, and every later
 * change of an entry that was listed (suspended, resumed, corrected, removed with its cause) —
 * never a procedure before its listing decision.
 */
export async function appendListChange(
  tx: EntityManager,
  entry: Pick<ListEntry, "id" | "familyId" | "divisionCode" | "kind" | "status" | "listedOn" | "removalCause">,
  action: "ADDED" | "CHANGED" | "REMOVED",
  at: Date,
  cause?: ListChangeCause | null,
): Promise<string> {
  // The counter row stays locked until commit: sequences follow commit order with no gaps.
  const rows = await tx.getConnection().execute<{ last: string }[]>(
    `update "archive"."list_change_counter" set "last" = "last" + 1 where "id" = 1 returning "last"`,
    [],
    "all",
    tx.getTransactionContext(),
  );
  const sequence = String(rows[0].last);
  const why = cause ?? (entry.status === "REMOVED" ? (entry.removalCause ?? null) : entry.status === "LISTED" && entry.kind === "JOINT_PUNISHMENT" ? "LISTED" : entry.status === "SUSPENDED" ? "SUSPENDED" : null);
  tx.persist(tx.create(ListChange, { sequence, at, listEntryId: entry.id, familyId: entry.familyId, divisionCode: entry.divisionCode, kind: entry.kind, action, status: entry.status, cause: why }));
  if (entry.divisionCode !== PROVINCE_CODE) tx.persist(tx.create(ListOutbox, { sequence, destination: "REPORT_UP", divisionCode: entry.divisionCode }));
  if (entry.kind === "JOINT_PUNISHMENT" && (entry.status === "LISTED" || entry.listedOn)) tx.persist(tx.create(ListOutbox, { sequence, destination: "NATIONAL", divisionCode: entry.divisionCode }));
  return sequence;
}
