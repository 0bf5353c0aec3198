// All procedures read the time from an injectable clock (tests move it by months in
// milliseconds; production uses the system clock).
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

/** Today in Asia/Shanghai by the clock. */
export function today(clock: Clock): string {
  return shanghaiDate(clock.now());
}
