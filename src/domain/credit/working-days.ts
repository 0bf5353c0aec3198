// Deadlines in working days (工作日) with a configurable holiday calendar: statutory holidays
// are not working days, and weekend days declared working days (调休) are.
import { addDays, shanghaiDate, toDate } from "./dates";

export interface HolidayCalendar {
  /** Public holidays (法定节假日及调休放假日), YYYY-MM-DD. */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休上班日), YYYY-MM-DD. */
  workingWeekends: ReadonlySet<string>;
}

export function calendarFrom(data: { holidays: string[]; workingWeekends: string[] }): HolidayCalendar {
  return { holidays: new Set(data.holidays), workingWeekends: new Set(data.workingWeekends) };
}

export const NO_HOLIDAYS: HolidayCalendar = { holidays: new Set(), workingWeekends: new Set() };

export function isWorkingDay(d: string, cal: HolidayCalendar): boolean {
  if (cal.holidays.has(d)) return false;
  if (cal.workingWeekends.has(d)) return true;
  const dow = toDate(d).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The n-th working day after d (d itself does not count); n = 0 gives d. */
export function addWorkingDays(d: string, n: number, cal: HolidayCalendar): string {
  let day = d;
  let left = n;
  while (left > 0) {
    day = addDays(day, 1);
    if (isWorkingDay(day, cal)) left--;
  }
  return day;
}

/** d itself when it is a working day, else the next working day. */
export function nextWorkingDayOnOrAfter(d: string, cal: HolidayCalendar): string {
  let day = d;
  while (!isWorkingDay(day, cal)) day = addDays(day, 1);
  return day;
}

/**
 * The last day of a period of `days` calendar days starting the day after `start`; when it
 * falls on a holiday or weekend the period ends on the next working day (期间届满日为节假日的，
 * 以节假日后的第一个工作日为期间届满日).
 */
export function endOfCalendarPeriod(start: string, days: number, cal: HolidayCalendar): string {
  return nextWorkingDayOnOrAfter(addDays(start, days), cal);
}

/** Working days strictly after `from` up to and including `to` (0 when to ≤ from). */
export function workingDaysBetween(from: string, to: string, cal: HolidayCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

/**
 * The year of `at` when the calendar holds no holiday of that year (its deadlines would count
 * weekends only), else null: the bundled calendar is extended each year the State Council
 * publishes the next year's arrangements (国务院办公厅关于部分节假日安排的通知).
 */
export function uncoveredYear(cal: HolidayCalendar, at: Date): number | null {
  const year = shanghaiDate(at).slice(0, 4);
  for (const d of cal.holidays) if (d.startsWith(`${year}-`)) return null;
  return Number(year);
}
