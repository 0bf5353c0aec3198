// R7.3 督查考核: the assessment table as an Excel workbook (exceljs): one sheet, a title row
// with the division and the period, the Chinese column headers, one row per division, the
// total row, and the definitions of the figures under the table.
import type ExcelJSModule from "exceljs";
import { ASSESSMENT_COLUMNS, ASSESSMENT_NOTES } from "../../../domain/credit/assessment";
import type { AssessmentRowData } from "../credit/assessment.service";

export interface AssessmentSheet {
  divisionName: string;
  from: string;
  to: string;
  /** Day the table was produced (figures "as of" it: compliance, families). */
  today: string;
  rows: AssessmentRowData[];
  total: AssessmentRowData;
  createdAt: Date;
}

export const XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function assessmentTitle(s: Pick<AssessmentSheet, "divisionName" | "from" | "to">): string {
  return `${s.divisionName}公租房信用管理督查考核表（${s.from} 至 ${s.to}）`;
}

function cellOf(row: AssessmentRowData, key: (typeof ASSESSMENT_COLUMNS)[number]["key"]): string | number | null {
  if (key === "divisionCode") return row.code;
  if (key === "divisionName") return row.name;
  const v = row[key];
  return v ?? null;
}

export async function renderAssessmentXlsx(s: AssessmentSheet): Promise<Buffer> {
  // exceljs is loaded only when a workbook is asked for (it costs a few hundred milliseconds).
  const ExcelJS: typeof ExcelJSModule = (await import("exceljs")).default;
  const wb = new ExcelJS.Workbook();
  wb.creator = "湖北省公租房信用信息共享枢纽";
  wb.created = s.createdAt;
  wb.modified = s.createdAt;
  const ws = wb.addWorksheet("督查考核", { views: [{ state: "frozen", ySplit: 2, xSplit: 2 }] });
  const n = ASSESSMENT_COLUMNS.length;
  ASSESSMENT_COLUMNS.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width;
    if (c.kind === "text") col.numFmt = "@";
    if (c.kind === "share") col.numFmt = "0.00%";
    if (c.kind === "rate") col.numFmt = "0.00";
  });
  // Row 1: the title, across the table.
  const title = ws.getRow(1);
  title.getCell(1).value = assessmentTitle(s);
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: "center", vertical: "middle" };
  title.height = 24;
  ws.mergeCells(1, 1, 1, n);
  // Row 2: the headers.
  const header = ws.getRow(2);
  ASSESSMENT_COLUMNS.forEach((c, i) => (header.getCell(i + 1).value = c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  // The divisions, then the total row.
  for (const row of [...s.rows, s.total]) {
    const added = ws.addRow(ASSESSMENT_COLUMNS.map((c) => cellOf(row, c.key)));
    if (row.isTotal) added.font = { bold: true };
  }
  ws.addRow([]);
  ws.addRow([`口径说明（制表日期 ${s.today}）：`]).font = { bold: true };
  for (const note of ASSESSMENT_NOTES) ws.addRow([note]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
