// `hub import` (issue 14): the file readers (CSV in UTF-8, with BOM and GB18030, RFC 4180
// quoting, XLSX, JSON Lines, header mapping) and the load itself — batches, error report,
// checkpoint and resume, --all-or-nothing — first against a fake hub, then end to end through
// the gateway of a hub on real PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CsvReader } from "../src/jobs/intake/csv";
import { INTAKE_KINDS, IntakeHeaderError, mapHeaders } from "../src/jobs/intake/columns";
import { openIntakeSource, type IntakeItem } from "../src/jobs/intake/parse";
import { chooseEncoding, fileFacts, IntakeFileError } from "../src/jobs/intake/source-file";
import { importFile, type ImportOptions } from "../src/jobs/intake/import";
import type { IntakeApi, IntakeBatchReport } from "../src/jobs/intake/api";
import { createIntakeProgress, silentProgress } from "../src/jobs/intake/progress";
import { parseImportArgs, runImport, type RunImportHooks } from "../src/jobs/intake/cli";
import { ManualClock } from "../src/domain/clock";
import { sqlQuery } from "../src/db/orm";
import { startTestHub, type TestHub } from "./support/test-hub";
import { CREATE_FAMILY, familyInput } from "./support/fixtures";
import { seedDemoData } from "../src/seed/seed";
import { encodeGb18030 } from "../scripts/gb18030-encode";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-intake-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
function write(name: string, content: string | Buffer): string {
  const f = path.join(dir, `${++fileNo}-${name}`);
  fs.writeFileSync(f, content);
  return f;
}

async function readAll(file: string, kindName: keyof typeof INTAKE_KINDS, format: "csv" | "xlsx" | "jsonl" = "csv") {
  const facts = await fileFacts(file);
  const encoding = format === "xlsx" ? "utf-8" : chooseEncoding(facts);
  const source = openIntakeSource(file, INTAKE_KINDS[kindName], { format, encoding });
  const items: IntakeItem[] = [];
  for await (const it of source.read()) items.push(it);
  return { items, written: Object.fromEntries(source.written), encoding, facts };
}

function csvRecords(text: string, chunk = text.length) {
  const r = new CsvReader();
  const out = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...r.push(text.slice(i, i + chunk)));
  out.push(...r.end());
  return out;
}

const LEDGER_HEADER = "租赁合同编号,租金月份,应缴金额,实缴金额,缴纳日期,来源编号";

describe("CSV reader (RFC 4180)", () => {
  it("reads quoted fields with commas, doubled quotes and line breaks, CRLF and LF, with physical line numbers", () => {
    const text = 'a,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\r\nlines\nthree",z\n3,,\n\n4,last,"q"';
    for (const chunk of [text.length, 1, 2, 3, 7]) {
      expect(csvRecords(text, chunk)).toEqual([
        { line: 1, fields: ["a", "b", "c"] },
        { line: 2, fields: ["1", "x, y", 'say "hi"'] },
        { line: 3, fields: ["2", "two\r\nlines\nthree", "z"] },
        { line: 6, fields: ["3", "", ""] },
        { line: 8, fields: ["4", "last", "q"] },
      ]);
    }
  });

  it("reports a stray quote, text after a closing quote and an unclosed quote, and goes on with the next line", () => {
    const recs = csvRecords('h1,h2\nab"c,d\n"x"y,z\nok,1\n"open,2\nnever closed');
    expect(recs).toEqual([
      { line: 1, fields: ["h1", "h2"] },
      { line: 2, fields: [], error: { field: 0, reason: expect.stringContaining("双引号") } },
      { line: 3, fields: [], error: { field: 0, reason: expect.stringContaining("右引号之后") } },
      { line: 4, fields: ["ok", "1"] },
      { line: 5, fields: ["open,2\nnever closed"], error: { field: 0, reason: "引号未闭合（自第 5 行起的字段缺少右引号）" } },
    ]);
  });
});

describe("intake files", () => {
  const rows = [
    "WH-2026-0001,2026-03,850.00,850.00,2026-03-05,",
    'WH-2026-0002,2026-03,"1,200.00",0,,WH-2026-0002:2026-03',
  ];
  const expected = [
    { type: "row", line: 2, values: { tenancySourceId: "WH-2026-0001", month: "2026-03", amountDue: "850.00", amountPaid: "850.00", paidOn: "2026-03-05" } },
    { type: "row", line: 3, values: { tenancySourceId: "WH-2026-0002", month: "2026-03", amountDue: "1,200.00", amountPaid: "0", sourceId: "WH-2026-0002:2026-03" } },
  ];

  it("reads UTF-8 without BOM", async () => {
    const r = await readAll(write("ledger.csv", [LEDGER_HEADER, ...rows].join("\n") + "\n"), "rent-ledger");
    expect(r.encoding).toBe("utf-8");
    expect(r.facts.bom).toBe(false);
    expect(r.items).toEqual(expected);
    expect(r.written).toEqual({ tenancySourceId: "租赁合同编号", month: "租金月份", amountDue: "应缴金额", amountPaid: "实缴金额", paidOn: "缴纳日期", sourceId: "来源编号" });
  });

  it("reads UTF-8 with BOM and CRLF (Excel's 'CSV UTF-8')", async () => {
    const r = await readAll(write("ledger-bom.csv", "\uFEFF" + [LEDGER_HEADER, ...rows].join("\r\n") + "\r\n"), "rent-ledger");
    expect(r.facts.bom).toBe(true);
    expect(r.items).toEqual(expected);
  });

  it("detects GB18030 (Chinese Excel's plain 'CSV') and reads it", async () => {
    const text = [LEDGER_HEADER, ...rows, "WH-2026-0003,2026-03,500,500,2026-03-09,欧阳娜娜缴"].join("\r\n");
    const bytes = encodeGb18030(text);
    expect(bytes.equals(Buffer.from(text, "utf8"))).toBe(false);
    const r = await readAll(write("ledger-gb.csv", bytes), "rent-ledger");
    expect(r.facts.validUtf8).toBe(false);
    expect(r.encoding).toBe("gb18030");
    expect(r.items.slice(0, 2)).toEqual(expected);
    expect(r.items[2]).toEqual({ type: "row", line: 4, values: { tenancySourceId: "WH-2026-0003", month: "2026-03", amountDue: "500", amountPaid: "500", paidOn: "2026-03-09", sourceId: "欧阳娜娜缴" } });
    expect(new TextDecoder("gb18030").decode(bytes)).toBe(text);
  });

  it("refuses --encoding utf-8 for a GB18030 file", async () => {
    const f = write("gb.csv", encodeGb18030(`${LEDGER_HEADER}\r\n武汉,2026-03,1,1,,`));
    expect(() => chooseEncoding({ sha256: "", bytes: 1, bom: false, validUtf8: false }, "utf-8")).toThrow(IntakeFileError);
    expect((await fileFacts(f)).validUtf8).toBe(false);
  });

  it("maps English and Chinese headers (and aliases), and reports unknown, repeated and missing required ones", () => {
    const kind = INTAKE_KINDS["rent-ledger"];
    expect(mapHeaders(kind, ["tenancySourceId", " 月份 ", "应缴金额（元）", "amountPaid", ""]).fields).toEqual(["tenancySourceId", "month", "amountDue", "amountPaid", null]);
    expect(() => mapHeaders(kind, ["租赁合同编号", "月份", "账期", "实缴金额", "滞纳金"])).toThrow(
      /无法识别的列：“滞纳金”；重复的列：“月份”与“账期”；缺少必需的列：应缴金额（amountDue）/,
    );
  });

  it("stops at a bad header before reading any row", async () => {
    await expect(readAll(write("bad.csv", "合同,月份\nx,2026-01\n"), "rent-ledger")).rejects.toThrow(IntakeHeaderError);
    await expect(readAll(write("bad.csv", "合同,月份\nx,2026-01\n"), "rent-ledger")).rejects.toThrow(/第 1 行（表头）与“租金台账”（rent-ledger）的列不符：无法识别的列：“合同”/);
    await expect(readAll(write("empty.csv", ""), "rent-ledger")).rejects.toThrow(/文件为空/);
  });

  it("reports rows whose column count differs from the header (surplus empty cells are allowed)", async () => {
    const r = await readAll(write("cols.csv", `${LEDGER_HEADER}\nA,2026-01,1,1\nB,2026-01,1,1,,,,\nC,2026-01,1,1,,,x\n`), "rent-ledger");
    expect(r.items).toEqual([
      { type: "problem", line: 2, column: "", reason: "该行有 4 列，表头有 6 列：请检查逗号与引号" },
      { type: "row", line: 3, values: { tenancySourceId: "B", month: "2026-01", amountDue: "1", amountPaid: "1" } },
      { type: "problem", line: 4, column: "", reason: "该行有 7 列，表头有 6 列：请检查逗号与引号" },
    ]);
  });

  it("reads JSON Lines with English or Chinese keys; a bad line is a problem, an unknown key stops the file", async () => {
    const lines = [
      JSON.stringify({ sourceId: "YJ-1", tenancySourceId: "WH-1", issuedOn: "2026-03-01", kind: "欠租", reason: "连续欠租 6 个月", issuedBy: "武汉市住房保障和房屋管理局" }),
      "",
      JSON.stringify({ 来源编号: "YJ-2", 租赁合同编号: "WH-2", 预警日期: "2026-03-02", 预警类别: "VACANCY", 预警事由: "连续空置", 发出单位: null }),
      '{"sourceId": "YJ-3", bad json',
      JSON.stringify({ sourceId: "YJ-4", tenancySourceId: "WH-4", issuedOn: "2026-03-04", kind: "OTHER" }),
      JSON.stringify({ sourceId: 5, tenancySourceId: "WH-5", issuedOn: "2026-03-05", kind: "OTHER", reason: { nested: true } }),
    ];
    const r = await readAll(write("warnings.jsonl", lines.join("\r\n") + "\r\n"), "housing-warnings", "jsonl");
    expect(r.items).toEqual([
      { type: "row", line: 1, values: { sourceId: "YJ-1", tenancySourceId: "WH-1", issuedOn: "2026-03-01", kind: "欠租", reason: "连续欠租 6 个月", issuedBy: "武汉市住房保障和房屋管理局" } },
      { type: "row", line: 3, values: { sourceId: "YJ-2", tenancySourceId: "WH-2", issuedOn: "2026-03-02", kind: "VACANCY", reason: "连续空置" } },
      { type: "problem", line: 4, column: "", reason: expect.stringMatching(/^不是有效的 JSON：/) },
      { type: "problem", line: 5, column: "reason", reason: "缺少必需的键：reason/警告事由" },
      { type: "problem", line: 6, column: "reason", reason: "值应为文本、数字、true/false 或 null" },
    ]);
    await expect(readAll(write("unknown.jsonl", `${lines[0]}\n{"sourceId":"x","罚款":1}\n`), "housing-warnings", "jsonl")).rejects.toThrow(/第 2 行：无法识别的键“罚款”/);
  });

  it("reads the first worksheet of an XLSX workbook (header row 1; dates, numbers, booleans, rich text)", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("入住核查");
    ws.addRow(["来源编号", "租赁合同编号", "核查日期", "是否在住", "核查人", "备注"]);
    ws.addRow(["HC-1", "WH-1", new Date(Date.UTC(2026, 2, 3)), "是", "张伟", null]);
    ws.addRow([]);
    ws.addRow(["HC-2", "WH-2", "2026-03-04", false, { richText: [{ text: "李" }, { text: "娜" }] }, 12]);
    ws.addRow(["HC-3", "WH-3", "2026-03-05", "否", "王芳", "门锁", "多余"]);
    wb.addWorksheet("其他").addRow(["不读"]);
    const f = path.join(dir, "checks.xlsx");
    await wb.xlsx.writeFile(f);
    const r = await readAll(f, "occupancy-checks", "xlsx");
    expect(r.items).toEqual([
      { type: "row", line: 2, values: { sourceId: "HC-1", tenancySourceId: "WH-1", checkedOn: "2026-03-03", occupied: "是", inspector: "张伟" } },
      { type: "row", line: 4, values: { sourceId: "HC-2", tenancySourceId: "WH-2", checkedOn: "2026-03-04", occupied: "false", inspector: "李娜", note: "12" } },
      { type: "problem", line: 5, column: "G", reason: "该单元格所在的列没有表头" },
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// The load against a fake hub: batches, report, checkpoint, all-or-nothing.

/** A fake hub: rows whose amountDue is "bad" are rejected; stores by sourceId, counts unchanged. */
function fakeApi() {
  const stored = new Map<string, string>();
  const calls: { rows: number; dryRun: boolean; allOrNothing: boolean }[] = [];
  const loads: { id: string; input: unknown; result?: unknown }[] = [];
  const api: IntakeApi = {
    async beginLoad(input) {
      const id = `load-${loads.length + 1}`;
      loads.push({ id, input });
      return { id };
    },
    async finishLoad(id, result) {
      loads.find((l) => l.id === id)!.result = result;
    },
    async sendBatch(_kind, _source, rows, { dryRun, allOrNothing }) {
      calls.push({ rows: rows.length, dryRun, allOrNothing });
      const r: IntakeBatchReport = { received: rows.length, inserted: 0, updated: 0, unchanged: 0, rejected: 0, dryRun, written: false, problems: [] };
      const ok: [string, string][] = [];
      rows.forEach((row, i) => {
        if (row.amountDue === "bad") {
          r.rejected++;
          r.problems.push({ row: i, field: "amountDue", code: "INVALID_AMOUNT", message: "应缴金额应为非负金额" });
          return;
        }
        const key = row.sourceId ?? `${row.tenancySourceId}:${row.month}`;
        const value = JSON.stringify(row);
        if (!stored.has(key)) r.inserted++;
        else if (stored.get(key) === value) r.unchanged++;
        else r.updated++;
        ok.push([key, value]);
      });
      r.written = !dryRun && !(allOrNothing && r.rejected > 0);
      if (r.written) for (const [k, v] of ok) stored.set(k, v);
      return r;
    },
  };
  return { api, stored, calls, loads };
}

function ledgerCsv(n: number, bad: number[] = []): string {
  const lines = [LEDGER_HEADER];
  for (let i = 0; i < n; i++) lines.push(`T-${i},2026-01,${bad.includes(i) ? "bad" : "100"},100,2026-01-05,`);
  return lines.join("\n") + "\n";
}

const base = (file: string, api: IntakeApi, extra: Partial<ImportOptions> = {}): ImportOptions => ({
  kind: INTAKE_KINDS["rent-ledger"],
  file,
  sourceSystem: "测试系统",
  api,
  progress: silentProgress,
  ...extra,
});

describe("the load (fake hub)", () => {
  it("sends batches, reports bad rows by line and header, audits the load, and a rerun is all unchanged", async () => {
    const file = write("ledger.csv", ledgerCsv(25, [3, 17]).replace("T-10,2026-01,100,100,2026-01-05,", 'T-10,"2026-01,100,100,2026-01-05,'));
    const hub = fakeApi();
    const r = await importFile(base(file, hub.api, { batchRows: 10 }));
    // The unclosed quote swallows the rest of the file: 10 rows and one unreadable record.
    expect(r).toMatchObject({ totalRows: 11, inserted: 9, updated: 0, unchanged: 0, rejected: 2, completed: true, batches: 1 });
    expect(hub.calls.map((c) => c.rows)).toEqual([10]);
    const report = fs.readFileSync(`${file}.errors.csv`, "utf8");
    expect(report.startsWith("\uFEFF文件,行,列,原因\r\n")).toBe(true);
    const name = path.basename(file);
    expect(report.slice(1).split("\r\n").slice(1, -1)).toEqual([
      `${name},5,应缴金额,应缴金额应为非负金额`,
      `${name},12,租金月份,CSV 格式错误：引号未闭合（自第 12 行起的字段缺少右引号）`,
    ]);
    expect(hub.loads[0].input).toMatchObject({ kind: "RENT_LEDGER", sourceSystem: "测试系统", fileName: name, totalRows: r.totalRows, allOrNothing: false });
    expect(hub.loads[0].result).toEqual({ inserted: 9, updated: 0, unchanged: 0, rejected: 2, completed: true });
    expect(fs.existsSync(`${file}.intake-state.json`)).toBe(false);
  });

  it("a rerun of a loaded file stores nothing new", async () => {
    const file = write("ledger.csv", ledgerCsv(30, [7]));
    const hub = fakeApi();
    await importFile(base(file, hub.api, { batchRows: 10 }));
    const again = await importFile(base(file, hub.api, { batchRows: 10 }));
    expect(again).toMatchObject({ totalRows: 30, inserted: 0, updated: 0, unchanged: 29, rejected: 1, completed: true });
    expect(fs.readFileSync(`${file}.errors.csv`, "utf8").split("\r\n").length).toBe(3);
  });

  it("an interrupted load resumes after the last committed batch", async () => {
    const file = write("ledger.csv", ledgerCsv(35, [2, 25]));
    const hub = fakeApi();
    const controller = new AbortController();
    const first = await importFile(base(file, hub.api, { batchRows: 10, signal: controller.signal, afterBatch: (n) => n === 2 && controller.abort() }));
    expect(first).toMatchObject({ completed: false, interrupted: true, inserted: 19, rejected: 1, batches: 2 });
    expect(hub.loads[0].result).toEqual({ inserted: 19, updated: 0, unchanged: 0, rejected: 1, completed: false });
    const state = JSON.parse(fs.readFileSync(`${file}.intake-state.json`, "utf8"));
    expect(state).toMatchObject({ committedItems: 20, committedBatches: 2, counts: { inserted: 19, rejected: 1 } });
    expect(hub.stored.size).toBe(19);

    const second = await importFile(base(file, hub.api, { batchRows: 10 }));
    expect(second).toMatchObject({ completed: true, resumedRows: 20, inserted: 33, unchanged: 0, rejected: 2, batches: 2, thisRun: { inserted: 14, rejected: 1 } });
    expect(hub.calls.map((c) => c.rows)).toEqual([10, 10, 10, 5]);
    expect(hub.loads[1].result).toEqual({ inserted: 14, updated: 0, unchanged: 0, rejected: 1, completed: true });
    const report = fs.readFileSync(`${file}.errors.csv`, "utf8").split("\r\n").slice(1, -1);
    expect(report.map((l) => l.split(",")[1])).toEqual(["4", "27"]);
    expect(fs.existsSync(`${file}.intake-state.json`)).toBe(false);
  });

  it("a changed file does not resume from another file's checkpoint", async () => {
    const file = write("ledger.csv", ledgerCsv(20));
    const hub = fakeApi();
    const controller = new AbortController();
    await importFile(base(file, hub.api, { batchRows: 10, signal: controller.signal, afterBatch: () => controller.abort() }));
    fs.writeFileSync(file, ledgerCsv(21));
    const r = await importFile(base(file, hub.api, { batchRows: 10 }));
    expect(r).toMatchObject({ resumedRows: 0, inserted: 11, unchanged: 10 });
  });

  it("--all-or-nothing: a dry run of every batch first; one bad row → report written, nothing loaded", async () => {
    const file = write("ledger.csv", ledgerCsv(25, [21]));
    const hub = fakeApi();
    const r = await importFile(base(file, hub.api, { batchRows: 10, allOrNothing: true }));
    expect(r).toMatchObject({ loadedNothing: true, inserted: 0, rejected: 1, completed: true });
    expect(hub.calls).toEqual([
      { rows: 10, dryRun: true, allOrNothing: false },
      { rows: 10, dryRun: true, allOrNothing: false },
      { rows: 5, dryRun: true, allOrNothing: false },
    ]);
    expect(hub.stored.size).toBe(0);
    expect(fs.readFileSync(`${file}.errors.csv`, "utf8")).toContain(`${path.basename(file)},23,应缴金额,应缴金额应为非负金额`);

    const good = write("ledger.csv", ledgerCsv(25));
    const ok = await importFile(base(good, hub.api, { batchRows: 10, allOrNothing: true }));
    expect(ok).toMatchObject({ loadedNothing: false, inserted: 25, rejected: 0, completed: true, reportFile: null });
    expect(hub.calls.slice(3).map((c) => `${c.rows}:${c.dryRun}:${c.allOrNothing}`)).toEqual(["10:true:false", "10:true:false", "5:true:false", "10:false:true", "10:false:true", "5:false:true"]);
    expect(fs.existsSync(`${good}.errors.csv`)).toBe(false);
  });
});

describe("progress", () => {
  it("off a terminal: one line at every tenth of the file and a last one", () => {
    const lines: string[] = [];
    let now = 0;
    const bar = createIntakeProgress("导入租金台账", 1000, { write: (l: string) => (lines.push(l), true), isTTY: false }, () => now);
    for (let i = 0; i < 40; i++) {
      now += 250;
      bar.add(25);
    }
    bar.done();
    expect(lines.length).toBe(10);
    expect(lines[0]).toBe("导入租金台账：100/1000 行（10%），100 行/秒，已用 1 秒，预计剩余 9 秒\n");
    expect(lines[9]).toBe("导入租金台账：1000/1000 行（100%），100 行/秒，已用 10 秒\n");
  });
});

describe("command line", () => {
  const config = { host: "127.0.0.1", port: 4000, callerToken: undefined };
  it("requires the source system and the caller's token, and defaults the gateway like the jobs", () => {
    expect(() => parseImportArgs(["rent-ledger", "a.csv", "--token", "t"], config)).toThrow(/缺少 --source/);
    expect(() => parseImportArgs(["rent-ledger", "a.csv", "--source", "s"], config)).toThrow(/HUB_TOKEN/);
    expect(() => parseImportArgs(["fines", "a.csv"], config)).toThrow(/未知的导入种类“fines”/);
    expect(parseImportArgs(["rent-ledger", "a.csv", "--source", "武汉", "--all-or-nothing", "--encoding", "GBK"], { ...config, callerToken: "env-token" })).toMatchObject({
      kind: "rent-ledger",
      file: "a.csv",
      sourceSystem: "武汉",
      token: "env-token",
      gatewayUrl: "http://127.0.0.1:4000/graphql",
      encoding: "gb18030",
      allOrNothing: true,
      batchRows: 1000,
    });
  });
});

// ---------------------------------------------------------------------------------------
// End to end: the command's code path through the gateway of a hub on PostgreSQL.

describe("hub import through the gateway (PostgreSQL)", () => {
  let t: TestHub;
  // The demo archive's first day here: not the day the committed samples were generated (2026-12-02),
  // whose applicants are archived whichever day the demo archive starts (BIRTH_ANCHOR).
  const EXAMPLES_DATE = "2026-12-03";
  const clock = new ManualClock(EXAMPLES_DATE);
  let operator: string;
  let court: string;
  const applicants: { id: string; name: string; division: string }[] = [];
  const SOURCE = "武汉市公租房管理信息系统";

  /** Runs `hub import` as the command does (argv, exit code), capturing its output. */
  const run = async (argv: string[], hooks: Partial<RunImportHooks> = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runImport([...argv, "--gateway", t.url], t.config, { progress: silentProgress, out: (l) => out.push(l), err: (l) => err.push(l), ...hooks });
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
  const sourceIds = async (subgraph: "housing" | "judicial", table: string, source = SOURCE) => {
    const rows = await sqlQuery<{ source_id: string }>(t.hub.dbs[subgraph]!.orm.em.fork(), `select source_id from "${subgraph}"."${table}" where source_system = ? order by source_id`, [source]);
    return rows.map((r) => r.source_id);
  };
  const reportLines = (file: string) => fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "").split("\r\n").slice(1, -1);

  beforeAll(async () => {
    t = await startTestHub("postgres", { clock, databaseTag: "intake" });
    // The default demo archive of `npm start` (its first families), seeded on the samples' day.
    const dbs = t.hub.dbs;
    await seedDemoData({ archive: dbs.archive!.orm.em.fork(), housing: dbs.housing!.orm.em.fork(), judicial: dbs.judicial!.orm.em.fork() }, { families: 200, seed: t.config.seed, today: EXAMPLES_DATE });
    operator = t.token("HA-420100", ["OPERATOR"], "wh-intake");
    for (let i = 0; i < 3; i++) {
      const input = familyInput(i === 2 ? "420106" : "420111");
      const r = await t.gql<{ createFamily: { id: string; applicant: { name: string; idNumber: string } } }>(CREATE_FAMILY, { input, reason: "公租房申请审核通过，建立档案" }, operator);
      expect(r.errors).toBeUndefined();
      applicants.push({ id: r.data!.createFamily.applicant.idNumber, name: r.data!.createFamily.applicant.name, division: input.divisionCode });
    }
    // A registered department (R6.5): registered by the city authority's ADMIN at its own level.
    const reg = await t.gql(
      `mutation($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { code kind } }`,
      { input: { code: "DP-420100-FY", name: "武汉市江岸区人民法院", kind: "DEPARTMENT", level: "CITY", divisionCode: "420100" } },
      t.token("HA-420100", ["ADMIN"], "wh-admin"),
    );
    expect(reg.errors).toBeUndefined();
    court = t.token("DP-420100-FY", ["OPERATOR"], "court-clerk");
  });
  afterAll(async () => t?.close());

  it("loads tenancies from UTF-8 CSV: bad rows reported by line and header and not stored; a rerun is all unchanged", async () => {
    const [a, b, c] = applicants;
    const file = write(
      "tenancies.csv",
      [
        "租赁合同编号,承租人身份证号码,承租人姓名,行政区划代码,房屋地址,租赁起始日期,租赁终止日期,月租金",
        `WH-T-1,${a.id},${a.name},${a.division},"江岸区公租房小区1栋101室",2025-01-01,2027-12-31,500`,
        `WH-T-2,${b.id},${b.name},${b.division},"江岸区公租房小区2栋, 201室",2025-02-01,2027-12-31,"1,200.50"`,
        `WH-T-3,${c.id},${c.name},${c.division},"江汉区公租房小区""幸福里""3栋",2025-03-01,2027-12-31,650`,
        `WH-T-4,${a.id.slice(0, 17)}${a.id[17] === "0" ? "1" : "0"},测试,420111,江岸区公租房小区4栋,2025-01-01,2027-12-31,500`,
        `WH-T-5,${b.id},${b.name},420111,江岸区公租房小区5栋,2025-01-01,2027-12-31,abc`,
      ].join("\r\n") + "\r\n",
    );
    const first = await run(["tenancies", file, "--source", SOURCE, "--token", operator]);
    expect(first.err).toBe("");
    expect(first.code).toBe(3);
    expect(first.out).toContain(`导入完成（公租房租赁合同，来源 ${SOURCE}）：${path.basename(file)} 共 5 行，新增 3、更新 0、未变 0、拒绝 2`);
    const report = reportLines(`${file}.errors.csv`);
    expect(report.map((l) => l.split(",").slice(1, 3).join(","))).toEqual(["5,承租人身份证号码", "6,月租金"]);
    expect(report[0]).toContain("校验位");
    expect(await sourceIds("housing", "tenancy")).toEqual(["WH-T-1", "WH-T-2", "WH-T-3"]);

    const again = await run(["tenancies", file, "--source", SOURCE, "--token", operator]);
    expect(again.out).toContain("新增 0、更新 0、未变 3、拒绝 2");
    expect(again.code).toBe(3);
  });

  it("loads a GB18030 rent ledger, resumes an interrupted load from its checkpoint, and a full rerun loads nothing new", async () => {
    const lines = ["租赁合同编号,租金月份,应缴金额,实缴金额,缴纳日期,来源编号"];
    for (const tenancy of ["WH-T-1", "WH-T-2", "WH-T-3"]) for (const m of ["2025-10", "2025-11", "2025-12", "2026-01"]) lines.push(`${tenancy},${m},500,${m === "2026-01" ? 0 : 500},${m === "2026-01" ? "" : `${m}-05`},`);
    lines.push("WH-T-1,2026-11,500,500,2026-12-20,"); // paid after today (2026-12-03): refused
    lines.push("WH-T-9,2026-02,500,500,2026-02-05,"); // unknown tenancy
    const file = write("ledger-gb.csv", encodeGb18030(lines.join("\r\n") + "\r\n"));
    const controller = new AbortController();
    const first = await run(["rent-ledger", file, "--source", SOURCE, "--token", operator, "--batch", "5"], { signal: controller.signal, afterBatch: (n) => n === 1 && controller.abort() });
    expect(first.code).toBe(130);
    expect(first.out).toContain("导入已中断（租金台账，来源 武汉市公租房管理信息系统）：已提交 新增 5、更新 0、未变 0、拒绝 0");
    expect(JSON.parse(fs.readFileSync(`${file}.intake-state.json`, "utf8"))).toMatchObject({ committedItems: 5, committedBatches: 1 });
    expect((await sourceIds("housing", "rent_ledger_entry")).length).toBe(5);

    const resumed = await run(["rent-ledger", file, "--source", SOURCE, "--token", operator, "--batch", "5"]);
    expect(resumed.err).toContain("从断点续传：跳过已提交的 1 批（5 行）");
    expect(resumed.out).toContain("共 14 行，新增 12、更新 0、未变 0、拒绝 2");
    expect(resumed.out).toContain("续传：此前已提交 5 行，本次新增 7、更新 0、未变 0、拒绝 2");
    expect(resumed.code).toBe(3);
    expect(fs.existsSync(`${file}.intake-state.json`)).toBe(false);
    const report = reportLines(`${file}.errors.csv`);
    expect(report.map((l) => l.split(",").slice(1, 3).join(","))).toEqual(["14,缴纳日期", "15,租赁合同编号"]);
    expect((await sourceIds("housing", "rent_ledger_entry")).length).toBe(12);

    const rerun = await run(["rent-ledger", file, "--source", SOURCE, "--token", operator]);
    expect(rerun.out).toContain("新增 0、更新 0、未变 12、拒绝 2");
  });

  it("loads occupancy checks from XLSX and housing warnings from JSON Lines", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("入户核查");
    ws.addRow(["来源编号", "租赁合同编号", "核查日期", "是否实际居住", "核查人", "备注"]);
    ws.addRow(["HC-1", "WH-T-1", new Date(Date.UTC(2026, 0, 10)), "是", "核查员甲", null]);
    ws.addRow(["HC-2", "WH-T-2", new Date(Date.UTC(2026, 0, 11)), "否", "核查员甲", "多次敲门无人"]);
    ws.addRow(["HC-3", "WH-T-3", "2026-13-01", "否", "核查员乙", null]);
    const xlsx = path.join(dir, "checks-e2e.xlsx");
    await wb.xlsx.writeFile(xlsx);
    const checks = await run(["occupancy-checks", xlsx, "--source", SOURCE, "--token", operator]);
    expect(checks.out).toContain("共 3 行，新增 2、更新 0、未变 0、拒绝 1");
    expect(reportLines(`${xlsx}.errors.csv`).map((l) => l.split(",").slice(1, 3).join(","))).toEqual(["4,核查日期"]);
    expect(await sourceIds("housing", "occupancy_check")).toEqual(["HC-1", "HC-2"]);

    const jsonl = write(
      "warnings.jsonl",
      [
        JSON.stringify({ sourceId: "YJ-1", tenancySourceId: "WH-T-2", issuedOn: "2026-02-01", kind: "欠租", reason: "2026年1月租金未缴，书面催缴", issuedBy: "江岸区公租房运营公司" }),
        JSON.stringify({ 来源编号: "YJ-2", 租赁合同编号: "WH-T-2", 发出日期: "2026-02-20", 警告类别: "空置", 警告事由: "入户核查无人居住" }),
      ].join("\n") + "\n",
    );
    const warnings = await run(["housing-warnings", jsonl, "--source", SOURCE, "--token", operator]);
    expect(warnings.out).toContain("共 2 行，新增 2、更新 0、未变 0、拒绝 0");
    expect(warnings.code).toBe(0);
    expect(fs.existsSync(`${jsonl}.errors.csv`)).toBe(false);
  });

  it("loads a department's judgments; a housing authority may not", async () => {
    const file = write(
      "judgments.csv",
      [
        "来源编号,身份证号码,当事人姓名,案号,法院,判决日期,内容摘要",
        `FY-1,${applicants[0].id},${applicants[0].name},（2025）鄂0102民初1234号,武汉市江岸区人民法院,2025-11-20,"判决被告支付拖欠租金 3,000 元"`,
        `FY-2,420102199001011234,李四,（2025）鄂0102民初1235号,武汉市江岸区人民法院,2025-11-21,判决支付租金`,
      ].join("\n"),
    );
    const refused = await run(["judgments", file, "--source", "江岸法院审判系统", "--token", operator]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("FORBIDDEN");
    const loaded = await run(["judgments", file, "--source", "江岸法院审判系统", "--token", court]);
    expect(loaded.out).toContain("共 2 行，新增 1、更新 0、未变 0、拒绝 1");
    expect(await sourceIds("judicial", "judicial_record", "江岸法院审判系统")).toEqual(["FY-1"]);
  });

  it("--all-or-nothing with one bad row loads nothing; without it the good rows load", async () => {
    const lines = ["租赁合同编号,租金月份,应缴金额,实缴金额,缴纳日期"];
    for (const tenancy of ["WH-T-1", "WH-T-2", "WH-T-3"]) lines.push(`${tenancy},2026-02,500,500,2026-02-06`);
    lines.push("WH-T-3,2026-02,-1,0,");
    const file = write("ledger-aon.csv", lines.join("\n") + "\n");
    const before = (await sourceIds("housing", "rent_ledger_entry")).length;
    const refused = await run(["rent-ledger", file, "--source", SOURCE, "--token", operator, "--all-or-nothing"]);
    expect(refused.code).toBe(3);
    expect(refused.out).toContain(`未导入任何数据（--all-or-nothing）：${path.basename(file)} 共 4 行，其中 1 行有问题`);
    expect(reportLines(`${file}.errors.csv`).map((l) => l.split(",").slice(1, 3).join(","))).toEqual(["5,应缴金额"]);
    expect((await sourceIds("housing", "rent_ledger_entry")).length).toBe(before);

    fs.writeFileSync(file, lines.slice(0, 4).join("\n") + "\n");
    const ok = await run(["rent-ledger", file, "--source", SOURCE, "--token", operator, "--all-or-nothing"]);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("共 3 行，新增 3、更新 0、未变 0、拒绝 0");
    expect((await sourceIds("housing", "rent_ledger_entry")).length).toBe(before + 3);
  });

  it("stops at a bad header before anything is sent", async () => {
    const file = write("bad-header.csv", "合同,月份,应缴\nWH-T-1,2026-02,500\n");
    const r = await run(["rent-ledger", file, "--source", SOURCE, "--token", operator]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`无法导入 ${path.basename(file)}，未发送任何数据：第 1 行（表头）与“租金台账”（rent-ledger）的列不符：无法识别的列：“合同”；缺少必需的列：租赁合同编号（tenancySourceId）、实缴金额（amountPaid）。可用的列：`);
  });

  it("every sample file in examples/ loads without a rejected row against the default demo archive", async () => {
    const examples = path.resolve(__dirname, "../examples");
    const copy = fs.mkdtempSync(path.join(dir, "examples-"));
    const housing = t.token("HA-420100", ["OPERATOR"], "wh-examples");
    const department = t.token("DP-420100-ZY", ["OPERATOR"], "zy-examples");
    const files: [string, string, string][] = [
      ["tenancies", "tenancies.csv", housing],
      ["rent-ledger", "rent-ledger.csv", housing],
      ["rent-ledger", "rent-ledger-gb18030.csv", housing],
      ["occupancy-checks", "occupancy-checks.xlsx", housing],
      ["housing-warnings", "housing-warnings.jsonl", housing],
      ["judgments", "judgments.csv", department],
      ["criminal-penalties", "criminal-penalties.csv", department],
      ["administrative-penalties", "administrative-penalties.jsonl", department],
      ["enforcement", "enforcement.csv", department],
      ["administrative-confirmations", "administrative-confirmations.csv", department],
    ];
    for (const [kind, name, token] of files) {
      fs.copyFileSync(path.join(examples, name), path.join(copy, name));
      const r = await run([kind, path.join(copy, name), "--source", "示例系统", "--token", token]);
      expect({ name, err: r.err, code: r.code }).toEqual({ name, err: "", code: 0 });
      expect(r.out).toMatch(/拒绝 0；/);
      // The demo families have a tenancy already: it takes the source's contract number (an update, with history).
      if (name === "tenancies.csv") expect(r.out).toContain("共 6 行，新增 0、更新 6、未变 0、拒绝 0");
    }
    // As the README says: the first sample tenancy is six months in arrears, the third one vacant
    // for seven checks running — both leads for the next candidate scan (R4.1 (6), (7)).
    const tenancies = fs.readFileSync(path.join(examples, "tenancies.csv"), "utf8").split("\n").slice(1, 4).map((l) => l.split(",")[1]);
    const familyOf = async (idNumber: string) => {
      const r = await t.gql<{ familyByIdNumber: { id: string } }>(`query($id: String!) { familyByIdNumber(idNumber: $id) { id } }`, { id: idNumber }, housing);
      return r.data!.familyByIdNumber.id;
    };
    const leads = await t.gql<{ housingCandidates: { edges: { node: { familyId: string; kind: string } }[] } }>(
      `query { housingCandidates(divisionCode: "420100", first: 500) { edges { node { familyId kind } } } }`,
      {},
      housing,
    );
    expect(leads.errors).toBeUndefined();
    const kinds = (familyId: string) => leads.data!.housingCandidates.edges.filter((e) => e.node.familyId === familyId).map((e) => e.node.kind);
    expect(kinds(await familyOf(tenancies[0]))).toContain("ARREARS");
    expect(kinds(await familyOf(tenancies[2]))).toContain("VACANCY");
  });
});
