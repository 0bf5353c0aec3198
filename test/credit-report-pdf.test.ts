// R7.1: the printed credit report. Renders a synthetic report, rasterises page 1 with pdf.js on
// @napi-rs/canvas (both from npm, no system fonts or tools), and checks the Chinese text is
// really there: in the text layer, in an embedded font, and as the right glyph shapes on the
// page (compared with the font's own outlines drawn by fontkit), not as empty boxes (tofu).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createCanvas, type SKRSContext2D } from "@napi-rs/canvas";
import { beforeAll, describe, expect, it } from "vitest";
import type { CreditReport, CreditReportDisclosure, CreditReportRecord } from "../src/subgraphs/archive/report/credit-report";
import { CREDIT_REPORT_FONTS, FOOTER_TEXT, REPORT_TITLE, renderCreditReportPdf } from "../src/subgraphs/archive/report/credit-report.pdf";

// pdf.js is ESM-only: loaded with a dynamic import from this CommonJS test.
const loadPdfJs = () => import("pdfjs-dist/legacy/build/pdf.mjs");
type PdfJs = Awaited<ReturnType<typeof loadPdfJs>>;
type PdfDoc = Awaited<ReturnType<PdfJs["getDocument"]>["promise"]>;

/** The few fontkit calls used here (fontkit ships no type declarations). */
interface FkPath {
  toFunction(): (ctx: SKRSContext2D) => void;
}
interface FkFont {
  unitsPerEm: number;
  layout(text: string): { glyphs: { id: number; path: FkPath }[]; positions: { xAdvance: number; xOffset: number; yOffset: number }[] };
  getGlyph(id: number): { path: FkPath; advanceWidth: number };
}
const fontkit = require("fontkit") as { openSync(file: string): FkFont };

const OUT_DIR = path.join(__dirname, "..", "test-output");
const SCALE = 2; // 144 dpi

const record = (i: number, over: Partial<CreditReportRecord>): CreditReportRecord => ({
  id: `rec-${i}`,
  behavior: "B01",
  behaviorName: "未按合同约定缴纳租金",
  status: "IDENTIFIED",
  occurredOn: "2025-03-01",
  identifiedOn: "2025-03-20",
  points: 5,
  counts: true,
  archived: false,
  suspendedByObjection: false,
  repaired: false,
  objections: [],
  repairs: [],
  ...over,
});

const ORGS = [
  { code: "11420100MB1234567X", name: "武汉市民政局" },
  { code: "11420000MB0000001A", name: "湖北省人力资源和社会保障厅" },
  { code: "12420104MB7654321B", name: "武汉市硚口区不动产登记中心" },
  { code: null, name: "武汉市住房保障和房屋管理局" },
];
const CATEGORY_SETS = [["IDENTITY", "HOUSEHOLD"], ["ECONOMIC", "HOUSING", "GUARANTEE"], ["CREDIT", "LISTS"], ["EVIDENCE", "TENANCY", "JUDICIAL"]];

function disclosures(n: number): CreditReportDisclosure[] {
  return Array.from({ length: n }, (_, i) => {
    const org = ORGS[i % ORGS.length];
    return {
      at: new Date(Date.UTC(2026, 0, 5, 1, 30) + i * 7 * 3600_000).toISOString(),
      organizationCode: org.code,
      organizationName: org.name,
      permissions: org.code ? [`鄂武住保许〔2026〕${(i % 9) + 1}号`] : ["辖区"],
      categories: CATEGORY_SETS[i % CATEGORY_SETS.length],
      operationName: i % 5 === 4 ? null : ["FamilyCreditCheck", "HouseholdVerify", "ListStatus"][i % 3],
    };
  });
}

function sampleReport(disclosureCount = 120): CreditReport {
  return {
    number: "XYBG-420104-20261127-0001",
    generatedAt: "2026-11-27T02:15:30Z",
    generatedBy: "李*（武汉市硚口区住房保障中心）",
    authority: "武汉市住房保障和房屋管理局",
    family: {
      id: "0b8f5c1e-3a44-4c8e-9d61-2f7f4f9b2a10",
      divisionCode: "420104",
      divisionName: "湖北省武汉市硚口区",
      maskedApplicantName: "王**",
      maskedApplicantIdNumber: "420102********1234",
      householdSize: 3,
      guaranteeCategory: "城镇中等偏下收入住房困难家庭",
      guaranteeMode: "PHYSICAL_ALLOCATION",
    },
    score: 82,
    tier: "MODERATE",
    ruleVersion: "HB-2026.1",
    records: [
      record(1, {
        behaviorName: "无正当理由连续6个月以上未缴纳租金",
        behavior: "B03",
        points: 10,
        objections: [{ filedOn: "2025-04-02", status: "DECIDED", decision: "UPHELD", decidedOn: "2025-04-20" }],
      }),
      record(2, {
        behaviorName: "擅自转借、转租承租的公共租赁住房",
        behavior: "B05",
        status: "IDENTIFIED",
        points: 0,
        counts: false,
        suspendedByObjection: true,
        occurredOn: "2026-09-10",
        identifiedOn: "2026-10-08",
        objections: [{ filedOn: "2026-10-15", status: "OPEN", decision: null, decidedOn: null }],
      }),
      record(3, {
        behaviorName: "未按规定如实申报家庭收入、财产变动情况",
        behavior: "B02",
        status: "REPAIRED",
        points: 0,
        counts: false,
        repaired: true,
        occurredOn: "2024-06-01",
        identifiedOn: "2024-06-25",
        repairs: [
          { appliedOn: "2024-08-01", method: "EXPLANATION", status: "REJECTED", decidedOn: "2024-08-15" },
          { appliedOn: "2024-10-09", method: "PERFORMANCE", status: "APPROVED", decidedOn: "2024-10-21" },
        ],
      }),
      record(4, { behaviorName: "无正当理由连续6个月以上闲置公共租赁住房", behavior: "B04", status: "PENDING", identifiedOn: null, points: 0, counts: false }),
      record(5, { behaviorName: "损毁、破坏公共租赁住房及附属设施", behavior: "B06", status: "REVOKED", points: 0, counts: false }),
      record(6, { behaviorName: "欠缴租金线索", behavior: "B01", status: "CANDIDATE", identifiedOn: null, points: 0, counts: false }),
      record(7, { behaviorName: "提供虚假材料骗取保障资格", behavior: "B07", status: "REJECTED", points: 0, counts: false }),
      record(8, { behaviorName: "未按合同约定缴纳租金", occurredOn: "2019-02-01", identifiedOn: "2019-03-01", points: 0, counts: false, archived: true }),
    ],
    lists: [
      { kind: "WARNING", status: "REMOVED", since: "2025-05-01", until: "2026-05-01", removedOn: "2026-05-01" },
      { kind: "KEY_ATTENTION", status: "LISTED", since: "2026-06-01", until: "2027-06-01", removedOn: null },
      { kind: "JOINT_PUNISHMENT", status: "SUSPENDED", since: "2026-10-01", until: null, removedOn: null },
    ],
    disclosures: disclosures(disclosureCount),
  };
}

/** Dark-pixel mask (luminance below 160) of an RGBA buffer. */
function darkMask(rgba: Uint8ClampedArray | Buffer): Uint8Array {
  const m = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < m.length; i++) {
    const [r, g, b, a] = [rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2], rgba[4 * i + 3]];
    const lum = a === 0 ? 255 : 0.2126 * r + 0.7152 * g + 0.0722 * b;
    m[i] = lum < 160 ? 1 : 0;
  }
  return m;
}

function countIn(mask: Uint8Array, width: number, x0: number, y0: number, x1: number, y1: number): { on: number; total: number } {
  let on = 0;
  let total = 0;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.ceil(y1); y++) {
    for (let x = Math.max(0, Math.floor(x0)); x < Math.min(width, Math.ceil(x1)); x++) {
      on += mask[y * width + x];
      total++;
    }
  }
  return { on, total };
}

function iou(a: Uint8Array, b: Uint8Array, width: number, box: [number, number, number, number]): number {
  let inter = 0;
  let union = 0;
  const [x0, y0, x1, y1] = box.map(Math.round);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = y * width + x;
      inter += a[i] & b[i];
      union += a[i] | b[i];
    }
  }
  return union === 0 ? 0 : inter / union;
}

describe("R7.1 credit report PDF", () => {
  let pdfjs: PdfJs;
  let pdf: Buffer;
  let doc: PdfDoc;
  let renderMs = 0;

  beforeAll(async () => {
    pdfjs = await loadPdfJs();
    const t0 = performance.now();
    pdf = await renderCreditReportPdf(sampleReport(120));
    renderMs = performance.now() - t0;
    doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), verbosity: 0, isEvalSupported: false }).promise;
  });

  it("is a multi-page A4 PDF of reasonable size", async () => {
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, "credit-report.pdf"), pdf);
    console.log(`credit report: ${pdf.length} bytes, ${doc.numPages} pages, rendered in ${renderMs.toFixed(0)} ms`);
    expect(pdf.length).toBeGreaterThan(20_000);
    expect(pdf.length).toBeLessThan(600_000); // subset fonts: the TTFs themselves are ~10 MB each
    expect(doc.numPages).toBeGreaterThan(1);
    const page = await doc.getPage(1);
    const [, , w, h] = page.view;
    expect(Math.round(w)).toBe(595);
    expect(Math.round(h)).toBe(842);

    // Every page carries 「第 N 页 / 共 M 页」 and the footer line.
    const last = await doc.getPage(doc.numPages);
    const lastText = (await last.getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join("");
    expect(lastText).toContain(`第 ${doc.numPages} 页 / 共 ${doc.numPages} 页`);
    expect(lastText).toContain(FOOTER_TEXT);
    // The disclosure table runs on, its header repeated, and ends with the last disclosure.
    expect(lastText).toContain("接收单位（统一社会信用代码）");
  });

  it("is shorter for a short report and still complete", async () => {
    const small = await renderCreditReportPdf({ ...sampleReport(2), records: [], lists: [] });
    const d = await pdfjs.getDocument({ data: new Uint8Array(small), verbosity: 0 }).promise;
    const text = (await (await d.getPage(1)).getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join("");
    expect(d.numPages).toBe(1);
    expect(text).toContain("无失信行为记录");
    expect(text).toContain("第 1 页 / 共 1 页");
    await d.destroy();
  });

  it("breaks a long record table across pages, repeating its header, and cuts absurd cells", async () => {
    const many = sampleReport(0);
    many.records = Array.from({ length: 40 }, (_, i) =>
      record(100 + i, {
        objections: [{ filedOn: "2026-01-02", status: "DECIDED", decision: "CORRECTED", decidedOn: "2026-01-20" }],
        repairs: [{ appliedOn: "2026-02-02", method: "EXTENSION", status: "OPEN", decidedOn: null }],
      }),
    );
    many.records[3].behaviorName = "超长的行为名称".repeat(400);
    const bytes = await renderCreditReportPdf(many);
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, "credit-report-long-records.pdf"), bytes);
    const d = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
    expect(d.numPages).toBeGreaterThan(2);
    for (let n = 2; n <= d.numPages; n++) {
      const text = (await (await d.getPage(n)).getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join("");
      expect(text).toContain(`第 ${n} 页 / 共 ${d.numPages} 页`);
      if (n === 2) expect(text).toMatch(/序号\s*失信行为/); // header repeated on the continuation page
    }
    const all = (await Promise.all(Array.from({ length: d.numPages }, async (_, i) => (await (await d.getPage(i + 1)).getTextContent()).items.map((x) => ("str" in x ? x.str : "")).join("")))).join("");
    expect(all).toContain("决定：予以更正");
    expect(all).toContain("方式：申请延期履行");
    expect(all.match(/异议：2026-01-02/g)?.length).toBe(40);
    await d.destroy();
  });

  it("has a Chinese text layer with the masked identity, title and translated codes", async () => {
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join("");
    expect(text).toContain(REPORT_TITLE);
    expect(text).toContain("信用报告");
    expect(text).toContain("王**");
    expect(text).toContain("420102********1234");
    expect(text).toContain("湖北省武汉市硚口区");
    expect(text).toContain("中度失信"); // tier MODERATE
    expect(text).toContain("已认定");
    expect(text).toContain("异议核查中");
    expect(text).toContain("准予修复");
    expect(text).toContain("已归档（超过使用期限）");
    expect(text).toContain("第 1 页 / 共");
    expect(text).not.toMatch(/\bIDENTIFIED\b|\bMODERATE\b|\bREPAIRED\b/);

    // Lists and the disclosure table follow on page 2.
    const text2 = (await (await doc.getPage(2)).getTextContent()).items.map((i) => ("str" in i ? i.str : "")).join("");
    expect(text2).toContain("重点关注名单");
    expect(text2).toContain("失信联合惩戒对象名单");
    expect(text2).toContain("异议核查中，暂停执行");
    expect(text2).toContain("信息提供记录");
    expect(text2).toContain("鄂武住保许〔2026〕1号");
    expect(text2).toContain("身份、户籍家庭");
    expect(text2).toContain("经济、住房、保障");
    expect(text2).toContain("证据文书、租赁、司法");
    expect(text2).toContain("第 2 页 / 共");
    expect(text2).not.toMatch(/\bKEY_ATTENTION\b|\bIDENTITY\b|\bJUDICIAL\b/);
  });

  it("embeds its fonts as TrueType subsets (no standard, unembedded fonts)", async () => {
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/FontFile2 \d+ 0 R/);
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
    // Subset fonts are named with a six-letter tag: /BaseFont /ABCDEF+NotoSansSC-Regular
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/);

    const page = await doc.getPage(1);
    const ops = await page.getOperatorList();
    const fontIds = new Set<string>();
    ops.fnArray.forEach((fn, i) => {
      if (fn === pdfjs.OPS.setFont) fontIds.add(String((ops.argsArray[i] as unknown[])[0]));
    });
    expect(fontIds.size).toBeGreaterThanOrEqual(2);
    for (const id of fontIds) {
      const font = page.commonObjs.get(id) as { name: string; missingFile: boolean };
      expect(font.missingFile).toBe(false);
      expect(font.name).toMatch(/NotoSansSC/);
    }
  });

  it("draws the real glyphs on page 1 (rasterised), not blank and not tofu", async () => {
    const page = await doc.getPage(1);
    const viewport = page.getViewport({ scale: SCALE });
    const W = Math.ceil(viewport.width);
    const H = Math.ceil(viewport.height);
    const canvas = createCanvas(W, H);
    await page.render({ canvas: canvas as never, viewport }).promise;
    mkdirSync(OUT_DIR, { recursive: true });
    writeFileSync(path.join(OUT_DIR, "credit-report-page1.png"), canvas.toBuffer("image/png"));

    const pageMask = darkMask(canvas.getContext("2d").getImageData(0, 0, W, H).data);
    const all = countIn(pageMask, W, 0, 0, W, H);
    const inkShare = all.on / all.total;
    expect(inkShare).toBeGreaterThan(0.01); // a page full of text and tables
    expect(inkShare).toBeLessThan(0.5);

    // Where the title is drawn, per the text layer.
    const items = (await page.getTextContent()).items.filter((i) => "str" in i);
    const titleItem = items.find((i) => "str" in i && i.str === REPORT_TITLE);
    if (!titleItem || !("transform" in titleItem)) throw new Error("title not found in text layer");
    const [size, , , , tx, ty] = titleItem.transform as number[];
    const baseX = tx * SCALE;
    const baseY = (viewport.viewBox[3] - ty) * SCALE;
    const box: [number, number, number, number] = [baseX - 2, baseY - size * 1.0 * SCALE, baseX + titleItem.width * SCALE + 2, baseY + size * 0.25 * SCALE];

    const title = countIn(pageMask, W, ...box);
    const margin = countIn(pageMask, W, 0, 150, 40 * SCALE, H - 150); // left margin: always empty
    expect(title.on / title.total).toBeGreaterThan(0.08);
    expect(margin.on / margin.total).toBeLessThan(0.001);

    // The same title drawn straight from the font's outlines (fontkit) at the same place: the
    // page must match it closely; drawing .notdef boxes (tofu) instead must not.
    const font = fontkit.openSync(CREDIT_REPORT_FONTS.bold);
    const drawReference = (glyphs: { path: FkPath; advance: number }[]): Uint8Array => {
      const c = createCanvas(W, H);
      const ctx = c.getContext("2d");
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, W, H);
      ctx.fillStyle = "#000";
      const k = (size * SCALE) / font.unitsPerEm;
      let x = baseX;
      for (const g of glyphs) {
        ctx.save();
        ctx.translate(x, baseY);
        ctx.scale(k, -k);
        ctx.beginPath();
        g.path.toFunction()(ctx);
        ctx.fill();
        ctx.restore();
        x += g.advance * k;
      }
      return darkMask(ctx.getImageData(0, 0, W, H).data);
    };
    const run = font.layout(REPORT_TITLE);
    const real = drawReference(run.glyphs.map((g, i) => ({ path: g.path, advance: run.positions[i].xAdvance })));
    const notdef = font.getGlyph(0);
    const tofu = drawReference(run.glyphs.map(() => ({ path: notdef.path, advance: notdef.advanceWidth })));

    const matchReal = iou(pageMask, real, W, box);
    const matchTofu = iou(pageMask, tofu, W, box);
    console.log(`title glyphs vs font outlines: IoU ${matchReal.toFixed(3)}; vs .notdef boxes: IoU ${matchTofu.toFixed(3)}`);
    expect(run.glyphs.every((g) => g.id !== 0)).toBe(true);
    expect(matchReal).toBeGreaterThan(0.6);
    expect(matchTofu).toBeLessThan(0.3);
  });
});
