// `npm run hub -- import <kind> <file> [options]` (issue 14; R2.2, R3, R5.1, R6.5): a source's
// file into the hub through the gateway, with the caller's own token (never a job identity: the
// load is the caller's, and the server checks that the caller owns the rows).
import path from "node:path";
import { ConfigError, type HubConfig } from "../../config";
import { GatewayRequestError } from "../gateway-client";
import { INTAKE_KIND_NAMES, IntakeHeaderError, intakeKind } from "./columns";
import { gatewayIntakeApi, type IntakeApi } from "./api";
import { importFile, IntakeLoadError, MAX_BATCH_ROWS, type ImportResult } from "./import";
import { IntakeFileError, parseEncoding, type IntakeFormat } from "./source-file";
import { formatDuration } from "../exchange/progress";
import type { IntakeProgressFactory } from "./progress";
import { ExchangeError } from "../exchange/files";

export const IMPORT_USAGE = `  npm run hub -- import <种类> <文件> --source <来源系统> [--token <令牌>] [--format csv|xlsx|jsonl] [--encoding utf-8|gb18030]
                     [--all-or-nothing] [--dry-run] [--state <断点文件>] [--report <错误报告.csv>] [--batch 1000] [--gateway <网关地址>]
                                              导入来源数据（CSV、GB18030 CSV、XLSX、JSON Lines），可中断续传；种类：
                                              ${INTAKE_KIND_NAMES.join("、")}（令牌默认取 HUB_TOKEN）`;

const VALUE_FLAGS = ["--source", "--token", "--format", "--encoding", "--state", "--report", "--batch", "--gateway"];
const SWITCHES = ["--all-or-nothing", "--dry-run"];

export interface ParsedImportArgs {
  kind: string;
  file: string;
  sourceSystem: string;
  token: string;
  gatewayUrl: string;
  format?: IntakeFormat;
  encoding?: ReturnType<typeof parseEncoding>;
  statePath?: string;
  reportPath?: string;
  batchRows: number;
  allOrNothing: boolean;
  dryRun: boolean;
}

export function parseImportArgs(argv: string[], config: Pick<HubConfig, "host" | "port" | "callerToken">): ParsedImportArgs {
  const positional: string[] = [];
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (SWITCHES.includes(a)) switches.add(a);
    else if (VALUE_FLAGS.includes(a)) {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith("--")) throw new ConfigError(`${a} 需要一个值`);
      values.set(a, v);
      i++;
    } else if (a.startsWith("--")) throw new ConfigError(`无法识别的参数：${a}\n${IMPORT_USAGE}`);
    else positional.push(a);
  }
  const [kindName, file, ...extra] = positional;
  if (!kindName || !file || extra.length) throw new ConfigError(`用法：\n${IMPORT_USAGE}`);
  const kind = intakeKind(kindName);
  if (!kind) throw new ConfigError(`未知的导入种类“${kindName}”：可用 ${INTAKE_KIND_NAMES.join("、")}`);
  const sourceSystem = values.get("--source")?.trim();
  if (!sourceSystem) {
    throw new ConfigError("缺少 --source <来源系统>：导出该文件的系统名称（如“武汉市公租房管理信息系统”）。来源系统与每行的来源编号一起确定一条记录，重复导入同一来源的数据时须使用同一名称");
  }
  if (sourceSystem.length > 64) throw new ConfigError("--source 不应超过 64 个字符");
  const token = values.get("--token") ?? config.callerToken;
  if (!token) throw new ConfigError("缺少令牌：请用 --token <令牌> 或环境变量 HUB_TOKEN 提供导入人自己的令牌（住房保障部门或已登记部门签发）");
  const gatewayUrl = values.get("--gateway") ?? `http://${config.host}:${config.port}/graphql`;
  if (!URL.canParse(gatewayUrl)) throw new ConfigError(`--gateway 不是有效的地址：${gatewayUrl}`);
  const batchRaw = values.get("--batch");
  const batchRows = batchRaw === undefined ? MAX_BATCH_ROWS : Number(batchRaw);
  if (!Number.isInteger(batchRows) || batchRows < 1 || batchRows > MAX_BATCH_ROWS) throw new ConfigError(`--batch 应为 1 至 ${MAX_BATCH_ROWS} 的整数`);
  let encoding: ParsedImportArgs["encoding"];
  try {
    encoding = values.has("--encoding") ? parseEncoding(values.get("--encoding")!) : undefined;
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const format = values.get("--format");
  if (format !== undefined && !["csv", "xlsx", "jsonl", "ndjson"].includes(format.toLowerCase())) throw new ConfigError(`不支持的格式“${format}”：可用 csv、xlsx 或 jsonl`);
  return {
    kind: kind.name,
    file,
    sourceSystem,
    token,
    gatewayUrl,
    format: format === undefined ? undefined : ((format.toLowerCase() === "ndjson" ? "jsonl" : format.toLowerCase()) as IntakeFormat),
    encoding,
    statePath: values.get("--state"),
    reportPath: values.get("--report"),
    batchRows,
    allOrNothing: switches.has("--all-or-nothing"),
    dryRun: switches.has("--dry-run"),
  };
}

/** The zh-CN summary of a load. */
export function summarize(r: ImportResult, label: string): string[] {
  const rate = r.seconds > 0 ? r.totalRows / r.seconds : r.totalRows;
  const counts = `新增 ${r.inserted}、更新 ${r.updated}、未变 ${r.unchanged}、拒绝 ${r.rejected}`;
  const timing = `用时 ${r.seconds < 60 ? `${r.seconds.toFixed(1)} 秒` : formatDuration(r.seconds)}，${rate >= 100 ? rate.toFixed(0) : rate.toFixed(1)} 行/秒`;
  const head = r.dryRun
    ? `检查完成（${label}，未写入）：共 ${r.totalRows} 行，可新增 ${r.inserted}、可更新 ${r.updated}、未变 ${r.unchanged}、拒绝 ${r.rejected}；${timing}`
    : r.loadedNothing
      ? `未导入任何数据（--all-or-nothing）：${r.fileName} 共 ${r.totalRows} 行，其中 ${r.rejected} 行有问题；${timing}`
      : r.interrupted
        ? `导入已中断（${label}）：已提交 ${counts}；${timing}。再次执行同一命令将从断点续传`
        : `导入完成（${label}）：${r.fileName} 共 ${r.totalRows} 行，${counts}；${timing}`;
  const lines = [head];
  if (r.resumedRows > 0) lines.push(`  续传：此前已提交 ${r.resumedRows} 行，本次新增 ${r.thisRun.inserted}、更新 ${r.thisRun.updated}、未变 ${r.thisRun.unchanged}、拒绝 ${r.thisRun.rejected}`);
  if (r.reportFile) lines.push(`  错误报告：${r.reportFile}（${r.reportRows} 条）`);
  if (r.loadId) lines.push(`  导入记录：${r.loadId}（文件 SHA-256 ${r.fileSha256}）`);
  return lines;
}

export interface RunImportHooks {
  api?: IntakeApi;
  progress?: IntakeProgressFactory;
  signal?: AbortSignal;
  afterBatch?: (batch: number) => void;
  out?: (line: string) => void;
  err?: (line: string) => void;
}

/**
 * Runs one import; returns the exit code: 0 loaded without problems, 3 rows rejected (or
 * nothing loaded under --all-or-nothing), 130 interrupted, 1 the load failed.
 */
export async function runImport(argv: string[], config: HubConfig, hooks: RunImportHooks = {}): Promise<number> {
  const args = parseImportArgs(argv, config);
  const kind = intakeKind(args.kind)!;
  const out = hooks.out ?? ((l: string) => console.log(l));
  const err = hooks.err ?? ((l: string) => console.error(l));
  const api = hooks.api ?? gatewayIntakeApi({ gatewayUrl: args.gatewayUrl, token: args.token });
  // SIGINT: finish the batch in flight, close the load in the audit as interrupted, keep the checkpoint.
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    err("正在中断：等待当前批次完成后停止（再按一次 Ctrl+C 立即退出，可续传）…");
    controller.abort();
  };
  const signal = hooks.signal ?? controller.signal;
  if (!hooks.signal) process.on("SIGINT", onSigint);
  try {
    const r = await importFile({
      kind,
      file: args.file,
      sourceSystem: args.sourceSystem,
      api,
      format: args.format,
      encoding: args.encoding,
      statePath: args.statePath,
      reportPath: args.reportPath,
      batchRows: args.batchRows,
      allOrNothing: args.allOrNothing,
      dryRun: args.dryRun,
      signal,
      afterBatch: hooks.afterBatch,
      progress: hooks.progress,
      log: err,
    });
    for (const l of summarize(r, `${kind.label}，来源 ${args.sourceSystem}`)) out(l);
    if (r.interrupted) return 130;
    return r.rejected > 0 || r.loadedNothing && !r.dryRun ? 3 : 0;
  } catch (e) {
    const file = path.basename(args.file);
    if (e instanceof IntakeHeaderError || e instanceof IntakeFileError || e instanceof ExchangeError) {
      err(`无法导入 ${file}，未发送任何数据：${e.message}`);
    } else if (e instanceof IntakeLoadError || e instanceof GatewayRequestError || /^(无法连接网关|网关返回)/.test((e as Error).message)) {
      err(`导入 ${file} 失败：${(e as Error).message}。已提交的批次记入断点，修正后再次执行同一命令可续传`);
    } else {
      err(`导入 ${file} 失败：${(e as Error).message}`);
      err(String((e as Error).stack ?? e));
    }
    return 1;
  } finally {
    if (!hooks.signal) process.off("SIGINT", onSigint);
  }
}
