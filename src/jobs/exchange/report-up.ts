// `exchange report-up` (R2.3, R6.7, R7.3): the county → city → province summary of list changes
// over a period — counts by division level, list and action, read from the total order of
// list changes — with each city's (and the province's) credit statistics, as JSON and CSV.
import fs from "node:fs";
import path from "node:path";
import { ExchangeStatisticsDocument, ListChangesDocument, type ExchangeStatisticsQuery, type ListChangesQuery } from "../../generated/operations";
import { cityDivisions, countiesOf, findDivision, PROVINCE_CODE, type AdminLevel } from "../../domain/divisions";
import { gatewayNow, gatewayRequest, type GatewayTarget } from "../gateway-client";
import { replaceFileSync } from "./files";
import { ACTIONS, ACTION_NAMES, beijingDate, BOM, csvLine, LEVEL_NAMES, LIST_KIND_NAMES, LIST_KINDS } from "./format";
import type { Progress } from "./progress";

type Kind = (typeof LIST_KINDS)[number];
type Action = (typeof ACTIONS)[number];

export interface ChangeCounts {
  total: number;
  byKind: Record<Kind, Record<Action, number>>;
}

export interface DivisionSummary {
  code: string;
  name: string;
  level: AdminLevel;
  /** Every change of the division and the divisions under it. */
  counts: ChangeCounts;
}

export interface CitySummary extends DivisionSummary {
  /** Changes recorded at the city itself (市本级), included in `counts`. */
  own: ChangeCounts;
  statistics: ExchangeStatisticsQuery["creditStatistics"];
  counties: DivisionSummary[];
}

export interface ProvinceSummary extends DivisionSummary {
  own: ChangeCounts;
  statistics: ExchangeStatisticsQuery["creditStatistics"];
  cities: CitySummary[];
}

export interface ReportUp {
  title: string;
  period: { from: string; to: string };
  generatedAt: string;
  generatedBy: string;
  /** What was read: the sequences scanned and how many fell into the period (by Beijing date of `at`). */
  source: { operation: "ListChanges"; scanned: number; firstSequence: number | null; lastSequence: number | null; inPeriod: number };
  province: ProvinceSummary;
}

export interface ReportUpOptions {
  target: GatewayTarget;
  from: string;
  to: string;
  /** The JSON file; the CSV goes beside it (same name, .csv). */
  out: string;
  batch?: number;
  progress?: (label: string, total: number | null) => Progress;
  log?: (line: string) => void;
}

export function emptyCounts(): ChangeCounts {
  const byKind = {} as ChangeCounts["byKind"];
  for (const k of LIST_KINDS) byKind[k] = { ADDED: 0, CHANGED: 0, REMOVED: 0 };
  return { total: 0, byKind };
}

function count(c: ChangeCounts, kind: string, action: string): void {
  const row = c.byKind[kind as Kind];
  if (!row || !(action in row)) return;
  row[action as Action]++;
  c.total++;
}

export function csvPathFor(out: string): string {
  return /\.json$/i.test(out) ? out.replace(/\.json$/i, ".csv") : `${out}.csv`;
}

export async function reportUp(opts: ReportUpOptions): Promise<{ report: ReportUp; files: string[] }> {
  const batch = opts.batch ?? 500;
  const province = findDivision(PROVINCE_CODE)!;
  const cities: CitySummary[] = [];
  const byCode = new Map<string, { counts: ChangeCounts; own?: ChangeCounts }[]>();
  const root: ProvinceSummary = { code: province.code, name: province.name, level: "PROVINCE", counts: emptyCounts(), own: emptyCounts(), statistics: null as never, cities };
  for (const city of cityDivisions()) {
    const c: CitySummary = { code: city.code, name: city.name, level: "CITY", counts: emptyCounts(), own: emptyCounts(), statistics: null as never, counties: [] };
    cities.push(c);
    byCode.set(city.code, [root, { counts: c.counts, own: c.own }]);
    for (const county of countiesOf(city.code)) {
      const s: DivisionSummary = { code: county.code, name: county.name, level: "COUNTY", counts: emptyCounts() };
      c.counties.push(s);
      byCode.set(county.code, [root, c, s]);
    }
  }

  // 1. The list changes of the period, from the total order (the whole feed is read: `at`
  //    follows the procedures' dates, not the sequence).
  const source: ReportUp["source"] = { operation: "ListChanges", scanned: 0, firstSequence: null, lastSequence: null, inPeriod: 0 };
  const scan = opts.progress?.("读取名单变更", null);
  let after: string | null = null;
  for (;;) {
    const page: ListChangesQuery["listChanges"] = (await gatewayRequest(opts.target, ListChangesDocument, { after, first: batch })).listChanges;
    for (const { node } of page.edges) {
      source.scanned++;
      source.firstSequence ??= node.sequence;
      source.lastSequence = node.sequence;
      const day = beijingDate(node.at);
      if (day < opts.from || day > opts.to) continue;
      source.inPeriod++;
      const chain = byCode.get(node.divisionCode);
      if (!chain) {
        // the province itself (or a code outside the table): province level only
        count(root.counts, node.kind, node.action);
        count(root.own, node.kind, node.action);
        continue;
      }
      for (const level of chain) count(level.counts, node.kind, node.action);
      if (chain.length === 2) count(chain[1].own!, node.kind, node.action); // at the city itself
    }
    scan?.add(page.edges.length);
    if (!page.pageInfo.hasNextPage || !page.edges.length) break;
    after = page.pageInfo.endCursor;
  }
  scan?.done();

  // 2. R7.3: the statistics of each city and of the province over the same period.
  const stats = opts.progress?.("读取信用统计", cities.length + 1);
  for (const c of cities) {
    c.statistics = (await gatewayRequest(opts.target, ExchangeStatisticsDocument, { divisionCode: c.code, from: opts.from, to: opts.to })).creditStatistics;
    stats?.add(1);
  }
  root.statistics = (await gatewayRequest(opts.target, ExchangeStatisticsDocument, { divisionCode: null, from: opts.from, to: opts.to })).creditStatistics;
  stats?.add(1);
  stats?.done();

  const report: ReportUp = {
    title: `湖北省公租房保障家庭失信名单变更汇总（${opts.from} 至 ${opts.to}）`,
    period: { from: opts.from, to: opts.to },
    generatedAt: (await gatewayNow(opts.target)).toISOString(),
    generatedBy: "job:exchange-report-up（HA-420000）",
    source,
    province: root,
  };
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
  replaceFileSync(opts.out, `${JSON.stringify(report, null, 2)}\n`);
  const csvFile = csvPathFor(opts.out);
  replaceFileSync(csvFile, reportCsv(report));
  return { report, files: [opts.out, csvFile] };
}

/** One row per division (province, each city followed by its counties), one column per list and action. */
export function reportCsv(report: ReportUp): string {
  const header = ["层级", "区划代码", "区划名称", "上级区划代码", "变更合计"];
  for (const k of LIST_KINDS) for (const a of ACTIONS) header.push(`${LIST_KIND_NAMES[k]}${ACTION_NAMES[a]}`);
  const row = (d: DivisionSummary, parent: string) => {
    const cells: (string | number)[] = [LEVEL_NAMES[d.level], d.code, d.name, parent, d.counts.total];
    for (const k of LIST_KINDS) for (const a of ACTIONS) cells.push(d.counts.byKind[k][a]);
    return csvLine(cells);
  };
  let out = BOM + csvLine(header) + row(report.province, "");
  for (const c of report.province.cities) {
    out += row(c, report.province.code);
    for (const county of c.counties) out += row(county, c.code);
  }
  return out;
}
