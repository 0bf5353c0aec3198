import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { idCheckCharacter, isValidIdNumber, makeIdNumber, maskIdNumber, maskName, parseIdNumber } from "../src/domain/id-number";
import { allDivisions, ancestry, cityDivisions, cityOf, countiesOf, findDivision, isWithinJurisdiction } from "../src/domain/divisions";
import { consecutiveMonthsVacant, monthsInArrears, arrearsAmount, previousMonth } from "../src/domain/tenancy-metrics";
import { diffFields, validateFamilyFields, type FamilyFields } from "../src/domain/family-input";
import { authorityDivision, hasJurisdiction } from "../src/auth/caller";

describe("GB 11643 resident ID numbers", () => {
  it("computes the ISO 7064 MOD 11-2 check character", () => {
    // The worked example of GB 11643-1999: 11010519491231002X.
    expect(idCheckCharacter("11010519491231002")).toBe("X");
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
    expect(isValidIdNumber("11010519491231002x")).toBe(true);
    expect(isValidIdNumber("110105194912310021")).toBe(false);
  });

  it("refuses wrong length, impossible birth dates and bad checksums with a reason", () => {
    expect(parseIdNumber("4201111990010112")).toEqual({ ok: false, reason: expect.stringContaining("18位") });
    const feb30 = "42011119900230001";
    expect(parseIdNumber(feb30 + idCheckCharacter(feb30))).toEqual({ ok: false, reason: expect.stringContaining("出生日期") });
    const good = makeIdNumber("420111", "1990-01-01", 123);
    const wrong = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    expect(parseIdNumber(wrong)).toEqual({ ok: false, reason: expect.stringContaining("校验位") });
    expect(parseIdNumber(good)).toEqual({ ok: true, parts: { divisionCode: "420111", birthDate: "1990-01-01", sex: "M" } });
    expect(parseIdNumber(makeIdNumber("420111", "2000-02-29", 124))).toMatchObject({ ok: true, parts: { sex: "F" } });
  });

  it("masks names and numbers for the public (R8.5)", () => {
    expect(maskIdNumber("42011119900101123X")).toBe("420111********123X");
    expect(maskName("张三")).toBe("张*");
    expect(maskName("李小龙")).toBe("李**");
    expect(maskName("欧阳修文")).toBe("欧阳**");
  });
});

describe("Hubei divisions (GB/T 2260) and jurisdictions (R2.4)", () => {
  it("has the province, the 17 prefecture-level divisions and their counties", () => {
    expect(findDivision("420000")).toMatchObject({ name: "湖北省", level: "PROVINCE" });
    const cities = cityDivisions().map((d) => d.code);
    expect(cities).toEqual(["420100", "420200", "420300", "420500", "420600", "420700", "420800", "420900", "421000", "421100", "421200", "421300", "422800", "429004", "429005", "429006", "429021"]);
    expect(findDivision("422800")!.name).toBe("恩施土家族苗族自治州");
    expect(countiesOf("420100")).toHaveLength(13);
    expect(countiesOf("429004")).toHaveLength(0);
    for (const d of allDivisions()) if (d.level === "COUNTY") expect(cities).toContain(d.parentCode);
    expect(new Set(allDivisions().map((d) => d.code)).size).toBe(allDivisions().length);
  });

  it("nests jurisdictions province → city → county", () => {
    expect(ancestry("420111").map((d) => d.code)).toEqual(["420111", "420100", "420000"]);
    expect(isWithinJurisdiction("420111", "420000")).toBe(true);
    expect(isWithinJurisdiction("420111", "420100")).toBe(true);
    expect(isWithinJurisdiction("420111", "420111")).toBe(true);
    expect(isWithinJurisdiction("420111", "420102")).toBe(false);
    expect(isWithinJurisdiction("420602", "420100")).toBe(false);
    expect(isWithinJurisdiction("999999", "420000")).toBe(false);
    expect(cityOf("422801")!.code).toBe("422800");
    expect(authorityDivision("HA-420100")).toBe("420100");
    expect(authorityDivision("HA-999999")).toBeNull();
    expect(authorityDivision("PT-420100-MZ")).toBeNull();
    expect(hasJurisdiction({ sub: "a", org: "HA-420100", roles: [] }, "420111")).toBe(true);
    expect(hasJurisdiction({ sub: "a", org: "PT-420100-MZ", roles: [] }, "420111")).toBe(false);
  });
});

describe("arrears and vacancy", () => {
  const line = (month: string, paid: boolean) => ({ month, amountDue: 500, amountPaid: paid ? 500 : 0 });
  it("counts unpaid months and the amount", () => {
    const ledger = [line("2025-01-01", true), line("2025-02-01", false), line("2025-03-01", false), { month: "2025-04-01", amountDue: 500, amountPaid: 200 }];
    expect(monthsInArrears(ledger)).toBe(3);
    expect(monthsInArrears(ledger, "2025-02-01")).toBe(1);
    expect(arrearsAmount(ledger)).toBe(1300);
  });
  it("counts consecutive months vacant back from the latest check", () => {
    const c = (checkedOn: string, occupied: boolean) => ({ checkedOn, occupied });
    expect(consecutiveMonthsVacant([])).toBe(0);
    expect(consecutiveMonthsVacant([c("2025-01-10", false), c("2025-02-10", false), c("2025-03-10", false)])).toBe(3);
    // an occupied finding in a month breaks the run, even if the same month also had a vacant one
    expect(consecutiveMonthsVacant([c("2025-01-10", false), c("2025-02-10", false), c("2025-02-20", true), c("2025-03-10", false)])).toBe(1);
    // a month without a check breaks the run
    expect(consecutiveMonthsVacant([c("2025-01-10", false), c("2025-03-10", false)])).toBe(1);
    // across a year boundary
    expect(consecutiveMonthsVacant([c("2024-12-05", false), c("2025-01-05", false)])).toBe(2);
    expect(previousMonth("2025-01")).toBe("2024-12");
  });
});

describe("archive input validation (R3.1)", () => {
  const valid: FamilyFields = {
    divisionCode: "420111",
    members: [
      { name: "王建国", idNumber: makeIdNumber("420111", "1980-05-06", 11), relation: "本人" },
      { name: "刘芳", idNumber: makeIdNumber("420111", "1982-07-08", 22), relation: "配偶" },
    ],
    hukouDivisionCode: "420111",
    maritalStatus: "已婚",
    householdSize: 2,
    annualIncome: 30000,
    propertyCount: 0,
    housingStatus: "无自有住房",
    perCapitaArea: null,
    guaranteeCategory: "城镇低收入家庭",
    guaranteeMode: "RENTAL_SUBSIDY",
    guaranteeGroup: "城镇户籍家庭",
    priority: false,
    priorityReason: null,
  };
  it("accepts a valid archive", () => expect(validateFamilyFields(valid)).toEqual([]));
  it("names every bad field", () => {
    const problems = validateFamilyFields({
      ...valid,
      divisionCode: "110101",
      householdSize: 1,
      annualIncome: -5,
      propertyCount: 1.5,
      guaranteeMode: "CASH",
      members: [valid.members[0], { ...valid.members[0], relation: "本人" }],
    });
    expect(problems.map((p) => p.field).sort()).toEqual(
      ["divisionCode", "economic.annualIncome", "economic.propertyCount", "guarantee.mode", "household.size", "members[1].idNumber", "members[1].relation"].sort(),
    );
    for (const p of problems) expect(p.message).toMatch(/[\u4e00-\u9fff]/);
  });
  it("diffs snapshots field by field", () => {
    expect(diffFields({ a: 1, b: [1] }, { a: 1, b: [2], c: null })).toEqual([{ field: "b", before: [1], after: [2] }]);
  });
});

describe("domain purity", () => {
  it("src/domain imports no ORM, GraphQL or type-graphql", () => {
    const dir = path.resolve(__dirname, "../src/domain");
    const offenders: string[] = [];
    const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
    expect(files).toContain(path.join("credit", "score.ts"));
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), "utf8");
      for (const m of text.matchAll(/from\s+["']([^"']+)["']|require\(["']([^"']+)["']\)/g)) {
        const spec = m[1] ?? m[2];
        if (/^(@mikro-orm|type-graphql|graphql|@apollo|@graphql-tools)/.test(spec) || spec.includes("/entities/") || spec.includes("resolvers")) offenders.push(`${f}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
