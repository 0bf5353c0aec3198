// The documented column set of each intake kind (issue 14; R2.2, R3, R5.1, R6.5): the batch
// mutation's input field names, the Chinese headers a municipal system or a department's export
// uses, whether the column must be present, and the rule the server applies. The README's
// tables are this file. Headers are matched after normalisation (case, spaces, full-width
// brackets), so "身份证号码", " 身份证号码 " and "身份证号码（18位）" are not all needed as aliases:
// only the spellings listed here are accepted, and an unknown header is an error.

export type IntakeKindName =
  | "tenancies"
  | "rent-ledger"
  | "occupancy-checks"
  | "housing-warnings"
  | "judgments"
  | "criminal-penalties"
  | "administrative-penalties"
  | "enforcement"
  | "administrative-confirmations";

/** The kind as the server's IntakeReport and the load audit name it. */
export type IntakeReportKind =
  | "TENANCY"
  | "RENT_LEDGER"
  | "OCCUPANCY_CHECK"
  | "HOUSING_WARNING"
  | "JUDGMENT"
  | "CRIMINAL_PENALTY"
  | "ADMINISTRATIVE_PENALTY"
  | "ENFORCEMENT"
  | "ADMINISTRATIVE_CONFIRMATION";

export type JudicialIntakeKind = Exclude<IntakeReportKind, "TENANCY" | "RENT_LEDGER" | "OCCUPANCY_CHECK" | "HOUSING_WARNING">;

export interface IntakeColumn {
  /** The input field name of the batch mutation's row type. */
  field: string;
  /** The Chinese header (the one the error report and the README show). */
  header: string;
  /** Further accepted spellings (Chinese or English). */
  aliases?: string[];
  /** The column must be present in the file (a cell may still be empty: the server rejects that row). */
  required: boolean;
  /** The rule, as the README states it (zh-CN). */
  rule: string;
}

export interface IntakeKind {
  name: IntakeKindName;
  /** zh-CN name for messages. */
  label: string;
  reportKind: IntakeReportKind;
  subgraph: "housing" | "judicial";
  /** Who may load it (zh-CN, for the README and errors). */
  owner: string;
  columns: IntakeColumn[];
}

const ID_RULE = "18 位居民身份证号码，GB 11643 校验位正确";
const DATE_FORMS = "日期 YYYY-MM-DD（也接受 YYYY/M/D、YYYYMMDD、YYYY年M月D日、Excel 日期单元格）";
const DATE_RULE = `${DATE_FORMS}，不得晚于今天`;
const SOURCE_ID_RULE = "来源系统内的唯一编号；同一来源系统、同一编号再次导入：内容相同计为未变，不同计为更新（保留历史）";

const HOUSING_OWNER = "该行区划所属的市、县住房保障部门（HA-<区划代码>，OPERATOR 或 ADMIN 角色）";
const JUDICIAL_OWNER = "已登记的部门（机构类别 DEPARTMENT），只能写入本部门的记录";

const judicialColumns = (caseHeader: string, authorityHeader: string, dateHeader: string): IntakeColumn[] => [
  { field: "sourceId", header: "来源编号", aliases: ["记录编号"], required: true, rule: SOURCE_ID_RULE },
  { field: "idNumber", header: "身份证号码", aliases: ["身份证号", "公民身份号码", "当事人身份证号码"], required: true, rule: `${ID_RULE}；尚未建档的人也接受（不对外披露，直至其加入建档家庭）` },
  { field: "partyName", header: "当事人姓名", aliases: ["姓名", "当事人"], required: false, rule: "最多 64 字（可空）" },
  { field: "caseNumber", header: caseHeader, aliases: ["案号", "文书编号", "决定书文号"], required: true, rule: "案号或决定书文号，4 至 64 字" },
  { field: "authority", header: authorityHeader, aliases: ["作出机关", "机关", "法院", "决定机关", "执行法院"], required: true, rule: "作出判决、处罚或决定的法院或行政机关，2 至 128 字" },
  { field: "decidedOn", header: dateHeader, aliases: ["决定日期", "判决日期", "处罚日期", "立案日期", "确认日期"], required: true, rule: DATE_RULE },
  { field: "summary", header: "内容摘要", aliases: ["摘要", "主要内容", "案由", "处罚事由"], required: true, rule: "主要事实与结果，4 至 500 字" },
];

function uniqueAliases(columns: IntakeColumn[]): IntakeColumn[] {
  // judicialColumns lists every date/authority spelling as an alias; drop the one that is the header itself.
  return columns.map((c) => ({ ...c, aliases: (c.aliases ?? []).filter((a) => a !== c.header) }));
}

export const INTAKE_KINDS: Record<IntakeKindName, IntakeKind> = {
  tenancies: {
    name: "tenancies",
    label: "公租房租赁合同",
    reportKind: "TENANCY",
    subgraph: "housing",
    owner: HOUSING_OWNER,
    columns: [
      { field: "sourceId", header: "租赁合同编号", aliases: ["来源编号", "合同编号"], required: true, rule: `合同在来源系统内的编号（租金台账、入户核查、警告以它引用合同）；${SOURCE_ID_RULE}` },
      { field: "applicantIdNumber", header: "承租人身份证号码", aliases: ["申请人身份证号码", "承租人身份证号", "身份证号码", "身份证号"], required: true, rule: `${ID_RULE}；须为导入机构辖区内已建档家庭的成员` },
      { field: "applicantName", header: "承租人姓名", aliases: ["申请人姓名", "姓名", "承租人"], required: false, rule: "最多 64 字（可空）" },
      { field: "divisionCode", header: "行政区划代码", aliases: ["区划代码", "区划"], required: true, rule: "房屋所在的湖北省区划代码（GB/T 2260），须在导入机构辖区内" },
      { field: "unitAddress", header: "房屋地址", aliases: ["房源地址", "地址"], required: true, rule: "4 至 200 字" },
      { field: "leaseStart", header: "租赁起始日期", aliases: ["起租日期", "合同起始日期"], required: true, rule: DATE_FORMS },
      { field: "leaseEnd", header: "租赁终止日期", aliases: ["到期日期", "合同终止日期"], required: true, rule: `${DATE_FORMS}，不早于起始日期` },
      { field: "monthlyRent", header: "月租金", aliases: ["月租金（元）", "租金"], required: true, rule: "元，大于 0、不超过 100000，最多两位小数（可带千位分隔符）" },
    ],
  },
  "rent-ledger": {
    name: "rent-ledger",
    label: "租金台账",
    reportKind: "RENT_LEDGER",
    subgraph: "housing",
    owner: HOUSING_OWNER,
    columns: [
      { field: "tenancySourceId", header: "租赁合同编号", aliases: ["合同编号"], required: true, rule: "同一来源系统已导入的租赁合同编号" },
      { field: "month", header: "租金月份", aliases: ["月份", "账期"], required: true, rule: "YYYY-MM（也接受 YYYY-MM-01、YYYYMM、YYYY年M月），不得晚于本月" },
      { field: "amountDue", header: "应缴金额", aliases: ["应缴金额（元）", "应缴"], required: true, rule: "元，0 至 100000，最多两位小数" },
      { field: "amountPaid", header: "实缴金额", aliases: ["实缴金额（元）", "实缴"], required: true, rule: "元，0 至 100000，最多两位小数；不得大于应缴金额" },
      { field: "paidOn", header: "缴纳日期", aliases: ["缴费日期"], required: false, rule: `${DATE_FORMS}，不得晚于今天；实缴金额大于 0 时必填，为 0 时留空` },
      { field: "sourceId", header: "来源编号", aliases: ["台账编号"], required: false, rule: "可空，默认为“租赁合同编号:YYYY-MM”；同一合同同一月份再次导入：内容相同计为未变，不同计为更新（保留历史）" },
    ],
  },
  "occupancy-checks": {
    name: "occupancy-checks",
    label: "入户核查",
    reportKind: "OCCUPANCY_CHECK",
    subgraph: "housing",
    owner: HOUSING_OWNER,
    columns: [
      { field: "sourceId", header: "来源编号", aliases: ["核查编号"], required: true, rule: SOURCE_ID_RULE },
      { field: "tenancySourceId", header: "租赁合同编号", aliases: ["合同编号"], required: true, rule: "同一来源系统已导入的租赁合同编号" },
      { field: "checkedOn", header: "核查日期", aliases: ["检查日期"], required: true, rule: DATE_RULE },
      { field: "occupied", header: "是否实际居住", aliases: ["是否在住", "是否入住", "在住"], required: true, rule: "是/否（也接受 有人居住/空置、true/false、1/0、Y/N）" },
      { field: "inspector", header: "核查人", aliases: ["检查人"], required: true, rule: "最多 64 字" },
      { field: "note", header: "备注", aliases: ["说明"], required: false, rule: "最多 200 字（可空）" },
    ],
  },
  "housing-warnings": {
    name: "housing-warnings",
    label: "提醒、警告",
    reportKind: "HOUSING_WARNING",
    subgraph: "housing",
    owner: HOUSING_OWNER,
    columns: [
      { field: "sourceId", header: "来源编号", aliases: ["预警编号"], required: true, rule: SOURCE_ID_RULE },
      { field: "tenancySourceId", header: "租赁合同编号", aliases: ["合同编号"], required: true, rule: "同一来源系统已导入的租赁合同编号" },
      { field: "issuedOn", header: "发出日期", aliases: ["预警日期", "警告日期"], required: true, rule: DATE_RULE },
      { field: "kind", header: "警告类别", aliases: ["预警类别", "类别"], required: false, rule: "欠租/空置/其他（也接受 RENT_ARREARS、VACANCY、OTHER）；空为其他" },
      { field: "reason", header: "警告事由", aliases: ["预警事由", "事由"], required: true, rule: "最多 300 字" },
      { field: "issuedBy", header: "发出单位", aliases: ["发出人"], required: false, rule: "最多 64 字（可空）" },
    ],
  },
  judgments: {
    name: "judgments",
    label: "法院判决",
    reportKind: "JUDGMENT",
    subgraph: "judicial",
    owner: JUDICIAL_OWNER,
    columns: uniqueAliases(judicialColumns("案号", "法院", "判决日期")),
  },
  "criminal-penalties": {
    name: "criminal-penalties",
    label: "刑事处罚",
    reportKind: "CRIMINAL_PENALTY",
    subgraph: "judicial",
    owner: JUDICIAL_OWNER,
    columns: uniqueAliases(judicialColumns("案号", "作出机关", "判决日期")),
  },
  "administrative-penalties": {
    name: "administrative-penalties",
    label: "行政处罚",
    reportKind: "ADMINISTRATIVE_PENALTY",
    subgraph: "judicial",
    owner: JUDICIAL_OWNER,
    columns: uniqueAliases(judicialColumns("决定书文号", "决定机关", "处罚日期")),
  },
  enforcement: {
    name: "enforcement",
    label: "行政强制与强制执行",
    reportKind: "ENFORCEMENT",
    subgraph: "judicial",
    owner: JUDICIAL_OWNER,
    columns: uniqueAliases(judicialColumns("案号", "执行法院", "立案日期")),
  },
  "administrative-confirmations": {
    name: "administrative-confirmations",
    label: "行政确认",
    reportKind: "ADMINISTRATIVE_CONFIRMATION",
    subgraph: "judicial",
    owner: JUDICIAL_OWNER,
    columns: uniqueAliases(judicialColumns("决定书文号", "决定机关", "确认日期")),
  },
};

export const INTAKE_KIND_NAMES = Object.keys(INTAKE_KINDS) as IntakeKindName[];

export function intakeKind(name: string): IntakeKind | undefined {
  return (INTAKE_KINDS as Record<string, IntakeKind | undefined>)[name];
}

/** Header normalisation: BOM, surrounding and inner blanks, full-width brackets, case, a trailing "*" (required marker). */
export function normalizeHeader(raw: string): string {
  return raw
    .replace(/^\uFEFF/, "")
    .replace(/[\s\u3000]+/g, "")
    .replace(/（/g, "(")
    .replace(/）/g, ")")
    .replace(/\*$/, "")
    .toLowerCase();
}

/** normalised header → field, for one kind (every field's own name, header and aliases). */
export function headerIndex(kind: IntakeKind): Map<string, string> {
  const index = new Map<string, string>();
  for (const c of kind.columns) {
    for (const name of [c.field, c.header, ...(c.aliases ?? [])]) index.set(normalizeHeader(name), c.field);
  }
  return index;
}

/** A problem with the file's header row (or a JSON Lines key): nothing is sent. */
export class IntakeHeaderError extends Error {}

export interface HeaderMapping {
  /** The field of each column of the file, or null for a column without a header (ignored). */
  fields: (string | null)[];
  /** The header as written in the file, for each field present. */
  written: Map<string, string>;
}

/**
 * Maps a file's header row to the kind's fields. Unknown, repeated and missing required
 * headers are reported together, in zh-CN.
 */
export function mapHeaders(kind: IntakeKind, headers: string[], where = "表头"): HeaderMapping {
  const index = headerIndex(kind);
  const fields: (string | null)[] = [];
  const written = new Map<string, string>();
  const unknown: string[] = [];
  const repeated: string[] = [];
  for (const raw of headers) {
    const h = raw.replace(/^\uFEFF/, "").trim();
    if (h === "") {
      fields.push(null);
      continue;
    }
    const field = index.get(normalizeHeader(h));
    if (!field) {
      unknown.push(h);
      fields.push(null);
      continue;
    }
    if (written.has(field)) repeated.push(`“${written.get(field)}”与“${h}”`);
    else written.set(field, h);
    fields.push(field);
  }
  const missing = kind.columns.filter((c) => c.required && !written.has(c.field)).map((c) => `${c.header}（${c.field}）`);
  const parts: string[] = [];
  if (unknown.length) parts.push(`无法识别的列：${unknown.map((u) => `“${u}”`).join("、")}`);
  if (repeated.length) parts.push(`重复的列：${repeated.join("；")}`);
  if (missing.length) parts.push(`缺少必需的列：${missing.join("、")}`);
  if (parts.length) {
    throw new IntakeHeaderError(`${where}与“${kind.label}”（${kind.name}）的列不符：${parts.join("；")}。可用的列：${describeColumns(kind)}`);
  }
  return { fields, written };
}

export function describeColumns(kind: IntakeKind): string {
  return kind.columns.map((c) => `${c.header}/${c.field}${c.required ? "（必需）" : ""}`).join("、");
}

/** The header a report names for a field: as written in the file, else the documented Chinese header. */
export function columnLabel(kind: IntakeKind, written: Map<string, string>, field: string | null | undefined): string {
  if (!field) return "";
  return written.get(field) ?? kind.columns.find((c) => c.field === field)?.header ?? field;
}
