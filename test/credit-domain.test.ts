// Unit tests of the pure credit domain (src/domain/credit, src/domain/clock): tiers and scoring
// (R5.2), rule-set refinement (R4.2), list eligibility (R5.3, R6.3, R6.4), the joint-punishment
// procedure (R6.6) on the real holiday calendar, date arithmetic and the injectable clock.
// Every expected date below is computed by hand against src/data/holidays-cn.json.
import { describe, expect, it } from "vitest";
import holidaysJson from "../src/data/holidays-cn.json";
import { ManualClock, today } from "../src/domain/clock";
import { addDays, addMonths, addYears, daysBetween, quarterLabel, quarterStart, shanghaiDate } from "../src/domain/credit/dates";
import { jointPunishmentReasons, keyAttentionEligible, strongestList, warningEligible, type ListPeriod, type RecordWithOrder } from "../src/domain/credit/lists";
import {
  advance,
  closeProcedure,
  earliestNextOn,
  overdueStep,
  startProcedure,
  statusOfStep,
  stepName,
  keyAttentionPeriod,
  warningPeriod,
  type JointProcedure,
} from "../src/domain/credit/procedure";
import { baseBehavior, behaviorOf, PROVINCE_RULES_V1, refineRuleSet, type RuleSet, type RuleSetRefinement } from "../src/domain/credit/rule-set";
import { BASE_SCORE, counts, scoreOf, severityOf, tierOf, useEndsOn, type RecordStatus } from "../src/domain/credit/score";
import { addWorkingDays, calendarFrom, endOfCalendarPeriod, isWorkingDay, NO_HOLIDAYS, nextWorkingDayOnOrAfter, workingDaysBetween } from "../src/domain/credit/working-days";

const P = PROVINCE_RULES_V1;
const CAL = calendarFrom(holidaysJson);

let seq = 0;
function rec(behaviorCode: string, occurredOn: string, extra: Partial<RecordWithOrder> = {}): RecordWithOrder {
  seq += 1;
  return { id: `r${String(seq).padStart(3, "0")}`, behaviorCode, status: "IDENTIFIED", occurredOn, ...extra };
}

function refined(r: Partial<RuleSetRefinement>, parent: RuleSet = P): RuleSet {
  const out = refineRuleSet(parent, { version: "420100-v1", divisionCode: "420100", effectiveFrom: "2026-01-01", ...r });
  if (!out.ok) throw new Error(`refinement refused: ${out.problems.map((x) => `${x.field}: ${x.message}`).join("; ")}`);
  return out.rules;
}

function problemsOf(r: Partial<RuleSetRefinement>, parent: RuleSet = P) {
  const out = refineRuleSet(parent, { version: "420100-v1", divisionCode: "420100", effectiveFrom: "2026-01-01", ...r });
  if (out.ok) throw new Error("refinement unexpectedly accepted");
  return out.problems;
}

// ---------------------------------------------------------------------------------------------
describe("dates (Asia/Shanghai calendar days)", () => {
  it("addMonths keeps the day or clamps to the end of the month", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2025-03-31", 1)).toBe("2025-04-30");
    expect(addMonths("2025-03-31", -1)).toBe("2025-02-28");
    expect(addMonths("2025-12-15", 1)).toBe("2026-01-15");
    expect(addMonths("2026-01-15", -1)).toBe("2025-12-15");
    expect(addMonths("2025-08-31", 6)).toBe("2026-02-28");
    expect(addMonths("2026-03-10", 0)).toBe("2026-03-10");
    expect(addMonths("2026-03-10", -12)).toBe("2025-03-10");
  });

  it("addYears clamps 29 February and addDays crosses months and years", () => {
    expect(addYears("2024-02-29", 1)).toBe("2025-02-28");
    expect(addYears("2024-02-29", 4)).toBe("2028-02-29");
    expect(addYears("2024-02-29", 5)).toBe("2029-02-28");
    expect(addYears("2021-06-01", 5)).toBe("2026-06-01");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2026-02-14", 14)).toBe("2026-02-28");
    expect(daysBetween("2026-02-14", "2026-02-28")).toBe(14);
    expect(daysBetween("2026-02-28", "2026-02-14")).toBe(-14);
    expect(daysBetween("2025-01-01", "2026-01-01")).toBe(365);
  });

  it("shanghaiDate switches day at 16:00Z (midnight UTC+8)", () => {
    expect(shanghaiDate(new Date("2025-12-31T15:59:59.999Z"))).toBe("2025-12-31");
    expect(shanghaiDate(new Date("2025-12-31T16:00:00.000Z"))).toBe("2026-01-01");
    expect(shanghaiDate(new Date("2026-02-28T15:59:00Z"))).toBe("2026-02-28");
    expect(shanghaiDate(new Date("2026-02-28T16:00:00Z"))).toBe("2026-03-01");
    expect(shanghaiDate(new Date("2026-03-01T00:00:00+08:00"))).toBe("2026-03-01");
  });

  it("quarterStart and quarterLabel", () => {
    expect(quarterStart("2026-01-01")).toBe("2026-01-01");
    expect(quarterStart("2026-02-14")).toBe("2026-01-01");
    expect(quarterStart("2026-03-31")).toBe("2026-01-01");
    expect(quarterStart("2026-04-01")).toBe("2026-04-01");
    expect(quarterStart("2026-06-30")).toBe("2026-04-01");
    expect(quarterStart("2026-09-30")).toBe("2026-07-01");
    expect(quarterStart("2026-12-31")).toBe("2026-10-01");
    expect(quarterLabel("2026-03-31")).toBe("2026Q1");
    expect(quarterLabel("2026-04-01")).toBe("2026Q2");
    expect(quarterLabel("2026-07-01")).toBe("2026Q3");
    expect(quarterLabel("2025-12-31")).toBe("2025Q4");
  });
});

// ---------------------------------------------------------------------------------------------
describe("ManualClock and today()", () => {
  it("a date-only start is 09:00 in Shanghai on that day", () => {
    const clock = new ManualClock("2026-02-14");
    expect(clock.now().toISOString()).toBe("2026-02-14T01:00:00.000Z");
    expect(today(clock)).toBe("2026-02-14");
  });

  it("advanceDays moves by whole days, forwards and back", () => {
    const clock = new ManualClock("2026-02-14");
    clock.advanceDays(1);
    expect(today(clock)).toBe("2026-02-15");
    clock.advanceDays(14);
    expect(today(clock)).toBe("2026-03-01");
    clock.advanceDays(-2);
    expect(today(clock)).toBe("2026-02-27");
    expect(clock.now().toISOString()).toBe("2026-02-27T01:00:00.000Z");
  });

  it("set takes a date, an instant string or a Date; today follows the UTC+8 boundary", () => {
    const clock = new ManualClock(new Date("2025-06-01T00:00:00Z"));
    expect(today(clock)).toBe("2025-06-01");
    clock.set("2026-03-01T15:59:00Z");
    expect(today(clock)).toBe("2026-03-01");
    clock.set("2026-03-01T16:00:00Z");
    expect(today(clock)).toBe("2026-03-02");
    clock.set("2026-10-01");
    expect(clock.now().toISOString()).toBe("2026-10-01T01:00:00.000Z");
    clock.set(new Date("2026-12-31T23:00:00+08:00"));
    expect(today(clock)).toBe("2026-12-31");
    clock.advanceDays(1);
    expect(today(clock)).toBe("2027-01-01");
  });

  it("now() returns a copy: mutating it does not move the clock", () => {
    const clock = new ManualClock("2026-01-05");
    const d = clock.now();
    d.setUTCFullYear(2030);
    expect(today(clock)).toBe("2026-01-05");
    const start = new Date("2026-01-05T01:00:00Z");
    const clock2 = new ManualClock(start);
    start.setUTCFullYear(2030);
    expect(today(clock2)).toBe("2026-01-05");
  });
});

// ---------------------------------------------------------------------------------------------
describe("working days on the 2025–2026 statutory calendar", () => {
  it("the calendar loads every holiday and 调休 working weekend", () => {
    expect(CAL.holidays.size).toBe(holidaysJson.holidays.length);
    expect(CAL.workingWeekends.size).toBe(11);
  });

  it("isWorkingDay: weekday, weekend, holiday, 调休 working weekend", () => {
    expect(isWorkingDay("2026-03-10", CAL)).toBe(true); // Tuesday
    expect(isWorkingDay("2026-03-14", CAL)).toBe(false); // Saturday
    expect(isWorkingDay("2026-03-15", CAL)).toBe(false); // Sunday
    expect(isWorkingDay("2026-10-01", CAL)).toBe(false); // National Day, Thursday
    expect(isWorkingDay("2026-02-23", CAL)).toBe(false); // Spring Festival, Monday
    expect(isWorkingDay("2026-02-28", CAL)).toBe(true); // 调休 Saturday
    expect(isWorkingDay("2026-02-14", CAL)).toBe(true); // 调休 Saturday
    expect(isWorkingDay("2025-02-08", CAL)).toBe(true); // 调休 Saturday
    expect(isWorkingDay("2025-01-26", CAL)).toBe(true); // 调休 Sunday
    expect(isWorkingDay("2026-09-20", CAL)).toBe(true); // 调休 Sunday
    expect(isWorkingDay("2026-10-10", CAL)).toBe(true); // 调休 Saturday
    expect(isWorkingDay("2025-10-08", CAL)).toBe(false); // 2025 National Day + Mid-Autumn, Wednesday
    // Without a calendar only the weekend counts.
    expect(isWorkingDay("2026-10-01", NO_HOLIDAYS)).toBe(true);
    expect(isWorkingDay("2026-02-28", NO_HOLIDAYS)).toBe(false);
  });

  it("addWorkingDays across the 2026 Spring Festival (02-15…23 off, 02-14 and 02-28 worked)", () => {
    // 02-13 Fri(1) 02-14 Sat调休(2) [02-15…02-23 off] 02-24(3) 25(4) 26(5) 27(6) 02-28 Sat调休(7) [03-01 Sun] 03-02(8) 03(9) 04(10)
    expect(addWorkingDays("2026-02-12", 10, CAL)).toBe("2026-03-04");
    expect(addWorkingDays("2026-02-13", 1, CAL)).toBe("2026-02-14");
    expect(addWorkingDays("2026-02-14", 1, CAL)).toBe("2026-02-24");
    expect(addWorkingDays("2026-02-15", 5, CAL)).toBe("2026-02-28");
    expect(addWorkingDays("2026-02-12", 0, CAL)).toBe("2026-02-12");
    // Without the calendar: 02-13, 16…20, 23…26.
    expect(addWorkingDays("2026-02-12", 10, NO_HOLIDAYS)).toBe("2026-02-26");
  });

  it("addWorkingDays across National Day 2026 (09-25…27, 10-01…07 off; 09-20 and 10-10 worked)", () => {
    // 10-08 Thu(1) 09 Fri(2) 10 Sat调休(3) [11 Sun] 12 Mon(4) 13 Tue(5)
    expect(addWorkingDays("2026-09-30", 5, CAL)).toBe("2026-10-13");
    // 09-20 Sun调休(1) 21(2) 22(3) 23(4) 24(5) [25…27 off] 28(6) 29(7) 30(8) [10-01…07] 10-08(9) 09(10)
    expect(addWorkingDays("2026-09-19", 10, CAL)).toBe("2026-10-09");
    // 10-08(1) 09(2) 10-10 Sat调休(3)
    expect(addWorkingDays("2026-09-30", 3, CAL)).toBe("2026-10-10");
    // From Saturday 09-19: 09-20 is a 调休 Sunday and counts.
    expect(addWorkingDays("2026-09-19", 1, CAL)).toBe("2026-09-20");
    // 2025: 10-01…08 off, 10-11 Sat worked: 10-09(1) 10(2) 11(3)
    expect(addWorkingDays("2025-09-30", 3, CAL)).toBe("2025-10-11");
  });

  it("nextWorkingDayOnOrAfter", () => {
    expect(nextWorkingDayOnOrAfter("2026-03-10", CAL)).toBe("2026-03-10");
    expect(nextWorkingDayOnOrAfter("2026-03-14", CAL)).toBe("2026-03-16");
    expect(nextWorkingDayOnOrAfter("2026-02-15", CAL)).toBe("2026-02-24");
    expect(nextWorkingDayOnOrAfter("2026-02-28", CAL)).toBe("2026-02-28");
    expect(nextWorkingDayOnOrAfter("2026-01-01", CAL)).toBe("2026-01-04"); // 01-01…03 off, 01-04 Sun worked
  });

  it("endOfCalendarPeriod: 7 days, rolled to the next working day when needed", () => {
    expect(endOfCalendarPeriod("2026-03-02", 7, CAL)).toBe("2026-03-09"); // Monday: no roll
    expect(endOfCalendarPeriod("2026-03-07", 7, CAL)).toBe("2026-03-16"); // 03-14 Sat → Mon
    expect(endOfCalendarPeriod("2026-09-24", 7, CAL)).toBe("2026-10-08"); // 10-01 holiday → 10-08
    expect(endOfCalendarPeriod("2026-02-21", 7, CAL)).toBe("2026-02-28"); // 调休 Saturday: no roll
    expect(endOfCalendarPeriod("2026-02-09", 7, CAL)).toBe("2026-02-24"); // 02-16 holiday → 02-24
    expect(endOfCalendarPeriod("2026-09-24", 7, NO_HOLIDAYS)).toBe("2026-10-01");
  });

  it("workingDaysBetween counts (from, to]", () => {
    expect(workingDaysBetween("2026-02-13", "2026-02-28", CAL)).toBe(6); // 14, 24, 25, 26, 27, 28
    expect(workingDaysBetween("2026-09-30", "2026-10-13", CAL)).toBe(5);
    expect(workingDaysBetween("2026-02-12", "2026-03-04", CAL)).toBe(10);
    expect(workingDaysBetween("2026-03-09", "2026-03-13", CAL)).toBe(4);
    expect(workingDaysBetween("2026-03-10", "2026-03-10", CAL)).toBe(0);
    expect(workingDaysBetween("2026-03-13", "2026-03-10", CAL)).toBe(0);
    expect(workingDaysBetween("2026-10-01", "2026-10-07", CAL)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
describe("tiers and severity (R5.2)", () => {
  it("tier bands: 100 good, 80–99 mild, 60–79 moderate, < 60 severe", () => {
    expect(tierOf(100, P)).toBe("GOOD");
    expect(tierOf(99, P)).toBe("MILD");
    expect(tierOf(80, P)).toBe("MILD");
    expect(tierOf(79, P)).toBe("MODERATE");
    expect(tierOf(60, P)).toBe("MODERATE");
    expect(tierOf(59, P)).toBe("SEVERE");
    expect(tierOf(0, P)).toBe("SEVERE");
    expect(BASE_SCORE).toBe(100);
  });

  it("the province catalogue has the eleven behaviours with their deductions", () => {
    expect(P.behaviors.map((x) => x.code)).toEqual(["B01", "B02", "B03", "B04", "B05", "B06", "B07", "B08", "B09", "B10", "B11"]);
    expect(P.behaviors.map((x) => x.deduction)).toEqual([25, 45, 10, 45, 25, 25, 30, 5, 25, 45, 10]);
    expect(P.behaviors.every((x) => x.useYears === 5)).toBe(true);
  });

  it("severityOf each province behaviour", () => {
    const sev = Object.fromEntries(P.behaviors.map((x) => [x.code, severityOf(x.code, P)]));
    expect(sev).toEqual({
      B01: "MODERATE", // 25
      B02: "SEVERE", // 45
      B03: "MILD", // 10
      B04: "SEVERE", // 45
      B05: "MODERATE", // 25
      B06: "MODERATE", // 25
      B07: "MODERATE", // 30
      B08: "MILD", // 5
      B09: "MODERATE", // 25
      B10: "SEVERE", // 45
      B11: "MILD", // 10
    });
  });

  it("severity follows a refined (stricter) deduction and a sub-type's own deduction", () => {
    const city = refined({ behaviors: [{ code: "B03", deduction: 21 }], subTypes: [{ code: "B08-01", parentCode: "B08", name: "未及时报修致水管爆裂", deduction: 41 }] });
    expect(severityOf("B03", city)).toBe("MODERATE"); // 79
    expect(severityOf("B08-01", city)).toBe("SEVERE"); // 59
    expect(severityOf("B08", city)).toBe("MILD");
  });
});

// ---------------------------------------------------------------------------------------------
describe("scoring (R5.2, R7.2, R7.4, R7.5)", () => {
  const asOf = "2026-03-01";

  it("one identified record deducts its points", () => {
    const r = rec("B04", "2025-06-01");
    expect(scoreOf([r], asOf, P)).toEqual({ score: 55, tier: "SEVERE", records: [{ id: r.id, points: 45, repeat: false }] });
    expect(scoreOf([], asOf, P)).toEqual({ score: 100, tier: "GOOD", records: [] });
  });

  it("only IDENTIFIED, non-suspended records count", () => {
    const statuses: RecordStatus[] = ["CANDIDATE", "PENDING", "REJECTED", "REVOKED", "REPAIRED"];
    for (const status of statuses) {
      expect(counts(rec("B01", "2025-06-01", { status }), asOf, P)).toBe(false);
      expect(scoreOf([rec("B01", "2025-06-01", { status })], asOf, P).score).toBe(100);
    }
    expect(counts(rec("B01", "2025-06-01", { suspended: true }), asOf, P)).toBe(false);
    expect(counts(rec("B01", "2025-06-01", { suspended: false }), asOf, P)).toBe(true);
    const mixed = [rec("B01", "2025-06-01", { suspended: true }), rec("B03", "2025-07-01"), rec("B02", "2025-08-01", { status: "REVOKED" })];
    expect(scoreOf(mixed, asOf, P)).toMatchObject({ score: 90, tier: "MILD" });
    expect(scoreOf(mixed, asOf, P).records.map((x) => x.id)).toEqual([mixed[1].id]);
  });

  it("records occurring after asOf do not count; occurring on asOf do", () => {
    expect(counts(rec("B01", "2026-03-02"), asOf, P)).toBe(false);
    expect(counts(rec("B01", "2026-03-01"), asOf, P)).toBe(true);
    expect(scoreOf([rec("B01", "2026-03-02"), rec("B08", "2026-02-01")], asOf, P).score).toBe(95);
  });

  it("the use period ends exactly 5 years after occurredOn: counts the day before, not on that day", () => {
    const r = rec("B07", "2021-06-01");
    expect(useEndsOn(r, P)).toBe("2026-06-01");
    expect(counts(r, "2026-05-31", P)).toBe(true);
    expect(counts(r, "2026-06-01", P)).toBe(false);
    expect(scoreOf([r], "2026-05-31", P).score).toBe(70);
    expect(scoreOf([r], "2026-06-01", P).score).toBe(100);
  });

  it("the use period runs from endedOn when the behaviour lasted", () => {
    const r = rec("B06", "2020-01-10", { endedOn: "2021-03-15" });
    expect(useEndsOn(r, P)).toBe("2026-03-15");
    expect(counts(r, "2026-03-14", P)).toBe(true);
    expect(counts(r, "2026-03-15", P)).toBe(false);
    // endedOn null falls back to occurredOn; 29 February clamps.
    expect(useEndsOn(rec("B06", "2024-02-29", { endedOn: null }), P)).toBe("2029-02-28");
  });

  it("a refined longer use period is honoured", () => {
    const city = refined({ behaviors: [{ code: "B03", useYears: 6 }] });
    const r = rec("B03", "2020-06-01");
    expect(useEndsOn(r, city)).toBe("2026-06-01");
    expect(useEndsOn(r, P)).toBe("2025-06-01");
    expect(counts(r, "2025-06-01", city)).toBe(true);
    expect(counts(r, "2025-06-01", P)).toBe(false);
  });

  it("a repeat exactly 12 months later is NOT a repeat; one day less is", () => {
    const first = rec("B03", "2025-03-10");
    const atTwelve = rec("B03", "2026-03-10");
    expect(scoreOf([first, atTwelve], "2026-06-01", P)).toEqual({
      score: 80,
      tier: "MILD",
      records: [
        { id: first.id, points: 10, repeat: false },
        { id: atTwelve.id, points: 10, repeat: false },
      ],
    });
    const dayLess = rec("B03", "2026-03-09");
    expect(scoreOf([first, dayLess], "2026-06-01", P)).toEqual({
      score: 70,
      tier: "MODERATE",
      records: [
        { id: first.id, points: 10, repeat: false },
        { id: dayLess.id, points: 20, repeat: true },
      ],
    });
  });

  it("repeats are found regardless of input order, and every repeat within the window doubles", () => {
    const a = rec("B08", "2025-05-01");
    const b = rec("B08", "2025-09-01");
    const c = rec("B08", "2026-02-01");
    const s = scoreOf([c, a, b], asOf, P);
    expect(s.records).toEqual([
      { id: a.id, points: 5, repeat: false },
      { id: b.id, points: 10, repeat: true },
      { id: c.id, points: 10, repeat: true },
    ]);
    expect(s.score).toBe(75);
    expect(s.tier).toBe("MODERATE");
  });

  it("different behaviours are not repeats; a revoked earlier record does not make a repeat", () => {
    expect(scoreOf([rec("B03", "2025-06-01"), rec("B08", "2025-07-01")], asOf, P)).toMatchObject({ score: 85, tier: "MILD" });
    const s = scoreOf([rec("B03", "2025-06-01", { status: "REVOKED" }), rec("B03", "2025-07-01")], asOf, P);
    expect(s.score).toBe(90);
    expect(s.records[0].repeat).toBe(false);
  });

  it("a sub-type repeats its parent (and the parent its sub-type)", () => {
    const city = refined({ subTypes: [{ code: "B08-01", parentCode: "B08", name: "未及时报修致水管爆裂", deduction: 6 }] });
    expect(baseBehavior(city, "B08-01")).toBe("B08");
    expect(baseBehavior(city, "B08")).toBe("B08");
    const parent = rec("B08", "2025-05-01");
    const sub = rec("B08-01", "2025-08-01");
    expect(scoreOf([parent, sub], asOf, city)).toEqual({
      score: 83,
      tier: "MILD",
      records: [
        { id: parent.id, points: 5, repeat: false },
        { id: sub.id, points: 12, repeat: true },
      ],
    });
    const sub2 = rec("B08-01", "2025-05-01");
    const parent2 = rec("B08", "2025-08-01");
    expect(scoreOf([parent2, sub2], asOf, city).score).toBe(84); // 6 + 2×5
  });

  it("the score never goes below 0", () => {
    const s = scoreOf([rec("B02", "2025-05-01"), rec("B04", "2025-06-01"), rec("B10", "2025-07-01")], asOf, P);
    expect(s.score).toBe(0);
    expect(s.tier).toBe("SEVERE");
    expect(s.records.map((x) => x.points)).toEqual([45, 45, 45]);
  });

  it("a stricter repeat multiplier and window apply", () => {
    const city = refined({ repeat: { windowMonths: 24, multiplier: 3 } });
    const s = scoreOf([rec("B08", "2024-06-01"), rec("B08", "2026-01-01")], asOf, city);
    expect(s.score).toBe(80); // 5 + 15
    expect(scoreOf([rec("B08", "2024-06-01"), rec("B08", "2026-01-01")], asOf, P).score).toBe(90);
  });
});

// ---------------------------------------------------------------------------------------------
describe("refineRuleSet (R4.2: refine, never loosen)", () => {
  it("accepts stricter deductions, sub-types and periods, and records its lineage", () => {
    const out = refineRuleSet(P, {
      version: "420100-v1",
      divisionCode: "420100",
      effectiveFrom: "2026-01-01",
      behaviors: [
        { code: "B08", deduction: 8 },
        { code: "B03", useYears: 6 },
      ],
      subTypes: [{ code: "B04-01", parentCode: "B04", name: "通过网络平台转租", deduction: 50 }],
      tiers: { mildFrom: 85, moderateFrom: 65 },
      repeat: { windowMonths: 24, multiplier: 3 },
      warning: { entryMonths: 6 },
      keyAttention: { periodMonths: 18, mildCount: 1, windowMonths: 24 },
      jointPunishment: { reminderWorkingDays: 15, defenceWorkingDays: 7, publicityDays: 10, listingYears: 3, minListingYears: 2, stepGraceWorkingDays: 3 },
      measures: [{ code: "M09", name: "暂停办理租赁补贴发放", appliesTo: ["SEVERE"] }],
    });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const r = out.rules;
    expect(r.version).toBe("420100-v1");
    expect(r.divisionCode).toBe("420100");
    expect(r.parentVersion).toBe("420000-v1");
    expect(r.effectiveFrom).toBe("2026-01-01");
    expect(behaviorOf(r, "B08")?.deduction).toBe(8);
    expect(behaviorOf(r, "B03")?.useYears).toBe(6);
    expect(behaviorOf(r, "B04-01")).toEqual({
      code: "B04-01",
      name: "通过网络平台转租",
      deduction: 50,
      jointCriterion: 3,
      intentional: true,
      useYears: 5,
      parentCode: "B04",
      addedBy: "420100",
    });
    expect(r.behaviors).toHaveLength(12);
    expect(r.tiers).toEqual({ mildFrom: 85, moderateFrom: 65 });
    expect(r.repeat).toEqual({ windowMonths: 24, multiplier: 3 });
    expect(r.warning).toEqual({ entryMonths: 6 });
    expect(r.keyAttention).toEqual({ periodMonths: 18, mildCount: 1, windowMonths: 24 });
    expect(r.jointPunishment).toEqual({ reminderWorkingDays: 15, defenceWorkingDays: 7, publicityDays: 10, listingYears: 3, minListingYears: 2, stepGraceWorkingDays: 3 });
    expect(r.objection).toEqual(P.objection);
    expect(r.repair).toEqual(P.repair);
    expect(r.measures.map((m) => m.code)).toEqual(["M01", "M02", "M03", "M04", "M05", "M06", "M07", "M08", "M09"]);
    // The parent is untouched.
    expect(behaviorOf(P, "B08")?.deduction).toBe(5);
    expect(behaviorOf(P, "B03")?.useYears).toBe(5);
    expect(behaviorOf(P, "B04-01")).toBeUndefined();
    expect(P.measures).toHaveLength(8);
  });

  it("accepts an empty refinement (same values are not looser) and keeps the parent's values", () => {
    const r = refined({ behaviors: [{ code: "B01", deduction: 25 }], tiers: { mildFrom: 80 }, jointPunishment: { reminderWorkingDays: 10 } });
    expect(r.behaviors).toEqual(P.behaviors);
    expect(r.tiers).toEqual(P.tiers);
    expect(r.jointPunishment).toEqual(P.jointPunishment);
    expect(r.parentVersion).toBe("420000-v1");
  });

  it("a county refines its city's rule set; loosening the city's values is refused", () => {
    const city = refined({ behaviors: [{ code: "B08", deduction: 8 }], subTypes: [{ code: "B04-01", parentCode: "B04", name: "通过网络平台转租", deduction: 50 }] });
    const county = refineRuleSet(city, { version: "420102-v1", divisionCode: "420102", effectiveFrom: "2026-06-01", subTypes: [{ code: "B04-02", parentCode: "B04", name: "转借他人居住", deduction: 46 }] });
    expect(county.ok).toBe(true);
    if (county.ok) {
      expect(county.rules.parentVersion).toBe("420100-v1");
      expect(behaviorOf(county.rules, "B04-01")?.addedBy).toBe("420100");
      expect(behaviorOf(county.rules, "B04-02")?.addedBy).toBe("420102");
    }
    const looser = refineRuleSet(city, { version: "420102-v1", divisionCode: "420102", effectiveFrom: "2026-06-01", behaviors: [{ code: "B08", deduction: 7 }] });
    expect(looser).toEqual({ ok: false, problems: [expect.objectContaining({ field: "behaviors[0].deduction", message: expect.stringContaining("（8）") })] });
    // A sub-type may only refine a province catalogue behaviour, not another sub-type.
    const nested = refineRuleSet(city, { version: "420102-v1", divisionCode: "420102", effectiveFrom: "2026-06-01", subTypes: [{ code: "B04-01-a", parentCode: "B04-01", name: "嵌套", deduction: 60 }] });
    expect(nested.ok).toBe(false);
    if (!nested.ok) expect(nested.problems.map((x) => x.field)).toEqual(["subTypes[0].parentCode"]);
  });

  const loosenings: [string, Partial<RuleSetRefinement>, string, string][] = [
    ["a lower deduction", { behaviors: [{ code: "B04", deduction: 40 }] }, "behaviors[0].deduction", "“B04”的扣分不得低于上级规则（45），只能从严"],
    ["a deduction above 100", { behaviors: [{ code: "B04", deduction: 101 }] }, "behaviors[0].deduction", "“B04”的扣分不得高于上级规则（100），只能从严"],
    ["a shorter use period", { behaviors: [{ code: "B01", useYears: 4 }] }, "behaviors[0].useYears", "“B01”的惩戒期限（年）不得低于上级规则（5），只能从严"],
    ["an unknown behaviour", { behaviors: [{ code: "B12", deduction: 50 }] }, "behaviors[0].code", "失信行为“B12”不在上级目录中"],
    ["a sub-type deducting less than its parent", { subTypes: [{ code: "B04-01", parentCode: "B04", name: "转租", deduction: 40 }] }, "subTypes[0].deduction", "细化类型“B04-01”的扣分不得低于上级规则（45），只能从严"],
    ["a sub-type of an unknown parent", { subTypes: [{ code: "B12-01", parentCode: "B12", name: "其他", deduction: 50 }] }, "subTypes[0].parentCode", "细化的失信行为“B12”不在全省目录中"],
    ["a sub-type code without its parent prefix", { subTypes: [{ code: "X-01", parentCode: "B04", name: "转租", deduction: 50 }] }, "subTypes[0].code", "细化类型编码应为“B04-后缀”且不能重复"],
    ["a sub-type code given twice", { subTypes: [{ code: "B04-01", parentCode: "B04", name: "转租", deduction: 50 }, { code: "B04-01", parentCode: "B04", name: "转租2", deduction: 50 }] }, "subTypes[1].code", "细化类型编码应为“B04-后缀”且不能重复"],
    ["a sub-type without a name", { subTypes: [{ code: "B04-01", parentCode: "B04", name: "  ", deduction: 50 }] }, "subTypes[0].name", "细化类型名称不能为空"],
    ["a lower mild threshold", { tiers: { mildFrom: 75 } }, "tiers.mildFrom", "轻度失信分数线不得低于上级规则（80），只能从严"],
    ["a lower moderate threshold", { tiers: { moderateFrom: 55 } }, "tiers.moderateFrom", "中度失信分数线不得低于上级规则（60），只能从严"],
    ["a moderate threshold not below the mild one", { tiers: { moderateFrom: 80 } }, "tiers", "分数线应满足：中度失信分数线 < 轻度失信分数线 ≤ 100"],
    ["a mild threshold above 100", { tiers: { mildFrom: 101 } }, "tiers", "分数线应满足：中度失信分数线 < 轻度失信分数线 ≤ 100"],
    ["a shorter repeat window", { repeat: { windowMonths: 6 } }, "repeat.windowMonths", "重复失信计算期（月）不得低于上级规则（12），只能从严"],
    ["a smaller repeat multiplier", { repeat: { multiplier: 1.5 } }, "repeat.multiplier", "重复失信扣分倍数不得低于上级规则（2），只能从严"],
    ["a shorter warning period", { warning: { entryMonths: 2 } }, "warning.entryMonths", "警示名单公示期（月）不得低于上级规则（3），只能从严"],
    ["a shorter key-attention period", { keyAttention: { periodMonths: 11 } }, "keyAttention.periodMonths", "重点关注期限（月）不得低于上级规则（12），只能从严"],
    ["a shorter mild-count window", { keyAttention: { windowMonths: 6 } }, "keyAttention.windowMonths", "轻度失信累计计算期（月）不得低于上级规则（12），只能从严"],
    ["a higher mild count", { keyAttention: { mildCount: 3 } }, "keyAttention.mildCount", "列入重点关注的轻度失信次数不得高于上级规则（2），只能从严"],
    ["a mild count of 0", { keyAttention: { mildCount: 0 } }, "keyAttention.mildCount", "轻度失信次数至少为1"],
    ["a shorter reminder deadline", { jointPunishment: { reminderWorkingDays: 9 } }, "jointPunishment.reminderWorkingDays", "催告履行期限（工作日）不得低于上级规则（10），只能从严"],
    ["a shorter defence period", { jointPunishment: { defenceWorkingDays: 4 } }, "jointPunishment.defenceWorkingDays", "陈述申辩期限（工作日）不得低于上级规则（5），只能从严"],
    ["a shorter publicity", { jointPunishment: { publicityDays: 6 } }, "jointPunishment.publicityDays", "公示期（日）不得低于上级规则（7），只能从严"],
    ["a shorter listing period", { jointPunishment: { listingYears: 2 } }, "jointPunishment.listingYears", "联合惩戒名单期限（年）不得低于上级规则（3），只能从严"],
    ["a listing period above 3 years", { jointPunishment: { listingYears: 4 } }, "jointPunishment.listingYears", "联合惩戒名单期限（年）不得高于上级规则（3），只能从严"],
    ["a longer step grace", { jointPunishment: { stepGraceWorkingDays: 6 } }, "jointPunishment.stepGraceWorkingDays", "程序环节办理时限（工作日）不得高于上级规则（5），只能从严"],
    ["redefining an existing measure", { measures: [{ code: "M01", name: "信用提醒", appliesTo: ["MILD"] }] }, "measures[0].code", "惩戒措施“M01”已存在，下级只能增加措施"],
    ["a measure applying to nothing", { measures: [{ code: "M09", name: "其他措施", appliesTo: [] }] }, "measures[0]", "惩戒措施应有名称和适用档次或名单"],
    ["a version without -v", { version: "420100v1" }, "version", "版本号格式应为“区划代码-v序号”，如 420100-v1"],
    ["a version without a number", { version: "420100-v" }, "version", "版本号格式应为“区划代码-v序号”，如 420100-v1"],
    ["a version of another division", { version: "420200-v1" }, "version", "版本号格式应为“区划代码-v序号”，如 420100-v1"],
  ];

  it.each(loosenings)("refuses %s, naming the field", (_what, refinement, field, message) => {
    expect(problemsOf(refinement)).toEqual([{ field, message }]);
  });

  it("refuses a non-numeric value", () => {
    const problems = problemsOf({ jointPunishment: { publicityDays: Number.NaN } });
    expect(problems).toEqual([{ field: "jointPunishment.publicityDays", message: "公示期（日）应为数字" }]);
  });

  it("reports every problem at once, all in Chinese", () => {
    const problems = problemsOf({
      version: "bad",
      behaviors: [
        { code: "B08", deduction: 8 },
        { code: "B02", deduction: 30 },
      ],
      subTypes: [{ code: "B03-01", parentCode: "B03", name: "拒不参加复核", deduction: 9 }],
      tiers: { moderateFrom: 50 },
      keyAttention: { mildCount: 3 },
      jointPunishment: { defenceWorkingDays: 3, publicityDays: 5 },
      measures: [{ code: "M04", name: "不予续租", appliesTo: ["SEVERE"] }],
    });
    expect(problems.map((x) => x.field)).toEqual([
      "behaviors[1].deduction",
      "subTypes[0].deduction",
      "tiers.moderateFrom",
      "keyAttention.mildCount",
      "jointPunishment.defenceWorkingDays",
      "jointPunishment.publicityDays",
      "measures[0].code",
      "version",
    ]);
    for (const x of problems) expect(x.message).toMatch(/[\u4e00-\u9fff]/);
    expect(problems[0].message).toBe("“B02”的扣分不得低于上级规则（45），只能从严");
  });

  it("a sub-type is bounded by its parent's refined deduction in the same refinement", () => {
    const problems = problemsOf({ behaviors: [{ code: "B08", deduction: 10 }], subTypes: [{ code: "B08-01", parentCode: "B08", name: "未报修", deduction: 9 }] });
    expect(problems).toEqual([{ field: "subTypes[0].deduction", message: "细化类型“B08-01”的扣分不得低于上级规则（10），只能从严" }]);
  });
});

// ---------------------------------------------------------------------------------------------
describe("list eligibility (R5.3, R6.3, R6.4)", () => {
  const asOf = "2026-03-01";

  it("a moderate family is key-attention, not warning", () => {
    const records = [rec("B01", "2025-06-01")]; // 75
    expect(keyAttentionEligible(records, asOf, P)).toBe(true);
    expect(warningEligible(records, asOf, P)).toBe(false);
    expect(strongestList(records, asOf, P)).toBe("KEY_ATTENTION");
  });

  it("a severe family without an unmet order is key-attention", () => {
    const records = [rec("B02", "2025-06-01")]; // 55
    expect(keyAttentionEligible(records, asOf, P)).toBe(true);
    expect(strongestList(records, asOf, P)).toBe("KEY_ATTENTION");
  });

  it("two mild records within 12 months make key attention", () => {
    const records = [rec("B03", "2025-09-01"), rec("B08", "2026-01-10")]; // 85, mild
    expect(scoreOf(records, asOf, P).tier).toBe("MILD");
    expect(keyAttentionEligible(records, asOf, P)).toBe(true);
    expect(warningEligible(records, asOf, P)).toBe(false);
    expect(strongestList(records, asOf, P)).toBe("KEY_ATTENTION");
  });

  it("not when the first mild record is exactly 12 months old; yes one day later", () => {
    // Window start = asOf − 12 months = 2025-03-01, exclusive.
    const old = [rec("B03", "2025-03-01"), rec("B08", "2026-01-10")];
    expect(keyAttentionEligible(old, asOf, P)).toBe(false);
    expect(warningEligible(old, asOf, P)).toBe(true);
    expect(strongestList(old, asOf, P)).toBe("WARNING");
    const inside = [rec("B03", "2025-03-02"), rec("B08", "2026-01-10")];
    expect(keyAttentionEligible(inside, asOf, P)).toBe(true);
    expect(warningEligible(inside, asOf, P)).toBe(false);
  });

  it("the mild window counts from identifiedOn when given", () => {
    const records = [rec("B03", "2025-01-10", { identifiedOn: "2025-03-02" }), rec("B08", "2026-01-10")];
    expect(keyAttentionEligible(records, asOf, P)).toBe(true);
    const records2 = [rec("B03", "2025-01-10", { identifiedOn: "2025-03-01" }), rec("B08", "2026-01-10")];
    expect(keyAttentionEligible(records2, asOf, P)).toBe(false);
  });

  it("non-counting mild records are not counted", () => {
    const records = [rec("B03", "2025-09-01", { status: "REPAIRED" }), rec("B08", "2026-01-10")];
    expect(keyAttentionEligible(records, asOf, P)).toBe(false);
    expect(warningEligible(records, asOf, P)).toBe(true);
    const suspended = [rec("B03", "2025-09-01", { suspended: true }), rec("B08", "2026-01-10")];
    expect(keyAttentionEligible(suspended, asOf, P)).toBe(false);
  });

  it("a single mild record is warning only; none is nothing", () => {
    const records = [rec("B11", "2025-12-01")];
    expect(warningEligible(records, asOf, P)).toBe(true);
    expect(keyAttentionEligible(records, asOf, P)).toBe(false);
    expect(strongestList(records, asOf, P)).toBe("WARNING");
    expect(warningEligible([], asOf, P)).toBe(false);
    expect(keyAttentionEligible([], asOf, P)).toBe(false);
    expect(strongestList([], asOf, P)).toBeNull();
  });

  it("a refined mildCount of 1 moves a single mild record to key attention", () => {
    const city = refined({ keyAttention: { mildCount: 1 } });
    expect(keyAttentionEligible([rec("B11", "2025-12-01")], asOf, city)).toBe(true);
  });

  const order = (deadline: string, compliedOn: string | null = null) => ({ orderedOn: "2026-02-01", deadline, compliedOn });

  it.each([
    ["B02", 1],
    ["B05", 2],
    ["B04", 3],
    ["B09", 3],
    ["B03", 4],
    ["B10", 4],
  ] as const)("%s meets criterion %i once its order's deadline has passed uncomplied", (code, criterion) => {
    expect(behaviorOf(P, code)?.jointCriterion).toBe(criterion);
    const r = rec(code, "2026-01-15", { rectification: order("2026-03-10") });
    expect(jointPunishmentReasons([r], "2026-03-10", P)).toEqual([]);
    expect(jointPunishmentReasons([r], "2026-03-11", P)).toEqual([{ kind: "CRITERION", criterion, recordId: r.id }]);
    expect(strongestList([r], "2026-03-11", P)).toBe("JOINT_PUNISHMENT");
  });

  it("compliance on or before the deadline prevents the criterion; compliance after it does not", () => {
    const onDeadline = rec("B04", "2026-01-15", { rectification: order("2026-03-10", "2026-03-10") });
    const before = rec("B04", "2026-01-15", { rectification: order("2026-03-10", "2026-02-20") });
    const after = rec("B04", "2026-01-15", { rectification: order("2026-03-10", "2026-03-12") });
    expect(jointPunishmentReasons([onDeadline], "2026-03-20", P)).toEqual([]);
    expect(jointPunishmentReasons([before], "2026-03-20", P)).toEqual([]);
    expect(jointPunishmentReasons([after], "2026-03-20", P)).toEqual([{ kind: "CRITERION", criterion: 3, recordId: after.id }]);
  });

  it("behaviours without a criterion, records without an order, or not counting never qualify that way", () => {
    for (const code of ["B01", "B06", "B07", "B08", "B11"]) {
      expect(behaviorOf(P, code)?.jointCriterion).toBeNull();
      expect(jointPunishmentReasons([rec(code, "2026-01-15", { rectification: order("2026-03-10") })], "2026-04-01", P)).toEqual([]);
    }
    expect(jointPunishmentReasons([rec("B04", "2026-01-15")], "2026-04-01", P)).toEqual([]);
    expect(jointPunishmentReasons([rec("B04", "2026-01-15", { rectification: null })], "2026-04-01", P)).toEqual([]);
    expect(jointPunishmentReasons([rec("B04", "2026-01-15", { status: "REVOKED", rectification: order("2026-03-10") })], "2026-04-01", P)).toEqual([]);
    expect(jointPunishmentReasons([rec("B04", "2026-01-15", { suspended: true, rectification: order("2026-03-10") })], "2026-04-01", P)).toEqual([]);
  });

  it("a sub-type inherits its parent's criterion", () => {
    const city = refined({ subTypes: [{ code: "B04-01", parentCode: "B04", name: "通过网络平台转租", deduction: 50 }] });
    const r = rec("B04-01", "2026-01-15", { rectification: order("2026-03-10") });
    expect(jointPunishmentReasons([r], "2026-03-11", city)).toEqual([{ kind: "CRITERION", criterion: 3, recordId: r.id }]);
  });

  describe("ESCALATION inside the key-attention period", () => {
    const ka: ListPeriod = { since: "2026-01-10", until: "2027-01-10" };
    const later = "2027-03-01";

    it("the period is [since, until): a moderate record on since and the day before until is inside; the day before since and on until are not", () => {
      for (const d of ["2026-01-10", "2026-06-30", "2027-01-09"]) {
        const r = rec("B01", d);
        expect(jointPunishmentReasons([r], later, P, ka)).toEqual([{ kind: "ESCALATION", recordId: r.id }]);
      }
      expect(jointPunishmentReasons([rec("B01", "2026-01-09")], later, P, ka)).toEqual([]);
      expect(jointPunishmentReasons([rec("B01", "2027-01-10")], later, P, ka)).toEqual([]);
    });

    it("moderate and severe records escalate; mild ones do not", () => {
      const moderate = rec("B07", "2026-05-01");
      const severe = rec("B02", "2026-05-02");
      const mild = rec("B08", "2026-05-03");
      const mildWithCriterion = rec("B03", "2026-05-04");
      expect(jointPunishmentReasons([moderate, severe, mild, mildWithCriterion], later, P, ka)).toEqual([
        { kind: "ESCALATION", recordId: moderate.id },
        { kind: "ESCALATION", recordId: severe.id },
      ]);
      expect(strongestList([mild], later, P, ka)).toBe("WARNING");
      expect(strongestList([moderate], later, P, ka)).toBe("JOINT_PUNISHMENT");
      expect(strongestList([moderate], later, P, null)).toBe("KEY_ATTENTION");
    });

    it("a record meeting a criterion is reported once, as CRITERION", () => {
      const r = rec("B04", "2026-02-01", { rectification: order("2026-03-10") });
      expect(jointPunishmentReasons([r], "2026-03-11", P, ka)).toEqual([{ kind: "CRITERION", criterion: 3, recordId: r.id }]);
      // Before the deadline passes it is an escalation (severe, inside the period).
      expect(jointPunishmentReasons([r], "2026-03-10", P, ka)).toEqual([{ kind: "ESCALATION", recordId: r.id }]);
    });

    it("a record not yet occurred as of asOf does not escalate", () => {
      expect(jointPunishmentReasons([rec("B01", "2026-06-01")], "2026-05-31", P, ka)).toEqual([]);
    });
  });

  it("strongestList: joint punishment > key attention > warning > none", () => {
    const joint = rec("B05", "2026-01-15", { rectification: order("2026-02-20") });
    const mild = rec("B08", "2026-01-20");
    expect(strongestList([joint, mild], asOf, P)).toBe("JOINT_PUNISHMENT");
    expect(strongestList([rec("B05", "2026-01-15"), mild], asOf, P)).toBe("KEY_ATTENTION");
    expect(strongestList([mild], asOf, P)).toBe("WARNING");
    expect(strongestList([rec("B08", "2026-01-20", { status: "CANDIDATE" })], asOf, P)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
describe("joint-punishment procedure (R6.6)", () => {
  function ok(res: ReturnType<typeof advance>): JointProcedure {
    if (!res.ok) throw new Error(`refused: ${res.message}`);
    return res.procedure;
  }

  it("statusOfStep and stepName", () => {
    expect(statusOfStep("REMINDED")).toBe("PRELIMINARY");
    expect(statusOfStep("NOTIFIED")).toBe("PRELIMINARY");
    expect(statusOfStep("PUBLICIZING")).toBe("PUBLICIZING");
    expect(statusOfStep("LISTED")).toBe("LISTED");
    expect(statusOfStep("REMOVED")).toBe("REMOVED");
    expect(stepName("REMINDED")).toBe("催告");
    expect(stepName("NOTIFIED")).toBe("告知");
    expect(stepName("PUBLICIZING")).toBe("公示");
    expect(stepName("LISTED")).toBe("列入名单");
    expect(stepName("REMOVED")).toBe("移出名单");
  });

  it("startProcedure: the reminder deadline is 10 working days, across the Spring Festival", () => {
    // From Fri 02-13: 02-14(1) 02-24(2) 25(3) 26(4) 27(5) 02-28(6) 03-02(7) 03(8) 04(9) 05(10)
    expect(startProcedure("2026-02-13", P, CAL)).toEqual({ step: "REMINDED", remindedOn: "2026-02-13", reminderDeadline: "2026-03-05" });
    // Before National Day: from Wed 09-30: 10-08 09 10 12 13 14 15 16 19 20
    expect(startProcedure("2026-09-30", P, CAL).reminderDeadline).toBe("2026-10-20");
    // A refined longer reminder period is honoured.
    expect(startProcedure("2026-03-02", refined({ jointPunishment: { reminderWorkingDays: 15 } }), CAL).reminderDeadline).toBe("2026-03-23");
  });

  it("walks the whole procedure with its boundaries", () => {
    let p = startProcedure("2026-02-13", P, CAL);
    expect(earliestNextOn(p)).toBe("2026-03-06");

    // 告知: not on the reminder deadline day itself, accepted the day after.
    expect(advance(p, "2026-03-05", P, CAL)).toEqual({
      ok: false,
      reason: "TOO_EARLY",
      earliest: "2026-03-06",
      message: "告知最早可于 2026-03-06 办理（上一环节期限尚未届满）",
    });
    p = ok(advance(p, "2026-03-06", P, CAL));
    // Defence: 5 working days: 03-09 10 11 12 13.
    expect(p).toMatchObject({ step: "NOTIFIED", notifiedOn: "2026-03-06", defenceUntil: "2026-03-13" });
    expect(statusOfStep(p.step)).toBe("PRELIMINARY");

    // 公示: from the day after the defence period; 7 calendar days, rolled to a working day.
    expect(advance(p, "2026-03-13", P, CAL)).toMatchObject({ ok: false, reason: "TOO_EARLY", earliest: "2026-03-14" });
    p = ok(advance(p, "2026-03-16", P, CAL));
    expect(p).toMatchObject({ step: "PUBLICIZING", publicityFrom: "2026-03-16", publicityUntil: "2026-03-23" });

    // 列入: default 3 years.
    expect(advance(p, "2026-03-23", P, CAL)).toMatchObject({ ok: false, reason: "TOO_EARLY", earliest: "2026-03-24" });
    p = ok(advance(p, "2026-03-24", P, CAL));
    expect(p).toMatchObject({ step: "LISTED", listedOn: "2026-03-24", listedUntil: "2029-03-24" });
    expect(statusOfStep(p.step)).toBe("LISTED");

    // 移出: not before listedUntil, accepted on it.
    expect(advance(p, "2029-03-23", P, CAL)).toMatchObject({ ok: false, reason: "TOO_EARLY", earliest: "2029-03-24", message: expect.stringContaining("移出名单") });
    p = ok(advance(p, "2029-03-24", P, CAL));
    expect(p).toEqual({
      step: "REMOVED",
      remindedOn: "2026-02-13",
      reminderDeadline: "2026-03-05",
      notifiedOn: "2026-03-06",
      defenceUntil: "2026-03-13",
      publicityFrom: "2026-03-16",
      publicityUntil: "2026-03-23",
      listedOn: "2026-03-24",
      listedUntil: "2029-03-24",
      removedOn: "2029-03-24",
    });
    expect(earliestNextOn(p)).toBeNull();

    // Finished.
    expect(advance(p, "2030-01-01", P, CAL)).toEqual({ ok: false, reason: "FINISHED", message: "该联合惩戒程序已结束" });
  });

  it("the defence period crosses the Spring Festival in working days", () => {
    const p: JointProcedure = { step: "REMINDED", remindedOn: "2026-01-29", reminderDeadline: "2026-02-12" };
    // Notified Fri 02-13: 02-14(1) 02-24(2) 25(3) 26(4) 27(5)
    expect(ok(advance(p, "2026-02-13", P, CAL))).toMatchObject({ defenceUntil: "2026-02-27" });
  });

  it("publicity ending on National Day rolls to 2026-10-08", () => {
    const p: JointProcedure = { step: "NOTIFIED", remindedOn: "2026-08-01", reminderDeadline: "2026-08-14", notifiedOn: "2026-08-17", defenceUntil: "2026-08-24" };
    expect(ok(advance(p, "2026-09-24", P, CAL))).toMatchObject({ step: "PUBLICIZING", publicityFrom: "2026-09-24", publicityUntil: "2026-10-08" });
    // Ending on a Saturday rolls to Monday.
    expect(ok(advance(p, "2026-09-05", P, CAL))).toMatchObject({ publicityUntil: "2026-09-14" });
    // Ending on a 调休 working Saturday does not roll.
    const q: JointProcedure = { ...p, defenceUntil: "2026-02-13" };
    expect(ok(advance(q, "2026-02-21", P, CAL))).toMatchObject({ publicityUntil: "2026-02-28" });
  });

  describe("listing period", () => {
    const publicizing: JointProcedure = {
      step: "PUBLICIZING",
      remindedOn: "2026-02-13",
      reminderDeadline: "2026-03-05",
      notifiedOn: "2026-03-06",
      defenceUntil: "2026-03-13",
      publicityFrom: "2026-03-16",
      publicityUntil: "2026-03-23",
    };
    const relaxed: RuleSet = { ...P, jointPunishment: { ...P.jointPunishment, listingYears: 1 } };
    const strict: RuleSet = { ...P, jointPunishment: { ...P.jointPunishment, minListingYears: 3 } };

    it("explicit 1–3 years is bounded below by the rule's minimum (province: 1, default 3)", () => {
      expect(ok(advance(publicizing, "2026-03-24", P, CAL))).toMatchObject({ listedUntil: "2029-03-24" });
      expect(ok(advance(publicizing, "2026-03-24", P, CAL, 1))).toMatchObject({ listedUntil: "2027-03-24" });
      for (const years of [4, 2.5, 0]) {
        expect(advance(publicizing, "2026-03-24", P, CAL, years)).toEqual({ ok: false, reason: "BAD_PERIOD", message: "列入期限应为 1 至 3 年" });
      }
      for (const years of [1, 2]) {
        expect(advance(publicizing, "2026-03-24", strict, CAL, years)).toEqual({ ok: false, reason: "BAD_PERIOD", message: "列入期限应为 3 至 3 年" });
      }
    });

    it("with a one-year minimum, 1, 2 and 3 years are accepted and 4 is not", () => {
      expect(ok(advance(publicizing, "2026-03-24", relaxed, CAL, 1))).toMatchObject({ listedUntil: "2027-03-24" });
      expect(ok(advance(publicizing, "2026-03-24", relaxed, CAL, 2))).toMatchObject({ listedUntil: "2028-03-24" });
      expect(ok(advance(publicizing, "2026-03-24", relaxed, CAL, 3))).toMatchObject({ listedUntil: "2029-03-24" });
      expect(ok(advance(publicizing, "2026-03-24", relaxed, CAL))).toMatchObject({ listedUntil: "2027-03-24" });
      expect(advance(publicizing, "2026-03-24", relaxed, CAL, 4)).toEqual({ ok: false, reason: "BAD_PERIOD", message: "列入期限应为 1 至 3 年" });
    });

    it("listing on 29 February ends on 28 February", () => {
      const p: JointProcedure = { ...publicizing, publicityUntil: "2028-02-28" };
      expect(ok(advance(p, "2028-02-29", P, CAL))).toMatchObject({ listedOn: "2028-02-29", listedUntil: "2031-02-28" });
    });
  });

  it("closeProcedure ends it early", () => {
    const p = startProcedure("2026-02-13", P, CAL);
    const closed = closeProcedure(p, "2026-02-27");
    expect(closed).toEqual({ step: "REMOVED", remindedOn: "2026-02-13", reminderDeadline: "2026-03-05", removedOn: "2026-02-27" });
    expect(statusOfStep(closed.step)).toBe("REMOVED");
    expect(advance(closed, "2026-03-10", P, CAL)).toMatchObject({ ok: false, reason: "FINISHED" });
    expect(overdueStep(closed, "2027-01-01", P, CAL)).toBeNull();
    expect(p.step).toBe("REMINDED");
  });

  it("overdueStep: null inside the grace period, reported the first day after it", () => {
    const p = startProcedure("2026-02-13", P, CAL); // due 03-06 (Fri); + 5 working days = 03-13
    expect(overdueStep(p, "2026-03-05", P, CAL)).toBeNull();
    expect(overdueStep(p, "2026-03-06", P, CAL)).toBeNull();
    expect(overdueStep(p, "2026-03-13", P, CAL)).toBeNull();
    expect(overdueStep(p, "2026-03-14", P, CAL)).toEqual({ step: "NOTIFIED", dueSince: "2026-03-06", overdueSince: "2026-03-13" });
  });

  it("overdueStep grace counts working days across the Spring Festival", () => {
    // 2026-01-30 + 10 working days = 02-13; due 02-14 (调休 Sat); grace: 02-24 25 26 27 28 → 02-28.
    const p = startProcedure("2026-01-30", P, CAL);
    expect(p.reminderDeadline).toBe("2026-02-13");
    expect(overdueStep(p, "2026-02-28", P, CAL)).toBeNull();
    expect(overdueStep(p, "2026-03-01", P, CAL)).toEqual({ step: "NOTIFIED", dueSince: "2026-02-14", overdueSince: "2026-02-28" });
  });

  it("overdueStep for a listing that was not removed on time", () => {
    const listed: JointProcedure = { step: "LISTED", remindedOn: "2023-01-03", reminderDeadline: "2023-01-17", listedOn: "2023-09-30", listedUntil: "2026-09-30" };
    // due 09-30 (Wed); 10-08(1) 09(2) 10(3) 12(4) 13(5)
    expect(overdueStep(listed, "2026-10-13", P, CAL)).toBeNull();
    expect(overdueStep(listed, "2026-10-14", P, CAL)).toEqual({ step: "REMOVED", dueSince: "2026-09-30", overdueSince: "2026-10-13" });
  });

  it("warningPeriod: 3 months, end-of-month clamped", () => {
    expect(warningPeriod("2026-01-15", P)).toEqual({ since: "2026-01-15", until: "2026-04-15" });
    expect(warningPeriod("2026-01-31", P)).toEqual({ since: "2026-01-31", until: "2026-04-30" });
    expect(warningPeriod("2025-11-30", P)).toEqual({ since: "2025-11-30", until: "2026-02-28" });
    expect(warningPeriod("2026-01-31", refined({ warning: { entryMonths: 6 } }))).toEqual({ since: "2026-01-31", until: "2026-07-31" });
  });

  it("keyAttentionPeriod: 12 months, 29 February start", () => {
    expect(keyAttentionPeriod("2024-02-29", P)).toEqual({ since: "2024-02-29", until: "2025-02-28" });
    expect(keyAttentionPeriod("2026-01-10", P)).toEqual({ since: "2026-01-10", until: "2027-01-10" });
    expect(keyAttentionPeriod("2027-02-28", refined({ keyAttention: { periodMonths: 24 } }))).toEqual({ since: "2027-02-28", until: "2029-02-28" });
  });
});

describe("refineRuleSet: inherited sub-types, listing range and sub-type codes", () => {
  const city = refineRuleSet(PROVINCE_RULES_V1, { version: "420100-v1", divisionCode: "420100", effectiveFrom: "2026-01-01", subTypes: [{ code: "B06-A", parentCode: "B06", name: "拖欠租金且失联", deduction: 30 }] });
  it("refuses a county raising a parent deduction above an inherited sub-type", () => {
    if (!city.ok) throw new Error("city refinement should pass");
    const county = refineRuleSet(city.rules, { version: "420111-v1", divisionCode: "420111", effectiveFrom: "2026-02-01", behaviors: [{ code: "B06", deduction: 35 }] });
    expect(county.ok).toBe(false);
    if (!county.ok) expect(county.problems.map((p) => p.field)).toEqual(["subTypes"]);
    const fine = refineRuleSet(city.rules, { version: "420111-v1", divisionCode: "420111", effectiveFrom: "2026-02-01", behaviors: [{ code: "B06", deduction: 30 }] });
    expect(fine.ok).toBe(true);
  });
  it("refuses a minimum listing period above the default and an empty sub-type suffix", () => {
    const r = refineRuleSet(PROVINCE_RULES_V1, {
      version: "420100-v2",
      divisionCode: "420100",
      effectiveFrom: "2026-01-01",
      jointPunishment: { minListingYears: 3, listingYears: 3 },
      subTypes: [{ code: "B04-", parentCode: "B04", name: "空后缀", deduction: 50 }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.field)).toEqual(["subTypes[0].code"]);
    const bad = refineRuleSet(PROVINCE_RULES_V1, { version: "420100-v3", divisionCode: "420100", effectiveFrom: "2026-01-01", jointPunishment: { minListingYears: 0 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0].message).toMatch(/不得低于上级规则（1）/);
  });
});
