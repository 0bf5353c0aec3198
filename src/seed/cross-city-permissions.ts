// The demo's standing cross-city permissions (issue 14 part 6; R6.2, R8.1, R8.2): each of the 17
// city-level housing authorities lets each of the other 16 check its applicants at business
// acceptance (lists in full, credit masked, its whole city) — issued through the same service
// (and audit) as the GrantSharingPermission mutation, by each city's authority itself. Production
// issues the same set with `npm run hub -- permissions cross-city` (src/jobs/cross-city.ts).
import type { EntityManager } from "@mikro-orm/core";
import { grantPermission } from "../subgraphs/archive/sharing/permission.service";
import { SharingPermission } from "../subgraphs/archive/entities/sharing-permission.entity";
import { crossCityGrants } from "../domain/cross-city";
import { shanghaiDate } from "../domain/credit/dates";

export async function seedCrossCityPermissions(em: EntityManager, now = new Date()): Promise<{ issued: number; existing: number }> {
  const grants = crossCityGrants(now, Number(shanghaiDate(now).slice(0, 4)));
  const have = new Set((await em.fork().find(SharingPermission, { documentNumber: { $in: grants.map((g) => g.documentNumber) } })).map((p) => p.documentNumber));
  let issued = 0;
  for (const g of grants) {
    if (have.has(g.documentNumber)) continue;
    await grantPermission(
      em.fork(),
      { sub: "demo-seed", org: g.grantorCode, roles: ["ADMIN"] },
      { documentNumber: g.documentNumber, granteeCode: g.granteeCode, purpose: g.purpose, scopes: g.scopes, divisionCodes: g.divisionCodes, validFrom: g.validFrom, validUntil: g.validUntil, letterSha256: null },
      { clientAddress: null, operationName: "demo-seed" },
      now,
    );
    issued++;
  }
  return { issued, existing: have.size };
}
