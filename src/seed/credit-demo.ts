// Demo credit data produced by running the real procedures (credit.service, procedure.service)
// with a moving clock: in every prefecture-level division, families in every tier, on every
// list and at every step of the joint-punishment procedure. Synthetic families only.
import type { EntityManager } from "@mikro-orm/core";
import { ManualClock } from "../domain/clock";
import { addDays } from "../domain/credit/dates";
import { advance, earliestNextOn, startProcedure, type JointProcedure } from "../domain/credit/procedure";
import { PROVINCE_RULES_V1 } from "../domain/credit/rule-set";
import type { HolidayCalendar } from "../domain/credit/working-days";
import { cityDivisions, countiesOf } from "../domain/divisions";
import { Family } from "../subgraphs/archive/entities/family.entity";
import { ListEntry } from "../subgraphs/archive/entities/list-entry.entity";
import { identifyRecord, recordBehavior, rejectRecord, type CreditCtx, type RecordBehaviorInput } from "../subgraphs/archive/credit/credit.service";
import { advanceJointProcedure, publishWarningBatch } from "../subgraphs/archive/credit/procedure.service";

type Stage = "REMINDED" | "NOTIFIED" | "PUBLICIZING" | "LISTED" | "REMOVED";

export interface CreditDemoSummary {
  families: number;
  records: number;
  stages: Record<string, number>;
}

/** The step a procedure started on `start` has reached on `today` when every step is taken as soon as allowed. */
export function stageOn(start: string, today: string, cal: HolidayCalendar, listingYears = 1): Stage {
  let p: JointProcedure = startProcedure(start, PROVINCE_RULES_V1, cal);
  for (;;) {
    const next = nextDay(p);
    if (p.step === "REMOVED" || next > today) return p.step;
    const r = advance(p, next, PROVINCE_RULES_V1, cal, listingYears);
    if (!r.ok) return p.step;
    p = r.procedure;
  }
}

/** The latest start day from which the procedure is at `stage` on `today`. */
export function startForStage(stage: Stage, today: string, cal: HolidayCalendar, listingYears = 1): string {
  for (let back = 1; back < 2000; back++) {
    const start = addDays(today, -back);
    if (stageOn(start, today, cal, listingYears) === stage) return start;
  }
  throw new Error(`no start date found for ${stage}`);
}

/** The day the next step may be taken; far in the future once the procedure is over. */
function nextDay(p: JointProcedure): string {
  return earliestNextOn(p) ?? "9999-12-31";
}

const FACTS: Record<string, string> = {
  B01: "资格复核时隐瞒家庭成员名下车辆及经营收入",
  B03: "家庭人口变化经书面提醒后仍未申请变更",
  B04: "将承租的公共租赁住房转租他人并收取租金",
  B05: "擅自拆除承重墙改变房屋结构",
  B07: "经连续入户核查，承租住房无正当理由空置",
  B08: "卫生间漏水未及时报修，致使楼下住户受损",
  B11: "违反当地公共租赁住房管理规定的其他行为",
};

export async function seedCreditDemo(em: EntityManager, calendar: HolidayCalendar, today: string, perCity = 1): Promise<CreditDemoSummary> {
  const summary: CreditDemoSummary = { families: 0, records: 0, stages: {} };
  const count = (k: string) => (summary.stages[k] = (summary.stages[k] ?? 0) + 1);
  for (const city of cityDivisions()) {
    const divisions = [city.code, ...countiesOf(city.code).map((c) => c.code)];
    const pool = await em.fork().find(Family, { divisionCode: { $in: divisions } }, { orderBy: { id: "asc" }, limit: 12 * perCity, fields: ["id", "divisionCode"] });
    // Each round of the demo takes 12 families: as many rounds as the city has families for.
    const rounds = Math.min(perCity, Math.floor(pool.length / 12));
    if (rounds === 0) continue;
    const clock = new ManualClock(today);
    const c: CreditCtx = { em: em.fork(), actor: { sub: "demo-generator", org: `HA-${city.code}` }, clock, calendar };
    // R5 (分工明确): one person records, another identifies.
    const recorder: CreditCtx = { ...c, actor: { sub: "demo-recorder", org: `HA-${city.code}` } };
    let i = 0;
    const take = () => pool[i++].id;
    const rec = async (familyId: string, behavior: string, occurredOn: string, extra: Partial<RecordBehaviorInput> = {}) => {
      summary.records++;
      return recordBehavior(recorder, {
        familyId,
        behaviorCode: behavior,
        source: "MANAGEMENT",
        facts: FACTS[behavior] ?? "经查证属实的失信行为",
        legalBasis: "《湖北省公共租赁住房保障家庭信用管理及失信联合惩戒制度的实施意见（试行）》第四部分",
        occurredOn,
        informedBy: "NOTICE_LETTER",
        informedOn: occurredOn,
        // R5 (证据确凿): a synthetic inspection record as the evidence.
        evidence: [{ fileName: "入户核查记录.txt", mediaType: "text/plain", content: Buffer.from(`入户核查记录（演示数据）：${behavior}，${occurredOn}`) }],
        ...extra,
      });
    };
    const identify = (id: string) => identifyRecord(c, id, { reason: "事实清楚、证据确凿、依据充分" });
    const at = (d: string) => clock.set(d);

    for (let k = 0; k < rounds; k++) {
      // MILD tier (warning list after the batch): one B08.
      at(addDays(today, -40));
      await identify((await rec(take(), "B08", addDays(today, -45))).id);
      count("MILD");
      // MODERATE tier on key attention: one B07.
      await identify((await rec(take(), "B07", addDays(today, -44))).id);
      count("KEY_ATTENTION");
      // Key attention from two mild records.
      const twoMild = take();
      await identify((await rec(twoMild, "B08", addDays(today, -43))).id);
      await identify((await rec(twoMild, "B11", addDays(today, -42))).id);
      count("KEY_ATTENTION_MILD");
      // A pending record awaiting identification, and a rejected one.
      at(addDays(today, -3));
      await rec(take(), "B01", addDays(today, -5));
      const rejected = take();
      await rejectRecord(c, (await rec(rejected, "B03", addDays(today, -30))).id, { reason: "经核查，变更申请已在规定期限内提交" });
      count("PENDING_AND_REJECTED");

      // Joint punishment at every step: B04 with a rectification order whose deadline passed unmet (R6.3 (3)).
      for (const stage of ["REMINDED", "NOTIFIED", "PUBLICIZING", "LISTED", "REMOVED"] as Stage[]) {
        const familyId = take();
        const start = startForStage(stage, today, calendar);
        at(start);
        const r = await rec(familyId, "B04", addDays(start, -40), { rectification: { orderedOn: addDays(start, -30), deadline: addDays(start, -10) } });
        await identify(r.id);
        const entry = await em.fork().findOneOrFail(ListEntry, { familyId, kind: "JOINT_PUNISHMENT" });
        for (;;) {
          const current = await em.fork().findOneOrFail(ListEntry, { id: entry.id });
          if (current.step === stage) break;
          const p: JointProcedure = { step: current.step!, remindedOn: current.remindedOn!, reminderDeadline: current.reminderDeadline!, notifiedOn: current.notifiedOn, defenceUntil: current.defenceUntil, publicityFrom: current.publicityFrom, publicityUntil: current.publicityUntil, listedOn: current.listedOn, listedUntil: current.listedUntil };
          const next = nextDay(p);
          if (next > today) break;
          at(next);
          await advanceJointProcedure(c, entry.id, { listingYears: 1 });
        }
        count(`JOINT_${stage}`);
      }
      // SEVERE tier: fraud (B02) and a vacancy (B07) in key attention → escalated, reminded.
      const severe = take();
      at(addDays(today, -20));
      await identify((await rec(severe, "B07", addDays(today, -25))).id);
      at(addDays(today, -18));
      await identify((await rec(severe, "B02", addDays(today, -19))).id);
      count("SEVERE");
      summary.families += 12;
    }
    // The quarter's warning list of the city (R5.3).
    at(today);
    const divisionCodes = [city.code, ...countiesOf(city.code).map((d) => d.code)];
    await publishWarningBatch(c, city.code, divisionCodes);
  }
  return summary;
}
