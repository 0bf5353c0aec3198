// Daily list jobs through the gateway: expiry of warning and key-attention entries, procedures
// whose rectification deadline passed (R6.3), overdue steps (R6.6); and set-based rescoring
// when records leave their use period (R7.4) or a rule set changes (R2.1).
import { RescoreFamiliesDocument, RunListMaintenanceDocument, type RescoreFamiliesMutation, type RunListMaintenanceMutation } from "../generated/operations";
import { gatewayRequest, type GatewayTarget } from "./gateway-client";

export async function maintainLists(target: GatewayTarget, divisionCode?: string): Promise<RunListMaintenanceMutation["runListMaintenance"]> {
  return (await gatewayRequest(target, RunListMaintenanceDocument, { divisionCode: divisionCode ?? null })).runListMaintenance;
}

export async function rescore(target: GatewayTarget, divisionCode?: string): Promise<RescoreFamiliesMutation["rescoreFamilies"]> {
  return (await gatewayRequest(target, RescoreFamiliesDocument, { divisionCode: divisionCode ?? null })).rescoreFamilies;
}
