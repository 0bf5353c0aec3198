// The candidate scan (R4.1 (6) rent arrears, (7) vacancy): pages through the housing leads
// through the gateway and records each page in the archive as CANDIDATE records. Idempotent:
// a lead already recorded is skipped, so the job can run every night. It never identifies a
// record — staff of the jurisdiction do (R4.1, R5.2).
import { gatewayRequest } from "./gateway-client";
import {
  HousingCandidatesDocument,
  RaiseCandidatesDocument,
  type CandidateInput,
  type HousingCandidatesQuery,
  type HousingCandidatesQueryVariables,
  type RaiseCandidatesMutation,
  type RaiseCandidatesMutationVariables,
} from "../generated/operations";

export interface ScanCandidatesOptions {
  gatewayUrl: string;
  /** A housing-authority token with the OPERATOR (or ADMIN) role. */
  token: string;
  divisionCode?: string;
  /** R4.1 (6), (7): six months by the policy; a larger threshold narrows the scan. */
  minMonths?: number;
  pageSize?: number;
  log?: (line: string) => void;
}

export interface ScanCandidatesResult {
  scanned: number;
  raised: number;
  skipped: number;
}

/** R4.1 (6), (7): the policy's threshold; a lower one would raise leads that are no behaviour. */
export const POLICY_MIN_MONTHS = 6;
const DEFAULT_PAGE_SIZE = 200;
/** Stay well under the hub's 1 MiB request body limit when sending a page's evidence. */
const MAX_REQUEST_BYTES = 512 * 1024;

/** Splits a page's candidates so that each request stays under the body limit. */
function chunks(candidates: CandidateInput[]): CandidateInput[][] {
  const out: CandidateInput[][] = [];
  let current: CandidateInput[] = [];
  let size = 0;
  for (const c of candidates) {
    const bytes = Buffer.byteLength(JSON.stringify(c), "utf8") + 1;
    if (current.length && size + bytes > MAX_REQUEST_BYTES) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(c);
    size += bytes;
  }
  if (current.length) out.push(current);
  return out;
}

export async function scanCandidates(opts: ScanCandidatesOptions): Promise<ScanCandidatesResult> {
  const minMonths = opts.minMonths ?? POLICY_MIN_MONTHS;
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(minMonths) || minMonths < POLICY_MIN_MONTHS) throw new Error(`最少月数应为不小于 ${POLICY_MIN_MONTHS} 的整数（R4.1 第（六）（七）项）`);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 500) throw new Error("每页条数应为1至500");
  const log = opts.log ?? (() => undefined);
  const result: ScanCandidatesResult = { scanned: 0, raised: 0, skipped: 0 };
  let after: string | null = null;
  for (let page = 1; ; page++) {
    const variables: HousingCandidatesQueryVariables = { divisionCode: opts.divisionCode ?? null, minMonths, first: pageSize, after };
    const data: HousingCandidatesQuery = await gatewayRequest(opts, HousingCandidatesDocument, variables);
    const { edges, pageInfo, totalCount } = data.housingCandidates;
    const candidates: CandidateInput[] = edges.map(({ node }) => ({
      familyId: node.familyId,
      kind: node.kind,
      months: node.months,
      asOf: node.asOf,
      evidenceJson: node.evidenceJson,
      evidenceSha256: node.evidenceSha256,
    }));
    let raised = 0;
    let skipped = 0;
    for (const batch of chunks(candidates)) {
      const vars: RaiseCandidatesMutationVariables = { candidates: batch };
      const r: RaiseCandidatesMutation = await gatewayRequest(opts, RaiseCandidatesDocument, vars);
      raised += r.raiseCandidates.raised;
      skipped += r.raiseCandidates.skipped;
    }
    result.scanned += candidates.length;
    result.raised += raised;
    result.skipped += skipped;
    log(`第 ${page} 页：线索 ${candidates.length} 条（共 ${totalCount} 条），新登记 ${raised} 条，已登记跳过 ${skipped} 条`);
    if (!pageInfo.hasNextPage || !pageInfo.endCursor || !edges.length) break;
    after = pageInfo.endCursor;
  }
  return result;
}
