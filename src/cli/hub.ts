#!/usr/bin/env node
// The hub's command line: `start` (everything in one process, demo data when empty),
// `serve <archive|housing|judicial|gateway>`, `seed`, `compose`, `token`.
import "reflect-metadata";
// Logging and tracing first: the instrumentations must be in place before http and pg load.
import "../observability/preload";
import { ConfigError, loadConfig, SUBGRAPHS, type HubConfig, type SubgraphName } from "../config";
import { StartupError, startHub, type RunningHub } from "../hub";
import { writeSchemaFiles } from "../gateway/compose";
import { signToken } from "../auth/jwt";
import { jobCredential } from "../jobs/job-identity";
import { isArchiveEmpty, seedDemoData } from "../seed/seed";
import type { OpenedDb } from "../db/orm";
import { cityDivisions } from "../domain/divisions";
import { seedCreditDemo } from "../seed/credit-demo";
import { shanghaiDate } from "../domain/credit/dates";
import { beijingTime, hubNow, isDrillClock } from "../domain/clock";
import { maintainLists, rescore } from "../jobs/list-jobs";
import { scanCandidates } from "../jobs/scan-candidates";
import { dbTargetFor } from "../hub";
import { migrate, openSubgraphDb, sqlQuery } from "../db/orm";
import { APP_ROLE } from "../db/least-privilege";
import { subgraphDbs } from "../subgraphs/registry";
import { appendAudit, verifyAuditChain } from "../subgraphs/archive/sharing/audit.service";
import os from "node:os";
import { seedDemoPermission } from "../seed/demo-permission";
import { EXCHANGE_USAGE, runExchange } from "../jobs/exchange/cli";
import { seedCrossCityPermissions } from "../seed/cross-city-permissions";
import { issueCrossCity } from "../jobs/cross-city";
import { CROSS_CITY_YEARS } from "../domain/cross-city";
import { IMPORT_USAGE, runImport } from "../jobs/intake/cli";

const USAGE = `用法 / usage:
  npm start                                   一个进程内启动全部子图与网关（默认嵌入式 PGlite，首次启动写入演示数据）
  npm run hub -- serve <archive|housing|judicial|gateway>   单独运行一个服务
  npm run hub -- migrate [--runtime-role R]   以数据库属主角色执行全部迁移，并把应用角色 hub_app 授予运行角色 R
  npm run hub -- seed [--families N]          向已配置的数据库写入演示数据（数据库为空时；系统范围，记入审计）
  npm run hub -- compose                      重新组合 supergraph，写入 schema/
  npm run hub -- token --org HA-420100 --roles OPERATOR[,ADMIN] [--sub 用户]   签发开发用令牌
  npm run hub -- jobs scan-candidates [--division 420100] [--min-months 6]   扫描欠租、空置线索并登记为待认定记录（需网关运行中）
  npm run hub -- jobs maintain-lists [--division 420100]   名单日常维护：期满移出、整改期限届满启动程序、报告逾期环节
  npm run hub -- jobs rescore [--division 420100]          按现行规则批量重新计算信用分
  npm run hub -- permissions cross-city [--token 令牌] [--years 5]   本市住房保障部门 ADMIN 向其他16个市州出具跨市信用核查书面许可（R6.2、R8.1；令牌亦可用 HUB_TOKEN）
  npm run hub -- permissions cross-city --all-cities   （仅开发环境）以17个市州 ADMIN 的开发令牌出具全部 272 份
  npm run hub -- audit verify                 校验审计记录哈希链（R8.3），报告第一条被修改、删除或重排的记录
${EXCHANGE_USAGE}
${IMPORT_USAGE}`;

function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function seedIfEmpty(config: HubConfig, dbs: Partial<Record<SubgraphName, OpenedDb>>, families = config.seedFamilies) {
  const { archive, housing, judicial } = dbs;
  if (!archive || !housing || !judicial || families <= 0) return;
  if (!(await isArchiveEmpty(archive.orm.em.fork()))) return;
  const started = Date.now();
  // By the hub's clock: a drill hub's demo data is dated by its drill clock.
  const today = shanghaiDate(hubNow());
  const isTty = process.stdout.isTTY;
  const summary = await seedDemoData(
    { archive: archive.orm.em.fork(), housing: housing.orm.em.fork(), judicial: judicial.orm.em.fork() },
    {
      families,
      seed: config.seed,
      today,
      onProgress: (done) => {
        if (isTty) process.stdout.write(`\r写入演示数据 ${done}/${families} 户…`);
      },
    },
  );
  if (isTty) process.stdout.write("\n");
  console.log(
    `演示数据已写入：${summary.families} 户、${summary.members} 名成员、${summary.tenancies} 份租赁、${summary.judicialRecords} 条司法信息（${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
  );
  // Credit records, lists and procedures, produced by running the real procedures with a moving clock.
  const creditStarted = Date.now();
  console.log("正在按真实认定和惩戒程序生成信用演示数据（各市州：各信用等级、各名单、联合惩戒各环节）…");
  const credit = await seedCreditDemo(archive.orm.em.fork(), config.calendar, today);
  console.log(`信用演示数据已生成：${credit.families} 户、${credit.records} 条失信行为记录（${((Date.now() - creditStarted) / 1000).toFixed(1)} 秒）`);
  const permission = await seedDemoPermission(archive.orm.em.fork(), hubNow());
  console.log(`演示书面许可：${permission}（武汉市住房保障和房屋管理局 → 武汉市民政局：名单 完整、身份 脱敏，覆盖武汉市）`);
  // Issue 14 part 6 (R6.2): every city's standing permission to the other 16 for checks at acceptance.
  const crossCity = await seedCrossCityPermissions(archive.orm.em.fork(), hubNow());
  console.log(`跨市信用核查书面许可：${crossCity.issued} 份（17 个市州住房保障部门互相许可：名单 完整、信用 脱敏，各覆盖本市州；文号 鄂住保跨市许〔年〕许可方-被许可方号）`);
  // R8.3: the hub wrote every division's families under its own system scope: on the record.
  await appendAudit(archive.orm.em.fork(), {
    at: hubNow(),
    kind: "SYSTEM",
    orgCode: null,
    userSub: `system:seed@${os.hostname()}`,
    clientAddress: null,
    operationName: "seed",
    documentHash: null,
    permissions: [],
    categoriesReturned: [],
    categoriesDenied: [],
    familyIds: [],
    outcome: "SEEDED",
    detail: { scope: "*", families: summary.families, creditFamilies: credit.families, permission, crossCityPermissions: crossCity.issued },
  });
}

/** A drill hub says so first (empty on real time). */
function drillBanner(hub: RunningHub): string {
  if (!isDrillClock(hub.clock)) return "";
  const c = hub.clock;
  return `
*** 演练环境（非真实系统）：演练时钟 ${beijingTime(c.now())}，${c.fixed ? "静止（HUB_CLOCK_FIXED=1）" : "随真实时间走动"}；省住房保障部门 ADMIN 可用 advanceClock 向前拨动 ***`;
}

function demoTokens(config: HubConfig): string {
  const lines: string[] = [];
  const roles = ["ADMIN", "OPERATOR", "IDENTIFIER", "REVIEWER", "AUDITOR"];
  const sample = cityDivisions()[0];
  const orgs = [
    { org: "HA-420000", label: "省住建厅（湖北省）" },
    { org: `HA-${sample.code}`, label: `市住房保障部门（${sample.name}）` },
  ];
  for (const { org, label } of orgs) {
    lines.push(`  ${label} ${org}`);
    for (const r of roles) lines.push(`    ${r.padEnd(10)} ${signToken({ sub: `demo-${org.toLowerCase()}-${r.toLowerCase()}`, org, roles: [r] }, config)}`);
  }
  lines.push("  合作部门（武汉市民政局） PT-420100-MZ（演示书面许可：武汉市的名单，姓名和身份证号码脱敏）");
  lines.push(`    ${"CONSUMER".padEnd(10)} ${signToken({ sub: "demo-pt-420100-mz", org: "PT-420100-MZ", roles: ["CONSUMER"] }, config)}`);
  lines.push("  数据提供部门（武汉市中级人民法院） DP-420100-ZY（报送本部门的判决、执行信息：npm run hub -- import judgments …）");
  lines.push(`    ${"OPERATOR".padEnd(10)} ${signToken({ sub: "demo-dp-420100-zy", org: "DP-420100-ZY", roles: ["OPERATOR"] }, config)}`);
  return lines.join("\n");
}

/**
 * Demo tokens (eight hours) only for development on the embedded database: anywhere else tokens
 * come from the identity provider (production) or `hub token` (development on PostgreSQL).
 */
function demoTokensSection(config: HubConfig): string {
  if (config.mode !== "development" || config.databaseUrl || !config.jwtSecret) {
    return "令牌：由身份认证服务签发（生产环境，HUB_JWKS_URL）；开发环境可用 npm run hub -- token --org <机构代码> --roles <角色> 生成。";
  }
  return `演示令牌（8 小时内有效；请求头 Authorization: Bearer <令牌>）：\n${demoTokens(config)}`;
}

/** Applies every subgraph's migrations (the owner role); grants the application role to the runtime role. */
async function migrateAll(config: HubConfig, runtimeRole: string | undefined, verbose: boolean): Promise<void> {
  for (const name of SUBGRAPHS) {
    const target = dbTargetFor(config, name);
    const db = await openSubgraphDb(subgraphDbs[name], target);
    try {
      const done = await migrate(db, name);
      if (runtimeRole && target.kind === "postgres") await sqlQuery(db.orm.em.fork(), `grant ${APP_ROLE} to "${runtimeRole}"`);
      if (verbose) console.log(`${name}：已执行 ${done.length} 个迁移${done.length ? `（${done.join("、")}）` : ""}${runtimeRole ? `；应用角色 ${APP_ROLE} 已授予 ${runtimeRole}` : ""}`);
    } finally {
      await db.close();
    }
  }
}

/**
 * SIGTERM/SIGINT: stop taking requests, answer those in flight, close the databases, and exit —
 * within 10 s whatever happens (an orchestrator's grace period is usually longer).
 */
function onShutdown(hub: RunningHub) {
  let closing = false;
  const stop = async () => {
    if (closing) return;
    closing = true;
    setTimeout(() => {
      console.error("关闭超时（10 秒），强制退出");
      process.exit(1);
    }, 10_000).unref();
    try {
      await hub.close();
      process.exit(0);
    } catch (e) {
      console.error(e);
      process.exit(1);
    }
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

async function main(argv: string[]) {
  const [command, ...args] = argv;
  const config = loadConfig();
  switch (command) {
    case "start": {
      const hub = await startHub(config, { subgraphs: SUBGRAPHS, gateway: true, beforeListen: (dbs) => seedIfEmpty(config, dbs) });
      onShutdown(hub);
      const base = hub.gatewayUrl!.replace(/\/graphql$/, "");
      console.log(`${drillBanner(hub)}
湖北省公租房信用信息共享枢纽已启动（${config.databaseUrl ? "PostgreSQL" : `嵌入式 PGlite：${config.dataDir}`}）
  GraphQL             ${hub.gatewayUrl}
  GraphiQL            ${base}/graphiql（带令牌打开：${base}/graphiql#token=<令牌>）
  健康检查            ${base}/health
  子图                ${SUBGRAPHS.map((n) => `${n} ${hub.subgraphUrls[n]}`).join("  ")}

${demoTokensSection(config)}

示例：
  curl -s ${hub.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer <上面 HA-420000 的 OPERATOR 令牌>" \\
    -d '{"query":"{ families(first: 2) { totalCount edges { node { id division { name } applicant { name } tenancy { unitAddress monthsInArrears } judicial { caseNumber } } } } }"}'
`);
      return;
    }
    case "serve": {
      const name = args[0];
      if (name === "gateway") {
        const hub = await startHub(config, { subgraphs: [], gateway: true });
        onShutdown(hub);
        console.log(`gateway ${hub.gatewayUrl} → ${SUBGRAPHS.map((n) => `${n} ${config.subgraphUrls[n]}`).join(", ")}${drillBanner(hub)}`);
        return;
      }
      if (!(SUBGRAPHS as readonly string[]).includes(name)) throw new ConfigError(`serve 需要 archive、housing、judicial 或 gateway 之一\n${USAGE}`);
      const hub = await startHub(config, { subgraphs: [name as SubgraphName], gateway: false });
      onShutdown(hub);
      console.log(`${name} subgraph ${hub.subgraphUrls[name as SubgraphName]}${drillBanner(hub)}`);
      return;
    }
    case "seed": {
      const families = Number(arg(args, "--families") ?? config.seedFamilies);
      if (!Number.isInteger(families) || families < 1) throw new ConfigError("--families 应为正整数");
      if (config.autoMigrate) await migrateAll(config, undefined, false);
      // The databases only (seeding works beside running services: no ports taken), under the
      // hub's explicit system scope (every division, as the application role; audited).
      const hub = await startHub(config, {
        subgraphs: SUBGRAPHS,
        gateway: false,
        listen: false,
        migrate: false,
        systemCommand: true,
        dbOptions: () => ({ systemScope: true }),
        beforeListen: (dbs) => seedIfEmpty(config, dbs, families),
      });
      await hub.close();
      return;
    }
    case "migrate": {
      // R8.4: the owner role migrates; the runtime role is made a member of the application role.
      const runtimeRole = arg(args, "--runtime-role") ?? config.runtimeRole;
      if (runtimeRole && !/^[a-z_][a-z0-9_]{0,62}$/.test(runtimeRole)) throw new ConfigError("--runtime-role 应为数据库角色名（小写字母、数字、下划线）");
      await migrateAll(config, runtimeRole, true);
      return;
    }
    case "compose": {
      const files = await writeSchemaFiles();
      console.log(`已写入：\n${files.join("\n")}`);
      return;
    }
    case "token": {
      const org = arg(args, "--org");
      const roles = (arg(args, "--roles") ?? "").split(",").filter(Boolean);
      if (!org || roles.length === 0) throw new ConfigError(USAGE);
      if (!config.jwtSecret) throw new ConfigError("生产环境的令牌由身份认证服务签发（HUB_JWKS_URL），本机不能签发");
      console.log(signToken({ sub: arg(args, "--sub") ?? `cli-${org.toLowerCase()}`, org, roles }, config));
      return;
    }
    case "jobs": {
      const gatewayUrl = `http://${config.host}:${config.port}/graphql`;
      const division = arg(args, "--division");
      if (args[0] === "maintain-lists") {
        const token = jobCredential(config, "maintain-lists", ["ADMIN"])();
        const r = await maintainLists({ gatewayUrl, token }, division);
        console.log(`名单维护完成：期满移出 ${r.expired} 条，启动联合惩戒程序 ${r.started} 个，逾期未办理环节 ${r.overdue.length} 个`);
        for (const o of r.overdue) console.log(`  逾期：区划 ${o.divisionCode} 名单记录 ${o.listEntryId} 环节 ${o.step}，应办理自 ${o.dueSince}，逾期自 ${o.overdueSince}`);
        return;
      }
      if (args[0] === "rescore") {
        const token = jobCredential(config, "rescore", ["ADMIN"])();
        const r = await rescore({ gatewayUrl, token }, division);
        console.log(`重新计算信用分完成：${r.families} 户（${r.batches} 批），变化 ${r.changed} 户`);
        return;
      }
      if (args[0] !== "scan-candidates") throw new ConfigError(`未知的任务：${args[0] ?? ""}\n${USAGE}`);
      const minMonths = Number(arg(args, "--min-months") ?? 6);
      if (!Number.isInteger(minMonths) || minMonths < 6) throw new ConfigError("--min-months 应为不小于 6 的整数（R4.1 第（六）（七）项）");
      // R4.1 (6), (7): the job acts as a province operator; the records stay candidates for staff to identify.
      const token = jobCredential(config, "scan-candidates", ["OPERATOR"])();
      const result = await scanCandidates({ gatewayUrl: `http://${config.host}:${config.port}/graphql`, token, divisionCode: division, minMonths, log: (line) => console.log(line) });
      console.log(`扫描完成：线索 ${result.scanned} 条，新登记 ${result.raised} 条，已登记跳过 ${result.skipped} 条`);
      return;
    }
    case "import": {
      // Issue 14 (R2.2, R3, R5.1, R6.5): a source's file through the gateway with the caller's own token.
      process.exitCode = await runImport(args, config);
      return;
    }
    case "exchange": {
      // R2.3, R6.7: provincial data exchange through the running gateway (src/jobs/exchange/).
      await runExchange(args, config);
      return;
    }
    case "permissions": {
      // R6.2, R8.1: the standing cross-city permissions, through the running gateway (src/jobs/cross-city.ts).
      if (args[0] !== "cross-city") throw new ConfigError(`未知的许可命令：${args[0] ?? ""}\n${USAGE}`);
      const gatewayUrl = `http://${config.host}:${config.port}/graphql`;
      const years = Number(arg(args, "--years") ?? CROSS_CITY_YEARS);
      if (!Number.isInteger(years) || years < 1 || years > 10) throw new ConfigError("--years 应为 1 至 10 的整数");
      const cities: { city: string; token: string }[] = [];
      if (args.includes("--all-cities")) {
        if (config.mode !== "development" || !config.jwtSecret) throw new ConfigError("--all-cities 只用于开发环境：生产环境由各市州住房保障部门的 ADMIN 以本人令牌分别出具（R8.1）");
        for (const c of cityDivisions()) cities.push({ city: c.code, token: signToken({ sub: `cli-ha-${c.code}-admin`, org: `HA-${c.code}`, roles: ["ADMIN"] }, config) });
      } else {
        const token = arg(args, "--token") ?? config.callerToken;
        if (!token) throw new ConfigError("请用 --token 或 HUB_TOKEN 提供本市住房保障部门 ADMIN 的令牌");
        const org = (JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8") || "{}") as { org?: unknown }).org;
        const city = typeof org === "string" ? /^HA-(\d{6})$/.exec(org)?.[1] : undefined;
        if (!city || !cityDivisions().some((c) => c.code === city)) throw new ConfigError("令牌应属于某个市州的住房保障主管部门（HA-<市州区划代码>）：书面许可由与被许可方同级的部门出具（R8.1）");
        cities.push({ city, token });
      }
      let issued = 0;
      let skipped = 0;
      for (const { city, token } of cities) {
        const r = await issueCrossCity({ gatewayUrl, token }, city, years);
        issued += r.issued;
        skipped += r.skipped;
        console.log(`HA-${city}：新出具 ${r.issued} 份，已存在跳过 ${r.skipped} 份`);
      }
      console.log(`跨市信用核查书面许可：新出具 ${issued} 份，已存在 ${skipped} 份（名单 完整、信用 脱敏；用途：公租房业务受理时的信用核查）`);
      return;
    }
    case "audit": {
      if (args[0] !== "verify") throw new ConfigError(`未知的审计命令：${args[0] ?? ""}\n${USAGE}`);
      const db = await openSubgraphDb(subgraphDbs.archive, dbTargetFor(config, "archive"));
      try {
        if (config.autoMigrate) await migrate(db, "archive");
        const started = Date.now();
        const check = await verifyAuditChain(db.orm.em.fork());
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        if (check.ok) {
          console.log(`审计记录哈希链完整：共 ${check.entries} 条，链头第 ${check.headSeq} 条（${seconds} 秒）`);
        } else {
          console.error(`审计记录哈希链断裂：第 ${check.brokenSeq} 条，${check.reason}（已核验 ${check.entries} 条完整记录）`);
          process.exitCode = 3;
        }
      } finally {
        await db.close();
      }
      return;
    }
    default:
      console.log(USAGE);
      if (command && command !== "help") process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof ConfigError) console.error(`配置错误：${e.message}`);
  else if (e instanceof StartupError) console.error(`无法启动：${e.message}`);
  else console.error(e);
  process.exit(1);
});
