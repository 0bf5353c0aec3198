// All procedures read the time from an injectable clock (tests move it by months in
// milliseconds; production uses the system clock; a drill or acceptance hub runs on a drill
// clock started at a chosen instant, HUB_CLOCK, and moved forward only).
import { shanghaiDate } from "./credit/dates";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still until moved (tests, demo-data generation). */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string) {
    this.current = typeof start === "string" ? new Date(start.length === 10 ? `${start}T09:00:00+08:00` : start) : new Date(start);
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = typeof at === "string" ? new Date(at.length === 10 ? `${at}T09:00:00+08:00` : at) : new Date(at);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 86400000);
  }
}

/** What a drill clock shows: the instant, whether it stands still, where the drill began. */
export interface DrillClockState {
  now: Date;
  fixed: boolean;
  startedAt: Date;
}

/**
 * The clock of a drill or acceptance hub (development only): it starts at a chosen instant and
 * runs with real time from there (or stands still when fixed), and it only ever moves forward —
 * by `advanceTo` (the ADMIN's `advanceClock`) or by `observe` (a later instant another service
 * of the same hub reports). Real time keeps governing what is not the hub's business dates:
 * token expiry, signature freshness, rate limits and timeouts.
 */
export class DrillClock implements Clock {
  private anchor: number;
  private anchorReal: number;
  readonly startedAt: Date;
  constructor(
    start: Date,
    readonly fixed: boolean,
    private readonly realNow: () => number = Date.now,
  ) {
    this.anchor = start.getTime();
    this.anchorReal = realNow();
    this.startedAt = new Date(start);
  }
  private ms(): number {
    return this.fixed ? this.anchor : this.anchor + (this.realNow() - this.anchorReal);
  }
  now(): Date {
    return new Date(this.ms());
  }
  /** Moves the clock to `to`; false (and nothing moves) when `to` is before the clock's time. */
  advanceTo(to: Date): boolean {
    const t = to.getTime();
    if (!Number.isFinite(t) || t < this.ms()) return false;
    this.anchor = t;
    this.anchorReal = this.realNow();
    return true;
  }
  /** Adopts a later instant reported by another service of the hub; an earlier one is ignored. */
  observe(at: Date | number): void {
    const t = typeof at === "number" ? at : at.getTime();
    if (Number.isFinite(t) && t > this.ms()) {
      this.anchor = t;
      this.anchorReal = this.realNow();
    }
  }
  state(): DrillClockState {
    return { now: this.now(), fixed: this.fixed, startedAt: new Date(this.startedAt) };
  }
}

export function isDrillClock(clock: Clock | undefined): clock is DrillClock {
  return clock instanceof DrillClock;
}

/** Today in Asia/Shanghai by the clock. */
export function today(clock: Clock): string {
  return shanghaiDate(clock.now());
}

// The process's clock, for what cannot be handed a clock: the creation and update times that
// entities stamp on themselves. The hub sets it at start (one clock per process, shared by its
// services); it is the system clock otherwise.
let processClock: Clock = systemClock;
let lastReading = -Infinity;
let lastStamp = -Infinity;

export function setProcessClock(clock: Clock): void {
  processClock = clock;
  lastReading = lastStamp = -Infinity;
}

/**
 * Now by the process's clock, for entity time stamps: strictly increasing within the process
 * (a millisecond on when the clock has not moved — a fixed drill clock, or two rows in one
 * millisecond), so that rows created one after another keep their order when sorted by time.
 * A clock set back (tests) is followed.
 */
export function hubNow(): Date {
  const t = processClock.now().getTime();
  const stamp = t < lastReading ? t : Math.max(t, lastStamp + 1);
  lastReading = t;
  lastStamp = stamp;
  return new Date(stamp);
}

/** The key of a drill clock in GraphQL responses' `extensions` (gateway and subgraphs). */
export const CLOCK_EXTENSION = "clock";

/** What responses carry while a drill clock is in force: nobody mistakes a drill for the real system. */
export function drillClockExtension(clock: DrillClock): { drill: true; now: string; today: string; fixed: boolean; startedAt: string } {
  const now = clock.now();
  return { drill: true, now: now.toISOString(), today: shanghaiDate(now), fixed: clock.fixed, startedAt: clock.startedAt.toISOString() };
}

/**
 * Keeps the services of one hub on one time: a call signed by a gateway on a drill clock carries
 * its instant, which a service on a drill clock adopts when later. A drill clock on one side
 * only is a misconfiguration — the hub's dates would disagree — and the call is refused (zh-CN
 * reason), never served on two times.
 */
export function syncDrillClock(clock: Clock, clockAt: number | undefined, service: string): string | null {
  const drill = isDrillClock(clock);
  if (drill && clockAt !== undefined) {
    clock.observe(clockAt);
    return null;
  }
  if (!drill && clockAt === undefined) return null;
  return drill
    ? `${service} 以演练时钟（HUB_CLOCK）运行，而调用方使用真实时间：同一枢纽的各服务须以相同的 HUB_CLOCK 启动`
    : `调用方以演练时钟（HUB_CLOCK）运行，而 ${service} 使用真实时间：同一枢纽的各服务须以相同的 HUB_CLOCK 启动`;
}

/** An instant for people: "2026-09-30 17:00（北京时间）". */
export function beijingTime(at: Date): string {
  return `${new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 16).replace("T", " ")}（北京时间）`;
}
