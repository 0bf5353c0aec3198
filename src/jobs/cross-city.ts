// `npm run hub -- permissions cross-city` (issue 14 part 6; R6.2, R8.1, R8.2): issues the standing
// cross-city permissions through the running gateway with GrantSharingPermission, as the city
// authority's own ADMIN (its token: HUB_TOKEN or --token) — the grantor is the authority of the
// grantee's level (R8.1), so each city issues its own 16. A permission whose 文号 is already used
// (a rerun) is skipped. In development `--all-cities` signs each city's ADMIN token itself.
import { parse } from "graphql";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { crossCityGrantsOf } from "../domain/cross-city";
import { GatewayRequestError, gatewayNow, gatewayRequest, type GatewayTarget } from "./gateway-client";
import { shanghaiDate } from "../domain/credit/dates";

const GRANT = parse(`mutation GrantSharingPermission($input: GrantSharingPermissionInput!) {
  grantSharingPermission(input: $input) { id documentNumber }
}`) as TypedDocumentNode<{ grantSharingPermission: { id: string; documentNumber: string } }, { input: Record<string, unknown> }>;

export interface CrossCityResult {
  issued: number;
  skipped: number;
}

/** The 16 permissions of `city` (its division code), issued with `target`'s token (that city's ADMIN). */
export async function issueCrossCity(target: GatewayTarget, city: string, years: number, log: (line: string) => void = () => undefined): Promise<CrossCityResult> {
  const now = await gatewayNow(target);
  const result: CrossCityResult = { issued: 0, skipped: 0 };
  for (const g of crossCityGrantsOf(city, now, Number(shanghaiDate(now).slice(0, 4)), years)) {
    try {
      await gatewayRequest(target, GRANT, {
        input: { documentNumber: g.documentNumber, granteeCode: g.granteeCode, purpose: g.purpose, scopes: g.scopes, divisionCodes: g.divisionCodes, validFrom: g.validFrom.toISOString(), validUntil: g.validUntil.toISOString() },
      });
      result.issued++;
      log(`已出具 ${g.documentNumber}：${g.grantorCode} → ${g.granteeCode}`);
    } catch (e) {
      if (e instanceof GatewayRequestError && e.code === "CONFLICT") {
        result.skipped++;
        continue;
      }
      throw e;
    }
  }
  return result;
}
