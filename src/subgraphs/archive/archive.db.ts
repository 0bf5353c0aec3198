import type { SubgraphDbSpec } from "../../db/orm";
import { Family } from "./entities/family.entity";
import { FamilyMember } from "./entities/family-member.entity";
import { FamilyChange } from "./entities/family-change.entity";
import { Organization } from "./entities/organization.entity";
import { RuleSetRow } from "./entities/rule-set.entity";
import { CreditRecord } from "./entities/credit-record.entity";
import { Evidence } from "./entities/evidence.entity";
import { CreditDocument } from "./entities/credit-document.entity";
import { FamilyCredit } from "./entities/family-credit.entity";
import { ListEntry } from "./entities/list-entry.entity";
import { ListEntryStatement } from "./entities/list-entry-statement.entity";
import { DutyRun } from "./entities/duty-run.entity";
import { ListChange, ListChangeCounter, ListOutbox } from "./entities/list-change.entity";
import { WarningBatch } from "./entities/warning-batch.entity";
import { SharingPermission } from "./entities/sharing-permission.entity";
import { Objection, RepairApplication } from "./entities/redress.entity";
import { AuditEntry, AuditHead } from "./entities/audit-entry.entity";
import { DrillClockRow } from "./entities/drill-clock.entity";
import { migrations } from "./migrations";

export const archiveDb: SubgraphDbSpec = {
  name: "archive",
  entities: [
    Family,
    FamilyMember,
    FamilyChange,
    Organization,
    RuleSetRow,
    CreditRecord,
    Evidence,
    CreditDocument,
    FamilyCredit,
    ListEntry,
    ListEntryStatement,
    ListChange,
    ListChangeCounter,
    ListOutbox,
    WarningBatch,
    SharingPermission,
    AuditEntry,
    AuditHead,
    Objection,
    RepairApplication,
    DrillClockRow,
    DutyRun,
  ],
  migrations,
};
