// M24: the hub's duties run by themselves. Every gateway process (and `npm start`) runs this
// scheduler; each duty has a time of day (Beijing time) or a quarter, and each due slot of a duty
// runs exactly once across replicas: the scheduler first claims the slot in the archive
// (claimDutyRun — a unique (duty, slot) row; a claim whose replica vanished is taken over after
// its lease, a failed slot is retried up to three times), then runs the duty through the
// gateway as the province's job identity, then records counts or the error (finishDutyRun).
// The history is readable through the graph (dutyRuns) and as metrics.
//
// Catch-up: at every tick the latest due slot of each duty is run if it has not succeeded — so a
// hub that was down at 00:30 runs that night's maintenance when it comes back (catchUp = true).
// Slots missed before the latest are not replayed one by one: every duty works on the state of
// the archive (all entries past their date, all deadlines passed, every pending change), so one
// late run does what the missed ones would have done; the run counts the slots it covers.
import os from "node:os";
import path from "node:path";
import { Counter, Gauge, type Registry } from "prom-client";
import type { HubConfig } from "../config";
import type { Clock } from "../domain/clock";
import { addDays, daysBetween, quarterLabel, quarterStart, shanghaiDate } from "../domain/credit/dates";
import { cityDivisions } from "../domain/divisions";
import {
  ClaimDutyRunDocument,
  FinishDutyRunDocument,
  LastDutyRunsDocument,
  RescoreFamiliesDocument,
  RunListMaintenanceDocument,
  SchedulerOverdueRedressDocument,
  SchedulerOverdueStepsDocument,
  SchedulerPublishWarningBatchDocument,
} from "../generated/operations";
import { currentLogger } from "../observability/logger";
import { GatewayRequestError, gatewayRequest, type GatewayTarget } from "./gateway-client";
import { jobCredential } from "./job-identity";
import { scanCandidates } from "./scan-candidates";
import { DEFAULT_RETRY, pushOutbox } from "./exchange/push";

export type DutyName = "RESCORE" | "LIST_MAINTENANCE" | "CANDIDATE_SCAN" | "PROCEDURE_DEADLINES" | "REDRESS_DEADLINES" | "WARNING_PUBLICATION" | "NATIONAL_PUSH";

export interface DutySpec {
  name: DutyName;
  every: "DAY" | "QUARTER";
  /** Default time of day, Beijing time (HUB_DUTY_TIMES overrides). */
  at: string;
  description: string;
}

/** In the order a tick runs them (rescoring before the lists, the push last). */
export const DUTIES: readonly DutySpec[] = [
  { name: "RESCORE", every: "DAY", at: "00:30", description: "按现行规则重新计算信用分（惩戒期限届满的记录不再计分，R7.4），等级变化发告知书" },
  { name: "LIST_MAINTENANCE", every: "DAY", at: "01:00", description: "名单维护：警示、重点关注和联合惩戒名单期满移出（R5.3、R6.4、R6.6），整改期限届满启动程序（R6.3）" },
  { name: "CANDIDATE_SCAN", every: "DAY", at: "01:30", description: "扫描欠租、空置线索，登记为待认定记录（R4.1 第（六）（七）项）" },
  { name: "PROCEDURE_DEADLINES", every: "DAY", at: "08:00", description: "报告逾期未办理的联合惩戒程序环节（R6.6），异议核查中的程序除外" },
  { name: "REDRESS_DEADLINES", every: "DAY", at: "08:10", description: "报告逾期未答复的异议和未决定的信用修复申请（R7.2、R7.5）" },
  { name: "WARNING_PUBLICATION", every: "QUARTER", at: "09:00", description: "每季度首日发布各市州警示名单（R5.3 定期公示）" },
  { name: "NATIONAL_PUSH", every: "DAY", at: "03:00", description: "向全国信用信息共享平台推送名单变更并重试未送达的批次（R6.7）" },
];

/** Beijing wall time (no daylight saving in China): the business date and HH:MM of an instant. */
export function beijingWallTime(at: Date): { date: string; time: string } {
  return { date: shanghaiDate(at), time: new Date(at.getTime() + 8 * 3600_000).toISOString().slice(11, 16) };
}

/** The latest slot of a duty due at `now` (the time of day passed: today's; otherwise yesterday's / last quarter's). */
export function latestDueSlot(spec: Pick<DutySpec, "every">, time: string, now: Date): { slot: string; businessDate: string } {
  const wall = beijingWallTime(now);
  if (spec.every === "DAY") {
    const date = wall.time >= time ? wall.date : addDays(wall.date, -1);
    return { slot: date, businessDate: date };
  }
  const start = quarterStart(wall.date);
  const date = wall.date > start || wall.time >= time ? start : quarterStart(addDays(start, -1));
  return { slot: quarterLabel(date), businessDate: date };
}

export interface DutyOutcome {
  duty: DutyName;
  slot: string;
  /** RAN: this instance ran it; TAKEN: another instance has it; DONE: it already succeeded. */
  result: "RAN" | "TAKEN" | "DONE" | "FAILED";
  counts?: Record<string, number>;
  error?: string;
}

export interface SchedulerOptions {
  gatewayUrl: string;
  config: HubConfig;
  clock: Clock;
  /** Where the scheduler's metrics go (the gateway's registry). */
  registry?: Registry;
  instance?: string;
}

export class DutyScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<DutyOutcome[]> | undefined;
  private stopped = false;
  readonly instance: string;
  private readonly token: () => string;
  /** Why the scheduler cannot run here (no job credential in production), or null. */
  readonly unavailable: string | null = null;
  private readonly runs?: Counter<"duty" | "status">;
  private readonly lastSuccess?: Gauge<"duty">;

  constructor(private readonly opts: SchedulerOptions) {
    this.instance = opts.instance ?? `${os.hostname()}:${process.pid}`;
    // The province's job identity: maintenance, rescoring and publication (ADMIN, IDENTIFIER), the scan (OPERATOR).
    let token: () => string;
    try {
      token = jobCredential(opts.config, "scheduler", ["ADMIN", "IDENTIFIER", "OPERATOR"]);
    } catch (e) {
      this.unavailable = (e as Error).message;
      token = () => {
        throw e;
      };
    }
    this.token = token;
    if (opts.registry) {
      this.runs = new Counter({ name: "hub_duty_runs_total", help: "Scheduled duty runs by duty and how they ended (M24)", labelNames: ["duty", "status"], registers: [opts.registry] });
      this.lastSuccess = new Gauge({ name: "hub_duty_last_success_timestamp_seconds", help: "When each duty last succeeded (hub clock, Unix seconds)", labelNames: ["duty"], registers: [opts.registry] });
    }
  }

  timeOf(spec: DutySpec): string {
    return this.opts.config.scheduler.times[spec.name] ?? spec.at;
  }

  start(): void {
    if (this.unavailable) {
      currentLogger().error({ reason: this.unavailable }, "定时任务未启动：本实例没有任务身份（HUB_JOB_TOKEN 或 HUB_JOB_TOKEN_FILE）");
      return;
    }
    const every = this.opts.config.scheduler.tickSeconds * 1000;
    const loop = () => {
      if (this.stopped) return;
      this.tick()
        .catch((e: Error) => currentLogger().error({ err: e.message }, "scheduler tick failed"))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(loop, every);
        });
    };
    // The first tick soon after start: a slot missed while the hub was down catches up.
    this.timer = setTimeout(loop, 1000);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Runs every due duty once (one tick at a time in this process). */
  tick(): Promise<DutyOutcome[]> {
    if (this.running) return this.running;
    this.running = this.runDue().finally(() => (this.running = undefined));
    return this.running;
  }

  private target(): GatewayTarget {
    return { gatewayUrl: this.opts.gatewayUrl, token: this.token() };
  }

  private async runDue(): Promise<DutyOutcome[]> {
    const out: DutyOutcome[] = [];
    for (const spec of DUTIES) {
      if (this.stopped) break;
      out.push(await this.runOne(spec));
    }
    return out;
  }

  private async runOne(spec: DutySpec): Promise<DutyOutcome> {
    const now = this.opts.clock.now();
    const time = this.timeOf(spec);
    const { slot, businessDate } = latestDueSlot(spec, time, now);
    const history = (await gatewayRequest(this.target(), LastDutyRunsDocument, { duty: spec.name })).dutyRuns;
    if (history.some((h) => h.slot === slot && h.status === "SUCCEEDED")) return { duty: spec.name, slot, result: "DONE" };
    const wall = beijingWallTime(now);
    const lastDone = history.find((h) => h.status === "SUCCEEDED")?.slot;
    const catchUp = spec.every === "DAY" ? businessDate < wall.date || minutesBetween(time, wall.time) > 2 * Math.max(1, this.opts.config.scheduler.tickSeconds / 60) : businessDate < wall.date;
    const claim = (
      await gatewayRequest(this.target(), ClaimDutyRunDocument, { duty: spec.name, slot, businessDate, instance: this.instance, catchUp, leaseSeconds: this.opts.config.scheduler.leaseSeconds })
    ).claimDutyRun;
    if (!claim) return { duty: spec.name, slot, result: "TAKEN" };
    const counts: Record<string, number> = {};
    if (spec.every === "DAY" && lastDone && /^\d{4}-\d{2}-\d{2}$/.test(lastDone)) counts.slotsCovered = Math.max(1, daysBetween(lastDone, businessDate));
    try {
      Object.assign(counts, await this.perform(spec.name, businessDate));
      await gatewayRequest(this.target(), FinishDutyRunDocument, { id: claim.id, succeeded: true, counts: toCounts(counts), error: null });
      this.runs?.inc({ duty: spec.name, status: "SUCCEEDED" });
      this.lastSuccess?.set({ duty: spec.name }, Math.floor(this.opts.clock.now().getTime() / 1000));
      return { duty: spec.name, slot, result: "RAN", counts };
    } catch (e) {
      const error = e instanceof GatewayRequestError || e instanceof Error ? e.message : String(e);
      await gatewayRequest(this.target(), FinishDutyRunDocument, { id: claim.id, succeeded: false, counts: toCounts(counts), error }).catch(() => undefined);
      this.runs?.inc({ duty: spec.name, status: "FAILED" });
      currentLogger().warn({ duty: spec.name, slot, err: error }, "scheduled duty failed (retried at a later tick)");
      return { duty: spec.name, slot, result: "FAILED", error };
    }
  }

  /** The duty itself, through the gateway. */
  private async perform(duty: DutyName, businessDate: string): Promise<Record<string, number>> {
    const target = this.target();
    switch (duty) {
      case "RESCORE": {
        const r = (await gatewayRequest(target, RescoreFamiliesDocument, { divisionCode: null })).rescoreFamilies;
        return { families: r.families, changed: r.changed, tierChanges: r.tierChanges };
      }
      case "LIST_MAINTENANCE": {
        const r = (await gatewayRequest(target, RunListMaintenanceDocument, { divisionCode: null })).runListMaintenance;
        return { expired: r.expired, started: r.started, overdue: r.overdue.length };
      }
      case "CANDIDATE_SCAN": {
        const r = await scanCandidates({ gatewayUrl: target.gatewayUrl, token: target.token });
        return { scanned: r.scanned, raised: r.raised, skipped: r.skipped };
      }
      case "PROCEDURE_DEADLINES": {
        const r = (await gatewayRequest(target, SchedulerOverdueStepsDocument, {})).overdueProcedureSteps;
        return { overdue: r.length };
      }
      case "REDRESS_DEADLINES": {
        const r = (await gatewayRequest(target, SchedulerOverdueRedressDocument, {})).overdueRedress;
        return { overdueObjections: r.objections.length, overdueRepairs: r.repairs.length };
      }
      case "WARNING_PUBLICATION": {
        let added = 0;
        let renewed = 0;
        let already = 0;
        for (const city of cityDivisions()) {
          try {
            const b = (await gatewayRequest(target, SchedulerPublishWarningBatchDocument, { divisionCode: city.code })).publishWarningBatch;
            added += b.added;
            renewed += b.renewed;
          } catch (e) {
            // R5.3: a city that published its quarter's list by hand keeps it.
            if (e instanceof GatewayRequestError && e.code === "CONFLICT") already++;
            else throw e;
          }
        }
        return { cities: cityDivisions().length, added, renewed, alreadyPublished: already };
      }
      case "NATIONAL_PUSH": {
        const endpoint = this.opts.config.nationalPlatform;
        if (!endpoint) return { configured: 0 };
        const r = await pushOutbox({
          target,
          destination: "NATIONAL",
          endpoint,
          batch: 100,
          retry: { ...DEFAULT_RETRY, maxAttempts: 3 },
          stateDir: path.join(this.opts.config.dataDir, "exchange-state"),
        });
        return { configured: 1, batches: r.batches, delivered: r.delivered, failedAttempts: r.failedAttempts, businessDay: Number(businessDate.replaceAll("-", "")) };
      }
    }
  }
}

function minutesBetween(a: string, b: string): number {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return m(b) - m(a);
}

function toCounts(c: Record<string, number>) {
  return Object.entries(c).map(([name, value]) => ({ name, value }));
}
