// R7.2 (restoring reputation): correction notices reach their recipients. When a record that was
// disclosed is revoked or corrected, restoreReputation (redress.service.ts) issues a notice to each
// organisation that received it; here the recipient's copy is stored, in a gapless total order, so
// that the organisation can list it, pull it from a resumable feed and acknowledge it, and the
// issuing authorities can see who has not.
//
// What a notice discloses: its own text (as sent), the family's archive reference and the record
// reference — never a live family field. It goes only to the organisation it is addressed to,
// which already received the data it corrects; reading it is audited (the resolvers record it).
// Row-level security (Migration20261203020000) shows a row only to its addressee or to a housing
// authority for families in its scope; both need hub.org, set by `enterRecipientScope`.
import type { EntityManager } from "@mikro-orm/core";
import { sqlQuery } from "../../../db/orm";
import { behaviorOf } from "../../../domain/credit/rule-set";
import type { CreditDocument } from "../entities/credit-document.entity";
import type { CreditRecord } from "../entities/credit-record.entity";
import type { DocumentContext } from "./documents";

export type CorrectionAction = "REVOKED" | "CORRECTED";

export interface CorrectionNoticeRow {
  sequence: string;
  id: string;
  number: string;
  title: string;
  recipientCode: string;
  recipientName: string;
  familyId: string;
  divisionCode: string;
  recordId: string | null;
  listEntryId: string | null;
  action: CorrectionAction;
  subject: string;
  body: string;
  issuedOn: string;
  issuedAt: Date;
  issuedByOrg: string;
  issuingAuthorityName: string;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

const COLUMNS = `"sequence"::text as "sequence", "id"::text as "id", "number", "title", "recipient_code", "recipient_name", "family_id"::text as "family_id", "division_code",
  "record_id"::text as "record_id", "list_entry_id"::text as "list_entry_id", "action", "subject", "body", to_char("issued_on", 'YYYY-MM-DD') as "issued_on", "issued_at",
  "issued_by_org", "issuing_authority_name", "acknowledged_at", "acknowledged_by"`;

type Raw = Record<string, unknown>;

function toRow(r: Raw): CorrectionNoticeRow {
  return {
    sequence: String(r.sequence),
    id: String(r.id),
    number: String(r.number),
    title: String(r.title),
    recipientCode: String(r.recipient_code),
    recipientName: String(r.recipient_name),
    familyId: String(r.family_id),
    divisionCode: String(r.division_code),
    recordId: (r.record_id as string | null) ?? null,
    listEntryId: (r.list_entry_id as string | null) ?? null,
    action: r.action as CorrectionAction,
    subject: String(r.subject),
    body: String(r.body),
    issuedOn: String(r.issued_on),
    issuedAt: new Date(r.issued_at as string | Date),
    issuedByOrg: String(r.issued_by_org),
    issuingAuthorityName: String(r.issuing_authority_name),
    acknowledgedAt: r.acknowledged_at == null ? null : new Date(r.acknowledged_at as string | Date),
    acknowledgedBy: (r.acknowledged_by as string | null) ?? null,
  };
}

/** A feed or page cursor: a notice sequence number (client input: checked before it reaches SQL). */
export function isSequenceCursor(v: string): boolean {
  return /^\d{1,18}$/.test(v);
}

/**
 * Stores the recipient's copy of a correction notice just issued, in the issuing transaction. The
 * counter row stays locked until commit: sequences follow commit order with no gaps (like the
 * list change log), so a recipient pulling "since cursor" never misses a notice committed late.
 */
export async function deliverCorrectionNotice(
  tx: EntityManager,
  dc: DocumentContext,
  doc: CreditDocument,
  recipient: { code: string; name: string },
  issuer: { name: string },
  record: CreditRecord,
  decision: CorrectionAction,
): Promise<string> {
  const trx = tx.getTransactionContext();
  const conn = tx.getConnection();
  // Row-level security: the issuing authority writes the notice of a family in its scope.
  await conn.execute(`select set_config('hub.org', ?, true)`, [dc.issuedByOrg], "all", trx);
  const [{ last }] = await conn.execute<{ last: string }[]>(`update "archive"."correction_notice_counter" set "last" = "last" + 1 where "id" = 1 returning "last"::text as "last"`, [], "all", trx);
  const behavior = behaviorOf(dc.rules, record.behaviorCode)?.name ?? record.behaviorCode;
  const subject = `“${behavior}”信用记录（发生日期 ${record.occurredOn}）${decision === "REVOKED" ? "已撤销" : "已更正"}`;
  await conn.execute(
    `insert into "archive"."correction_notice" ("sequence", "id", "number", "title", "recipient_code", "recipient_name", "family_id", "division_code", "record_id", "list_entry_id",
       "action", "subject", "body", "issued_on", "issued_at", "issued_by", "issued_by_org", "issuing_authority_name")
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [last, doc.id, doc.number, doc.title, recipient.code, recipient.name, dc.familyId, dc.divisionCode, doc.recordId ?? null, doc.listEntryId ?? null,
      decision, subject, doc.body, doc.issuedOn, doc.issuedAt, doc.issuedBy, doc.issuedByOrg, issuer.name],
    "run",
    trx,
  );
  return last;
}

/**
 * The request's addressee for row-level security: the signed caller's organisation, for the rest
 * of the request's transaction (set only from the signed caller context, never from input).
 */
export async function enterRecipientScope(em: EntityManager, org: string): Promise<void> {
  await sqlQuery(em, `select set_config('hub.org', ?, true)`, [org]);
}

/** The notices addressed to `org`, newest first (`before`: a sequence cursor). */
export async function noticesOf(
  em: EntityManager,
  org: string,
  opts: { acknowledged?: boolean | null; before: string | null; first: number; count: boolean },
): Promise<{ rows: CorrectionNoticeRow[]; totalCount: number }> {
  const filter = opts.acknowledged == null ? "" : opts.acknowledged ? ` and "acknowledged_at" is not null` : ` and "acknowledged_at" is null`;
  const page = opts.before ? ` and "sequence" < ?` : "";
  const rows = await sqlQuery<Raw>(
    em,
    `select ${COLUMNS} from "archive"."correction_notice" where "recipient_code" = ?${filter}${page} order by "sequence" desc limit ?`,
    [org, ...(opts.before ? [opts.before] : []), opts.first + 1],
  );
  const totalCount = opts.count ? Number((await sqlQuery<{ n: string }>(em, `select count(*) as n from "archive"."correction_notice" where "recipient_code" = ?${filter}`, [org]))[0].n) : -1;
  return { rows: rows.map(toRow), totalCount };
}

/** The notices addressed to `org` issued after the cursor, in issue (commit) order. */
export async function noticeFeed(em: EntityManager, org: string, after: string, first: number, count: boolean): Promise<{ rows: CorrectionNoticeRow[]; totalCount: number }> {
  const rows = await sqlQuery<Raw>(em, `select ${COLUMNS} from "archive"."correction_notice" where "recipient_code" = ? and "sequence" > ? order by "sequence" limit ?`, [org, after, first + 1]);
  const totalCount = count ? Number((await sqlQuery<{ n: string }>(em, `select count(*) as n from "archive"."correction_notice" where "recipient_code" = ?`, [org]))[0].n) : -1;
  return { rows: rows.map(toRow), totalCount };
}

/**
 * Acknowledges a notice addressed to `org` (idempotent: the first acknowledgement stands). Null
 * when there is no such notice for `org` — another organisation's notice reads as absent.
 */
export async function acknowledgeNotice(em: EntityManager, org: string, sub: string, id: string, now: Date): Promise<CorrectionNoticeRow | null> {
  const [updated] = await sqlQuery<Raw>(
    em,
    `update "archive"."correction_notice" set "acknowledged_at" = ?, "acknowledged_by" = ? where "id" = ? and "recipient_code" = ? and "acknowledged_at" is null returning ${COLUMNS}`,
    [now, sub, id, org],
  );
  if (updated) return toRow(updated);
  const [existing] = await sqlQuery<Raw>(em, `select ${COLUMNS} from "archive"."correction_notice" where "id" = ? and "recipient_code" = ?`, [id, org]);
  return existing ? toRow(existing) : null;
}

/** Notices of families in `divisions` ("*": all) not yet acknowledged, oldest first (`after`: a sequence cursor). */
export async function outstandingNotices(
  em: EntityManager,
  divisions: "*" | string[],
  opts: { recipientCode: string | null; after: string | null; first: number; count: boolean },
): Promise<{ rows: CorrectionNoticeRow[]; totalCount: number }> {
  const where: string[] = [`"acknowledged_at" is null`];
  const params: unknown[] = [];
  if (divisions !== "*") {
    where.push(`"division_code" = any(cast(? as text[]))`);
    params.push(`{${divisions.join(",")}}`);
  }
  if (opts.recipientCode) {
    where.push(`"recipient_code" = ?`);
    params.push(opts.recipientCode);
  }
  const page = opts.after ? ` and "sequence" > ?` : "";
  const rows = await sqlQuery<Raw>(
    em,
    `select ${COLUMNS} from "archive"."correction_notice" where ${where.join(" and ")}${page} order by "sequence" limit ?`,
    [...params, ...(opts.after ? [opts.after] : []), opts.first + 1],
  );
  const totalCount = opts.count ? Number((await sqlQuery<{ n: string }>(em, `select count(*) as n from "archive"."correction_notice" where ${where.join(" and ")}`, params))[0].n) : -1;
  return { rows: rows.map(toRow), totalCount };
}
