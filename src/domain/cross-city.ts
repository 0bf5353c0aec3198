// Cross-city credit checks (issue 14 part 6; R6.2, R8.1, R8.2): a city's housing authority checks
// at business acceptance an applicant whose family is archived in another city. The standing
// written permission that allows it: each of the 17 prefecture-level housing authorities grants
// each of the other 16 — the same (city) level, R8.1/R8.2 — its lists in full and credit masked,
// for its whole city, for this one purpose. Pure: the set of grants, not how they are issued.
import { cityDivisions, findDivision } from "./divisions";
import type { DataCategory, SharingMode } from "./permissions";

export const CROSS_CITY_PURPOSE = "公租房业务受理时的信用核查（R6.2：受理申请人在其他市州登记的信用状况）";
export const CROSS_CITY_SCOPES: readonly { category: DataCategory; mode: SharingMode }[] = [
  { category: "LISTS", mode: "FULL" },
  { category: "CREDIT", mode: "MASKED" },
];
/** Years a standing permission runs (renewed by issuing the set again with a later year). */
export const CROSS_CITY_YEARS = 5;

/** 文号 of the permission `grantor` (city code) gives `grantee` (city code), issued in `year`. */
export function crossCityDocumentNumber(grantor: string, grantee: string, year: number): string {
  return `鄂住保跨市许〔${year}〕${grantor}-${grantee}号`;
}

export interface CrossCityGrant {
  grantorCode: string;
  documentNumber: string;
  granteeCode: string;
  purpose: string;
  scopes: { category: DataCategory; mode: SharingMode }[];
  divisionCodes: string[];
  validFrom: Date;
  validUntil: Date;
}

/** The 16 permissions one city's authority grants (`grantorCity`: its division code), from `from`. */
export function crossCityGrantsOf(grantorCity: string, from: Date, year: number, years = CROSS_CITY_YEARS): CrossCityGrant[] {
  const city = findDivision(grantorCity);
  if (!city || city.level !== "CITY") throw new Error(`${grantorCity} 不是湖北省的市州区划代码`);
  const validUntil = new Date(from.getTime());
  validUntil.setUTCFullYear(validUntil.getUTCFullYear() + years);
  return cityDivisions()
    .filter((d) => d.code !== grantorCity)
    .map((d) => ({
      grantorCode: `HA-${grantorCity}`,
      documentNumber: crossCityDocumentNumber(grantorCity, d.code, year),
      granteeCode: `HA-${d.code}`,
      purpose: CROSS_CITY_PURPOSE,
      scopes: CROSS_CITY_SCOPES.map((s) => ({ ...s })),
      divisionCodes: [grantorCity],
      validFrom: from,
      validUntil,
    }));
}

/** The whole set: every city to every other (17 × 16 = 272 permissions). */
export function crossCityGrants(from: Date, year: number, years = CROSS_CITY_YEARS): CrossCityGrant[] {
  return cityDivisions().flatMap((c) => crossCityGrantsOf(c.code, from, year, years));
}
