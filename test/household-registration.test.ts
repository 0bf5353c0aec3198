// R3.1: a family registered (户籍) in another province can be archived — the 户籍 is any GB/T 2260
// code of the national table — while the family's own division stays in Hubei (R2.4).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import national from "../src/data/gbt2260-divisions.json";
import { allDivisions, nationalDivision } from "../src/domain/divisions";
import { generateFamilies } from "../src/seed/demo-data";
import { validateFamilyFields } from "../src/domain/family-input";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput } from "./support/fixtures";

const READ = `query($id: ID!) { family(id: $id) { id divisionCode household { hukouDivisionCode hukouDivisionName hukouOutOfProvince } } }`;

describe("the national division table (GB/T 2260)", () => {
  it("knows every province's counties, with their full names, and refuses codes not in it", () => {
    expect(nationalDivision("510104")).toEqual({ code: "510104", name: "锦江区", fullName: "四川省成都市锦江区", inHubei: false });
    expect(nationalDivision("110101")).toMatchObject({ fullName: "北京市东城区", inHubei: false });
    expect(nationalDivision("429004")).toMatchObject({ fullName: "湖北省仙桃市", inHubei: true });
    expect(nationalDivision("650000")).toMatchObject({ name: "新疆维吾尔自治区" });
    for (const bad of ["999999", "420199", "51010", "5101044", "abcdef", ""]) expect(nationalDivision(bad), bad).toBeUndefined();
  });

  it("names prefectures without counties (东莞, 中山, 儋州) once, under their province", () => {
    expect(nationalDivision("441900")).toMatchObject({ name: "东莞市", fullName: "广东省东莞市" });
    expect(nationalDivision("442000")).toMatchObject({ fullName: "广东省中山市" });
    expect(nationalDivision("460400")).toMatchObject({ fullName: "海南省儋州市" });
  });

  it("is one tree of 31 provinces that holds every Hubei division under its own name", () => {
    const table = national as unknown as Record<string, [string, string | null]>;
    const codes = Object.keys(table);
    expect(codes.filter((c) => table[c][1] === null)).toHaveLength(31);
    for (const c of codes) {
      const chain = [c];
      for (let p = table[c][1]; p; p = table[p]?.[1] ?? null) {
        expect(table[p], `${c}: parent ${p}`).toBeDefined();
        expect(chain, `${c}: cycle`).not.toContain(p);
        chain.push(p);
      }
      expect(chain.length, c).toBeLessThanOrEqual(3);
    }
    for (const d of allDivisions()) expect(table[d.code]?.[0], d.code).toBe(d.name);
  });

  it("gives some synthetic migrant-worker demo families an out-of-province 户籍, all valid", () => {
    const families = [...generateFamilies({ count: 2000, seed: 7, today: "2026-06-30" })].map((b) => b.family);
    const outside = families.filter((f) => !f.hukouDivisionCode.startsWith("42"));
    expect(outside.length).toBeGreaterThan(20);
    for (const f of outside) {
      expect(f.guaranteeCategory).toBe("外来务工人员");
      expect(nationalDivision(f.hukouDivisionCode), f.hukouDivisionCode).toBeDefined();
      expect(f.divisionCode.startsWith("42")).toBe(true);
    }
  });

  it("validates 户籍 against the national table and the family's division against Hubei's", () => {
    expect(validateFamilyFields({ hukouDivisionCode: "440305" })).toEqual([]);
    expect(validateFamilyFields({ hukouDivisionCode: "999999" }).map((p) => [p.field, p.message])).toEqual([
      ["household.hukouDivisionCode", "户籍所在地区划代码“999999”不是有效的全国行政区划代码（GB/T 2260）"],
    ]);
    expect(validateFamilyFields({ divisionCode: "510104" }).map((p) => p.field)).toEqual(["divisionCode"]);
  });
});

describe.each<DbKind>(["postgres", "pglite"])("out-of-province 户籍 through the gateway on %s", (kind) => {
  let t: TestHub;
  let operator: string;
  beforeAll(async () => {
    t = await startTestHub(kind);
    operator = t.token("HA-420111", ["OPERATOR"], "hs-operator");
  });
  afterAll(async () => t?.close());

  it("archives families registered in Sichuan and Guangdong, concurrently, and reads their 户籍 back", async () => {
    const hukous = ["510104", "440305", "420111", "441900"];
    const created = await Promise.all(
      hukous.map((h) => t.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: familyInput("420111", { household: { hukouDivisionCode: h, maritalStatus: "已婚", size: 2 } }), reason: "建档" }, operator)),
    );
    const read = await Promise.all(created.map((c) => (expect(c.errors).toBeUndefined(), t.gql<{ family: { household: unknown; divisionCode: string } }>(READ, { id: c.data!.createFamily.id }, operator))));
    expect(read.map((r) => r.data!.family)).toMatchObject([
      { divisionCode: "420111", household: { hukouDivisionCode: "510104", hukouDivisionName: "四川省成都市锦江区", hukouOutOfProvince: true } },
      { divisionCode: "420111", household: { hukouDivisionCode: "440305", hukouDivisionName: "广东省深圳市南山区", hukouOutOfProvince: true } },
      { divisionCode: "420111", household: { hukouDivisionCode: "420111", hukouDivisionName: "湖北省武汉市洪山区", hukouOutOfProvince: false } },
      { divisionCode: "420111", household: { hukouDivisionCode: "441900", hukouDivisionName: "广东省东莞市", hukouOutOfProvince: true } },
    ]);
  });

  it("refuses a code outside the national table, and a family division outside Hubei, storing nothing", async () => {
    const count = async () => Number((await t.hub.dbs.archive!.orm.em.fork().getConnection().execute<{ n: string }[]>(`select count(*)::text as n from "archive"."family"`))[0].n);
    const before = await count();
    const bad = await t.gql(CREATE_FAMILY, { input: familyInput("420111", { household: { hukouDivisionCode: "999999", maritalStatus: "已婚", size: 2 } }), reason: "建档" }, operator);
    expect(bad.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", fields: [{ field: "household.hukouDivisionCode", message: "户籍所在地区划代码“999999”不是有效的全国行政区划代码（GB/T 2260）" }] });
    const outside = await t.gql(CREATE_FAMILY, { input: familyInput("510104"), reason: "建档" }, t.token("HA-420000", ["OPERATOR"], "province-operator"));
    expect(outside.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(await count()).toBe(before);
  });
});
