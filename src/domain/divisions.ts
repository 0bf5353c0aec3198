// Administrative divisions of Hubei (GB/T 2260) and jurisdictions (R2.4): the province
// 420000, its 17 prefecture-level divisions, their county-level divisions.
import divisionData from "../data/hubei-divisions.json";

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
