// R3.1: a family registered (户籍) in another province can be archived — the 户籍 is any GB/T 2260
// code of the national table — while the family's own division stays in Hubei (R2.4).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nationalDivision } from "../src/domain/divisions";
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
    const hukous = ["510104", "440305", "420111"];
    const created = await Promise.all(
      hukous.map((h) => t.gql<{ createFamily: { id: string } }>(CREATE_FAMILY, { input: familyInput("420111", { household: { hukouDivisionCode: h, maritalStatus: "已婚", size: 2 } }), reason: "建档" }, operator)),
    );
    const read = await Promise.all(created.map((c) => (expect(c.errors).toBeUndefined(), t.gql<{ family: { household: unknown; divisionCode: string } }>(READ, { id: c.data!.createFamily.id }, operator))));
    expect(read.map((r) => r.data!.family)).toMatchObject([
      { divisionCode: "420111", household: { hukouDivisionCode: "510104", hukouDivisionName: "四川省成都市锦江区", hukouOutOfProvince: true } },
      { divisionCode: "420111", household: { hukouDivisionCode: "440305", hukouDivisionName: "广东省深圳市南山区", hukouOutOfProvince: true } },
      { divisionCode: "420111", household: { hukouDivisionCode: "420111", hukouDivisionName: "湖北省武汉市洪山区", hukouOutOfProvince: false } },
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
