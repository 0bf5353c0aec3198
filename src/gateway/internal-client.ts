// The gateway's own signed calls to the archive subgraph: the caller's permissions in force
// (read on every request, so a grant or revocation applies to the next request) and the
// disclosure audit (R8.2, R8.3). They are @inaccessible fields: not part of the public graph.
import type { SigningKey } from "../config";
import type { Caller } from "../auth/caller";
import { signRequest } from "../auth/subgraph-signature";
import type { GrantInForce } from "../domain/permissions";
import type { AuditInput } from "../subgraphs/archive/sharing/audit.service";

export const GATEWAY_CALLER: Caller = Object.freeze({ sub: "hub-gateway", org: null, roles: [], system: true }) as Caller;

export class InternalClient {
  constructor(
    private readonly archiveUrl: string,
    private readonly key: SigningKey,
    private readonly timeoutMs = 10_000,
  ) {}

  private async call<T>(query: string, variables: Record<string, unknown>, requestId: string): Promise<T> {
    const body = JSON.stringify({ query, variables });
    const res = await fetch(this.archiveUrl, {
      method: "POST",
      headers: { "content-type": "application/json", "x-request-id": requestId, ...signRequest(this.key, GATEWAY_CALLER, body, "archive") },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const json = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (!res.ok || json.errors?.length || !json.data) throw new Error(`archive internal call failed: HTTP ${res.status} ${json.errors?.[0]?.message ?? ""}`);
    return json.data;
  }

  async grantsInForce(org: string, requestId: string): Promise<GrantInForce[]> {
    const data = await this.call<{ hubCallerGrants: string }>(`query($org: String!) { hubCallerGrants(org: $org) }`, { org }, requestId);
    return JSON.parse(data.hubCallerGrants) as GrantInForce[];
  }

  async recordDisclosure(entry: Omit<AuditInput, "kind">, requestId: string): Promise<string> {
    const data = await this.call<{ hubRecordDisclosure: string }>(
      `mutation($entry: String!) { hubRecordDisclosure(entry: $entry) }`,
      { entry: JSON.stringify({ ...entry, at: entry.at.toISOString() }) },
      requestId,
    );
    return data.hubRecordDisclosure;
  }
}
