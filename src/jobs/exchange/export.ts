// `exchange export` (R6.7): a list (warning, key attention, joint punishment) for staff, as an
// Excel workbook (.xlsx, streamed with exceljs) or CSV (UTF-8 with BOM), with Chinese headers,
// read page by page through `creditList`. The file appears only when complete (temp + rename).
import fs from "node:fs";
import path from "node:path";
import type ExcelJSModule from "exceljs";
import { ExchangeCreditListDocument, type ExchangeCreditListQuery, type ListKind } from "../../generated/operations";
import { maskAddress, maskIdNumber, maskName } from "../../domain/permissions";
import { gatewayRequest, type GatewayTarget } from "../gateway-client";
import { ExchangeError, fsyncDir } from "./files";
import { BOM, csvLine, LIST_KIND_NAMES, LIST_STATUS_NAMES, name, TIER_NAMES } from "./format";
import type { Progress } from "./progress";

export const EXPORT_COLUMNS = [
  { header: "序号", width: 8 },
  { header: "名单", width: 22 },
  { header: "状态", width: 12 },
  { header: "起始日期", width: 12 },
  { header: "截止日期", width: 12 },
  { header: "家庭档案编号", width: 38 },
  { header: "区划代码", width: 10 },
  { header: "区划名称", width: 14 },
  { header: "申请人姓名", width: 12 },
  { header: "身份证号码", width: 21 },
  { header: "信用分", width: 8 },
  { header: "信用等级", width: 10 },
  { header: "租住地址", width: 36 },
  { header: "欠租月数", width: 10 },
] as const;

export interface ExportOptions {
  target: GatewayTarget;
  kind: ListKind;
  division?: string | null;
  out: string;
  /** Names, ID numbers and addresses masked (R8.5) for files that leave the authority. */
  masked?: boolean;
  /** Entries per request (creditList `first`). */
  pageSize?: number;
  progress?: (total: number | null) => Progress;
}

type Entry = ExchangeCreditListQuery["creditList"]["edges"][number]["node"];
type Cell = string | number | null;

function rowOf(index: number, e: Entry, masked: boolean): Cell[] {
  const f = e.family;
  const applicantName = f.applicant?.name ?? null;
  const idNumber = f.applicant?.idNumber ?? null;
  const address = f.tenancy?.unitAddress ?? null;
  return [
    index,
    name(LIST_KIND_NAMES, e.kind),
    name(LIST_STATUS_NAMES, e.status),
    e.since,
    e.until ?? null,
    f.id,
    f.division.code,
    f.division.name,
    applicantName && masked ? maskName(applicantName) : applicantName,
    idNumber && masked ? maskIdNumber(idNumber) : idNumber,
    f.credit?.score ?? null,
    f.credit ? name(TIER_NAMES, f.credit.tier) : null,
    address && masked ? maskAddress(address) : address,
    f.tenancy?.monthsInArrears ?? null,
  ];
}

interface Sink {
  add(row: Cell[]): void;
  finish(): Promise<void>;
}

function csvSink(tmp: string): Sink {
  const fd = fs.openSync(tmp, "w");
  fs.writeSync(fd, BOM + csvLine(EXPORT_COLUMNS.map((c) => c.header)));
  return {
    add: (row) => void fs.writeSync(fd, csvLine(row)),
    finish: async () => {
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    },
  };
}

function xlsxSink(ExcelJS: typeof ExcelJSModule, tmp: string, sheetName: string): Sink {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false });
  wb.creator = "湖北省公租房信用信息共享枢纽";
  wb.created = new Date();
  const ws = wb.addWorksheet(sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = EXPORT_COLUMNS.map((c, i) => ({ header: c.header, key: `c${i}`, width: c.width }));
  ws.getColumn(10).numFmt = "@"; // ID numbers stay text (18 digits would lose precision as numbers)
  ws.getRow(1).font = { bold: true };
  return {
    add: (row) => ws.addRow(row).commit(),
    finish: async () => {
      ws.commit();
      await wb.commit();
      const fd = fs.openSync(tmp, "r");
      fs.fsyncSync(fd);
      fs.closeSync(fd);
    },
  };
}

export async function exportList(opts: ExportOptions): Promise<{ rows: number; totalCount: number; file: string }> {
  const ext = path.extname(opts.out).toLowerCase();
  if (ext !== ".xlsx" && ext !== ".csv") throw new ExchangeError("--out 应为 .xlsx 或 .csv 文件");
  // The largest page the graph serves (MAX_PAGE): fewer round trips for a 100,000-row list.
  const pageSize = opts.pageSize ?? 500;
  fs.mkdirSync(path.dirname(path.resolve(opts.out)), { recursive: true });
  const tmp = `${opts.out}.${process.pid}.tmp`;
  const sheetName = LIST_KIND_NAMES[opts.kind] ?? opts.kind;
  // exceljs is loaded only for workbooks (it costs a few hundred milliseconds at start-up).
  const sink = ext === ".xlsx" ? xlsxSink((await import("exceljs")).default, tmp, sheetName) : csvSink(tmp);
  let progress: Progress | undefined;
  let rows = 0;
  let totalCount = 0;
  try {
    let after: string | null = null;
    for (;;) {
      const page: ExchangeCreditListQuery["creditList"] = (
        await gatewayRequest(opts.target, ExchangeCreditListDocument, { kind: opts.kind, divisionCode: opts.division ?? null, first: pageSize, after, withTotal: after === null })
      ).creditList;
      if (!progress) {
        totalCount = page.totalCount ?? 0;
        progress = opts.progress?.(totalCount);
      }
      for (const { node } of page.edges) sink.add(rowOf(++rows, node, opts.masked ?? false));
      progress?.add(page.edges.length);
      if (!page.pageInfo.hasNextPage || !page.edges.length) break;
      after = page.pageInfo.endCursor;
    }
    await sink.finish();
    fs.renameSync(tmp, opts.out);
    fsyncDir(path.dirname(path.resolve(opts.out)));
    return { rows, totalCount, file: opts.out };
  } catch (e) {
    await sink.finish().catch(() => undefined);
    fs.rmSync(tmp, { force: true });
    throw e;
  } finally {
    progress?.done();
  }
}
