// Administrative divisions of Hubei (GB/T 2260) and jurisdictions (R2.4): the province
// 420000, its 17 prefecture-level divisions, their county-level divisions.
import divisionData from "../data/hubei-divisions.json";
import nationalData from "../data/gbt2260-divisions.json";

export type AdminLevel = "PROVINCE" | "CITY" | "COUNTY";

export interface Division {
  code: string;
  name: string;
  level: AdminLevel;
  parentCode: string | null;
}

export const PROVINCE_CODE = "420000";

const byCode = new Map<string, Division>();
for (const d of divisionData as Division[]) byCode.set(d.code, d);

export function allDivisions(): readonly Division[] {
  return divisionData as Division[];
}

export function findDivision(code: string): Division | undefined {
  return byCode.get(code);
}

export function cityDivisions(): Division[] {
  return allDivisions().filter((d) => d.level === "CITY");
}

/** County-level divisions of a prefecture-level one (none for 仙桃, 潜江, 天门, 神农架). */
export function countiesOf(cityCode: string): Division[] {
  return allDivisions().filter((d) => d.parentCode === cityCode);
}

/** The chain from the division up to the province, the division itself first. */
export function ancestry(code: string): Division[] {
  const chain: Division[] = [];
  let d = byCode.get(code);
  while (d) {
    chain.push(d);
    d = d.parentCode ? byCode.get(d.parentCode) : undefined;
  }
  return chain;
}

/** R2.4: does the authority of `authorityCode` have jurisdiction over `divisionCode`? */
export function isWithinJurisdiction(divisionCode: string, authorityCode: string): boolean {
  return ancestry(divisionCode).some((d) => d.code === authorityCode);
}

/** The prefecture-level division a division belongs to (itself for a city). */
export function cityOf(code: string): Division | undefined {
  return ancestry(code).find((d) => d.level === "CITY");
}

/** The national table (GB/T 2260, every province, prefecture and county): code → [name, parent]. */
const national = nationalData as unknown as Record<string, [string, string | null]>;
/** Placeholder levels of the table that are no part of a place's name. */
const PLACEHOLDERS = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

export interface NationalDivision {
  code: string;
  name: string;
  /** The name with its province and prefecture, e.g. 四川省成都市锦江区. */
  fullName: string;
  /** Inside Hubei (42xxxx). */
  inHubei: boolean;
}

/**
 * R3.1 (家庭档案: 户籍): a family's household registration may be anywhere in China — families
 * registered in another province are a core public-rental group — so 户籍 is checked against the
 * national GB/T 2260 table, while the family's own division (its jurisdiction, R2.4) stays a
 * Hubei one.
 */
export function nationalDivision(code: string): NationalDivision | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const own = national[code];
  if (!own) return undefined;
  const names: string[] = [];
  // At most county → prefecture → province: a malformed table (a code its own parent) cannot loop.
  for (let c: string | null = code, depth = 0; c && depth < 3; c = national[c]?.[1] ?? null, depth++) {
    const name = national[c]?.[0];
    if (name && !PLACEHOLDERS.has(name)) names.unshift(name);
  }
  return { code, name: own[0], fullName: names.join(""), inHubei: code.startsWith("42") };
}
