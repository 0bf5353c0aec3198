// Starts the hub: any set of subgraphs and/or the gateway, each on its own port, on
// PostgreSQL (DATABASE_URL) or on embedded PGlite (one database per subgraph under dataDir).
import { DutyScheduler } from "./jobs/scheduler";
import type http from "node:http";
import { SUBGRAPHS, type HubConfig, type SubgraphName } from "./config";
import { migrate, openSubgraphDb, pendingMigrations, pgliteDir, runtimeRoleProblems, type DbTarget, type OpenedDb, type OpenOptions } from "./db/orm";
import { subgraphDbs, subgraphDefinitions } from "./subgraphs/registry";
import { buildSubgraph, createSubgraphServer, type RunningSubgraph } from "./subgraphs/subgraph-server";
import { createGateway, type Gateway } from "./gateway/gateway";
import { readCommittedSupergraph } from "./gateway/compose";
import { closeServer, listen } from "./http/apollo-http";
import { DrillClock, isDrillClock, setProcessClock, systemClock, type Clock } from "./domain/clock";
import { reconcileDrillClock } from "./subgraphs/archive/drill-clock.service";
import { uncoveredYear } from "./domain/credit/working-days";
import { currentLogger } from "./observability/logger";
import { activeTracing, traceMikroOrmQueries } from "./observability/tracing";

export interface HubOptions {
  subgraphs: readonly SubgraphName[];
  gateway: boolean;
  /** Overrides the database choice of the config (tests). */
  db?: (name: SubgraphName) => DbTarget;
  /** Options for each subgraph's database (statement counters in tests). */
  dbOptions?: (name: SubgraphName) => OpenOptions;
  /** Supergraph SDL; the committed schema/supergraph.graphql by default. */
  supergraphSdl?: string;
  /** Listen on ephemeral ports (tests). */
  ephemeralPorts?: boolean;
  /** Called after migrations, before servers listen (demo seeding). */
  beforeListen?: (dbs: Partial<Record<SubgraphName, OpenedDb>>) => Promise<void>;
  /** false: open the databases only (a command like `seed` beside running services); default true. */
  listen?: boolean;
  /** A command of the hub itself (seed), not a service: the runtime-role checks do not apply. */
  systemCommand?: boolean;
  /** Apply pending migrations (default: config.autoMigrate); otherwise only check that none is pending. */
  migrate?: boolean;
  /** The clock every procedure reads (tests and demo generation move it); else the drill clock of the config (HUB_CLOCK), else the system clock. */
  clock?: Clock;
}

/** The process's clock: the one given (tests), the drill clock of HUB_CLOCK, or real time. */
export function hubClockFor(config: HubConfig, given?: Clock): Clock {
  if (given) return given;
  if (config.drillClock) return new DrillClock(config.drillClock.start, config.drillClock.fixed);
  return systemClock;
}

export interface RunningHub {
  dbs: Partial<Record<SubgraphName, OpenedDb>>;
  subgraphUrls: Record<SubgraphName, string>;
  gatewayUrl?: string;
  /** The running servers (their metrics; tests stop one to see readiness fail). */
  subgraphServers: Partial<Record<SubgraphName, RunningSubgraph>>;
  gateway?: Gateway;
  /** The clock every service of this process reads. */
  clock: Clock;
  /** M24: the duties scheduler of this gateway process (started unless HUB_SCHEDULER=0; tests tick it). */
  scheduler?: DutyScheduler;
  close(): Promise<void>;
}

/** A reason the hub cannot start, for the operator (zh-CN). */
export class StartupError extends Error {}

export function dbTargetFor(config: HubConfig, name: SubgraphName): DbTarget {
  return config.databaseUrl ? { kind: "postgres", url: config.databaseUrl } : { kind: "pglite", dataDir: pgliteDir(config.dataDir, name) };
}

export async function startHub(config: HubConfig, options: HubOptions): Promise<RunningHub> {
  const dbs: Partial<Record<SubgraphName, OpenedDb>> = {};
  const servers: http.Server[] = [];
  const subgraphServers: RunningSubgraph[] = [];
  const byName: Partial<Record<SubgraphName, RunningSubgraph>> = {};
  let gateway: Gateway | undefined;
  let scheduler: DutyScheduler | undefined;
  const subgraphUrls = { ...config.subgraphUrls };
  // One clock for every service of the process; entities stamp their times by it too.
  const clock = hubClockFor(config, options.clock);
  setProcessClock(clock);
  const close = async () => {
    await scheduler?.stop();
    // Every server drains at once (gateway and subgraphs of one process answer their requests).
    await Promise.all(servers.map((s) => closeServer(s)));
    if (gateway) {
      await gateway.apollo.stop();
      await gateway.close();
    }
    for (const s of subgraphServers) {
      await s.apollo.stop();
      await s.close();
    }
    for (const name of SUBGRAPHS) await dbs[name]?.close();
    // Spans still buffered for the OTLP exporter leave now.
    await activeTracing()?.flush().catch(() => undefined);
  };
  try {
    for (const name of options.subgraphs) {
      const target = options.db?.(name) ?? dbTargetFor(config, name);
      const db = await openSubgraphDb(subgraphDbs[name], target, { poolMax: config.dbPoolMax, ...options.dbOptions?.(name) });
      dbs[name] = db;
      // The embedded PGlite is not `pg`: its SQL gets spans from MikroORM (when tracing is on).
      if (target.kind === "pglite") traceMikroOrmQueries(db.orm, "pglite");
      if (options.migrate ?? config.autoMigrate) await migrate(db, name);
      else {
        // Production (R8.4): the owner role migrates (`hub migrate`); the services only check.
        const pending = await pendingMigrations(db.orm);
        if (pending === null) throw new StartupError(`子图 ${name} 无法读取迁移记录：请先以数据库属主角色执行 npm run hub -- migrate`);
        if (pending.length) throw new StartupError(`子图 ${name} 有 ${pending.length} 个数据库迁移尚未执行：请先以数据库属主角色执行 npm run hub -- migrate`);
      }
      if (config.mode === "production" && target.kind === "postgres" && !options.systemCommand) {
        const problems = await runtimeRoleProblems(db.orm, name);
        if (problems.length) throw new StartupError(`子图 ${name} 的数据库连接角色不符合最小权限要求（R8.4）：${problems.join("；")}`);
      }
      if (name === "archive") {
        // A drill hub resumes its clock (never back); a drill database never serves real time.
        const drill = await reconcileDrillClock(db.orm.em.fork(), clock);
        if (drill.problem) throw new StartupError(drill.problem);
        if (drill.unreadable) currentLogger().error({ reason: drill.unreadable }, "the archive's drill-clock state cannot be read (the runtime role lacks its grants)");
        if (drill.resumedFrom) currentLogger().warn({ resumedFrom: drill.resumedFrom.toISOString() }, "drill clock resumed from the archive (it never goes back)");
      }
    }
    if (isDrillClock(clock)) {
      const uncovered = uncoveredYear(config.calendar, clock.now());
      if (uncovered) currentLogger().warn({ year: uncovered }, `演练时钟在 ${uncovered} 年，节假日日历未包含该年：工作日只按周末计算（可用 HUB_HOLIDAYS_FILE 提供该年的安排）`);
    }
    await options.beforeListen?.(dbs);
    if (options.listen === false) return { dbs, subgraphUrls, subgraphServers: byName, clock, close };
    for (const name of options.subgraphs) {
      const built = await buildSubgraph(subgraphDefinitions[name]);
      const running = await createSubgraphServer(built, dbs[name]!.orm, config, clock, () => subgraphUrls.archive ?? config.subgraphUrls.archive);
      subgraphServers.push(running);
      byName[name] = running;
      const port = await listen(running.http, options.ephemeralPorts ? 0 : config.subgraphPorts[name], config.host);
      servers.push(running.http);
      subgraphUrls[name] = `http://${config.host}:${port}/graphql`;
    }
    let gatewayUrl: string | undefined;
    if (options.gateway) {
      const archiveTarget = options.db?.("archive") ?? dbTargetFor(config, "archive");
      gateway = await createGateway(options.supergraphSdl ?? readCommittedSupergraph(), subgraphUrls, config, clock, {
        grantsNotifyUrl: archiveTarget.kind === "postgres" ? archiveTarget.url : undefined,
      });
      const port = await listen(gateway.http, options.ephemeralPorts ? 0 : config.port, config.host);
      servers.push(gateway.http);
      gatewayUrl = `http://${config.host}:${port}/graphql`;
      // M24: every gateway replica runs the scheduler; each duty's slot runs once across them.
      scheduler = new DutyScheduler({ gatewayUrl, config, clock, registry: gateway.observability.metrics.registry });
      if (config.scheduler.enabled) scheduler.start();
    }
    return { dbs, subgraphUrls, gatewayUrl, subgraphServers: byName, gateway, clock, scheduler, close };
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
}
