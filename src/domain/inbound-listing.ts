// Listings received from the national platform or from other provinces' housing authorities
// (R6.7: lists are pushed to the shared credit platforms "for other departments to act on"; the
// hub is one of those departments). The payload is the one the hub itself pushes (batchBody in
// src/jobs/exchange/push.ts, `listing` = OutboxItem.national); this module checks a received
// batch and turns it into external entries. Pure: no ORM, no GraphQL.
//
// An external entry is kept apart from the hub's own lists: shown in a credit check as what the
// sender listed (who, when, until, by which decision), never counted in a score, tier, list or
// measure of ours (R5.2, R6.1 apply to the hub's own identifications only).
import { parseIdNumber } from "./id-number";
import { InputProblem } from "./input-problem";
import { nationalDivision } from "./divisions";

/** What a change means for the entry (the sender's NationalChangeReason). */
export const INBOUND_REASONS = ["LISTED", "SUSPENDED", "RESUMED", "CORRECTED", "EXPIRED", "REVOKED", "REPAIRED", "CLOSED"] as const;
export type InboundReason = (typeof INBOUND_REASONS)[number];
/** Reasons that take the entry off the list (the sender removed it: no longer shown, kept for history). */
export const REMOVAL_REASONS: readonly InboundReason[] = ["EXPIRED", "REVOKED", "REPAIRED", "CLOSED"];
export const INBOUND_KINDS = ["WARNING", "KEY_ATTENTION", "JOINT_PUNISHMENT"] as const;
export type InboundKind = (typeof INBOUND_KINDS)[number];
/** ACTIVE: shown; SUSPENDED: the sender verifies an objection (R7.2: not shown, no effect); REMOVED. */
export type ExternalStatus = "ACTIVE" | "SUSPENDED" | "REMOVED";

export const MAX_INBOUND_ITEMS = 1000;

export interface InboundSubject {
  name: string;
  idNumber: string;
  relation: string;
}

export interface InboundBehavior {
  code: string;
  name: string;
  occurredOn: string;
  legalBasis: string;
}

/** One received entry, normalised: keyed by (sender, entryKey). */
export interface InboundEntry {
  /** The sender's entry id when it sends one, otherwise its decision number. */
  entryKey: string;
  /** The change's time at the sender (older changes never overwrite newer ones). */
  changedAt: string;
  kind: InboundKind;
  reason: InboundReason;
  status: ExternalStatus;
  subjects: InboundSubject[];
  behaviors: InboundBehavior[];
  basis: string[];
  decisionNumber: string;
  listedOn: string;
  listedUntil: string | null;
  removedOn: string | null;
  removalReason: string | null;
  authorityCode: string;
  authorityName: string;
}

export interface InboundBatch {
  batchId: string;
  source: string;
  nonce: string;
  entries: InboundEntry[];
}

export function statusFor(reason: InboundReason): ExternalStatus {
  if (REMOVAL_REASONS.includes(reason)) return "REMOVED";
  return reason === "SUSPENDED" ? "SUSPENDED" : "ACTIVE";
}

/**
 * The sender's name as the hub shows it: the national ministry, or the housing authority of the
 * province its code names (GB/T 2260).
 */
export function senderName(code: string): string | null {
  if (code === "NATIONAL-MOHURD") return "中华人民共和国住房和城乡建设部（全国信用信息共享平台）";
  const m = /^HA-(\d{2})0000$/.exec(code);
  if (!m) return null;
  const province = nationalDivision(`${m[1]}0000`);
  return province && !province.inHubei ? `${province.name}住房和城乡建设厅` : null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
function isDate(v: unknown): v is string {
  if (typeof v !== "string" || !DATE.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}
function text(v: unknown, max: number): v is string {
  return typeof v === "string" && v.trim().length > 0 && [...v].length <= max;
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Checks a received batch (the body of POST /inbound/listings) from `sender`: every problem is
 * reported (field path and a zh-CN reason); a batch with any problem is refused whole.
 */
export function parseInboundBatch(body: unknown, sender: string, today: string): { ok: true; batch: InboundBatch } | { ok: false; problems: InputProblem[] } {
  const problems: InputProblem[] = [];
  const bad = (field: string, message: string) => problems.push(new InputProblem(field, message));
  if (!isObject(body)) return { ok: false, problems: [new InputProblem("body", "请求体应为 JSON 对象（与本省推送国家平台的批次格式相同）")] };
  if (!text(body.batchId, 128)) bad("batchId", "批次编号不能为空，且不超过128个字符");
  if (body.source !== sender) bad("source", `发送方应为签名密钥所属的 ${sender}`);
  if (typeof body.nonce !== "string" || !/^[A-Za-z0-9_-]{16,128}$/.test(body.nonce)) bad("nonce", "nonce 应为16至128位字母、数字、- 或 _，每次请求不同（防重放）");
  const items = body.items;
  if (!Array.isArray(items) || items.length === 0) bad("items", "至少包含一条名单信息");
  else if (items.length > MAX_INBOUND_ITEMS) bad("items", `一个批次至多 ${MAX_INBOUND_ITEMS} 条`);
  else if (body.count !== undefined && body.count !== items.length) bad("count", `count（${String(body.count)}）与 items 的条数（${items.length}）不符`);
  const entries: InboundEntry[] = [];
  const keys = new Set<string>();
  if (Array.isArray(items) && items.length <= MAX_INBOUND_ITEMS) {
    items.forEach((raw, i) => {
      const at = `items[${i}]`;
      if (!isObject(raw)) return bad(at, "应为对象");
      const l = raw.listing;
      if (!isObject(l)) return bad(`${at}.listing`, "缺少名单信息（listing：责任主体、失信行为、列入决定书文号、列入日期）");
      const before = problems.length;
      const reason = l.reason as InboundReason;
      if (!INBOUND_REASONS.includes(reason)) bad(`${at}.listing.reason`, `变更原因应为 ${INBOUND_REASONS.join("、")} 之一`);
      const kind = (raw.kind ?? "JOINT_PUNISHMENT") as InboundKind;
      if (!INBOUND_KINDS.includes(kind)) bad(`${at}.kind`, `名单类型应为 ${INBOUND_KINDS.join("、")} 之一`);
      const subjects: InboundSubject[] = [];
      if (!Array.isArray(l.subjects) || l.subjects.length === 0 || l.subjects.length > 10) bad(`${at}.listing.subjects`, "责任主体（本人、配偶）应为1至10人");
      else
        l.subjects.forEach((s, j) => {
          const f = `${at}.listing.subjects[${j}]`;
          if (!isObject(s)) return bad(f, "应为对象");
          if (!text(s.name, 64)) bad(`${f}.name`, "姓名不能为空，且不超过64个字");
          const id = typeof s.idNumber === "string" ? parseIdNumber(s.idNumber) : ({ ok: false, reason: "身份证号码缺失" } as const);
          if (!id.ok) bad(`${f}.idNumber`, id.reason);
          if (!text(s.relation, 16)) bad(`${f}.relation`, "与申请人关系（本人、配偶）不能为空");
          if (id.ok && text(s.name, 64) && text(s.relation, 16)) subjects.push({ name: s.name.trim(), idNumber: String(s.idNumber).trim().toUpperCase(), relation: s.relation.trim() });
        });
      const behaviors: InboundBehavior[] = [];
      if (!Array.isArray(l.behaviors) || l.behaviors.length > 50) bad(`${at}.listing.behaviors`, "失信行为应为数组（至多50条）");
      else
        l.behaviors.forEach((b, j) => {
          const f = `${at}.listing.behaviors[${j}]`;
          if (!isObject(b) || !text(b.code, 32) || !text(b.name, 128) || !isDate(b.occurredOn) || !text(b.legalBasis, 2000)) {
            return bad(f, "失信行为应有代码、名称、发生日期（YYYY-MM-DD）和认定依据");
          }
          behaviors.push({ code: b.code.trim(), name: b.name.trim(), occurredOn: b.occurredOn, legalBasis: b.legalBasis.trim() });
        });
      const basis = Array.isArray(l.basis) && l.basis.every((b) => text(b, 64)) && l.basis.length <= 20 ? (l.basis as string[]) : null;
      if (!basis) bad(`${at}.listing.basis`, "列入情形应为字符串数组");
      if (!text(l.decisionNumber, 64)) bad(`${at}.listing.decisionNumber`, "列入决定书文号不能为空，且不超过64个字");
      if (!isDate(l.listedOn)) bad(`${at}.listing.listedOn`, "列入日期应为 YYYY-MM-DD");
      else if (l.listedOn > today) bad(`${at}.listing.listedOn`, `列入日期 ${l.listedOn} 晚于今天`);
      if (l.listedUntil != null && (!isDate(l.listedUntil) || (isDate(l.listedOn) && l.listedUntil <= l.listedOn))) bad(`${at}.listing.listedUntil`, "列入期限截止日期应为 YYYY-MM-DD，且晚于列入日期");
      const removing = REMOVAL_REASONS.includes(reason);
      if (removing && !isDate(l.removedOn)) bad(`${at}.listing.removedOn`, "移出名单的变更应有移出日期（YYYY-MM-DD）");
      if (!removing && l.removedOn != null) bad(`${at}.listing.removedOn`, `变更原因为 ${String(l.reason)} 时不应有移出日期`);
      if (l.removalReason != null && !text(l.removalReason, 500)) bad(`${at}.listing.removalReason`, "移出原因不超过500个字");
      if (!text(l.authorityCode, 64)) bad(`${at}.listing.authorityCode`, "作出决定的机构代码不能为空");
      if (!text(l.authorityName, 128)) bad(`${at}.listing.authorityName`, "作出决定的机构名称不能为空");
      const entryKey = raw.entryId != null ? raw.entryId : l.decisionNumber;
      if (!text(entryKey, 128)) bad(`${at}.entryId`, "名单记录编号（entryId，或列入决定书文号）不能为空，且不超过128个字符");
      const changedAt = typeof raw.at === "string" && !Number.isNaN(Date.parse(raw.at)) ? new Date(raw.at).toISOString() : null;
      if (!changedAt) bad(`${at}.at`, "变更时间应为 RFC 3339 时刻");
      if (problems.length > before) return;
      const key = String(entryKey).trim();
      if (keys.has(key)) return bad(`${at}.entryId`, `同一批次中名单记录 ${key} 重复`);
      keys.add(key);
      entries.push({
        entryKey: key,
        changedAt: changedAt!,
        kind,
        reason,
        status: statusFor(reason),
        subjects,
        behaviors,
        basis: basis!,
        decisionNumber: String(l.decisionNumber).trim(),
        listedOn: l.listedOn as string,
        listedUntil: (l.listedUntil as string | null | undefined) ?? null,
        removedOn: removing ? (l.removedOn as string) : null,
        removalReason: typeof l.removalReason === "string" ? l.removalReason.trim() : null,
        authorityCode: String(l.authorityCode).trim(),
        authorityName: String(l.authorityName).trim(),
      });
    });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, batch: { batchId: String(body.batchId).trim(), source: sender, nonce: String(body.nonce), entries } };
}

/** The reason shown with an external entry: its behaviours and grounds, as the sender stated them. */
export function describeReason(e: Pick<InboundEntry, "behaviors" | "basis">): string {
  const behaviors = e.behaviors.map((b) => `${b.name}（${b.code}）`).join("、");
  const basis = e.basis.join("、");
  return [behaviors && `失信行为：${behaviors}`, basis && `列入情形：${basis}`].filter(Boolean).join("；") || "（发送方未说明）";
}
