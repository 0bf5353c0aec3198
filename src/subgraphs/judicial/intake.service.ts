// Intake from the external departments (issue 14; R6.5): judgments, criminal penalties,
// administrative penalties, enforcement and administrative confirmations, keyed by the person's
// ID number, each written by the registered department that owns it — nobody else — idempotently
// under the department's (source system, source id). A record of a person who is no member of an
// archived family is kept (the person may apply later) but reaches nobody outside the department
// until they are: every other read goes through a family (judicial.resolver.ts). A record of a
// member is offered to the family's authority as a lead (R6.5).
import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/core";
import type { Caller } from "../../auth/caller";
import * as rule from "../../domain/intake-rules";
import { sqlQuery } from "../../db/orm";
import { ErrorCode, hubError } from "../../errors";
import { currentLogger } from "../../observability/logger";
import type { ArchiveLink } from "../archive-link";
import { pgTextArray } from "../row-rule.sql";
import type { JudicialKind } from "./entities/judicial-record.entity";
import { checkBatch, insertRows, RowProblems, runIntake, sameValues, updateRows, type ColumnSpec, type IntakeOptions, type IntakeReportView, type Revision } from "../intake-engine";

export interface JudicialRowIn {
  sourceId?: string | null;
  idNumber?: string | null;
  partyName?: string | null;
  caseNumber?: string | null;
  authority?: string | null;
  decidedOn?: string | null;
  summary?: string | null;
}

export interface JudicialIntakeCtx {
  em: EntityManager;
  caller: Caller;
  archive?: ArchiveLink;
  requestId: string;
  now: Date;
  today: string;
}

const WRITE_ROLES = ["OPERATOR", "ADMIN"] as const;

const COLUMNS: readonly ColumnSpec[] = [
  ["id", "uuid"],
  ["id_number", "text"],
  ["kind", "text"],
  ["case_number", "text"],
  ["court", "text"],
  ["division_code", "text"],
  ["decided_on", "date"],
  ["summary", "text"],
  ["party_name", "text"],
  ["owner_org", "text"],
  ["source_system", "text"],
  ["source_id", "text"],
  ["received_at", "timestamptz"],
  ["updated_at", "timestamptz"],
];
const VALUES = ["id_number", "kind", "case_number", "court", "decided_on", "summary", "party_name"] as const;

interface Stored {
  id: string;
  id_number: string;
  kind: string;
  case_number: string;
  court: string;
  division_code: string;
  decided_on: string;
  summary: string;
  party_name: string | null;
  owner_org: string | null;
  source_system: string | null;
  source_id: string | null;
  received_at: Date;
  updated_at: Date | null;
}
const SELECT = `select "id", "id_number", "kind", "case_number", "court", "division_code", to_char("decided_on", 'YYYY-MM-DD') as "decided_on", "summary", "party_name", "owner_org", "source_system", "source_id", "received_at", "updated_at" from "judicial"."judicial_record"`;

/** R6.5: only a registered department supplies judicial records, and only its own. */
async function department(ctx: JudicialIntakeCtx): Promise<{ divisionCode: string }> {
  if (!ctx.archive) throw hubError(ErrorCode.INTERNAL_SERVER_ERROR, "无法连接省级档案库，请稍后重试");
  const org = await ctx.archive.organization(ctx.caller.org!, ctx.requestId);
  if (org?.kind !== "DEPARTMENT") throw hubError(ErrorCode.FORBIDDEN, "司法及行政信息只能由登记的数据提供部门报送本部门的记录（R6.5）");
  return { divisionCode: org.divisionCode };
}

export async function importJudicialRecords(ctx: JudicialIntakeCtx, kind: JudicialKind, sourceSystemIn: string, rows: JudicialRowIn[], opts: IntakeOptions): Promise<IntakeReportView> {
  const sourceSystem = checkBatch(ctx.caller, sourceSystemIn, rows, WRITE_ROLES);
  const dept = await department(ctx);
  const org = ctx.caller.org!;
  const p = new RowProblems();
  const checked = rows.map((r, i) => ({
    i,
    sourceId: p.take(i, "sourceId", rule.sourceId(r.sourceId)),
    values: {
      id_number: p.take(i, "idNumber", rule.idNumber(r.idNumber, "当事人身份证号码")),
      kind,
      case_number: p.take(i, "caseNumber", rule.text(r.caseNumber, "案号或决定书文号", 64, { min: 4 })),
      court: p.take(i, "authority", rule.text(r.authority, "作出决定的机关", 128, { min: 2 })),
      decided_on: p.take(i, "decidedOn", rule.date(r.decidedOn, "决定日期", { notAfter: ctx.today })),
      summary: p.take(i, "summary", rule.text(r.summary, "主要内容", 500, { min: 4 })),
      party_name: p.take(i, "partyName", rule.text(r.partyName, "当事人姓名", 64, { optional: true })) ?? null,
    },
  }));
  const seenSource = new Set<string>();
  const seenCase = new Set<string>();
  for (const c of checked) {
    if (p.isRejected(c.i)) continue;
    if (seenSource.has(c.sourceId!)) p.add(c.i, "sourceId", "DUPLICATE_IN_BATCH", `来源编号 ${c.sourceId} 在本批中重复`);
    else if (seenCase.has(c.values.case_number!)) p.add(c.i, "caseNumber", "DUPLICATE_IN_BATCH", `案号 ${c.values.case_number} 在本批中重复`);
    seenSource.add(c.sourceId!);
    seenCase.add(c.values.case_number!);
  }

  const plan = async (em: EntityManager) => {
    const accepted = checked.filter((c) => !p.isRejected(c.i));
    const bySource = new Map(
      (accepted.length ? await sqlQuery<Stored>(em, `${SELECT} where "owner_org" = ? and "source_system" = ? and "source_id" = any(cast(? as text[]))`, [org, sourceSystem, pgTextArray(accepted.map((a) => a.sourceId!))]) : []).map((s) => [s.source_id!, s]),
    );
    const byCase = new Map(
      (accepted.length ? await sqlQuery<Stored>(em, `${SELECT} where "case_number" = any(cast(? as text[]))`, [pgTextArray(accepted.map((a) => a.values.case_number!))]) : []).map((s) => [s.case_number, s]),
    );
    const w = { inserts: [] as Record<string, unknown>[], updates: [] as Record<string, unknown>[], revisions: [] as Revision[], unchanged: 0, offers: [] as Record<string, unknown>[] };
    for (const a of accepted) {
      const mine = bySource.get(a.sourceId!);
      const sameCase = byCase.get(a.values.case_number!);
      // A case number names one case: held by another row, it is not this department's to reuse.
      if (sameCase && sameCase.id !== mine?.id) {
        p.add(a.i, "caseNumber", "CASE_NUMBER_TAKEN", sameCase.owner_org === org ? `案号 ${a.values.case_number} 已由本部门以其他来源编号（${sameCase.source_id ?? "—"}）报送` : `案号 ${a.values.case_number} 已由其他部门报送，不能修改其他部门的记录`);
        continue;
      }
      const key = { owner_org: org, source_system: sourceSystem, source_id: a.sourceId };
      // Offered again on every load (the archive keeps one lead per family and case, and never revives a dismissed one).
      w.offers.push(a.values);
      if (!mine) {
        w.inserts.push({ id: randomUUID(), ...a.values, division_code: dept.divisionCode, ...key, received_at: ctx.now.toISOString(), updated_at: null });
      } else if (sameValues(mine as unknown as Record<string, unknown>, a.values, VALUES)) {
        w.unchanged++;
      } else {
        w.updates.push({ id: mine.id, ...a.values, division_code: mine.division_code, ...key, received_at: new Date(mine.received_at).toISOString(), updated_at: ctx.now.toISOString() });
        w.revisions.push({ kind, row_id: mine.id, source_system: sourceSystem, source_id: a.sourceId!, before: Object.fromEntries(VALUES.map((k) => [k, mine[k]])), after: a.values });
      }
    }
    return w;
  };

  const out = await runIntake(
    ctx.em,
    { schema: "judicial", caller: ctx.caller, kind, lockKind: "RECORD", now: ctx.now },
    { sourceSystem, rows: rows.length, problems: p },
    opts,
    plan,
    async (tx, w) => {
      await updateRows(tx, `"judicial"."judicial_record"`, COLUMNS, w.updates);
      await insertRows(tx, `"judicial"."judicial_record"`, COLUMNS, w.inserts);
    },
  );
  if (out.report.written && out.plan.offers.length) {
    // R6.5: offered after the commit; a failed offer loses no record, and a rerun of the load offers it again.
    try {
      await ctx.archive!.offerJudicialLeads(
        out.plan.offers.map((v) => ({ idNumber: String(v.id_number), kind, caseNumber: String(v.case_number), authority: String(v.court), decidedOn: String(v.decided_on), sourceOrg: org })),
        ctx.requestId,
      );
    } catch (e) {
      currentLogger().error({ err: e }, "judicial leads not offered to the archive");
    }
  }
  return out.report;
}

export type SuppliedRecordRow = Stored;

/** The department's own records, newest first (its own reads: members or not). */
export async function suppliedRecords(em: EntityManager, org: string, kind: JudicialKind | null, first: number, after: { receivedAt: string; id: string } | null): Promise<SuppliedRecordRow[]> {
  const params: unknown[] = [org];
  let where = `"owner_org" = ?`;
  if (kind) {
    where += ` and "kind" = ?`;
    params.push(kind);
  }
  if (after) {
    where += ` and ("received_at", "id") < (cast(? as timestamptz), cast(? as uuid))`;
    params.push(after.receivedAt, after.id);
  }
  return sqlQuery<SuppliedRecordRow>(em, `${SELECT} where ${where} order by "received_at" desc, "id" desc limit ?`, [...params, first + 1]);
}
