// Bearer tokens (contract README). Production: tokens of the province's identity provider,
// RS256 or ES256, verified with the keys of its JWKS (HUB_JWKS_URL; key rotation by `kid`,
// cached, refetched for an unknown `kid`), checking `iss`, `aud`, `exp` and `nbf`. Development
// and tests also accept HS256 tokens signed with HUB_JWT_SECRET (never in production). Claims:
// `sub` (a person or a job), `org`, `roles`.
import { createPublicKey, createSecretKey, type JsonWebKey, type KeyObject } from "node:crypto";
import jwt from "jsonwebtoken";
import { ErrorCode, hubError } from "../errors";
import { ANONYMOUS, Caller, isRole } from "./caller";

export interface TokenSettings {
  /** HS256 key (development and tests only; undefined in production). */
  jwtSecret?: string;
  jwtIssuer: string;
  /** The audience tokens must name (required with a JWKS). */
  jwtAudience?: string;
  /** The identity provider's key set. */
  jwksUrl?: string;
  /** Earliest refetch of the key set for an unknown kid (seconds; default 30). */
  jwksMinRefetchSeconds?: number;
}

/** Clock skew tolerated between the identity provider and the hub (none for the hub's own HS256 tokens). */
const IDP_CLOCK_TOLERANCE_SECONDS = 5;

// A KeyObject made once per secret: given a string, jsonwebtoken builds (and first tries as a
// public key) a new key object on every verification.
const secrets = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secrets.get(secret);
  if (!key) secrets.set(secret, (key = createSecretKey(Buffer.from(secret, "utf8"))));
  return key;
}

/**
 * The identity provider's public keys (JWKS), by `kid`: fetched at first use, refreshed in the
 * background every `refreshMs`, and fetched again at once for an unknown `kid` (a rotation) — at
 * most every `minRefetchMs`, so that tokens with made-up key ids cannot make the hub hammer the
 * provider.
 */
export class JwksKeys {
  private keys = new Map<string, { key: KeyObject; alg: string }>();
  private fetchedAt = 0;
  private inflight: Promise<void> | null = null;

  constructor(
    private readonly url: string,
    private readonly refreshMs = 10 * 60_000,
    private readonly minRefetchMs = 30_000,
    private readonly timeoutMs = 5_000,
  ) {}

  private refresh(): Promise<void> {
    this.inflight ??= (async () => {
      try {
        const res = await fetch(this.url, { signal: AbortSignal.timeout(this.timeoutMs) });
        if (!res.ok) throw new Error(`JWKS ${this.url}: HTTP ${res.status}`);
        const body = (await res.json()) as { keys?: (JsonWebKey & { kid?: string; alg?: string; use?: string })[] };
        const next = new Map<string, { key: KeyObject; alg: string }>();
        for (const k of body.keys ?? []) {
          if (!k.kid || (k.use && k.use !== "sig")) continue;
          const alg = k.alg ?? (k.kty === "RSA" ? "RS256" : k.kty === "EC" && k.crv === "P-256" ? "ES256" : "");
          if (alg !== "RS256" && alg !== "ES256") continue;
          next.set(k.kid, { key: createPublicKey({ key: k, format: "jwk" }), alg });
        }
        this.keys = next;
        this.fetchedAt = Date.now();
      } finally {
        this.inflight = null;
      }
    })();
    return this.inflight;
  }

  async key(kid: string): Promise<{ key: KeyObject; alg: string } | undefined> {
    const age = Date.now() - this.fetchedAt;
    if (this.fetchedAt === 0) await this.refresh();
    else if (age > this.refreshMs) void this.refresh().catch(() => undefined); // the cached keys serve meanwhile
    let k = this.keys.get(kid);
    if (!k && Date.now() - this.fetchedAt > this.minRefetchMs) {
      await this.refresh();
      k = this.keys.get(kid);
    }
    return k;
  }
}

const jwksByUrl = new Map<string, JwksKeys>();
function jwksFor(url: string, minRefetchSeconds = 30): JwksKeys {
  let k = jwksByUrl.get(url);
  if (!k) jwksByUrl.set(url, (k = new JwksKeys(url, 10 * 60_000, minRefetchSeconds * 1000)));
  return k;
}

/** The caller of an Authorization header; no header is the anonymous caller. Throws UNAUTHENTICATED. */
export async function callerFromAuthorization(header: string | undefined | null, settings: TokenSettings): Promise<Caller> {
  if (!header) return ANONYMOUS;
  const m = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!m) throw unauthenticated("Authorization 头格式应为 Bearer <令牌>");
  const token = m[1];
  const decoded = jwt.decode(token, { complete: true });
  if (!decoded || typeof decoded.payload === "string") throw unauthenticated("令牌无效");
  const { alg, kid } = decoded.header;
  let key: KeyObject;
  let algorithms: jwt.Algorithm[];
  if (alg === "HS256" && settings.jwtSecret) {
    key = secretKey(settings.jwtSecret);
    algorithms = ["HS256"];
  } else if ((alg === "RS256" || alg === "ES256") && settings.jwksUrl && kid) {
    let found: { key: KeyObject; alg: string } | undefined;
    try {
      found = await jwksFor(settings.jwksUrl, settings.jwksMinRefetchSeconds).key(kid);
    } catch {
      throw hubError(ErrorCode.INTERNAL_SERVER_ERROR, "暂时无法核验令牌（身份认证服务不可用），请稍后重试", { http: { status: 503 } });
    }
    if (!found || found.alg !== alg) throw unauthenticated("令牌无效");
    key = found.key;
    algorithms = [alg];
  } else {
    throw unauthenticated("令牌无效");
  }
  let claims: jwt.JwtPayload;
  try {
    const verified = jwt.verify(token, key, {
      algorithms,
      issuer: settings.jwtIssuer,
      // With a JWKS the audience is checked (HS256 development tokens may carry one).
      ...(settings.jwtAudience && algorithms[0] !== "HS256" ? { audience: settings.jwtAudience } : {}),
      clockTolerance: algorithms[0] === "HS256" ? 0 : IDP_CLOCK_TOLERANCE_SECONDS,
    });
    if (typeof verified === "string") throw new Error("string payload");
    claims = verified;
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

/** A development token (HS256 with HUB_JWT_SECRET); production tokens come from the identity provider. */
export function signToken(caller: { sub: string; org: string; roles: string[] }, settings: TokenSettings, expiresInSeconds = 8 * 3600): string {
  if (!settings.jwtSecret) throw new Error("没有 HUB_JWT_SECRET：生产环境的令牌由身份认证服务签发（HUB_JWKS_URL），本机不能签发");
  return jwt.sign({ org: caller.org, roles: caller.roles }, settings.jwtSecret, {
    algorithm: "HS256",
    subject: caller.sub,
    issuer: settings.jwtIssuer,
    ...(settings.jwtAudience ? { audience: settings.jwtAudience } : {}),
    expiresIn: expiresInSeconds,
  });
}
