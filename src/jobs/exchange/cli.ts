// `npm run hub -- exchange <pull|push|report-up|export> …` (R2.3, R6.7): the provincial
// data-exchange jobs, run against the running gateway as the province authority's job identity.
import path from "node:path";
import { ConfigError, type HubConfig } from "../../config";
import { findDivision } from "../../domain/divisions";
import { addMonths, shanghaiDate } from "../../domain/credit/dates";
import type { ListKind, OutboxDestination } from "../../generated/operations";
import { ExchangeError } from "./files";
import { createProgress } from "./progress";
import { crashHook, jobTarget } from "./target";
import { pullListChanges } from "./pull";
import { DEFAULT_RETRY, pushOutbox } from "./push";
import { reportUp } from "./report-up";
import { gatewayNow } from "../gateway-client";
import { exportList } from "./export";

export const EXCHANGE_USAGE = `  npm run hub -- exchange pull --out <目录> [--division 420100] [--batch 500]   增量拉取名单变更（NDJSON、CSV），可中断续传，不重不漏
  npm run hub -- exchange push [--destination NATIONAL|REPORT_UP] [--batch 200] [--url <地址>] [--max-attempts 6] [--backoff-ms 1000] [--max-backoff-ms 60000] [--timeout-ms 30000] [--state-dir <目录>]
                                              将待报送的名单变更分批签名推送（国家平台地址与密钥：HUB_NATIONAL_URL、HUB_NATIONAL_KEY=kid:secret）
  npm run hub -- exchange report-up [--from YYYY-MM-DD --to YYYY-MM-DD] --out <文件.json>   县→市→省名单变更汇总与信用统计（JSON，旁附 CSV；默认上个月）
  npm run hub -- exchange export --list <WARNING|KEY_ATTENTION|JOINT_PUNISHMENT> [--division 420100] --out <文件.xlsx|文件.csv> [--masked]   导出名单（中文表头）
  （以上任务均可加 --gateway <网关 GraphQL 地址>，默认 http://HUB_HOST:PORT/graphql）`;

const LISTS = ["WARNING", "KEY_ATTENTION", "JOINT_PUNISHMENT"] as const;
const DESTINATIONS = ["NATIONAL", "REPORT_UP"] as const;

/** The flags of each job (all take a value except --masked). */
const FLAGS: Record<string, string[]> = {
  pull: ["--out", "--division", "--batch"],
  push: ["--destination", "--batch", "--url", "--max-attempts", "--backoff-ms", "--max-backoff-ms", "--timeout-ms", "--state-dir"],
  "report-up": ["--from", "--to", "--out"],
  export: ["--list", "--division", "--out", "--masked", "--batch"],
};
const SWITCHES = new Set(["--masked"]);

class Args {
  constructor(
    private readonly args: string[],
    allowed: string[],
  ) {
    for (let i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || (args[i] !== "--gateway" && !allowed.includes(args[i]))) throw new ConfigError(`无法识别的参数：${args[i]}\n${EXCHANGE_USAGE}`);
      if (!SWITCHES.has(args[i])) i++;
    }
  }
  has(name: string): boolean {
    return this.args.includes(name);
  }
  /** The value of a flag (the last one when repeated). */
  get(name: string): string | undefined {
    const i = this.args.lastIndexOf(name);
    if (i < 0) return undefined;
    const v = this.args[i + 1];
    if (v === undefined || v.startsWith("--")) throw new ConfigError(`${name} 需要一个值`);
    return v;
  }
  required(name: string): string {
    const v = this.get(name);
    if (v === undefined) throw new ConfigError(`缺少 ${name}\n${EXCHANGE_USAGE}`);
    return v;
  }
  int(name: string, fallback: number, min: number, max: number): number {
    const raw = this.get(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || n < min || n > max) throw new ConfigError(`${name} 应为 ${min} 至 ${max} 的整数`);
    return n;
  }
  division(): string | null {
    const d = this.get("--division");
    if (d !== undefined && !findDivision(d)) throw new ConfigError(`行政区划代码“${d}”不存在于湖北省区划中`);
    return d ?? null;
  }
  date(name: string): string | undefined {
    const d = this.get(name);
    // a real calendar day: 2025-02-30 does not survive the round trip
    const at = d === undefined ? NaN : Date.parse(`${d}T00:00:00Z`);
    const valid = d !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(at) && new Date(at).toISOString().slice(0, 10) === d;
    if (d !== undefined && !valid) throw new ConfigError(`${name} 应为存在的日期，格式 YYYY-MM-DD`);
    return d;
  }
}

/** The previous calendar month (Beijing time): the usual reporting period. */
export function previousMonth(today: string): { from: string; to: string } {
  const first = `${today.slice(0, 7)}-01`;
  const from = addMonths(first, -1);
  const to = new Date(Date.parse(`${first}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);
  return { from, to };
}

export async function runExchange(argv: string[], config: HubConfig): Promise<void> {
  const [sub, ...rest] = argv;
  if (!sub || !FLAGS[sub]) throw new ConfigError(`未知的交换任务：${sub ?? ""}\n${EXCHANGE_USAGE}`);
  const args = new Args(rest, FLAGS[sub]);
  const gatewayUrl = args.get("--gateway") ?? `http://${config.host}:${config.port}/graphql`;
  if (!URL.canParse(gatewayUrl)) throw new ConfigError(`--gateway 不是有效的地址：${gatewayUrl}`);
  const crash = config.mode === "test" ? crashHook(config.exchangeCrash) : undefined;
  const log = (line: string) => console.log(line);
  const bar = (label: string) => (total: number | null) => createProgress(label, { total });
  try {
    switch (sub) {
      case "pull": {
        const dir = path.resolve(args.required("--out"));
        const division = args.division();
        const batch = args.int("--batch", 500, 1, 500);
        const target = jobTarget(gatewayUrl, config, "pull", ["AUDITOR"]);
        const r = await pullListChanges({ target, dir, division, batch, progress: bar("拉取名单变更"), log, crash });
        log(`拉取完成：本次读取 ${r.read} 条、写入 ${r.written} 条${division ? `（区划 ${division}）` : ""}，文件共 ${r.total} 条，游标 ${r.after ?? 0}（${dir}）`);
        return;
      }
      case "push": {
        const destination = (args.get("--destination") ?? "NATIONAL") as OutboxDestination;
        if (!(DESTINATIONS as readonly string[]).includes(destination)) throw new ConfigError("--destination 应为 NATIONAL 或 REPORT_UP");
        const platform = config.nationalPlatform;
        if (!platform) throw new ConfigError("未配置接收平台：请设置 HUB_NATIONAL_URL 和 HUB_NATIONAL_KEY（kid:secret）");
        const url = args.get("--url") ?? platform.url;
        if (destination === "REPORT_UP" && !args.has("--url")) throw new ConfigError("逐级上报（REPORT_UP）需要用 --url 指定上级平台的接收地址");
        const retry = {
          maxAttempts: args.int("--max-attempts", DEFAULT_RETRY.maxAttempts, 1, 100),
          baseDelayMs: args.int("--backoff-ms", DEFAULT_RETRY.baseDelayMs, 0, 3_600_000),
          maxDelayMs: args.int("--max-backoff-ms", DEFAULT_RETRY.maxDelayMs, 0, 3_600_000),
          timeoutMs: args.int("--timeout-ms", DEFAULT_RETRY.timeoutMs, 1, 3_600_000),
        };
        const stateDir = path.resolve(args.get("--state-dir") ?? path.join(config.dataDir, "exchange"));
        const target = jobTarget(gatewayUrl, config, "push", ["ADMIN"]);
        const r = await pushOutbox({
          target,
          destination,
          endpoint: { url, keyId: platform.keyId, secret: platform.secret },
          batch: args.int("--batch", 200, 1, 500),
          retry,
          stateDir,
          progress: bar(`推送名单变更（${destination}）`),
          log,
          crash,
        });
        log(`推送完成：${r.batches} 批，确认报送 ${r.delivered} 条，失败重试 ${r.failedAttempts} 次，接收方去重 ${r.duplicates} 批`);
        return;
      }
      case "report-up": {
        const out = path.resolve(args.required("--out"));
        const from = args.date("--from");
        const to = args.date("--to");
        if ((from === undefined) !== (to === undefined)) throw new ConfigError("--from 和 --to 需同时给出");
        const target = jobTarget(gatewayUrl, config, "report-up", ["AUDITOR"]);
        // The previous month by the hub's clock (a drill hub's, when it runs on one).
        const period = from && to ? { from, to } : previousMonth(shanghaiDate(await gatewayNow(target)));
        if (period.from > period.to) throw new ConfigError("--to 不能早于 --from");
        const { report, files } = await reportUp({ target, ...period, out, progress: (label, total) => createProgress(label, { total }), log });
        log(`汇总完成：${period.from} 至 ${period.to} 名单变更 ${report.province.counts.total} 条（扫描 ${report.source.scanned} 条）\n  ${files.join("\n  ")}`);
        return;
      }
      case "export": {
        const kind = args.required("--list") as ListKind;
        if (!(LISTS as readonly string[]).includes(kind)) throw new ConfigError("--list 应为 WARNING、KEY_ATTENTION 或 JOINT_PUNISHMENT");
        const out = path.resolve(args.required("--out"));
        const target = jobTarget(gatewayUrl, config, "export", ["AUDITOR"]);
        const r = await exportList({ target, kind, division: args.division(), out, masked: args.has("--masked"), pageSize: args.int("--batch", 500, 1, 500), progress: bar("导出名单") });
        log(`导出完成：${r.rows} 条 → ${r.file}`);
        return;
      }
      default:
        throw new ConfigError(`未知的交换任务：${sub ?? ""}\n${EXCHANGE_USAGE}`);
    }
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    // A job failure: a message for people and a non-zero exit code (a stack trace only when unexpected).
    console.error(`交换任务 ${sub} 失败：${(e as Error).message}`);
    if (!(e instanceof ExchangeError) && !/^(请求失败|无法连接网关|网关返回)/.test((e as Error).message)) console.error(e);
    process.exitCode = 1;
  }
}
