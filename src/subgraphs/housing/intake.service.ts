// Intake from the municipal housing systems (issue 14; R2.2, R4.1 (六)(七)): tenancies, rent-ledger
// lines, occupancy checks and housing warnings, each written by the housing authority whose
// jurisdiction covers the row (R2.4) — nobody else — idempotently under the authority's own
// (source system, source id). A tenancy is attached to the archived family of its applicant; the
// other kinds name their tenancy by its source id.
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import { authorityDivision, type Caller } from "../../auth/caller";
import { isWithinJurisdiction } from "../../domain/divisions";
import * as rule from "../../domain/intake-rules";
import { sqlQuery } from "../../db/orm";
import { pgTextArray } from "../row-rule.sql";
import { ErrorCode, hubError } from "../../errors";
import type { ArchiveLink } from "../archive-link";
import {
  checkBatch,
  insertRows,
  RowProblems,
  runIntake,
  sameValues,
  updateRows,
  type ColumnSpec,
  type IntakeOptions,
  type IntakePlan,
  type IntakeReportView,
  type Revision,
} from "../intake-engine";

export interface TenancyRowIn {
  sourceId?: string | null;
  applicantIdNumber?: string | null;
  applicantName?: string | null;
  divisionCode?: string | null;
  unitAddress?: string | null;
  leaseStart?: string | null;
  leaseEnd?: string | null;
  monthlyRent?: string | null;
}
export interface RentLedgerRowIn {
  sourceId?: string | null;
  tenancySourceId?: string | null;
  month?: string | null;
  amountDue?: string | null;
  amountPaid?: string | null;
  paidOn?: string | null;
}
export interface OccupancyCheckRowIn {
  sourceId?: string | null;
  tenancySourceId?: string | null;
  checkedOn?: string | null;
  occupied?: string | null;
  inspector?: string | null;
  note?: string | null;
}
export interface HousingWarningRowIn {
  sourceId?: string | null;
  tenancySourceId?: string | null;
  issuedOn?: string | null;
  kind?: string | null;
  reason?: string | null;
  issuedBy?: string | null;
}

export interface HousingIntakeCtx {
  em: EntityManager;
  caller: Caller;
  archive?: ArchiveLink;
  requestId: string;
  now: Date;
  today: string;
}

const WRITE_ROLES = ["OPERATOR", "ADMIN"] as const;
const NOT_IN_JURISDICTION = (d: string) => `区划 ${d} 不在本机构辖区内：只能加载本辖区的数据（R2.4）`;

/** R2.4: housing data is loaded by a housing authority for its own jurisdiction. */
function authorityOf(caller: Caller): string {
  const own = authorityDivision(caller.org);
  if (!own) throw hubError(ErrorCode.FORBIDDEN, "租赁、租金台账、入户核查和警告数据只能由住房保障主管部门加载");
  return own;
}

const TENANCY_COLUMNS: readonly ColumnSpec[] = [
  ["id", "uuid"],
  ["family_id", "uuid"],
  ["division_code", "text"],
  ["unit_address", "text"],
  ["lease_start", "date"],
  ["lease_end", "date"],
  ["monthly_rent", "numeric"],
  ["applicant_id_number", "text"],
  ["owner_org", "text"],
  ["source_system", "text"],
  ["source_id", "text"],
  ["created_at", "timestamptz"],
  ["updated_at", "timestamptz"],
];
const TENANCY_VALUES = ["family_id", "division_code", "unit_address", "lease_start", "lease_end", "monthly_rent", "applicant_id_number"] as const;

interface StoredTenancy {
  id: string;
  family_id: string;
  division_code: string;
  unit_address: string;
  lease_start: string;
  lease_end: string;
  monthly_rent: number;
  applicant_id_number: string | null;
  owner_org: string | null;
  source_system: string | null;
  source_id: string | null;
  created_at: Date;
}

const TENANCY_SELECT = `select "id", "family_id", "division_code", "unit_address", to_char("lease_start", 'YYYY-MM-DD') as "lease_start", to_char("lease_end", 'YYYY-MM-DD') as "lease_end",
  "monthly_rent"::float8 as "monthly_rent", "applicant_id_number", "owner_org", "source_system", "source_id", "created_at" from "housing"."tenancy"`;

function pick(row: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

export async function importTenancies(ctx: HousingIntakeCtx, sourceSystemIn: string, rows: TenancyRowIn[], opts: IntakeOptions): Promise<IntakeReportView> {
  const sourceSystem = checkBatch(ctx.caller, sourceSystemIn, rows, WRITE_ROLES);
  const own = authorityOf(ctx.caller);
  const p = new RowProblems();
  const checked = rows.map((r, i) => {
    const v = {
      sourceId: p.take(i, "sourceId", rule.sourceId(r.sourceId, "租赁合同编号")),
      applicantIdNumber: p.take(i, "applicantIdNumber", rule.idNumber(r.applicantIdNumber, "申请人身份证号码")),
      applicantName: p.take(i, "applicantName", rule.text(r.applicantName, "申请人姓名", 64, { optional: true })),
      divisionCode: p.take(i, "divisionCode", rule.division(r.divisionCode)),
      unitAddress: p.take(i, "unitAddress", rule.text(r.unitAddress, "房屋地址", 200, { min: 4 })),
      leaseStart: p.take(i, "leaseStart", rule.date(r.leaseStart, "租赁起始日期")),
      leaseEnd: p.take(i, "leaseEnd", rule.date(r.leaseEnd, "租赁终止日期")),
      monthlyRent: p.take(i, "monthlyRent", rule.amount(r.monthlyRent, "月租金", { positive: true, max: 100_000 })),
    };
    if (v.divisionCode && !isWithinJurisdiction(v.divisionCode, own)) p.add(i, "divisionCode", "NOT_IN_JURISDICTION", NOT_IN_JURISDICTION(v.divisionCode));
    if (v.leaseStart && v.leaseEnd && v.leaseEnd < v.leaseStart) p.add(i, "leaseEnd", "INVALID_DATE", `租赁终止日期 ${v.leaseEnd} 早于起始日期 ${v.leaseStart}`);
    return v;
  });
  // The applicants' families, from the archive (their real divisions decide, visible or not).
  const idNumbers = [...new Set(checked.flatMap((v, i) => (!p.isRejected(i) && v.applicantIdNumber ? [v.applicantIdNumber] : [])))];
  if (idNumbers.length && !ctx.archive) throw hubError(ErrorCode.INTERNAL_SERVER_ERROR, "无法连接省级档案库，请稍后重试");
  const families = new Map((await (ctx.archive?.memberFamilies(idNumbers, ctx.requestId) ?? Promise.resolve([]))).map((m) => [m.idNumber, m]));
  const seenSource = new Set<string>();
  const seenFamily = new Set<string>();
  checked.forEach((v, i) => {
    if (p.isRejected(i)) return;
    const family = families.get(v.applicantIdNumber!);
    // Existence is data too: a family elsewhere and no family look the same to this authority.
    if (!family || !isWithinJurisdiction(family.divisionCode, own)) {
      p.add(i, "applicantIdNumber", "UNKNOWN_FAMILY", "本辖区家庭档案中没有以该身份证号码为成员的家庭：请先建立家庭档案");
      return;
    }
    if (family.divisionCode !== v.divisionCode) p.add(i, "divisionCode", "DIVISION_MISMATCH", `该家庭档案所在区划为 ${family.divisionCode}，与填写的 ${v.divisionCode} 不符`);
    if (seenSource.has(v.sourceId!)) p.add(i, "sourceId", "DUPLICATE_IN_BATCH", `租赁合同编号 ${v.sourceId} 在本批中重复`);
    if (seenFamily.has(family.familyId)) p.add(i, "applicantIdNumber", "DUPLICATE_IN_BATCH", "同一家庭在本批中有两份租赁");
    seenSource.add(v.sourceId!);
    seenFamily.add(family.familyId);
  });
  const accepted = checked.flatMap((v, i) => (p.isRejected(i) ? [] : [{ i, ...v, familyId: families.get(v.applicantIdNumber!)!.familyId }]));

  const plan = async (em: EntityManager) => {
    const bySource = new Map(
      (accepted.length
        ? await sqlQuery<StoredTenancy>(em, `${TENANCY_SELECT} where "owner_org" = ? and "source_system" = ? and "source_id" = any(cast(? as text[]))`, [ctx.caller.org, sourceSystem, pgTextArray(accepted.map((a) => a.sourceId!))])
        : []
      ).map((t) => [t.source_id!, t]),
    );
    const byFamily = new Map(
      (accepted.length ? await sqlQuery<StoredTenancy>(em, `${TENANCY_SELECT} where "family_id" = any(cast(? as uuid[]))`, [`{${accepted.map((a) => a.familyId).join(",")}}`]) : []).map((t) => [t.family_id, t]),
    );
    const inserts: Record<string, unknown>[] = [];
    const updates: Record<string, unknown>[] = [];
    const revisions: Revision[] = [];
    let unchanged = 0;
    for (const a of accepted) {
      const values = { family_id: a.familyId, division_code: a.divisionCode, unit_address: a.unitAddress, lease_start: a.leaseStart, lease_end: a.leaseEnd, monthly_rent: a.monthlyRent, applicant_id_number: a.applicantIdNumber };
      const source = bySource.get(a.sourceId!);
      const ofFamily = byFamily.get(a.familyId);
      if (source && ofFamily && ofFamily.id !== source.id) {
        p.add(a.i, "applicantIdNumber", "CONFLICT", "该家庭已有另一份租赁记录：一个家庭只保留一份现行租赁");
        continue;
      }
      const existing = source ?? ofFamily;
      const key = { owner_org: ctx.caller.org, source_system: sourceSystem, source_id: a.sourceId };
      if (!existing) {
        inserts.push({ id: randomUUID(), ...values, ...key, created_at: ctx.now.toISOString(), updated_at: null });
        continue;
      }
      if (source && sameValues(existing as unknown as Record<string, unknown>, values, TENANCY_VALUES)) {
        unchanged++;
        continue;
      }
      // A changed row, or the family's earlier tenancy now delivered by this source: an update with history.
      const before = pick(existing as unknown as Record<string, unknown>, [...TENANCY_VALUES, "owner_org", "source_system", "source_id"]);
      updates.push({ id: existing.id, ...values, ...key, created_at: new Date(existing.created_at).toISOString(), updated_at: ctx.now.toISOString() });
      revisions.push({ kind: "TENANCY", row_id: existing.id, source_system: sourceSystem, source_id: a.sourceId!, before, after: { ...values, ...key } });
    }
    return { inserts, updates, revisions, unchanged };
  };
  return execute(ctx, "TENANCY", sourceSystem, rows.length, p, opts, plan, async (tx, w) => {
    await updateRows(tx, `"housing"."tenancy"`, TENANCY_COLUMNS, w.updates);
    await insertRows(tx, `"housing"."tenancy"`, TENANCY_COLUMNS, w.inserts);
  });
}

type Plan = IntakePlan;

/** The engine's plan-then-write flow for a housing kind (one load of the organisation and kind at a time). */
async function execute(
  ctx: HousingIntakeCtx,
  kind: string,
  sourceSystem: string,
  received: number,
  p: RowProblems,
  opts: IntakeOptions,
  plan: (em: EntityManager) => Promise<Plan>,
  write: (tx: EntityManager, w: Plan) => Promise<void>,
): Promise<IntakeReportView> {
  return (await runIntake(ctx.em, { schema: "housing", caller: ctx.caller, kind, now: ctx.now }, { sourceSystem, rows: received, problems: p }, opts, plan, write)).report;
}

/** The caller's tenancies by their source ids (own organisation and source system, in its jurisdiction). */
async function tenanciesBySource(em: EntityManager, caller: Caller, sourceSystem: string, own: string, ids: string[]): Promise<Map<string, { id: string; division_code: string }>> {
  if (!ids.length) return new Map();
  const rows = await sqlQuery<{ id: string; source_id: string; division_code: string }>(
    em,
    `select "id", "source_id", "division_code" from "housing"."tenancy" where "owner_org" = ? and "source_system" = ? and "source_id" = any(cast(? as text[]))`,
    [caller.org, sourceSystem, pgTextArray([...new Set(ids)])],
  );
  return new Map(rows.filter((r) => isWithinJurisdiction(r.division_code, own)).map((r) => [r.source_id, r]));
}

const UNKNOWN_TENANCY = (s: string) => `没有租赁合同编号为 ${s} 的租赁（本机构、本来源系统）：请先加载租赁数据`;

const LEDGER_COLUMNS: readonly ColumnSpec[] = [
  ["id", "uuid"],
  ["tenancy_id", "uuid"],
  ["month", "date"],
  ["amount_due", "numeric"],
  ["amount_paid", "numeric"],
  ["paid_on", "date"],
  ["owner_org", "text"],
  ["source_system", "text"],
  ["source_id", "text"],
  ["updated_at", "timestamptz"],
];
const LEDGER_VALUES = ["amount_due", "amount_paid", "paid_on"] as const;

export async function importRentLedger(ctx: HousingIntakeCtx, sourceSystemIn: string, rows: RentLedgerRowIn[], opts: IntakeOptions): Promise<IntakeReportView> {
  const sourceSystem = checkBatch(ctx.caller, sourceSystemIn, rows, WRITE_ROLES);
  const own = authorityOf(ctx.caller);
  const p = new RowProblems();
  const checked = rows.map((r, i) => {
    const v = {
      tenancySourceId: p.take(i, "tenancySourceId", rule.sourceId(r.tenancySourceId, "租赁合同编号")),
      month: p.take(i, "month", rule.month(r.month, "租金月份", ctx.today)),
      amountDue: p.take(i, "amountDue", rule.amount(r.amountDue, "应缴金额", { max: 100_000 })),
      amountPaid: p.take(i, "amountPaid", rule.amount(r.amountPaid, "实缴金额", { max: 100_000 })),
      // No payment is recorded before it was made (R3.2: facts only).
      paidOn: p.take(i, "paidOn", rule.date(r.paidOn, "缴纳日期", { optional: true, notAfter: ctx.today })),
      sourceId: null as string | null,
    };
    if (rule.present(r.sourceId)) v.sourceId = p.take(i, "sourceId", rule.sourceId(r.sourceId)) ?? null;
    else if (v.tenancySourceId && v.month) v.sourceId = `${v.tenancySourceId}:${v.month.slice(0, 7)}`;
    if (v.amountDue !== undefined && v.amountPaid !== undefined && v.amountPaid > v.amountDue) p.add(i, "amountPaid", "INVALID_AMOUNT", `实缴金额 ${v.amountPaid} 元大于应缴金额 ${v.amountDue} 元`);
    if (v.amountPaid !== undefined && v.amountPaid > 0 && !v.paidOn && !p.isRejected(i)) p.add(i, "paidOn", "MISSING", "有实缴金额时缴纳日期不能为空");
    if (v.amountPaid === 0 && v.paidOn) p.add(i, "paidOn", "INVALID_DATE", "实缴金额为0时不应填写缴纳日期");
    return v;
  });
  const plan = async (em: EntityManager): Promise<Plan> => {
    const tenancies = await tenanciesBySource(em, ctx.caller, sourceSystem, own, checked.flatMap((v, i) => (!p.isRejected(i) && v.tenancySourceId ? [v.tenancySourceId] : [])));
    const seen = new Set<string>();
    const accepted: { i: number; tenancyId: string; month: string; values: Record<string, unknown>; sourceId: string }[] = [];
    checked.forEach((v, i) => {
      if (p.isRejected(i)) return;
      const t = tenancies.get(v.tenancySourceId!);
      if (!t) return p.add(i, "tenancySourceId", "UNKNOWN_TENANCY", UNKNOWN_TENANCY(v.tenancySourceId!));
      const key = `${t.id}:${v.month}`;
      if (seen.has(key)) return p.add(i, "month", "DUPLICATE_IN_BATCH", `租赁 ${v.tenancySourceId} 的 ${v.month!.slice(0, 7)} 月在本批中重复`);
      seen.add(key);
      accepted.push({ i, tenancyId: t.id, month: v.month!, sourceId: v.sourceId!, values: { amount_due: v.amountDue, amount_paid: v.amountPaid, paid_on: v.paidOn ?? null } });
    });
    const existing = accepted.length
      ? await sqlQuery<{ id: string; tenancy_id: string; month: string; amount_due: number; amount_paid: number; paid_on: string | null; owner_org: string | null; source_system: string | null; source_id: string | null }>(
          em,
          `select l."id", l."tenancy_id", to_char(l."month", 'YYYY-MM-DD') as "month", l."amount_due"::float8 as "amount_due", l."amount_paid"::float8 as "amount_paid",
                  to_char(l."paid_on", 'YYYY-MM-DD') as "paid_on", l."owner_org", l."source_system", l."source_id"
             from "housing"."rent_ledger_entry" l join unnest(cast(? as uuid[]), cast(? as date[])) as k("tenancy_id", "month") on l."tenancy_id" = k."tenancy_id" and l."month" = k."month"`,
          [`{${accepted.map((a) => a.tenancyId).join(",")}}`, `{${accepted.map((a) => a.month).join(",")}}`],
        )
      : [];
    const stored = new Map(existing.map((e) => [`${e.tenancy_id}:${e.month}`, e]));
    const w: Plan = { inserts: [], updates: [], revisions: [], unchanged: 0 };
    for (const a of accepted) {
      const key = { owner_org: ctx.caller.org, source_system: sourceSystem, source_id: a.sourceId };
      const e = stored.get(`${a.tenancyId}:${a.month}`);
      if (!e) {
        w.inserts.push({ id: randomUUID(), tenancy_id: a.tenancyId, month: a.month, ...a.values, ...key, updated_at: null });
      } else if (sameValues(e as unknown as Record<string, unknown>, a.values, LEDGER_VALUES) && e.source_id === a.sourceId && e.source_system === sourceSystem) {
        w.unchanged++;
      } else {
        w.updates.push({ id: e.id, tenancy_id: a.tenancyId, month: a.month, ...a.values, ...key, updated_at: ctx.now.toISOString() });
        w.revisions.push({ kind: "RENT_LEDGER", row_id: e.id, source_system: sourceSystem, source_id: a.sourceId, before: pick(e as unknown as Record<string, unknown>, [...LEDGER_VALUES, "owner_org", "source_system", "source_id"]), after: { ...a.values, ...key } });
      }
    }
    return w;
  };
  return execute(ctx, "RENT_LEDGER", sourceSystem, rows.length, p, opts, plan, async (tx, w) => {
    await updateRows(tx, `"housing"."rent_ledger_entry"`, LEDGER_COLUMNS, w.updates);
    await insertRows(tx, `"housing"."rent_ledger_entry"`, LEDGER_COLUMNS, w.inserts);
  });
}

/** Occupancy checks and warnings: rows of a tenancy keyed by their own source id. */
async function importTenancyEvents(
  ctx: HousingIntakeCtx,
  kind: "OCCUPANCY_CHECK" | "HOUSING_WARNING",
  table: string,
  columns: readonly ColumnSpec[],
  valueKeys: readonly string[],
  sourceSystem: string,
  received: number,
  p: RowProblems,
  checked: { i: number; sourceId?: string; tenancySourceId?: string; values: Record<string, unknown> }[],
  opts: IntakeOptions,
): Promise<IntakeReportView> {
  const own = authorityOf(ctx.caller);
  const select = `select "id", "tenancy_id", ${valueKeys.map((k) => (columns.find(([n]) => n === k)?.[1] === "date" ? `to_char("${k}", 'YYYY-MM-DD') as "${k}"` : `"${k}"`)).join(", ")}, "source_id" from ${table}`;
  const plan = async (em: EntityManager): Promise<Plan> => {
    const tenancies = await tenanciesBySource(em, ctx.caller, sourceSystem, own, checked.flatMap((c) => (!p.isRejected(c.i) && c.tenancySourceId ? [c.tenancySourceId] : [])));
    const seen = new Set<string>();
    const accepted: (typeof checked[number] & { tenancyId: string })[] = [];
    for (const c of checked) {
      if (p.isRejected(c.i)) continue;
      const t = tenancies.get(c.tenancySourceId!);
      if (!t) {
        p.add(c.i, "tenancySourceId", "UNKNOWN_TENANCY", UNKNOWN_TENANCY(c.tenancySourceId!));
        continue;
      }
      if (seen.has(c.sourceId!)) {
        p.add(c.i, "sourceId", "DUPLICATE_IN_BATCH", `来源编号 ${c.sourceId} 在本批中重复`);
        continue;
      }
      seen.add(c.sourceId!);
      accepted.push({ ...c, tenancyId: t.id });
    }
    const existing = accepted.length
      ? await sqlQuery<Record<string, unknown> & { id: string; source_id: string }>(em, `${select} where "owner_org" = ? and "source_system" = ? and "source_id" = any(cast(? as text[]))`, [
          ctx.caller.org,
          sourceSystem,
          pgTextArray(accepted.map((a) => a.sourceId!)),
        ])
      : [];
    const stored = new Map(existing.map((e) => [e.source_id, e]));
    const w: Plan = { inserts: [], updates: [], revisions: [], unchanged: 0 };
    const compared = ["tenancy_id", ...valueKeys];
    for (const a of accepted) {
      const values = { tenancy_id: a.tenancyId, ...a.values };
      const key = { owner_org: ctx.caller.org, source_system: sourceSystem, source_id: a.sourceId };
      const e = stored.get(a.sourceId!);
      if (!e) w.inserts.push({ id: randomUUID(), ...values, ...key, updated_at: null });
      else if (sameValues(e, values, compared)) w.unchanged++;
      else {
        w.updates.push({ id: e.id, ...values, ...key, updated_at: ctx.now.toISOString() });
        w.revisions.push({ kind, row_id: e.id, source_system: sourceSystem, source_id: a.sourceId!, before: pick(e, compared), after: values });
      }
    }
    return w;
  };
  return execute(ctx, kind, sourceSystem, received, p, opts, plan, async (tx, w) => {
    await updateRows(tx, table, columns, w.updates);
    await insertRows(tx, table, columns, w.inserts);
  });
}

const CHECK_COLUMNS: readonly ColumnSpec[] = [
  ["id", "uuid"],
  ["tenancy_id", "uuid"],
  ["checked_on", "date"],
  ["occupied", "boolean"],
  ["inspector", "text"],
  ["note", "text"],
  ["owner_org", "text"],
  ["source_system", "text"],
  ["source_id", "text"],
  ["updated_at", "timestamptz"],
];

export async function importOccupancyChecks(ctx: HousingIntakeCtx, sourceSystemIn: string, rows: OccupancyCheckRowIn[], opts: IntakeOptions): Promise<IntakeReportView> {
  const sourceSystem = checkBatch(ctx.caller, sourceSystemIn, rows, WRITE_ROLES);
  authorityOf(ctx.caller);
  const p = new RowProblems();
  const checked = rows.map((r, i) => ({
    i,
    sourceId: p.take(i, "sourceId", rule.sourceId(r.sourceId)),
    tenancySourceId: p.take(i, "tenancySourceId", rule.sourceId(r.tenancySourceId, "租赁合同编号")),
    values: {
      checked_on: p.take(i, "checkedOn", rule.date(r.checkedOn, "核查日期", { notAfter: ctx.today })),
      occupied: p.take(i, "occupied", rule.yesNo(r.occupied, "是否实际居住")),
      inspector: p.take(i, "inspector", rule.text(r.inspector, "核查人", 64)),
      note: p.take(i, "note", rule.text(r.note, "备注", 200, { optional: true })) ?? null,
    },
  }));
  return importTenancyEvents(ctx, "OCCUPANCY_CHECK", `"housing"."occupancy_check"`, CHECK_COLUMNS, ["checked_on", "occupied", "inspector", "note"], sourceSystem, rows.length, p, checked, opts);
}

const WARNING_COLUMNS: readonly ColumnSpec[] = [
  ["id", "uuid"],
  ["tenancy_id", "uuid"],
  ["issued_on", "date"],
  ["kind", "text"],
  ["reason", "text"],
  ["issued_by", "text"],
  ["owner_org", "text"],
  ["source_system", "text"],
  ["source_id", "text"],
  ["updated_at", "timestamptz"],
];

export async function importHousingWarnings(ctx: HousingIntakeCtx, sourceSystemIn: string, rows: HousingWarningRowIn[], opts: IntakeOptions): Promise<IntakeReportView> {
  const sourceSystem = checkBatch(ctx.caller, sourceSystemIn, rows, WRITE_ROLES);
  authorityOf(ctx.caller);
  const p = new RowProblems();
  const checked = rows.map((r, i) => ({
    i,
    sourceId: p.take(i, "sourceId", rule.sourceId(r.sourceId)),
    tenancySourceId: p.take(i, "tenancySourceId", rule.sourceId(r.tenancySourceId, "租赁合同编号")),
    values: {
      issued_on: p.take(i, "issuedOn", rule.date(r.issuedOn, "发出日期", { notAfter: ctx.today })),
      kind: p.take(i, "kind", rule.warningKind(r.kind)),
      reason: p.take(i, "reason", rule.text(r.reason, "警告事由", 300)),
      issued_by: p.take(i, "issuedBy", rule.text(r.issuedBy, "发出单位", 64, { optional: true })) ?? null,
    },
  }));
  return importTenancyEvents(ctx, "HOUSING_WARNING", `"housing"."housing_warning"`, WARNING_COLUMNS, ["issued_on", "kind", "reason", "issued_by"], sourceSystem, rows.length, p, checked, opts);
}
