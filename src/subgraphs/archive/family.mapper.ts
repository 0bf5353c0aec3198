// The only place that decides what of a family entity the graph exposes.
import { findDivision, nationalDivision } from "../../domain/divisions";
import { ofFamily } from "../disclosure";
import type { Family as FamilyEntity } from "./entities/family.entity";
import type { FamilyChange } from "./entities/family-change.entity";
import type { Organization as OrganizationEntity } from "./entities/organization.entity";
import type { ArchiveChange, Division, Family, Organization } from "../../../resolvers/archive/archive.types";
import { AdminLevel, GuaranteeMode, OrganizationKind } from "../../../resolvers/archive/archive.types";

export function toDivision(code: string): Division {
  const d = findDivision(code);
  if (!d) return { code, name: "未知区划", level: AdminLevel.COUNTY, parentCode: null };
  return { code: d.code, name: d.name, level: d.level as AdminLevel, parentCode: d.parentCode };
}

export function toFamily(e: FamilyEntity): Family {
  // Members, household, … are the family's data: the disclosure policy decides them for this family.
  const members = e.members.getItems().map((m) => ({ name: m.name, idNumber: m.idNumber, relation: m.relation }));
  return {
    id: e.id,
    divisionCode: e.divisionCode,
    division: toDivision(e.divisionCode),
    applicant: members[0],
    members,
    memberIdNumbers: members.map((m) => m.idNumber as string),
    household: {
      hukouDivisionCode: e.hukouDivisionCode,
      hukouDivisionName: nationalDivision(e.hukouDivisionCode)?.fullName ?? null,
      hukouOutOfProvince: !e.hukouDivisionCode.startsWith("42"),
      maritalStatus: e.maritalStatus,
      size: e.householdSize,
    },
    economic: { annualIncome: Number(e.annualIncome), propertyCount: e.propertyCount },
    housing: { status: e.housingStatus, perCapitaArea: e.perCapitaArea == null ? null : Number(e.perCapitaArea) },
    guarantee: {
      category: e.guaranteeCategory,
      mode: e.guaranteeMode as GuaranteeMode,
      group: e.guaranteeGroup,
      priority: e.priority,
      priorityReason: e.priorityReason ?? null,
    },
    version: e.version,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}

export function toArchiveChange(c: FamilyChange, divisionCode: string): ArchiveChange {
  return ofFamily({
    id: c.id,
    familyId: c.familyId,
    at: c.at,
    action: c.action,
    actorSub: c.actorSub,
    actorOrg: c.actorOrg,
    reason: c.reason,
    changes: c.changes.map((f) => ({
      field: f.field,
      before: f.before === null || f.before === undefined ? null : JSON.stringify(f.before),
      after: f.after === null || f.after === undefined ? null : JSON.stringify(f.after),
    })),
  }, c.familyId, divisionCode);
}

export function toOrganization(o: OrganizationEntity): Organization {
  return {
    code: o.code,
    name: o.name,
    kind: o.kind as OrganizationKind,
    level: o.level as AdminLevel,
    division: toDivision(o.divisionCode),
  };
}
