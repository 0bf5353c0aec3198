// Who a job is at the gateway (R8.3: every disclosure names its receiver). In production a job
// presents its own credential, a client token the identity provider issued to it (HUB_JOB_TOKEN,
// or HUB_JOB_TOKEN_FILE re-read as a sidecar renews it): no job host holds a key that could sign
// for anyone else. In development and tests the job signs itself a short token with the
// development key, as `job:<name>` of the province authority.
import fs from "node:fs";
import { ConfigError, type HubConfig } from "../config";
import { signToken } from "../auth/jwt";

export const PROVINCE_ORG = "HA-420000";

/** A function giving the job's current bearer token (renewed before it can expire). */
export function jobCredential(config: Pick<HubConfig, "jwtSecret" | "jwtIssuer" | "jwtAudience" | "jobToken" | "jobTokenFile">, job: string, roles: string[]): () => string {
  if (config.jobToken) {
    const token = config.jobToken;
    return () => token;
  }
  if (config.jobTokenFile) {
    const file = config.jobTokenFile;
    let token = "";
    let readAt = -Infinity;
    return () => {
      if (Date.now() - readAt > 60_000) {
        token = fs.readFileSync(file, "utf8").trim();
        readAt = Date.now();
      }
      return token;
    };
  }
  if (!config.jwtSecret) {
    throw new ConfigError("生产环境的任务须使用自己的令牌：请设置 HUB_JOB_TOKEN 或 HUB_JOB_TOKEN_FILE（身份认证服务签发给该任务的客户端令牌）");
  }
  // Development: one hour, signed again after half an hour, so long runs never send an expired one.
  let token = "";
  let signedAt = -Infinity;
  return () => {
    if (Date.now() - signedAt > 30 * 60 * 1000) {
      token = signToken({ sub: `job:${job}`, org: PROVINCE_ORG, roles }, config, 3600);
      signedAt = Date.now();
    }
    return token;
  };
}
