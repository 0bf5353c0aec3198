// The demo's written permission (R8.2): Wuhan's housing authority lets the Wuhan civil-affairs
// bureau (a sample partner) see Wuhan's lists, with names and ID numbers masked — granted through
// the same service (and audit) as the GrantSharingPermission mutation.
import type { EntityManager } from "@mikro-orm/core";
import { grantPermission } from "../subgraphs/archive/sharing/permission.service";
import { SharingPermission } from "../subgraphs/archive/entities/sharing-permission.entity";

export const DEMO_PERMISSION = "鄂武住保许〔2026〕1号";

export async function seedDemoPermission(em: EntityManager, now = new Date()): Promise<string> {
  if (await em.findOne(SharingPermission, { documentNumber: DEMO_PERMISSION })) return DEMO_PERMISSION;
  await grantPermission(
    em,
    { sub: "demo-seed", org: "HA-420100", roles: ["ADMIN"] },
    {
      documentNumber: DEMO_PERMISSION,
      granteeCode: "PT-420100-MZ",
      purpose: "公租房与社会救助资格联审（演示）",
      scopes: [
        { category: "LISTS", mode: "FULL" },
        { category: "IDENTITY", mode: "MASKED" },
      ],
      divisionCodes: ["420100"],
      validFrom: now,
      validUntil: new Date(now.getTime() + 365 * 86400_000),
      letterSha256: null,
    },
    { clientAddress: null, operationName: "demo-seed" },
    now,
  );
  return DEMO_PERMISSION;
}
