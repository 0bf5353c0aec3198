import { arrearsAmount, consecutiveMonthsVacant, monthsInArrears } from "../../domain/tenancy-metrics";
import type { Tenancy as TenancyEntity } from "./entities/tenancy.entity";
import type { Tenancy } from "../../../resolvers/housing/housing.types";

const day = (v: string | Date | null | undefined): string | null => (v == null ? null : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

export function toTenancy(t: TenancyEntity): Tenancy {
  const ledger = t.rentLedger.getItems().map((l) => ({
    month: day(l.month)!,
    amountDue: Number(l.amountDue),
    amountPaid: Number(l.amountPaid),
    paidOn: day(l.paidOn),
  }));
  const checks = t.occupancyChecks.getItems().map((c) => ({ checkedOn: day(c.checkedOn)!, occupied: c.occupied, inspector: c.inspector, note: c.note ?? null }));
  return {
    id: t.id,
    unitAddress: t.unitAddress,
    leaseStart: day(t.leaseStart)!,
    leaseEnd: day(t.leaseEnd)!,
    monthlyRent: Number(t.monthlyRent),
    monthsInArrears: monthsInArrears(ledger),
    arrearsAmount: arrearsAmount(ledger),
    monthsVacant: consecutiveMonthsVacant(checks),
    rentLedger: ledger,
    occupancyChecks: checks,
    warnings: t.warnings.getItems().map((w) => ({ issuedOn: day(w.issuedOn)!, kind: w.kind, reason: w.reason, issuedBy: w.issuedBy ?? null })),
  };
}

/** A tenancy as the read path gives it: its figures, the collections read only when asked for. */
export type TenancyView = Omit<Tenancy, "rentLedger" | "occupancyChecks" | "warnings" | "monthsVacant"> &
  Partial<Pick<Tenancy, "rentLedger" | "occupancyChecks" | "warnings" | "monthsVacant">>;

export interface TenancySummaryRow {
  id: string;
  family_id: string;
  unit_address: string;
  lease_start: string;
  lease_end: string;
  monthly_rent: number;
  months_in_arrears: number;
  arrears_amount: number;
}

/** The tenancy's figures computed in SQL (the same rules as monthsInArrears and arrearsAmount). */
export function toTenancySummary(r: TenancySummaryRow): TenancyView {
  return {
    id: r.id,
    unitAddress: r.unit_address,
    leaseStart: r.lease_start,
    leaseEnd: r.lease_end,
    monthlyRent: Number(r.monthly_rent),
    monthsInArrears: Number(r.months_in_arrears),
    arrearsAmount: Number(r.arrears_amount),
  };
}
