// Configuration: read and validated once at start-up; nothing else reads process.env.
import { limitsFromEnv, type QueryLimits } from "./gateway/hardening";
import { rateLimitFromEnv } from "./gateway/rate-limit";
import fs from "node:fs";
import path from "node:path";
import { calendarFrom, type HolidayCalendar } from "./domain/credit/working-days";
import defaultHolidays from "./data/holidays-cn.json";

export type SubgraphName = "archive" | "housing" | "judicial";
export const SUBGRAPHS: readonly SubgraphName[] = ["archive", "housing", "judicial"];

export interface SigningKey {
  kid: string;
  secret: string;
}

export interface HubConfig {
  mode: "development" | "production" | "test";
  host: string;
  /** Gateway port (PORT, default 4000). */
  port: number;
  subgraphPorts: Record<SubgraphName, number>;
  subgraphUrls: Record<SubgraphName, string>;
  /** Redis shared by replicas (REDIS_URL): nonces of signed calls and rate-limit buckets; in memory otherwise. */
  redisUrl?: string;
  /** PostgreSQL when set; otherwise embedded PGlite under dataDir. */
  databaseUrl?: string;
  dataDir: string;
  /** HS256 key of development and test tokens (undefined in production). */
  jwtSecret?: string;
  jwtIssuer: string;
  /** The audience of the identity provider's tokens for the hub (HUB_JWT_AUDIENCE). */
  jwtAudience?: string;
  /** The identity provider's key set (HUB_JWKS_URL): RS256/ES256 tokens. */
  jwksUrl?: string;
  /** Earliest refetch of the key set for an unknown kid (HUB_JWKS_MIN_REFETCH_SECONDS, 30). */
  jwksMinRefetchSeconds: number;
  /** A job's own credential (HUB_JOB_TOKEN), or a file holding it, re-read (HUB_JOB_TOKEN_FILE). */
  jobToken?: string;
  jobTokenFile?: string;
  /** A person's own bearer token for the commands run as that person, e.g. `hub import` (HUB_TOKEN; `--token` overrides it). */
  callerToken?: string;
  /** HMAC keys for gateway → subgraph calls; the first one signs, all verify. */
  signingKeys: SigningKey[];
  /**
   * Services apply pending migrations at start (development and tests); in production the owner
   * role runs `hub migrate` and services refuse to start on a schema with pending migrations.
   */
  autoMigrate: boolean;
  /** The runtime login role `hub migrate` makes a member of the application role (HUB_RUNTIME_ROLE). */
  runtimeRole?: string;
  /** Families the demo generator creates when the archive is empty (0 = no demo data). */
  seedFamilies: number;
  seed: number;
  /** Statutory holidays and 调休 working weekends for working-day deadlines. */
  calendar: HolidayCalendar;
  /** R8.4: depth, alias, token, directive and cost limits on every operation. */
  limits: QueryLimits;
  /** Seconds portals, CDNs and the gateway keep a public-list page (HUB_PUBLIC_LIST_MAX_AGE, default 10; 0: not cached). */
  publicListMaxAge: number;
  /** Connections per subgraph's PostgreSQL pool (HUB_DB_POOL_MAX, default 10). */
  dbPoolMax: number;
  /**
   * Benchmark only (HUB_BENCH_WITHOUT_AUTHORIZATION=1, development mode on loopback, refused
   * elsewhere): the gateway reads an organisation's permissions once and writes no disclosure
   * audit, to price what they cost. Never a way to run the hub.
   */
  benchWithoutAuthorization: boolean;
  /** R8.4: per-organisation (anonymous: per address) request rate. */
  rateLimit: { perSecond: number; burst: number };
  /**
   * R6.7: the national platform's endpoint for signed batches of list changes (HUB_NATIONAL_URL)
   * and its HMAC key (HUB_NATIONAL_KEY as `kid:secret`); optional (only `exchange push` needs it).
   */
  nationalPlatform?: { url: string; keyId: string; secret: string };
  /**
   * R6.7 inbound: the platforms that may push listings to `POST /inbound/listings` — the national
   * platform (NATIONAL-MOHURD) and other provinces' housing authorities (HA-<province code>) — each
   * with its HMAC key (HUB_INBOUND_SENDERS="NATIONAL-MOHURD=kid:secret,HA-430000=kid:secret").
   * Development and tests on loopback get committed demo keys; production none unless set.
   */
  inboundSenders: InboundSender[];
  /**
   * Tests only (HUB_MODE=test, ignored otherwise): the exchange jobs kill themselves with SIGKILL
   * in batch N (HUB_EXCHANGE_CRASH_AFTER_BATCHES) at a point (HUB_EXCHANGE_CRASH_POINT).
   */
  exchangeCrash?: { afterBatches: number; point: "after-write" | "mid-write" };
  /**
   * M24: the duties scheduler in every gateway process (HUB_SCHEDULER=1/0; on by default except
   * in tests), how often it looks for due slots (HUB_SCHEDULER_TICK_SECONDS), each duty's time of
   * day in Beijing time (HUB_DUTY_TIMES="LIST_MAINTENANCE=00:30,RESCORE=02:00"), and the lease
   * after which a claimed run whose replica vanished is taken over.
   */
  scheduler: { enabled: boolean; tickSeconds: number; times: Record<string, string>; leaseSeconds: number };
  /**
   * Drill and acceptance hubs (development and tests only): HUB_CLOCK starts the hub's clock at
   * that instant and lets it run; HUB_CLOCK_FIXED=1 keeps it there. Refused in production.
   */
  drillClock?: { start: Date; fixed: boolean };
  /** pino level (HUB_LOG_LEVEL): info by default, silent in tests unless HUB_LOG_LEVEL is set. */
  logLevel: LogLevel;
  /**
   * Where traces go by OTLP/HTTP: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_EXPORTER_OTLP_ENDPOINT
   * + `/v1/traces`. Unset: no tracing at all.
   */
  otlpEndpoint?: string;
  /** `service.name` of exported traces (OTEL_SERVICE_NAME, default hubei-credit-hub). */
  serviceName: string;
}

export interface InboundSender {
  /** NATIONAL-MOHURD, or HA-<province division code> of another province. */
  code: string;
  keyId: string;
  secret: string;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** HUB_LOG_LEVEL, or the default for the mode (under vitest: silent). */
export function logLevelFrom(env: NodeJS.ProcessEnv, mode: HubConfig["mode"]): LogLevel {
  const raw = env.HUB_LOG_LEVEL || (mode === "test" || env.VITEST ? "silent" : "info");
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new ConfigError(`HUB_LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}, got "${raw}"`);
  return raw as LogLevel;
}

const DEV_JWT_SECRET = "hubei-credit-hub-development-secret-do-not-use-in-production";
const DEV_SIGNING_KEY = "hubei-credit-hub-development-subgraph-key";
/** Development only: the demo keys of the national platform and of Hunan's housing authority (R6.7 inbound). */
export const DEV_INBOUND_SENDERS = "NATIONAL-MOHURD=mohurd-dev:hubei-credit-hub-development-inbound-mohurd-key,HA-430000=hunan-dev:hubei-credit-hub-development-inbound-hunan-key";

export class ConfigError extends Error {}

/** A loopback address: only this machine reaches it. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function wrap<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = 65535 * 1000): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new ConfigError(`${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<HubConfig> = {}): HubConfig {
  const modeRaw = env.HUB_MODE ?? (env.NODE_ENV === "production" ? "production" : env.VITEST ? "test" : "development");
  if (modeRaw !== "development" && modeRaw !== "production" && modeRaw !== "test") {
    throw new ConfigError(`HUB_MODE must be development, production or test, got "${modeRaw}"`);
  }
  const mode = modeRaw;
  const drillClock = drillClockFrom(env, mode);
  const host = env.HUB_HOST ?? "127.0.0.1";
  const port = intFrom(env, "PORT", 4000, 0, 65535);
  const subgraphPorts: Record<SubgraphName, number> = {
    archive: intFrom(env, "ARCHIVE_PORT", 4001, 0, 65535),
    housing: intFrom(env, "HOUSING_PORT", 4002, 0, 65535),
    judicial: intFrom(env, "JUDICIAL_PORT", 4003, 0, 65535),
  };
  const subgraphUrls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPHS) {
    const url = env[`${name.toUpperCase()}_URL`] ?? `http://${host}:${subgraphPorts[name]}/graphql`;
    try {
      new URL(url);
    } catch {
      throw new ConfigError(`${name.toUpperCase()}_URL is not a URL: "${url}"`);
    }
    subgraphUrls[name] = url;
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError("DATABASE_URL must be a postgres:// URL");
  // The committed development secrets serve only development (and tests) on this machine's
  // loopback: anywhere else they would be public keys.
  const devSecretsAllowed = mode !== "production" && isLoopback(host);
  const refuseDev = (name: string) =>
    new ConfigError(`${name} 使用了代码仓库中公开的开发密钥：只能在本机回环地址（127.0.0.1）上的开发模式使用；请为${mode === "production" ? "生产环境" : `监听 ${host} 的服务`}设置自己的密钥`);
  // Identity (contract README): production verifies the identity provider's tokens with its JWKS
  // (RS256/ES256; iss, aud, exp, nbf); HS256 with a shared secret is for development only.
  const jwksUrl = env.HUB_JWKS_URL || undefined;
  const jwtAudience = env.HUB_JWT_AUDIENCE || undefined;
  if (jwksUrl) {
    try {
      if (!/^https?:$/.test(new URL(jwksUrl).protocol)) throw new Error();
    } catch {
      throw new ConfigError(`HUB_JWKS_URL is not an http(s) URL: "${jwksUrl}"`);
    }
    if (!jwtAudience) throw new ConfigError("HUB_JWT_AUDIENCE must be set with HUB_JWKS_URL (the audience the identity provider puts in the hub's tokens)");
  }
  let jwtSecret: string | undefined;
  if (mode === "production") {
    if (!jwksUrl) throw new ConfigError("生产环境必须设置 HUB_JWKS_URL 和 HUB_JWT_AUDIENCE：令牌由身份认证服务签发并以其公钥核验（HS256 共享密钥仅用于开发）");
    if (env.HUB_JWT_SECRET) throw new ConfigError("生产环境不接受 HUB_JWT_SECRET：HS256 共享密钥令牌仅用于开发，生产令牌由身份认证服务签发（HUB_JWKS_URL）");
  } else {
    jwtSecret = env.HUB_JWT_SECRET ?? DEV_JWT_SECRET;
    if (jwtSecret.length < 32) throw new ConfigError("HUB_JWT_SECRET must be set to at least 32 characters");
    if (jwtSecret === DEV_JWT_SECRET && !devSecretsAllowed) throw refuseDev("HUB_JWT_SECRET");
  }
  const keysRaw = env.HUB_SUBGRAPH_KEYS ?? (mode === "production" ? "" : `dev:${DEV_SIGNING_KEY}`);
  const signingKeys = keysRaw
    .split(",")
    .filter(Boolean)
    .map((pair) => {
      const i = pair.indexOf(":");
      const kid = pair.slice(0, i);
      const secret = pair.slice(i + 1);
      if (i <= 0 || secret.length < 32) throw new ConfigError("HUB_SUBGRAPH_KEYS must be kid:secret pairs with secrets of at least 32 characters");
      return { kid, secret };
    });
  if (signingKeys.length === 0) throw new ConfigError("HUB_SUBGRAPH_KEYS must name at least one signing key");
  if (!devSecretsAllowed && signingKeys.some((k) => k.secret === DEV_SIGNING_KEY)) throw refuseDev("HUB_SUBGRAPH_KEYS");
  // Inbound lists are optional: without HUB_INBOUND_SENDERS the development keys apply only where
  // development secrets may (loopback, not production); elsewhere nobody may push (fail closed).
  const inboundSenders = inboundSendersFrom(env.HUB_INBOUND_SENDERS ?? (devSecretsAllowed ? DEV_INBOUND_SENDERS : ""));
  const devInbound = inboundSendersFrom(DEV_INBOUND_SENDERS).map((d) => d.secret);
  if (!devSecretsAllowed && inboundSenders.some((k) => devInbound.includes(k.secret))) throw refuseDev("HUB_INBOUND_SENDERS");
  return {
    mode,
    host,
    port,
    subgraphPorts,
    subgraphUrls,
    databaseUrl,
    redisUrl: redisUrlFrom(env),
    dataDir: path.resolve(env.HUB_DATA_DIR ?? "data"),
    jwtSecret,
    jwtIssuer: env.HUB_JWT_ISSUER ?? "hubei-credit-hub",
    jwtAudience,
    jwksUrl,
    jwksMinRefetchSeconds: intFrom(env, "HUB_JWKS_MIN_REFETCH_SECONDS", 30, 1, 3600),
    jobToken: env.HUB_JOB_TOKEN || undefined,
    jobTokenFile: env.HUB_JOB_TOKEN_FILE || undefined,
    callerToken: env.HUB_TOKEN || undefined,
    signingKeys,
    runtimeRole: env.HUB_RUNTIME_ROLE || undefined,
    autoMigrate: env.HUB_AUTO_MIGRATE ? env.HUB_AUTO_MIGRATE === "1" || env.HUB_AUTO_MIGRATE === "true" : mode !== "production",
    seedFamilies: intFrom(env, "HUB_SEED_FAMILIES", 2000, 0, 10_000_000),
    seed: intFrom(env, "HUB_SEED", 20261126, 0, 2 ** 31),
    calendar: loadCalendar(env.HUB_HOLIDAYS_FILE),
    limits: wrap(() => limitsFromEnv(env)),
    dbPoolMax: intFrom(env, "HUB_DB_POOL_MAX", 10, 1, 500),
    publicListMaxAge: intFrom(env, "HUB_PUBLIC_LIST_MAX_AGE", 10, 0, 3600),
    benchWithoutAuthorization: benchWithoutAuthorizationFrom(env, mode, host),
    rateLimit: wrap(() => rateLimitFromEnv(env)),
    nationalPlatform: nationalPlatformFrom(env),
    inboundSenders,
    exchangeCrash: mode === "test" ? exchangeCrashFrom(env) : undefined,
    scheduler: wrap(() => schedulerFrom(env, mode)),
    drillClock,
    logLevel: logLevelFrom(env, mode),
    otlpEndpoint: otlpEndpointFrom(env),
    serviceName: env.OTEL_SERVICE_NAME || "hubei-credit-hub",
    ...overrides,
  };
}

/** M24: HUB_SCHEDULER, HUB_SCHEDULER_TICK_SECONDS, HUB_DUTY_TIMES, HUB_DUTY_LEASE_SECONDS. */
function schedulerFrom(env: NodeJS.ProcessEnv, mode: HubConfig["mode"]): HubConfig["scheduler"] {
  const raw = env.HUB_SCHEDULER || undefined;
  if (raw !== undefined && !["0", "1", "true", "false"].includes(raw)) throw new ConfigError("HUB_SCHEDULER 应为 1 或 0");
  const enabled = raw === undefined ? mode !== "test" : raw === "1" || raw === "true";
  const times: Record<string, string> = {};
  for (const part of (env.HUB_DUTY_TIMES ?? "").split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^([A-Z_]+)=([01]\d|2[0-3]):([0-5]\d)$/.exec(part);
    if (!m) throw new ConfigError(`HUB_DUTY_TIMES 的“${part}”应为 任务代码=HH:MM（北京时间）`);
    times[m[1]] = `${m[2]}:${m[3]}`;
  }
  return { enabled, tickSeconds: intFrom(env, "HUB_SCHEDULER_TICK_SECONDS", 60, 1, 3600), times, leaseSeconds: intFrom(env, "HUB_DUTY_LEASE_SECONDS", 1800, 10, 86400) };
}

/** HUB_BENCH_WITHOUT_AUTHORIZATION: only a development gateway on loopback may drop R8.2/R8.3 checks for a benchmark. */
function benchWithoutAuthorizationFrom(env: NodeJS.ProcessEnv, mode: HubConfig["mode"], host: string): boolean {
  const raw = env.HUB_BENCH_WITHOUT_AUTHORIZATION || undefined;
  if (raw === undefined || raw === "0" || raw === "false") return false;
  if (raw !== "1" && raw !== "true") throw new ConfigError("HUB_BENCH_WITHOUT_AUTHORIZATION 应为 1 或 0");
  if (mode !== "development" || (host !== "127.0.0.1" && host !== "::1" && host !== "localhost")) {
    throw new ConfigError("HUB_BENCH_WITHOUT_AUTHORIZATION 只用于基准测试：只能在本机回环地址上的开发模式中设置（R8.2、R8.3：正式运行时每次请求都核验书面许可并记入审计）");
  }
  return true;
}

/** HUB_CLOCK (RFC 3339 with an offset, or a date meaning 09:00 Beijing time) and HUB_CLOCK_FIXED. */
function drillClockFrom(env: NodeJS.ProcessEnv, mode: HubConfig["mode"]): HubConfig["drillClock"] {
  const raw = env.HUB_CLOCK || undefined;
  const fixedRaw = env.HUB_CLOCK_FIXED || undefined;
  if (raw === undefined) {
    if (fixedRaw !== undefined) throw new ConfigError("HUB_CLOCK_FIXED 只能与 HUB_CLOCK 一起使用（HUB_CLOCK 给出演练时钟的起始时刻）");
    return undefined;
  }
  // A drill clock on the real system would date real decisions wrongly: never in production.
  if (mode === "production") {
    throw new ConfigError("生产环境不能设置 HUB_CLOCK（演练时钟）：演练和验收只能在开发模式的演练环境中进行，生产系统始终使用真实时间");
  }
  if (fixedRaw !== undefined && fixedRaw !== "1" && fixedRaw !== "0" && fixedRaw !== "true" && fixedRaw !== "false") {
    throw new ConfigError(`HUB_CLOCK_FIXED 应为 1 或 0，而不是“${fixedRaw}”`);
  }
  const text = /^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T09:00:00+08:00` : raw;
  const start = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text) ? new Date(text) : new Date(NaN);
  if (Number.isNaN(start.getTime()) || start.getUTCFullYear() < 2000 || start.getUTCFullYear() > 2099) {
    throw new ConfigError(`HUB_CLOCK“${raw}”无效：应为带时区的时刻，如 2027-03-01T09:00:00+08:00（或日期 2027-03-01，即北京时间 9 时）`);
  }
  return { start, fixed: fixedRaw === "1" || fixedRaw === "true" };
}

function otlpEndpointFrom(env: NodeJS.ProcessEnv): string | undefined {
  const traces = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || undefined;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined;
  const url = traces ?? (base ? `${base.replace(/\/+$/, "")}/v1/traces` : undefined);
  if (url === undefined) return undefined;
  try {
    new URL(url);
  } catch {
    throw new ConfigError(`${traces ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT" : "OTEL_EXPORTER_OTLP_ENDPOINT"} is not a URL: "${traces ?? base}"`);
  }
  return url;
}

function redisUrlFrom(env: NodeJS.ProcessEnv): string | undefined {
  const url = env.REDIS_URL || undefined;
  if (url && !/^rediss?:\/\//.test(url)) throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL, got "${url}"`);
  return url;
}

/** HUB_HOLIDAYS_FILE: a JSON file { holidays: [dates], workingWeekends: [dates] }; the bundled calendar otherwise. */
function loadCalendar(file: string | undefined): HolidayCalendar {
  if (!file) return calendarFrom(defaultHolidays);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new ConfigError(`HUB_HOLIDAYS_FILE cannot be read: ${(e as Error).message}`);
  }
  const d = data as { holidays?: unknown; workingWeekends?: unknown };
  const dates = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string" && /^\d{4}-\d{2}-\d{2}$/.test(x));
  if (!dates(d.holidays) || !dates(d.workingWeekends)) throw new ConfigError("HUB_HOLIDAYS_FILE must hold { holidays: [YYYY-MM-DD], workingWeekends: [YYYY-MM-DD] }");
  return calendarFrom(d as { holidays: string[]; workingWeekends: string[] });
}

/** R6.7: HUB_NATIONAL_URL and HUB_NATIONAL_KEY (`kid:secret`), both or neither. */
function nationalPlatformFrom(env: NodeJS.ProcessEnv): HubConfig["nationalPlatform"] {
  const url = env.HUB_NATIONAL_URL || undefined;
  const key = env.HUB_NATIONAL_KEY || undefined;
  if (!url && !key) return undefined;
  if (!url || !key) throw new ConfigError("HUB_NATIONAL_URL and HUB_NATIONAL_KEY must be set together");
  try {
    if (!/^https?:$/.test(new URL(url).protocol)) throw new Error();
  } catch {
    throw new ConfigError(`HUB_NATIONAL_URL is not an http(s) URL: "${url}"`);
  }
  const i = key.indexOf(":");
  const keyId = key.slice(0, i);
  const secret = key.slice(i + 1);
  if (i <= 0 || !/^[A-Za-z0-9._-]+$/.test(keyId) || secret.length < 32) throw new ConfigError("HUB_NATIONAL_KEY must be kid:secret with a secret of at least 32 characters");
  return { url, keyId, secret };
}

/** R6.7 inbound: `SENDER=kid:secret` pairs, comma-separated; key ids unique (they name the sender). */
function inboundSendersFrom(raw: string): InboundSender[] {
  const senders: InboundSender[] = [];
  for (const part of raw.split(",").map((p) => p.trim()).filter(Boolean)) {
    const m = /^(NATIONAL-[A-Z0-9]+|HA-\d{6})=([A-Za-z0-9._-]+):(.+)$/.exec(part);
    if (!m || m[3].length < 32) throw new ConfigError("HUB_INBOUND_SENDERS 应为 发送方代码=kid:secret（发送方为 NATIONAL-… 或 HA-省级区划代码，密钥至少32个字符），以逗号分隔");
    if (m[1].startsWith("HA-42")) throw new ConfigError(`HUB_INBOUND_SENDERS 的发送方 ${m[1]} 是本省机构：只接收国家平台和外省住房保障主管部门推送的名单`);
    if (senders.some((s) => s.keyId === m[2] || s.code === m[1])) throw new ConfigError(`HUB_INBOUND_SENDERS 的发送方 ${m[1]} 或密钥编号 ${m[2]} 重复`);
    senders.push({ code: m[1], keyId: m[2], secret: m[3] });
  }
  return senders;
}

function exchangeCrashFrom(env: NodeJS.ProcessEnv): HubConfig["exchangeCrash"] {
  const afterBatches = intFrom(env, "HUB_EXCHANGE_CRASH_AFTER_BATCHES", 0, 0, 1_000_000);
  if (afterBatches === 0) return undefined;
  const point = env.HUB_EXCHANGE_CRASH_POINT || "after-write";
  if (point !== "after-write" && point !== "mid-write") throw new ConfigError(`HUB_EXCHANGE_CRASH_POINT must be after-write or mid-write, got "${point}"`);
  return { afterBatches, point };
}
