// The exchange jobs' identity at the gateway and the test-only crash hook.
import type { HubConfig } from "../../config";
import type { GatewayTarget } from "../gateway-client";
import { jobCredential } from "../job-identity";

export { PROVINCE_ORG } from "../job-identity";

/** A gateway target acting as the job `job:exchange-<job>` (its own credential in production). */
export function jobTarget(gatewayUrl: string, config: HubConfig, job: string, roles: string[]): GatewayTarget {
  const credential = jobCredential(config, `exchange-${job}`, roles);
  return {
    gatewayUrl,
    get token() {
      return credential();
    },
  };
}

export type CrashPoint = "after-write" | "mid-write";

/** Tests only: called at each crash point with the 1-based batch number of this run. */
export type CrashHook = (point: CrashPoint, batch: number) => void;

/** The hook for `HUB_EXCHANGE_CRASH_AFTER_BATCHES` (honoured only when HUB_MODE=test; see config). */
export function crashHook(crash: { afterBatches: number; point: CrashPoint } | undefined): CrashHook | undefined {
  if (!crash) return undefined;
  return (point, batch) => {
    if (batch === crash.afterBatches && point === crash.point) process.kill(process.pid, "SIGKILL");
  };
}
