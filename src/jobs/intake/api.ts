// The intake's calls to the hub, through the gateway with the caller's own token: one batch
// mutation per kind (schema/operations/intake.graphql) and the archive's load audit.
import { gatewayRequest, type GatewayTarget } from "../gateway-client";
import type { IntakeKind, IntakeReportKind, JudicialIntakeKind } from "./columns";
import type { IntakeCounts } from "./checkpoint";
import type { IntakeValues } from "./parse";
import {
  BeginIntakeLoadDocument,
  FinishIntakeLoadDocument,
  ImportHousingWarningsDocument,
  ImportJudicialRecordsDocument,
  ImportOccupancyChecksDocument,
  ImportRentLedgerDocument,
  ImportTenanciesDocument,
  type IntakeReportFieldsFragment,
} from "../../generated/operations";

export interface IntakeProblem {
  /** 0-based index into the batch's rows. */
  row: number;
  /** The input field name, or null for the row as a whole. */
  field?: string | null;
  code: string;
  message: string;
}

export interface IntakeBatchReport extends IntakeCounts {
  received: number;
  dryRun: boolean;
  written: boolean;
  problems: IntakeProblem[];
}

export interface IntakeLoadInput {
  kind: IntakeReportKind;
  sourceSystem: string;
  fileName: string;
  fileSha256: string;
  totalRows: number;
  allOrNothing: boolean;
}

/** What an import needs of the hub (a fake in unit tests). */
export interface IntakeApi {
  beginLoad(input: IntakeLoadInput): Promise<{ id: string }>;
  finishLoad(id: string, result: IntakeCounts & { completed: boolean }): Promise<void>;
  sendBatch(kind: IntakeKind, sourceSystem: string, rows: IntakeValues[], opts: { dryRun: boolean; allOrNothing: boolean }): Promise<IntakeBatchReport>;
}

const report = (r: IntakeReportFieldsFragment): IntakeBatchReport => ({
  received: r.received,
  inserted: r.inserted,
  updated: r.updated,
  unchanged: r.unchanged,
  rejected: r.rejected,
  dryRun: r.dryRun,
  written: r.written,
  problems: r.problems,
});

export function gatewayIntakeApi(target: GatewayTarget): IntakeApi {
  return {
    async beginLoad(input) {
      const { beginIntakeLoad } = await gatewayRequest(target, BeginIntakeLoadDocument, { input });
      return { id: beginIntakeLoad.id };
    },
    async finishLoad(id, result) {
      await gatewayRequest(target, FinishIntakeLoadDocument, { id, result });
    },
    async sendBatch(kind, sourceSystem, rows, { dryRun, allOrNothing }) {
      const common = { sourceSystem, dryRun, allOrNothing };
      // The rows are validated by the server field by field (every input field is a nullable String).
      const anyRows = rows as never[];
      switch (kind.reportKind) {
        case "TENANCY":
          return report((await gatewayRequest(target, ImportTenanciesDocument, { ...common, rows: anyRows })).importTenancies);
        case "RENT_LEDGER":
          return report((await gatewayRequest(target, ImportRentLedgerDocument, { ...common, rows: anyRows })).importRentLedger);
        case "OCCUPANCY_CHECK":
          return report((await gatewayRequest(target, ImportOccupancyChecksDocument, { ...common, rows: anyRows })).importOccupancyChecks);
        case "HOUSING_WARNING":
          return report((await gatewayRequest(target, ImportHousingWarningsDocument, { ...common, rows: anyRows })).importHousingWarnings);
        default: {
          const judicialKind: JudicialIntakeKind = kind.reportKind;
          return report((await gatewayRequest(target, ImportJudicialRecordsDocument, { ...common, kind: judicialKind, rows: anyRows })).importJudicialRecords);
        }
      }
    },
  };
}
