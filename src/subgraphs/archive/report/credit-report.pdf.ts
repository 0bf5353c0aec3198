// R7.1: a family's credit report printed as an A4 PDF with real Chinese text.
//
// Generator: pdfkit (MIT), which embeds TrueType fonts through fontkit as a *subset* (only the
// glyphs used, Identity-H encoding plus a ToUnicode map, so the text can be searched and
// copied). No system font and no network are used at run time.
//
// Font: Noto Sans SC (思源黑体 SC as released by Google Fonts, © 2014-2021 Adobe, SIL Open Font
// License 1.1) from the npm package `@expo-google-fonts/noto-sans-sc` (package code MIT, fonts
// OFL-1.1; its LICENSE_FONT is the OFL text). Chosen because it ships plain static TTF files
// (glyf outlines, ~30 900 glyphs, incl. 〔〕、full-width punctuation and rarer place-name
// characters such as 硚 of 硚口区, which GB2312-only subsets lack), which pdfkit/fontkit subset
// reliably; the other candidates ship WOFF2 pieces split by unicode range (@fontsource,
// lxgw-wenkai webfonts) or CID-keyed OTF only. The OFL allows embedding in documents.
import { readFileSync } from "node:fs";
import PDFDocument from "pdfkit";
import type { CreditReport, CreditReportDisclosure, CreditReportListEntry, CreditReportRecord } from "./credit-report";

type Doc = PDFKit.PDFDocument;

/** Where the embedded fonts come from (resolved inside node_modules). */
export const CREDIT_REPORT_FONTS = {
  regular: require.resolve("@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf"),
  bold: require.resolve("@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf"),
} as const;

let fontCache: { regular: Buffer; bold: Buffer } | null = null;
function fonts(): { regular: Buffer; bold: Buffer } {
  fontCache ??= { regular: readFileSync(CREDIT_REPORT_FONTS.regular), bold: readFileSync(CREDIT_REPORT_FONTS.bold) };
  return fontCache;
}

// ---------------------------------------------------------------------------------------------
// Translations of the codes carried by CreditReport (unknown codes are printed as they are).

export const TIER_NAMES: Record<string, string> = { GOOD: "良好", MILD: "轻度失信", MODERATE: "中度失信", SEVERE: "严重失信" };
export const RECORD_STATUS_NAMES: Record<string, string> = {
  CANDIDATE: "线索",
  PENDING: "待认定",
  IDENTIFIED: "已认定",
  REJECTED: "不予认定",
  REVOKED: "已撤销",
  REPAIRED: "已修复",
};
export { LIST_KIND_NAMES, LIST_STATUS_NAMES } from "../../../domain/labels";
import { LIST_KIND_NAMES, LIST_STATUS_NAMES } from "../../../domain/labels";
export const DATA_CATEGORY_NAMES: Record<string, string> = {
  IDENTITY: "身份",
  HOUSEHOLD: "户籍家庭",
  ECONOMIC: "经济",
  HOUSING: "住房",
  GUARANTEE: "保障",
  CREDIT: "信用",
  LISTS: "名单",
  EVIDENCE: "证据文书",
  TENANCY: "租赁",
  JUDICIAL: "司法",
};
const GUARANTEE_MODE_NAMES: Record<string, string> = { PHYSICAL_ALLOCATION: "实物配租", RENTAL_SUBSIDY: "租赁补贴" };
const OBJECTION_STATUS_NAMES: Record<string, string> = { OPEN: "核查中", DECIDED: "已办结" };
const OBJECTION_DECISION_NAMES: Record<string, string> = { UPHELD: "维持认定", CORRECTED: "予以更正", REVOKED: "予以撤销" };
const REPAIR_METHOD_NAMES: Record<string, string> = {
  EXPLANATION: "提交情况说明",
  EXTENSION: "申请延期履行",
  PERFORMANCE: "履行相关义务",
  PUNISHMENT_AND_CONDUCT: "接受处罚并保持良好行为",
};
const REPAIR_STATUS_NAMES: Record<string, string> = { OPEN: "审核中", APPROVED: "准予修复", REJECTED: "不予修复" };

const FLAG_OBJECTION = "异议核查中";
const FLAG_REPAIRED = "已修复";
const FLAG_ARCHIVED = "已归档（超过使用期限）";

export const REPORT_TITLE = "公共租赁住房保障家庭信用报告";
export const FOOTER_TEXT = "本报告依据 R7.1 出具；向其他单位提供本家庭信息的情况依 R8.3 记录。";

function name(map: Record<string, string>, code: string | null | undefined): string {
  if (code == null || code === "") return "—";
  return map[code] ?? code;
}
const dash = (v: string | null | undefined): string => (v == null || v === "" ? "—" : v);

/** Dates stay as they are; instants are shown in Beijing time (UTC+8). */
function beijingTime(ts: string, seconds = false): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(ts)) return ts;
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const s = new Date(d.getTime() + 8 * 3600_000).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, seconds ? 19 : 16)}`;
}

// ---------------------------------------------------------------------------------------------
// Layout

const PAGE = { width: 595.28, height: 841.89 }; // A4 in points
const MARGIN = { top: 56, bottom: 62, left: 48, right: 48 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const CONTENT_BOTTOM = PAGE.height - MARGIN.bottom;

const COLOR = {
  text: "#1d1d1f",
  muted: "#5f6b7a",
  heading: "#1f3a5f",
  border: "#b8c2cc",
  headerFill: "#e9eef5",
  zebra: "#f7f9fb",
  detail: "#44505e",
};
const TIER_COLORS: Record<string, string> = { GOOD: "#1b7f3b", MILD: "#b7791f", MODERATE: "#c05621", SEVERE: "#c53030" };

const CELL_PAD_X = 4;
const CELL_PAD_Y = 3.5;
const TABLE_FONT_SIZE = 8.5;
const LINE_GAP = 1.5;

interface Column {
  header: string;
  width: number;
  align?: "left" | "center" | "right";
}

/** One printable unit of a table: a row of cells, or a note spanning the whole row. */
type TableUnit = { kind: "row"; cells: string[]; zebra?: boolean } | { kind: "note"; text: string; zebra?: boolean };

class ReportWriter {
  y = MARGIN.top;

  constructor(private readonly doc: Doc) {}

  private regular(size: number): Doc {
    return this.doc.font("cjk").fontSize(size);
  }
  private bold(size: number): Doc {
    return this.doc.font("cjk-bold").fontSize(size);
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` still fits above the footer. */
  ensure(height: number): void {
    if (this.y + height > CONTENT_BOTTOM) this.newPage();
  }

  title(report: CreditReport): void {
    const doc = this.bold(19).fillColor(COLOR.heading);
    doc.text(REPORT_TITLE, MARGIN.left, this.y, { width: CONTENT_WIDTH, align: "center", lineBreak: false });
    this.y += 30;
    this.doc
      .moveTo(MARGIN.left, this.y)
      .lineTo(MARGIN.left + CONTENT_WIDTH, this.y)
      .lineWidth(1.2)
      .strokeColor(COLOR.heading)
      .stroke();
    this.y += 8;
    this.keyValueGrid([
      ["报告编号", report.number],
      ["生成时间", beijingTime(report.generatedAt, true)],
      ["出具机关", report.authority],
      ["生成人", report.generatedBy],
    ]);
    this.y += 6;
  }

  /** A section heading, kept on the page with what follows it (`keepWith` points). */
  heading(text: string, keepWith = 70): void {
    this.ensure(26 + keepWith);
    this.y += 6;
    const doc = this.bold(12).fillColor(COLOR.heading);
    doc.text(text, MARGIN.left, this.y, { width: CONTENT_WIDTH, lineBreak: false });
    this.y += 20;
  }

  paragraph(text: string, size = 8.5, color = COLOR.muted): void {
    const doc = this.regular(size).fillColor(color);
    const h = doc.heightOfString(text, { width: CONTENT_WIDTH, lineGap: LINE_GAP });
    this.ensure(h);
    doc.text(text, MARGIN.left, this.y, { width: CONTENT_WIDTH, lineGap: LINE_GAP });
    this.y += h + 4;
  }

  /** Label/value pairs, two pairs a line, framed. */
  keyValueGrid(pairs: [string, string][]): void {
    const labelW = 62;
    const half = CONTENT_WIDTH / 2;
    const valueW = half - labelW;
    for (let i = 0; i < pairs.length; i += 2) {
      const line = pairs.slice(i, i + 2);
      const h =
        Math.max(
          ...line.map(([, v]) => this.regular(9.5).heightOfString(v, { width: valueW - 2 * CELL_PAD_X, lineGap: LINE_GAP })),
        ) +
        2 * CELL_PAD_Y +
        1;
      this.ensure(h);
      line.forEach(([label, value], j) => {
        const x = MARGIN.left + j * half;
        this.doc.rect(x, this.y, labelW, h).fillColor(COLOR.headerFill).fill();
        this.doc.rect(x, this.y, half, h).lineWidth(0.5).strokeColor(COLOR.border).stroke();
        this.regular(9).fillColor(COLOR.muted).text(label, x + CELL_PAD_X, this.y + CELL_PAD_Y + 0.5, { width: labelW - 2 * CELL_PAD_X, lineBreak: false });
        this.regular(9.5).fillColor(COLOR.text).text(value, x + labelW + CELL_PAD_X, this.y + CELL_PAD_Y, {
          width: valueW - 2 * CELL_PAD_X,
          lineGap: LINE_GAP,
        });
      });
      if (line.length === 1) this.doc.rect(MARGIN.left + half, this.y, half, h).lineWidth(0.5).strokeColor(COLOR.border).stroke();
      this.y += h;
    }
  }

  scoreBlock(report: CreditReport): void {
    const h = 58;
    this.ensure(h);
    const x = MARGIN.left;
    const tierColor = TIER_COLORS[report.tier] ?? COLOR.text;
    this.doc.roundedRect(x, this.y, CONTENT_WIDTH, h, 4).lineWidth(0.8).strokeColor(COLOR.border).stroke();
    this.regular(9).fillColor(COLOR.muted).text("信用分", x + 14, this.y + 9, { lineBreak: false });
    this.bold(24).fillColor(tierColor).text(String(report.score), x + 14, this.y + 22, { lineBreak: false });
    this.regular(9).fillColor(COLOR.muted).text("信用等级", x + 110, this.y + 9, { lineBreak: false });
    this.bold(18).fillColor(tierColor).text(name(TIER_NAMES, report.tier), x + 110, this.y + 25, { lineBreak: false });
    const counted = report.records.filter((r) => r.counts).length;
    const archived = report.records.filter((r) => r.archived).length;
    const facts = [
      `评分规则版本：${report.ruleVersion}`,
      `信用记录 ${report.records.length} 条，其中计入信用分 ${counted} 条、已归档 ${archived} 条`,
      `名单记录 ${report.lists.length} 条；信息提供记录 ${report.disclosures.length} 条`,
    ];
    this.regular(8.5).fillColor(COLOR.text);
    facts.forEach((f, i) => this.doc.text(f, x + 250, this.y + 10 + i * 14, { width: CONTENT_WIDTH - 260, lineBreak: false }));
    this.y += h + 4;
  }

  private unitHeight(columns: Column[], unit: TableUnit): number {
    this.regular(TABLE_FONT_SIZE);
    if (unit.kind === "note") {
      return this.doc.heightOfString(unit.text, { width: CONTENT_WIDTH - 2 * CELL_PAD_X - 18, lineGap: LINE_GAP }) + 2 * CELL_PAD_Y;
    }
    let h = 0;
    unit.cells.forEach((c, i) => {
      h = Math.max(h, this.doc.heightOfString(c || " ", { width: columns[i].width - 2 * CELL_PAD_X, lineGap: LINE_GAP }));
    });
    return h + 2 * CELL_PAD_Y;
  }

  private tableHeader(columns: Column[]): void {
    this.bold(TABLE_FONT_SIZE);
    const h = Math.max(...columns.map((c) => this.doc.heightOfString(c.header, { width: c.width - 2 * CELL_PAD_X, lineGap: LINE_GAP }))) + 2 * CELL_PAD_Y;
    let x = MARGIN.left;
    this.doc.rect(MARGIN.left, this.y, CONTENT_WIDTH, h).fillColor(COLOR.headerFill).fill();
    for (const c of columns) {
      this.doc.rect(x, this.y, c.width, h).lineWidth(0.5).strokeColor(COLOR.border).stroke();
      this.bold(TABLE_FONT_SIZE)
        .fillColor(COLOR.heading)
        .text(c.header, x + CELL_PAD_X, this.y + CELL_PAD_Y, { width: c.width - 2 * CELL_PAD_X, align: c.align ?? "left", lineGap: LINE_GAP });
      x += c.width;
    }
    this.y += h;
  }

  /** A table whose header is repeated on every page it runs onto. */
  table(columns: Column[], units: TableUnit[], empty = "无"): void {
    if (units.length === 0) units = [{ kind: "note", text: empty }];
    const headerH = 22;
    // A unit taller than a whole page (absurdly long text) is cut, with an ellipsis, rather
    // than left to spill over the footer.
    const maxH = CONTENT_BOTTOM - MARGIN.top - 40;
    this.ensure(headerH + Math.min(maxH, this.unitHeight(columns, units[0])));
    this.tableHeader(columns);
    for (const unit of units) {
      const h = Math.min(maxH, this.unitHeight(columns, unit));
      const clip = { height: h - 2 * CELL_PAD_Y + 1, ellipsis: true };
      if (this.y + h > CONTENT_BOTTOM) {
        this.newPage();
        this.tableHeader(columns);
      }
      if (unit.zebra) this.doc.rect(MARGIN.left, this.y, CONTENT_WIDTH, h).fillColor(COLOR.zebra).fill();
      if (unit.kind === "note") {
        this.doc.rect(MARGIN.left, this.y, CONTENT_WIDTH, h).lineWidth(0.5).strokeColor(COLOR.border).stroke();
        this.regular(TABLE_FONT_SIZE)
          .fillColor(COLOR.detail)
          .text(unit.text, MARGIN.left + CELL_PAD_X + 18, this.y + CELL_PAD_Y, { width: CONTENT_WIDTH - 2 * CELL_PAD_X - 18, lineGap: LINE_GAP, ...clip });
      } else {
        let x = MARGIN.left;
        unit.cells.forEach((cell, i) => {
          const c = columns[i];
          this.doc.rect(x, this.y, c.width, h).lineWidth(0.5).strokeColor(COLOR.border).stroke();
          this.regular(TABLE_FONT_SIZE)
            .fillColor(COLOR.text)
            .text(cell, x + CELL_PAD_X, this.y + CELL_PAD_Y, { width: c.width - 2 * CELL_PAD_X, align: c.align ?? "left", lineGap: LINE_GAP, ...clip });
          x += c.width;
        });
      }
      this.y += h;
    }
    this.y += 8;
  }

  /** Page numbers, footer line and running header, once every page exists. */
  finish(report: CreditReport): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const savedBottom = page.margins.bottom;
      page.margins.bottom = 0; // writing inside the bottom margin must not add a page
      const fy = PAGE.height - MARGIN.bottom + 18;
      this.doc
        .moveTo(MARGIN.left, fy - 6)
        .lineTo(MARGIN.left + CONTENT_WIDTH, fy - 6)
        .lineWidth(0.5)
        .strokeColor(COLOR.border)
        .stroke();
      this.regular(7.5).fillColor(COLOR.muted).text(FOOTER_TEXT, MARGIN.left, fy, { width: CONTENT_WIDTH - 90, lineBreak: false });
      this.regular(8)
        .fillColor(COLOR.muted)
        .text(`第 ${i - range.start + 1} 页 / 共 ${range.count} 页`, MARGIN.left + CONTENT_WIDTH - 90, fy, { width: 90, align: "right", lineBreak: false });
      if (i > range.start) {
        this.regular(7.5)
          .fillColor(COLOR.muted)
          .text(`${REPORT_TITLE}　报告编号：${report.number}`, MARGIN.left, MARGIN.top - 24, { width: CONTENT_WIDTH, align: "right", lineBreak: false });
      }
      page.margins.bottom = savedBottom;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Sections

const RECORD_COLUMNS: Column[] = [
  { header: "序号", width: 26, align: "center" },
  { header: "失信行为", width: 123 },
  { header: "发生日期", width: 56 },
  { header: "认定日期", width: 56 },
  { header: "状态", width: 48 },
  { header: "扣分", width: 32, align: "right" },
  { header: "是否计入", width: 42, align: "center" },
  { header: "标记", width: CONTENT_WIDTH - (26 + 123 + 56 + 56 + 48 + 32 + 42) },
];

function recordFlags(r: CreditReportRecord): string {
  const flags: string[] = [];
  if (r.suspendedByObjection) flags.push(FLAG_OBJECTION);
  if (r.repaired) flags.push(FLAG_REPAIRED);
  if (r.archived) flags.push(FLAG_ARCHIVED);
  return flags.length ? flags.join("；") : "—";
}

function recordUnits(records: CreditReportRecord[]): TableUnit[] {
  const units: TableUnit[] = [];
  records.forEach((r, i) => {
    const zebra = i % 2 === 1;
    units.push({
      kind: "row",
      zebra,
      cells: [
        String(i + 1),
        `${r.behaviorName}（${r.behavior}）`,
        r.occurredOn,
        dash(r.identifiedOn),
        name(RECORD_STATUS_NAMES, r.status),
        String(r.points),
        r.counts ? "是" : "否",
        recordFlags(r),
      ],
    });
    for (const o of r.objections) {
      const parts = [`异议：${o.filedOn} 提出`, name(OBJECTION_STATUS_NAMES, o.status)];
      if (o.decision) parts.push(`决定：${name(OBJECTION_DECISION_NAMES, o.decision)}`);
      if (o.decidedOn) parts.push(`${o.decidedOn} 办结`);
      units.push({ kind: "note", zebra, text: parts.join("　") });
    }
    for (const p of r.repairs) {
      const parts = [`信用修复：${p.appliedOn} 申请`, `方式：${name(REPAIR_METHOD_NAMES, p.method)}`, name(REPAIR_STATUS_NAMES, p.status)];
      if (p.decidedOn) parts.push(`${p.decidedOn} 决定`);
      units.push({ kind: "note", zebra, text: parts.join("　") });
    }
  });
  return units;
}

const LIST_COLUMNS: Column[] = [
  { header: "名单类型", width: 120 },
  { header: "状态", width: 127 },
  { header: "列入日期", width: 84 },
  { header: "届满日期", width: 84 },
  { header: "移出日期", width: CONTENT_WIDTH - (120 + 127 + 84 + 84) },
];

function listUnits(lists: CreditReportListEntry[]): TableUnit[] {
  return lists.map((l, i) => ({
    kind: "row",
    zebra: i % 2 === 1,
    cells: [name(LIST_KIND_NAMES, l.kind), name(LIST_STATUS_NAMES, l.status), l.since, dash(l.until), dash(l.removedOn)],
  }));
}

const DISCLOSURE_COLUMNS: Column[] = [
  { header: "序号", width: 26, align: "center" },
  { header: "提供时间", width: 58 },
  { header: "接收单位（统一社会信用代码）", width: 130 },
  { header: "依据（书面许可文号）", width: 100 },
  { header: "信息类别", width: 95 },
  { header: "操作", width: CONTENT_WIDTH - (26 + 58 + 130 + 100 + 95) },
];

function disclosureUnits(disclosures: CreditReportDisclosure[]): TableUnit[] {
  return disclosures.map((d, i) => {
    const org = [d.organizationName, d.organizationCode ? `（${d.organizationCode}）` : null].filter(Boolean).join("\n");
    return {
      kind: "row",
      zebra: i % 2 === 1,
      cells: [
        String(i + 1),
        beijingTime(d.at),
        org || "—",
        d.permissions.length ? d.permissions.join("；") : "—",
        d.categories.length ? d.categories.map((c) => name(DATA_CATEGORY_NAMES, c)).join("、") : "—",
        dash(d.operationName),
      ],
    };
  });
}

// ---------------------------------------------------------------------------------------------

/**
 * R7.1: renders `report` as an A4 PDF (Chinese text in an embedded, subset Noto Sans SC).
 * Sections: title and report facts; family summary (masked identity, R8.5); score and tier;
 * credit records with their objections and repairs; list history; 信息提供记录 (R8.3).
 */
export async function renderCreditReportPdf(report: CreditReport): Promise<Buffer> {
  const { regular, bold } = fonts();
  const generated = new Date(report.generatedAt);
  const doc: Doc = new PDFDocument({
    size: "A4",
    margins: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: "1.7",
    lang: "zh-CN",
    displayTitle: true,
    info: {
      Title: `${REPORT_TITLE}（${report.number}）`,
      Subject: "R7.1 公共租赁住房保障家庭信用报告",
      Author: report.authority,
      Creator: "hubei-credit-hub",
      Producer: "hubei-credit-hub (pdfkit)",
      ...(Number.isNaN(generated.getTime()) ? {} : { CreationDate: generated }),
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (c: Buffer) => chunks.push(Buffer.from(c)));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  doc.registerFont("cjk", regular);
  doc.registerFont("cjk-bold", bold);
  doc.font("cjk");

  const w = new ReportWriter(doc);
  const f = report.family;
  w.title(report);

  w.heading("一、家庭基本情况");
  w.keyValueGrid([
    ["申请人", f.maskedApplicantName],
    ["身份证号码", f.maskedApplicantIdNumber],
    ["所属区划", `${f.divisionName}（${f.divisionCode}）`],
    ["家庭人口", `${f.householdSize} 人`],
    ["保障类别", f.guaranteeCategory],
    ["保障方式", name(GUARANTEE_MODE_NAMES, f.guaranteeMode)],
    ["家庭编号", f.id],
  ]);

  w.heading("二、信用评分");
  w.scoreBlock(report);

  w.heading("三、失信行为记录");
  w.table(RECORD_COLUMNS, recordUnits(report.records), "无失信行为记录");

  w.heading("四、名单记录");
  w.table(LIST_COLUMNS, listUnits(report.lists), "未被列入警示名单、重点关注名单或失信联合惩戒名单");

  w.heading("五、信息提供记录", 100);
  w.paragraph("下表列示本家庭信息向其他单位提供的情况（R8.3），含接收单位、所依据的书面许可文号（本机关辖区内使用记为“辖区”）及提供的信息类别。");
  w.table(DISCLOSURE_COLUMNS, disclosureUnits(report.disclosures), "无信息提供记录");

  w.paragraph(
    "说明：1. 申请人姓名、身份证号码按 R8.5 脱敏显示。2. “是否计入”为“否”的记录不计入信用分，不作为惩戒依据；" +
      "异议核查期间相关记录暂停计入（R7.2）；已修复记录保留但不再作为惩戒依据（R7.5）；" +
      "超过使用期限的记录已归档，不再公开和使用（R7.4）。",
  );

  w.finish(report);
  doc.end();
  return done;
}
