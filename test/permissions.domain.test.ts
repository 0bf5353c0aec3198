// The written-permission rule as pure functions (R8.1, R8.2, R8.5).
import { describe, expect, it } from "vitest";
import { availableCategories, coveredRoots, decide, isInForce, maskAddress, maskAmount, maskIdNumber, maskName, type GrantInForce } from "../src/domain/permissions";

const grant = (documentNumber: string, divisions: string[], scopes: GrantInForce["scopes"]): GrantInForce => ({ id: documentNumber, documentNumber, divisions, scopes });

describe("decide (R8.2)", () => {
  it("gives the authority its own jurisdiction in full, and nothing outside it without a permission", () => {
    const wuhan = { authorityDivision: "420100", grants: [] };
    expect(decide(wuhan, "420102", "IDENTITY")).toEqual({ mode: "FULL", via: null });
    expect(decide(wuhan, "420100", "JUDICIAL")).toEqual({ mode: "FULL", via: null });
    expect(decide(wuhan, "420602", "IDENTITY")).toBeNull();
    expect(decide({ authorityDivision: "420102", grants: [] }, "420111", "LISTS")).toBeNull(); // a district sees only itself
  });

  it("applies a permission to its divisions' subtrees and categories; FULL beats MASKED", () => {
    const partner = { authorityDivision: null, grants: [grant("许1", ["420100"], { LISTS: "FULL", IDENTITY: "MASKED" }), grant("许2", ["420102"], { IDENTITY: "FULL" })] };
    expect(decide(partner, "420111", "LISTS")).toEqual({ mode: "FULL", via: "许1" });
    expect(decide(partner, "420111", "IDENTITY")).toEqual({ mode: "MASKED", via: "许1" });
    expect(decide(partner, "420102", "IDENTITY")).toEqual({ mode: "FULL", via: "许2" });
    expect(decide(partner, "420111", "CREDIT")).toBeNull();
    expect(decide(partner, "420602", "LISTS")).toBeNull();
    expect([...availableCategories(partner)].sort()).toEqual(["IDENTITY", "LISTS"]);
    expect(coveredRoots(partner, "LISTS")).toEqual(["420100"]);
    expect(coveredRoots({ authorityDivision: null, grants: [] })).toEqual([]);
  });

  it("treats a permission as in force from validFrom until (excluding) validUntil, unless revoked", () => {
    const p = { validFrom: new Date("2026-01-01T00:00:00Z"), validUntil: new Date("2026-02-01T00:00:00Z"), revokedAt: null };
    expect(isInForce(p, new Date("2025-12-31T23:59:59Z"))).toBe(false);
    expect(isInForce(p, new Date("2026-01-01T00:00:00Z"))).toBe(true);
    expect(isInForce(p, new Date("2026-02-01T00:00:00Z"))).toBe(false);
    expect(isInForce({ ...p, revokedAt: new Date("2026-01-10T00:00:00Z") }, new Date("2026-01-05T00:00:00Z"))).toBe(false);
  });
});

describe("masking (R8.5, contract README)", () => {
  it("masks names, ID numbers, addresses and incomes", () => {
    expect(maskName("张三丰")).toBe("张**");
    expect(maskName("欧阳娜娜")).toBe("欧阳**"); // a compound surname stays whole
    expect(maskName("王")).toBe("王"); // no further character to hide
    expect(maskIdNumber("42010219800101123X")).toBe("420102********123X");
    expect(maskAddress("武汉市江岸区幸福路1号3栋")).toBe("武汉市江岸区****");
    expect(maskAmount(36000.5)).toBe(30000);
  });
});
