// Bearer tokens (contract README): HS256 with HUB_JWT_SECRET; claims sub, org, roles, exp.
import { createSecretKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { ErrorCode, hubError } from "../errors";
import { ANONYMOUS, Caller, isRole } from "./caller";

export interface TokenSettings {
  jwtSecret: string;
  jwtIssuer: string;
}

// A KeyObject made once per secret: given a string, jsonwebtoken builds (and first tries as a
// public key) a new key object on every verification.
const keys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, "utf8"))));
  return key;
}

/** The caller of an Authorization header; no header is the anonymous caller. Throws UNAUTHENTICATED. */
export function callerFromAuthorization(header: string | undefined | null, settings: TokenSettings): Caller {
  if (!header) return ANONYMOUS;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw unauthenticated("Authorization 头格式应为 Bearer <令牌>");
  let claims: jwt.JwtPayload;
  try {
    const decoded = jwt.verify(m[1], secretKey(settings.jwtSecret), { algorithms: ["HS256"], issuer: settings.jwtIssuer });
    if (typeof decoded === "string") throw new Error("string payload");
    claims = decoded;
  } catch (e) {
    const expired = e instanceof jwt.TokenExpiredError;
    throw unauthenticated(expired ? "令牌已过期，请重新登录" : "令牌无效");
  }
  if (typeof claims.exp !== "number") throw unauthenticated("令牌缺少有效期");
  if (typeof claims.sub !== "string" || typeof claims.org !== "string" || !Array.isArray(claims.roles)) {
    throw unauthenticated("令牌缺少 sub、org 或 roles");
  }
  return { sub: claims.sub, org: claims.org, roles: claims.roles.filter(isRole) };
}

export function unauthenticated(message: string) {
  return hubError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
}

export function signToken(caller: { sub: string; org: string; roles: string[] }, settings: TokenSettings, expiresInSeconds = 30 * 24 * 3600): string {
  return jwt.sign({ org: caller.org, roles: caller.roles }, settings.jwtSecret, {
    algorithm: "HS256",
    subject: caller.sub,
    issuer: settings.jwtIssuer,
    expiresIn: expiresInSeconds,
  });
}
