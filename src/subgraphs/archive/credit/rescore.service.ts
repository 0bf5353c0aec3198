// Set-based rescoring (R5.2): records leave the score when their use period ends (R7.4) and a
// new rule version may change deductions, so scores are recomputed in batches — a fixed
// handful of statements per batch of families, never one ORM flush per family.
import type { EntityManager } from "@mikro-orm/core";
import type { Clock } from "../../../domain/clock";
import { today as todayOf } from "../../../domain/clock";
import { scoreOf } from "../../../domain/credit/score";
import type { RuleSet, Tier } from "../../../domain/credit/rule-set";
import * as docs from "./documents";
import { CreditRecord } from "../entities/credit-record.entity";
import { toFacts } from "./credit.service";
import { loadRuleBook } from "./rules.service";
import { scopedTransaction } from "../../../db/orm";

export interface RescoreReport {
  families: number;
  changed: number;
  batches: number;
  /** Families whose tier changed, each notified (R5.4). */
  tierChanges: number;
}

const RESCORE_ACTOR = "system:rescore";

/**
 * Each batch is a transaction of its own under the caller's write scope (`scope`: R8.4), so that a
 * province-wide run commits as it goes and never holds every family's lock until it ends.
 */
export async function rescoreFamilies(em: EntityManager, clock: Clock, divisionCodes: string[] | null, scope: "*" | readonly string[], batchSize = 1000, onBatch?: (done: number) => void): Promise<RescoreReport> {
  const today = todayOf(clock);
  const now = clock.now();
  const book = await loadRuleBook(em.fork({ keepTransactionContext: true }));
  const report: RescoreReport = { families: 0, changed: 0, batches: 0, tierChanges: 0 };
  let after = "00000000-0000-0000-0000-000000000000";
  // Arrays travel as PostgreSQL array literals (the driver would expand a JS array into a list).
  const pgArray = (values: string[]) => `{${values.join(",")}}`;
  const divisionFilter = divisionCodes ? `and f."division_code" = any(cast(? as text[]))` : "";
  for (;;) {
    const batch = await scopedTransaction(em, scope, async (tx) => {
      const ctx = tx.getTransactionContext();
      const ids = await tx.getConnection().execute<{ id: string }[]>(
        `select distinct r."family_id" as id from "archive"."credit_record" r join "archive"."family" f on f."id" = r."family_id"
          where r."family_id" > ? ${divisionFilter} order by r."family_id" limit ?`,
        divisionCodes ? [after, pgArray(divisionCodes), batchSize] : [after, batchSize],
        "all",
        ctx,
      );
      if (!ids.length) return null;
      const familyIds = ids.map((r: { id: string }) => r.id);
      // Lock the batch's families: an identification running now waits, and is not overwritten.
      const families = await tx.getConnection().execute<{ id: string; division_code: string }[]>(
        `select "id", "division_code" from "archive"."family" where "id" = any(cast(? as uuid[])) order by "id" for update`,
        [pgArray(familyIds)],
        "all",
        ctx,
      );
      const records = await tx.find(CreditRecord, { familyId: { $in: familyIds } });
      const before = new Map<string, { score: number; tier: Tier }>(
        (await tx.getConnection().execute<{ family_id: string; score: number; tier: Tier }[]>(
          `select "family_id", "score", "tier" from "archive"."family_credit" where "family_id" = any(cast(? as uuid[]))`,
          [pgArray(familyIds)],
          "all",
          ctx,
        )).map((r: { family_id: string; score: number; tier: Tier }) => [r.family_id, r] as const),
      );
      const tierChanges: { familyId: string; divisionCode: string; from: { score: number; tier: Tier }; to: { score: number; tier: Tier }; rules: RuleSet }[] = [];
      const byFamily = new Map<string, CreditRecord[]>();
      for (const r of records) byFamily.set(r.familyId, [...(byFamily.get(r.familyId) ?? []), r]);
      const values: unknown[] = [];
      const rows: string[] = [];
      for (const f of families) {
        const rules = book.forDivision(f.division_code, today);
        const s = scoreOf((byFamily.get(f.id) ?? []).map(toFacts), today, rules);
        const old = before.get(f.id);
        if (old && old.tier !== s.tier) tierChanges.push({ familyId: f.id, divisionCode: f.division_code, from: old, to: s, rules });
        rows.push("(?, ?, ?, ?, ?, ?)");
        values.push(f.id, f.division_code, s.score, s.tier, rules.version, now);
      }
      const result = await tx.getConnection().execute<{ affectedRows?: number; rowCount?: number }>(
        `insert into "archive"."family_credit" ("family_id", "division_code", "score", "tier", "rule_version", "computed_at") values ${rows.join(", ")}
         on conflict ("family_id") do update set "division_code" = excluded."division_code", "score" = excluded."score", "tier" = excluded."tier",
           "rule_version" = excluded."rule_version", "computed_at" = excluded."computed_at"
         where ("archive"."family_credit"."score", "archive"."family_credit"."tier", "archive"."family_credit"."rule_version", "archive"."family_credit"."division_code")
           is distinct from (excluded."score", excluded."tier", excluded."rule_version", excluded."division_code")`,
        values,
        "run",
        ctx,
      );
      // R5.4: a tier that changes without a new decision (records leaving the score, R7.4; a new rule version) is notified.
      if (tierChanges.length) {
        const names = new Map<string, string>(
          (await tx.getConnection().execute<{ family_id: string; name: string }[]>(
            `select distinct on ("family_id") "family_id", "name" from "archive"."family_member" where "family_id" = any(cast(? as uuid[])) order by "family_id", "position"`,
            [pgArray(tierChanges.map((t) => t.familyId))],
            "all",
            ctx,
          )).map((r: { family_id: string; name: string }) => [r.family_id, r.name] as const),
        );
        for (const t of tierChanges) {
          const why = t.from.tier === "GOOD" || t.to.tier === "GOOD" || t.to.score > t.from.score ? "因失信记录的惩戒期限届满或信用规则调整" : "因信用规则调整";
          docs.tierChangeNotice(
            { tx, familyId: t.familyId, divisionCode: t.divisionCode, applicantName: names.get(t.familyId) ?? "", issuedOn: today, issuedBy: RESCORE_ACTOR, issuedByOrg: `HA-${t.divisionCode}`, rules: t.rules },
            t.from,
            t.to,
            why,
          );
        }
        await tx.flush();
      }
      return { familyIds, changed: Number(result.affectedRows ?? result.rowCount ?? 0), tierChanges: tierChanges.length };
    });
    if (!batch) break;
    after = batch.familyIds[batch.familyIds.length - 1];
    report.families += batch.familyIds.length;
    report.changed += batch.changed;
    report.tierChanges += batch.tierChanges;
    report.batches++;
    onBatch?.(report.families);
    if (batch.familyIds.length < batchSize) break; // the last one: no need to ask again
  }
  return report;
}
