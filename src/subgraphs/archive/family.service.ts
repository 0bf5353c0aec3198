// Writes to the unified archive. Every create and update stores who, when, what changed
// (before/after) and why in the same transaction (R3.3).
import { OptimisticLockError, UniqueConstraintViolationException, type EntityManager } from "@mikro-orm/core";
import { hubNow } from "../../domain/clock";
import { diffFields, validateFamilyFields, type FamilyFields } from "../../domain/family-input";
import { badInput, ErrorCode, hubError } from "../../errors";
import { Family } from "./entities/family.entity";
import { FamilyChange } from "./entities/family-change.entity";
import { FamilyMember } from "./entities/family-member.entity";
import { ListEntry } from "./entities/list-entry.entity";
import { appendListChange } from "./credit/list-log";

export interface Actor {
  sub: string;
  org: string;
}

/** The archive fields as a flat record, for change history (R3.3). */
export function snapshot(f: Family): Record<string, unknown> {
  return {
    divisionCode: f.divisionCode,
    members: f.members.getItems().map((m) => ({ name: m.name, idNumber: m.idNumber, relation: m.relation })),
    hukouDivisionCode: f.hukouDivisionCode,
    maritalStatus: f.maritalStatus,
    householdSize: f.householdSize,
    annualIncome: Number(f.annualIncome),
    propertyCount: f.propertyCount,
    housingStatus: f.housingStatus,
    perCapitaArea: f.perCapitaArea == null ? null : Number(f.perCapitaArea),
    guaranteeCategory: f.guaranteeCategory,
    guaranteeMode: f.guaranteeMode,
    guaranteeGroup: f.guaranteeGroup,
    priority: f.priority,
    priorityReason: f.priorityReason ?? null,
  };
}

function checkReason(reason: string) {
  if (!reason || reason.trim().length < 2 || reason.length > 500) {
    throw badInput([{ field: "reason", message: "变更原因应为2至500个字符" }]);
  }
}

function assign(f: Family, fields: Partial<FamilyFields>) {
  const { members, ...scalar } = fields;
  for (const [k, v] of Object.entries(scalar)) if (v !== undefined) (f as unknown as Record<string, unknown>)[k] = v;
  if (members) {
    const existing = f.members.getItems();
    members.forEach((m, i) => {
      const row = existing[i] ?? new FamilyMember();
      row.position = i;
      row.name = m.name.trim();
      row.idNumber = m.idNumber.toUpperCase();
      row.relation = m.relation;
      if (!existing[i]) f.members.add(row);
    });
    for (const extra of existing.slice(members.length)) f.members.remove(extra);
  }
}

async function assertIdNumbersFree(em: EntityManager, idNumbers: string[], familyId?: string) {
  const taken = await em.find(FamilyMember, { idNumber: { $in: idNumbers.map((i) => i.toUpperCase()) }, ...(familyId ? { family: { $ne: familyId } } : {}) }, { fields: ["idNumber"] });
  if (taken.length) {
    throw hubError(ErrorCode.CONFLICT, `身份证号码 ${taken.map((t) => t.idNumber).join("、")} 已登记在其他家庭档案中`, { field: "members" });
  }
}

export async function createFamily(em: EntityManager, actor: Actor, fields: FamilyFields, reason: string): Promise<Family> {
  checkReason(reason);
  const problems = validateFamilyFields(fields);
  if (problems.length) throw badInput(problems);
  try {
    return await em.transactional(async (tx) => {
      await assertIdNumbersFree(tx, fields.members.map((m) => m.idNumber));
      const family = new Family();
      assign(family, fields);
      tx.persist(family);
      tx.persist(
        tx.create(FamilyChange, {
          familyId: family.id,
          action: "CREATE",
          actorSub: actor.sub,
          actorOrg: actor.org,
          reason: reason.trim(),
          changes: diffFields({}, snapshot(family)),
        }),
      );
      await tx.flush();
      return family;
    });
  } catch (e) {
    throw mapWriteError(e);
  }
}

export async function updateFamily(
  em: EntityManager,
  actor: Actor,
  family: Family,
  patch: Partial<FamilyFields>,
  reason: string,
  expectedVersion?: number | null,
): Promise<Family> {
  checkReason(reason);
  const merged = { ...snapshot(family), ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as unknown as FamilyFields;
  const problems = validateFamilyFields(merged);
  if (problems.length) throw badInput(problems);
  if (expectedVersion != null && expectedVersion !== family.version) {
    throw hubError(ErrorCode.CONFLICT, `档案已被他人修改（当前版本 ${family.version}，提交依据版本 ${expectedVersion}），请刷新后重试`);
  }
  try {
    return await em.transactional(async (tx) => {
      if (patch.members) await assertIdNumbersFree(tx, patch.members.map((m) => m.idNumber), family.id);
      const before = snapshot(family);
      assign(family, patch);
      const changes = diffFields(before, snapshot(family));
      if (changes.length === 0) return family;
      tx.persist(tx.create(FamilyChange, { familyId: family.id, action: "UPDATE", actorSub: actor.sub, actorOrg: actor.org, reason: reason.trim(), changes }));
      if (before.divisionCode !== family.divisionCode) await relocate(tx, family.id, String(before.divisionCode), family.divisionCode, hubNow());
      await tx.flush();
      return family;
    });
  } catch (e) {
    throw mapWriteError(e);
  }
}

/**
 * A family moved to another division (R2.4, R8.2): everything filed under its division moves with
 * it in the same transaction — credit records, list entries, objections, repair applications and
 * its score — so that the old jurisdiction stops reading them and the new one reads them all. Each
 * current list entry leaves the old division's list (REMOVED there) and joins the new one's
 * (ADDED), so that every jurisdiction's change feed and report-up stays right.
 */
async function relocate(tx: EntityManager, familyId: string, from: string, to: string, at: Date): Promise<void> {
  const current = await tx.find(ListEntry, { familyId, status: { $ne: "REMOVED" } }, { orderBy: { since: "asc", id: "asc" } });
  for (const e of current) {
    await appendListChange(tx, { id: e.id, familyId, divisionCode: from, kind: e.kind, status: "REMOVED" }, "REMOVED", at);
    await appendListChange(tx, { id: e.id, familyId, divisionCode: to, kind: e.kind, status: e.status }, "ADDED", at);
  }
  const conn = tx.getConnection();
  const trx = tx.getTransactionContext();
  for (const table of ["credit_record", "list_entry", "objection", "repair_application", "family_credit"]) {
    await conn.execute(`update "archive"."${table}" set "division_code" = ? where "family_id" = ?`, [to, familyId], "run", trx);
  }
  // Entities of these tables already loaded in this transaction would hold the old division.
  for (const e of current) tx.getUnitOfWork().unsetIdentity(e);
}

function mapWriteError(e: unknown): unknown {
  if (e instanceof OptimisticLockError) return hubError(ErrorCode.CONFLICT, "档案已被他人同时修改，请刷新后重试");
  if (e instanceof UniqueConstraintViolationException) return hubError(ErrorCode.CONFLICT, "身份证号码已登记在其他家庭档案中");
  return e;
}
