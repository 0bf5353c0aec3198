import { describe, expect, it } from "vitest";
import { cityDivisions, cityOf, countiesOf, findDivision } from "../src/domain/divisions";
import { validateFamilyFields } from "../src/domain/family-input";
import { parseIdNumber } from "../src/domain/id-number";
import { consecutiveMonthsVacant, monthsInArrears } from "../src/domain/tenancy-metrics";
import { createRng, randomName } from "../src/seed/chinese-names";
import { demoOrganizations, generateFamilies, toFamilyFields, type FamilyBundle } from "../src/seed/demo-data";

const TODAY = "2026-11-26";
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function take(count: number, seed = 20261126, startIndex?: number): FamilyBundle[] {
  return [...generateFamilies({ count, seed, today: TODAY, startIndex })];
}

/** A county-level code: a COUNTY division, or a prefecture-level one without counties (仙桃 …). */
function isCountyLevel(code: string): boolean {
  const d = findDivision(code);
  if (!d) return false;
  return d.level === "COUNTY" || (d.level === "CITY" && countiesOf(d.code).length === 0);
}

describe("seeded PRNG and names", () => {
  it("is deterministic and produces plausible names", () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 20 }, () => a.int(1, 6));
    expect(Array.from({ length: 20 }, () => b.int(1, 6))).toEqual(xs);
    expect(xs.every((x) => x >= 1 && x <= 6)).toBe(true);
    const rng = createRng(7);
    const names = Array.from({ length: 2000 }, () => randomName(rng, rng.chance(0.5) ? "M" : "F"));
    expect(names.every((n) => /^[\u3400-\u9fff]{2,4}$/u.test(n))).toBe(true);
    // Frequent surnames dominate.
    const wang = names.filter((n) => n.startsWith("王")).length;
    expect(wang).toBeGreaterThan(60);
    expect(wang).toBeLessThan(250);
  });
});

describe("generateFamilies", () => {
  it("is deterministic for a seed and differs for another seed", () => {
    const a = take(50, 1);
    const b = take(50, 1);
    expect(b).toEqual(a);
    const c = take(50, 2);
    expect(c).not.toEqual(a);
    expect(c.map((f) => f.family.id)).not.toEqual(a.map((f) => f.family.id));
    expect(c.flatMap((f) => f.members.map((m) => m.name))).not.toEqual(a.flatMap((f) => f.members.map((m) => m.name)));
  });

  it("gives the same family for an index whatever the startIndex of the run", () => {
    const all = take(40, 5);
    expect(take(15, 5, 20)).toEqual(all.slice(20, 35));
  });

  it("produces families that pass archive validation, with valid Hubei ID numbers", () => {
    const bundles = take(3000);
    for (const b of bundles) {
      const problems = validateFamilyFields(toFamilyFields(b));
      expect(problems, `family ${b.index}: ${JSON.stringify(problems)}`).toEqual([]);
      expect(b.members.length).toBeGreaterThanOrEqual(1);
      expect(b.members.length).toBeLessThanOrEqual(5);
      expect(b.members[0].relation).toBe("本人");
      expect(b.family.householdSize).toBeGreaterThanOrEqual(b.members.length);
      expect(isCountyLevel(b.family.divisionCode)).toBe(true);
      expect(b.family.annualIncome).toBeGreaterThanOrEqual(0);
      expect(Math.round(b.family.annualIncome * 100) / 100).toBe(b.family.annualIncome);
      expect([0, 1]).toContain(b.family.propertyCount);
      expect(b.family.priority ? !!b.family.priorityReason : b.family.priorityReason === null).toBe(true);
      const hasSpouse = b.members.some((m) => m.relation === "配偶");
      expect(b.family.maritalStatus === "已婚").toBe(hasSpouse);
      const city = cityOf(b.family.divisionCode)!.code;
      for (const m of b.members) {
        const parsed = parseIdNumber(m.idNumber);
        expect(parsed.ok, m.idNumber).toBe(true);
        if (!parsed.ok) continue;
        expect(isCountyLevel(parsed.parts.divisionCode), m.idNumber).toBe(true);
        expect(cityOf(parsed.parts.divisionCode)!.code).toBe(city);
        expect(parsed.parts.birthDate < TODAY).toBe(true);
        const age = Number(TODAY.slice(0, 4)) - Number(parsed.parts.birthDate.slice(0, 4));
        if (m.relation === "本人" || m.relation === "配偶") expect(age).toBeGreaterThanOrEqual(20);
        expect(age).toBeLessThanOrEqual(95);
        expect(m.family).toBe(b.family.id);
      }
      const applicantBirth = (parseIdNumber(b.members[0].idNumber) as { ok: true; parts: { birthDate: string } }).parts.birthDate;
      for (const m of b.members.filter((x) => x.relation === "子女")) {
        expect((parseIdNumber(m.idNumber) as { ok: true; parts: { birthDate: string } }).parts.birthDate > applicantBirth).toBe(true);
      }
    }
    // Priority for roughly one family in ten; tenancies for most families.
    const priority = bundles.filter((b) => b.family.priority).length / bundles.length;
    expect(priority).toBeGreaterThan(0.06);
    expect(priority).toBeLessThan(0.15);
    const withTenancy = bundles.filter((b) => b.tenancy).length / bundles.length;
    expect(withTenancy).toBeGreaterThan(0.7);
    const judicial = bundles.filter((b) => b.judicialRecords.length > 0).length / bundles.length;
    expect(judicial).toBeGreaterThan(0.03);
    expect(judicial).toBeLessThan(0.08);
    for (const b of bundles.filter((x) => x.family.guaranteeMode === "PHYSICAL_ALLOCATION")) expect(b.tenancy).not.toBeNull();
  });

  it("covers all 17 prefecture-level divisions", () => {
    const cities = new Set(cityDivisions().map((c) => c.code));
    expect(cities.size).toBe(17);
    expect(new Set(take(17).map((b) => cityOf(b.family.divisionCode)!.code))).toEqual(cities);
    const seen = new Set(take(200).map((b) => cityOf(b.family.divisionCode)!.code));
    expect(seen).toEqual(cities);
    expect(take(200).some((b) => b.family.divisionCode === "429004")).toBe(true);
  });

  it("keeps ID numbers, case numbers and row ids unique over 20,000 families", () => {
    const ids = new Set<string>();
    const idNumbers = new Set<string>();
    const caseNumbers = new Set<string>();
    let rows = 0;
    let members = 0;
    let records = 0;
    const malformed: string[] = [];
    const addId = (id: string) => {
      if (!UUID_V4.test(id)) malformed.push(id);
      ids.add(id);
      rows++;
    };
    for (const b of generateFamilies({ count: 20_000, seed: 99, today: TODAY })) {
      addId(b.family.id);
      for (const m of b.members) {
        addId(m.id);
        idNumbers.add(m.idNumber);
        members++;
      }
      if (b.tenancy) addId(b.tenancy.id);
      for (const r of [...b.rentLedger, ...b.occupancyChecks, ...b.warnings]) addId(r.id);
      for (const j of b.judicialRecords) {
        addId(j.id);
        caseNumbers.add(j.caseNumber);
        records++;
      }
    }
    expect(idNumbers.size).toBe(members);
    expect(caseNumbers.size).toBe(records);
    expect(records).toBeGreaterThan(500);
    expect(malformed).toEqual([]);
    expect(ids.size).toBe(rows);
  });

  it("keeps ID numbers unique far into a million-family run", () => {
    // Families sharing a (city, slot) with indexes far apart: a window deep into the run.
    const idNumbers = new Set<string>();
    let members = 0;
    for (const start of [0, 500_000, 999_000]) {
      for (const b of generateFamilies({ count: 1000, seed: 3, today: TODAY, startIndex: start })) {
        for (const m of b.members) {
          idNumbers.add(m.idNumber);
          members++;
        }
      }
    }
    expect(idNumbers.size).toBe(members);
  });

  it("produces rent arrears and vacancy cases over six months, with warnings", () => {
    const bundles = take(200);
    const tenancies = bundles.filter((b) => b.tenancy);
    const arrears = tenancies.filter((b) => monthsInArrears(b.rentLedger) > 6);
    const vacant = tenancies.filter((b) => consecutiveMonthsVacant(b.occupancyChecks) > 6);
    expect(arrears.length).toBeGreaterThanOrEqual(1);
    expect(vacant.length).toBeGreaterThanOrEqual(1);
    for (const b of arrears) expect(b.warnings.some((w) => w.kind === "RENT_ARREARS")).toBe(true);
    for (const b of vacant) expect(b.warnings.some((w) => w.kind === "VACANCY")).toBe(true);
    // Most tenancies are fully paid.
    const paidUp = tenancies.filter((b) => monthsInArrears(b.rentLedger) === 0).length;
    expect(paidUp / tenancies.length).toBeGreaterThan(0.7);

    // Over a larger run, the shares are near the targets (~6% and ~4%).
    const many = take(5000).filter((b) => b.tenancy);
    const arrearsShare = many.filter((b) => monthsInArrears(b.rentLedger) > 6).length / many.length;
    const vacantShare = many.filter((b) => consecutiveMonthsVacant(b.occupancyChecks) > 6).length / many.length;
    expect(arrearsShare).toBeGreaterThan(0.04);
    expect(arrearsShare).toBeLessThan(0.09);
    expect(vacantShare).toBeGreaterThan(0.025);
    expect(vacantShare).toBeLessThan(0.06);
  });

  it("keeps ledgers, checks, warnings and decisions consistent with today", () => {
    const todayMonth = `${TODAY.slice(0, 7)}-01`;
    for (const b of take(1000)) {
      if (b.tenancy) {
        const t = b.tenancy;
        expect(t.familyId).toBe(b.family.id);
        expect(t.divisionCode).toBe(b.family.divisionCode);
        expect(t.unitAddress).toMatch(/公租房小区\d+栋\d单元\d+室$/);
        expect(t.leaseStart <= b.rentLedger[0].month).toBe(true);
        expect(t.leaseEnd > TODAY).toBe(true);
        expect(b.rentLedger.length).toBeGreaterThanOrEqual(12);
        expect(b.rentLedger.length).toBeLessThanOrEqual(24);
        expect(b.rentLedger[b.rentLedger.length - 1].month).toBe(todayMonth);
        for (const l of b.rentLedger) {
          expect(l.tenancy).toBe(t.id);
          expect(l.month).toMatch(/^\d{4}-\d{2}-01$/);
          expect(l.amountPaid).toBeLessThanOrEqual(l.amountDue);
          if (l.paidOn) expect(l.paidOn <= TODAY && l.paidOn >= l.month).toBe(true);
        }
        expect(new Set(b.rentLedger.map((l) => l.month)).size).toBe(b.rentLedger.length);
        for (const c of b.occupancyChecks) expect(c.checkedOn <= TODAY && c.checkedOn >= b.rentLedger[0].month).toBe(true);
        for (const w of b.warnings) expect(w.issuedOn <= TODAY).toBe(true);
      } else {
        expect(b.rentLedger).toEqual([]);
        expect(b.occupancyChecks).toEqual([]);
        expect(b.warnings).toEqual([]);
      }
      for (const j of b.judicialRecords) {
        expect(j.decidedOn < TODAY).toBe(true);
        expect(b.members.map((m) => m.idNumber)).toContain(j.idNumber);
        expect(j.caseNumber).toMatch(/^(（\d{4}）鄂\d{4}(民初|执)\d+号|鄂\d{4}住建罚〔\d{4}〕\d+号)$/);
        expect(j.court).toMatch(/(人民法院|住房保障和房屋管理局|住房和城乡建设局)$/);
        expect(j.divisionCode).toBe(b.family.divisionCode);
        expect(j.summary.length).toBeLessThanOrEqual(500);
      }
    }
  });

  it("rejects a malformed today", () => {
    expect(() => take(1, 1).length).not.toThrow();
    expect(() => [...generateFamilies({ count: 1, seed: 1, today: "2026-13-01" })]).toThrow(RangeError);
  });
});

describe("demoOrganizations", () => {
  it("lists the province, the 17 city authorities, the partners and the registered departments", () => {
    const orgs = demoOrganizations();
    expect(orgs).toHaveLength(22);
    expect(new Set(orgs.map((o) => o.code)).size).toBe(22);
    expect(orgs.find((o) => o.code === "HA-420000")).toMatchObject({ name: "湖北省住房和城乡建设厅", kind: "HOUSING_AUTHORITY", level: "PROVINCE", divisionCode: "420000" });
    expect(orgs.find((o) => o.code === "HA-420100")?.name).toBe("武汉市住房保障和房屋管理局");
    expect(orgs.find((o) => o.code === "HA-429004")?.name).toBe("仙桃市住房和城乡建设局");
    for (const city of cityDivisions()) {
      expect(orgs.find((o) => o.code === `HA-${city.code}`)).toMatchObject({ kind: "HOUSING_AUTHORITY", level: "CITY", divisionCode: city.code });
    }
    expect(orgs.find((o) => o.code === "PT-420100-MZ")).toMatchObject({ name: "武汉市民政局", kind: "PARTNER", level: "CITY", divisionCode: "420100" });
    expect(orgs.find((o) => o.code === "PT-420000-GA")).toMatchObject({ name: "湖北省公安厅", kind: "PARTNER", level: "PROVINCE", divisionCode: "420000" });
    // R6.5 (issue 14): departments that supply their own judicial and administrative records.
    expect(orgs.filter((o) => o.kind === "DEPARTMENT").map((o) => o.code)).toEqual(["DP-420100-ZY", "DP-420000-SJ"]);
  });
});
