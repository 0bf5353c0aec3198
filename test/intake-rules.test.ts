// The row checks of intake (issue 14), pure: every form a source system writes, and generated
// ID numbers against an independent checksum oracle (GB 11643).
import { describe, expect, it } from "vitest";
import * as rule from "../src/domain/intake-rules";
import { makeIdNumber } from "../src/domain/id-number";

const value = <T>(c: rule.Checked<T>) => (c.ok ? c.value : c.code);

describe("intake row checks", () => {
  it("dates: the forms sources write, calendar validity, no date after today when asked", () => {
    for (const v of ["2026-01-05", "2026/1/5", "20260105", "2026年1月5日", "2026.1.5", "2026-01-05T00:00:00.000Z"]) expect(value(rule.date(v, "日期"))).toBe("2026-01-05");
    for (const v of ["2026-02-30", "2026-13-01", "05/01/2026", "明天", "1899-12-31"]) expect(value(rule.date(v, "日期"))).toBe("INVALID_DATE");
    expect(value(rule.date("2026-03-03", "缴纳日期", { notAfter: "2026-03-02" }))).toBe("FUTURE_DATE");
    expect(value(rule.date("", "缴纳日期", { optional: true }))).toBeNull();
    expect(value(rule.date("  ", "日期"))).toBe("MISSING");
  });

  it("months: normalised to the first day; not after the current month", () => {
    for (const v of ["2026-01", "2026-1", "202601", "2026/01", "2026-01-01", "2026年1月", "2026-01-01T00:00:00.000Z"]) expect(value(rule.month(v, "月份", "2026-03-02"))).toBe("2026-01-01");
    expect(value(rule.month("2026-04", "月份", "2026-03-02"))).toBe("FUTURE_MONTH");
    expect(value(rule.month("2026-03", "月份", "2026-03-02"))).toBe("2026-03-01");
    for (const v of ["2026-13", "2026-00", "2026-01-15", "一月"]) expect(value(rule.month(v, "月份", "2026-03-02"))).toBe("INVALID_MONTH");
  });

  it("amounts: yuan with at most two decimals, thousands separators, ranges", () => {
    expect(value(rule.amount("1,234.50", "金额"))).toBe(1234.5);
    expect(value(rule.amount("¥520", "金额"))).toBe(520);
    expect(value(rule.amount("520元", "金额"))).toBe(520);
    for (const v of ["5.001", "abc", "1e3", "-1"]) expect(value(rule.amount(v, "金额"))).toBe("INVALID_AMOUNT");
    expect(value(rule.amount("0", "月租金", { positive: true }))).toBe("INVALID_AMOUNT");
    expect(value(rule.amount("2000000", "金额"))).toBe("INVALID_AMOUNT");
  });

  it("yes/no, warning kinds, texts, divisions", () => {
    for (const v of ["是", "Y", "true", "1"]) expect(value(rule.yesNo(v, "是否居住"))).toBe(true);
    for (const v of ["否", "n", "FALSE", "0", "空置"]) expect(value(rule.yesNo(v, "是否居住"))).toBe(false);
    expect(value(rule.yesNo("也许", "是否居住"))).toBe("INVALID_BOOLEAN");
    expect(value(rule.warningKind("欠租"))).toBe("RENT_ARREARS");
    expect(value(rule.warningKind("vacancy"))).toBe("VACANCY");
    expect(value(rule.warningKind(""))).toBe("OTHER");
    expect(value(rule.warningKind("罚款"))).toBe("INVALID_KIND");
    expect(value(rule.text("一二三四五", "名称", 4))).toBe("TOO_LONG");
    expect(value(rule.division("420111"))).toBe("420111");
    expect(value(rule.division("430100"))).toBe("INVALID_DIVISION");
    expect(value(rule.sourceId("a\u0001b"))).toBe("INVALID_SOURCE_ID");
  });

  it("generated ID numbers: accepted exactly when the check character is right (ISO 7064 MOD 11-2 oracle)", () => {
    const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C = "10X98765432";
    const oracle = (n: string) => /^\d{17}[\dX]$/.test(n) && C[[...n.slice(0, 17)].reduce((s, d, i) => s + Number(d) * W[i], 0) % 11] === n[17];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let i = 0; i < 500; i++) {
      const good = makeIdNumber("420111", `19${50 + rnd(50)}-${String(1 + rnd(12)).padStart(2, "0")}-${String(1 + rnd(28)).padStart(2, "0")}`, rnd(1000));
      expect(oracle(good)).toBe(true);
      expect(value(rule.idNumber(good.toLowerCase()))).toBe(good);
      const check = C[(C.indexOf(good[17]) + 1 + rnd(10)) % 11];
      const bad = good.slice(0, 17) + check;
      expect(value(rule.idNumber(bad))).toBe(oracle(bad) ? bad : "INVALID_ID_NUMBER");
    }
  });
});
