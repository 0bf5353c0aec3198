// The drill clock's state in the archive (development only): a drill hub that restarts resumes
// where its clock was (never back), and a database that served a drill never serves the real
// system.
import type { EntityManager } from "@mikro-orm/core";
import { beijingTime, isDrillClock, type Clock, type DrillClock } from "../../domain/clock";
import { sqlQuery } from "../../db/orm";

interface Row {
  at: Date | string;
  set_at: Date | string;
  fixed: boolean;
  started_at: Date | string;
}

/** The persisted drill instant as of now (a running clock went on with real time, also while down). */
export async function persistedDrillInstant(em: EntityManager, realNow = Date.now()): Promise<{ at: Date; fixed: boolean; startedAt: Date } | null> {
  const rows = await sqlQuery<Row>(em, `select "at", "set_at", "fixed", "started_at" from "archive"."drill_clock" where "id" = 1`);
  if (!rows.length) return null;
  const r = rows[0];
  const at = new Date(r.at).getTime();
  const since = Math.max(0, realNow - new Date(r.set_at).getTime());
  return { at: new Date(r.fixed ? at : at + since), fixed: r.fixed, startedAt: new Date(r.started_at) };
}

/** Writes the drill clock's state: it shows `at` now (start: the clock's time; advance: the target). */
export async function saveDrillClock(em: EntityManager, clock: DrillClock, at: Date, by: string | null, realNow = Date.now()): Promise<void> {
  await sqlQuery(
    em,
    `insert into "archive"."drill_clock" ("id", "at", "set_at", "fixed", "started_at", "advanced_by") values (1, ?, ?, ?, ?, ?)
     on conflict ("id") do update set "at" = excluded."at", "set_at" = excluded."set_at", "fixed" = excluded."fixed", "advanced_by" = coalesce(excluded."advanced_by", "drill_clock"."advanced_by")`,
    [at.toISOString(), new Date(realNow).toISOString(), clock.fixed, clock.startedAt.toISOString(), by],
  );
}

/**
 * At the archive's start: a drill clock resumes at the persisted instant when that is later than
 * HUB_CLOCK (forward only), and is persisted; a first drill clock may not start before the
 * database's latest record; without a drill clock, a database that holds one is refused (its
 * records are dated by the drill). Returns a problem for the operator, or null.
 */
export async function reconcileDrillClock(em: EntityManager, clock: Clock): Promise<{ problem: string | null; resumedFrom: Date | null; unreadable?: string }> {
  let persisted: Awaited<ReturnType<typeof persistedDrillInstant>>;
  try {
    persisted = await persistedDrillInstant(em);
  } catch (e) {
    // A drill hub must keep its clock (else a restart goes back): it does not start. On real
    // time, a role that cannot read the archive starts not ready (its readiness says why).
    if (isDrillClock(clock)) return { problem: `无法读取演练时钟的保存状态（${(e as Error).message}）：演练环境不能启动`, resumedFrom: null };
    return { problem: null, resumedFrom: null, unreadable: (e as Error).message };
  }
  if (!isDrillClock(clock)) {
    if (!persisted) return { problem: null, resumedFrom: null };
    return {
      problem: `此数据库曾用于演练（演练时钟已到 ${beijingTime(persisted.at)}），其中的记录按演练日期生成：请以 HUB_CLOCK 启动继续演练，或换用新的数据库（嵌入式 PGlite：删除数据目录）；演练库不能用于真实系统`,
      resumedFrom: null,
    };
  }
  if (!persisted) {
    // A first drill on a database that already holds records (a copy of the system): the clock
    // may not start before the latest of them — that would take the hub's time back.
    const latest = await sqlQuery<{ at: Date | string }>(em, `select "at" from "archive"."audit_entry" order by "seq" desc limit 1`);
    const last = latest.length ? new Date(latest[0].at) : null;
    if (last && last.getTime() > clock.now().getTime()) {
      return {
        problem: `演练时钟（HUB_CLOCK，${beijingTime(clock.now())}）早于此数据库中最新的记录（${beijingTime(last)}）：时钟不能回拨；请把 HUB_CLOCK 设在此后，或为演练使用新的数据库（嵌入式 PGlite：另设 HUB_DATA_DIR）`,
        resumedFrom: null,
      };
    }
  }
  let resumedFrom: Date | null = null;
  if (persisted && persisted.at.getTime() > clock.now().getTime()) {
    clock.observe(persisted.at);
    resumedFrom = persisted.at;
  }
  await saveDrillClock(em, clock, clock.now(), null);
  return { problem: null, resumedFrom };
}
