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
    warnings: t.warnings.getItems().map((w) => ({ issuedOn: day(w.issuedOn)!, kind: w.kind, reason: w.reason })),
  };
}
