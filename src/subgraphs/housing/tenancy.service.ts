// Municipal operations' writes: rent payments and occupancy checks, which feed the arrears
// and vacancy behaviours (6) and (7) of section 四 (R4.1).
import type { EntityManager } from "@mikro-orm/core";
import { badInput, ErrorCode, hubError } from "../../errors";
import { InputProblem } from "../../domain/input-problem";
import { Tenancy } from "./entities/tenancy.entity";
import { RentLedgerEntry } from "./entities/rent-ledger-entry.entity";
import { OccupancyCheckEntry } from "./entities/occupancy-check.entity";

export async function recordRentPayment(em: EntityManager, tenancy: Tenancy, month: string, amountPaid: number, paidOn: string, today: string): Promise<void> {
  const problems: InputProblem[] = [];
  if (paidOn > today) problems.push(new InputProblem("paidOn", "缴纳日期不能晚于今天"));
  if (!month.endsWith("-01")) problems.push(new InputProblem("month", "租金月份应为当月1日（YYYY-MM-01）"));
  if (!Number.isFinite(amountPaid) || amountPaid <= 0) problems.push(new InputProblem("amountPaid", "缴纳金额应为正数"));
  if (paidOn < month) problems.push(new InputProblem("paidOn", "缴纳日期不能早于租金月份"));
  if (problems.length) throw badInput(problems);
  await em.transactional(async (tx) => {
    const line = await tx.findOne(RentLedgerEntry, { tenancy: tenancy.id, month });
    if (!line) throw hubError(ErrorCode.NOT_FOUND, `租金台账中没有 ${month.slice(0, 7)} 月的应缴记录`);
    if (Number(line.amountPaid) + amountPaid > Number(line.amountDue) + 0.001) {
      throw badInput([new InputProblem("amountPaid", `缴纳金额超过当月欠缴金额（${(Number(line.amountDue) - Number(line.amountPaid)).toFixed(2)} 元）`)]);
    }
    line.amountPaid = Number(line.amountPaid) + amountPaid;
    line.paidOn = paidOn;
  });
}

export async function recordOccupancyCheck(em: EntityManager, tenancy: Tenancy, checkedOn: string, occupied: boolean, inspector: string, note: string | null, today: string): Promise<void> {
  const problems: InputProblem[] = [];
  if (checkedOn > today) problems.push(new InputProblem("checkedOn", "核查日期不能晚于今天"));
  if (!inspector.trim() || inspector.length > 64) problems.push(new InputProblem("inspector", "核查人不能为空且不超过64个字符"));
  if (note && note.length > 200) problems.push(new InputProblem("note", "备注不超过200个字符"));
  if (problems.length) throw badInput(problems);
  await em.transactional(async (tx) => {
    tx.persist(tx.create(OccupancyCheckEntry, { tenancy: tenancy.id, checkedOn, occupied, inspector: inspector.trim(), note }));
  });
}
