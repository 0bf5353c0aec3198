// The exchange jobs' identity at the gateway and the test-only crash hook.
import { signToken, type TokenSettings } from "../../auth/jwt";
import type { GatewayTarget } from "../gateway-client";

export const PROVINCE_ORG = "HA-420000";

/**
 * A gateway target acting as the province authority's job `job:exchange-<job>`; the token
 * (one hour) is signed again after half an hour, so long runs never send an expired one.
 */
export function jobTarget(gatewayUrl: string, settings: TokenSettings, job: string, roles: string[]): GatewayTarget {
  let token = "";
  let signedAt = -Infinity;
  return {
    gatewayUrl,
    get token() {
      if (Date.now() - signedAt > 30 * 60 * 1000) {
        token = signToken({ sub: `job:exchange-${job}`, org: PROVINCE_ORG, roles }, settings, 3600);
        signedAt = Date.now();
      }
      return token;
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
