// Validation of archive input (R3.1). Pure: returns the problems, writes nothing.
import { findDivision, nationalDivision } from "./divisions";
import { parseIdNumber } from "./id-number";
import { InputProblem } from "./input-problem";

export const GUARANTEE_MODES = ["PHYSICAL_ALLOCATION", "RENTAL_SUBSIDY"] as const; // 实物配租, 租赁补贴
export type GuaranteeMode = (typeof GUARANTEE_MODES)[number];
export const GUARANTEE_MODE_NAMES: Record<GuaranteeMode, string> = {
  PHYSICAL_ALLOCATION: "实物配租",
  RENTAL_SUBSIDY: "租赁补贴",
};

export const MARITAL_STATUSES = ["未婚", "已婚", "离异", "丧偶"] as const;
export const RELATIONS = ["本人", "配偶", "子女", "父母", "兄弟姐妹", "祖父母", "孙子女", "其他"] as const;

export interface MemberInput {
  name: string;
  idNumber: string;
  relation: string;
}

export interface FamilyFields {
  divisionCode: string;
  members: MemberInput[];
  hukouDivisionCode: string;
  maritalStatus: string;
  householdSize: number;
  annualIncome: number;
  propertyCount: number;
  housingStatus: string;
  perCapitaArea?: number | null;
  guaranteeCategory: string;
  guaranteeMode: string;
  guaranteeGroup: string;
  priority: boolean;
  priorityReason?: string | null;
}

const NAME = /^[\u3400-\u9fff·]{2,20}$/u;

export function validateMembers(members: MemberInput[], field = "members"): InputProblem[] {
  const problems: InputProblem[] = [];
  if (members.length === 0) problems.push(new InputProblem(field, "至少应有一名家庭成员（申请人）"));
  if (members.length > 20) problems.push(new InputProblem(field, "家庭成员不能超过20人"));
  const seen = new Set<string>();
  members.forEach((m, i) => {
    const at = `${field}[${i}]`;
    if (!NAME.test(m.name.trim())) problems.push(new InputProblem(`${at}.name`, "姓名应为2至20个汉字"));
    const id = parseIdNumber(m.idNumber);
    if (!id.ok) problems.push(new InputProblem(`${at}.idNumber`, id.reason));
    else if (seen.has(m.idNumber.toUpperCase())) problems.push(new InputProblem(`${at}.idNumber`, "同一家庭中身份证号码重复"));
    seen.add(m.idNumber.toUpperCase());
    if (!(RELATIONS as readonly string[]).includes(m.relation)) {
      problems.push(new InputProblem(`${at}.relation`, `与申请人关系应为：${RELATIONS.join("、")}`));
    }
    if (i === 0 && m.relation !== "本人") problems.push(new InputProblem(`${at}.relation`, "第一名成员应为申请人本人（关系为“本人”）"));
    if (i > 0 && m.relation === "本人") problems.push(new InputProblem(`${at}.relation`, "只有第一名成员（申请人）的关系为“本人”"));
  });
  return problems;
}

/** Validates a whole or partial archive; `partial` fields absent from the input are skipped. */
export function validateFamilyFields(f: Partial<FamilyFields>): InputProblem[] {
  const p: InputProblem[] = [];
  const division = (field: string, code: string | undefined) => {
    if (code !== undefined && !findDivision(code)) p.push(new InputProblem(field, `行政区划代码“${code}”不存在于湖北省区划中`));
  };
  division("divisionCode", f.divisionCode);
  // R3.1: 户籍 anywhere in China (GB/T 2260); the family's own division stays in Hubei.
  if (f.hukouDivisionCode !== undefined && !nationalDivision(f.hukouDivisionCode)) {
    p.push(new InputProblem("household.hukouDivisionCode", `户籍所在地区划代码“${f.hukouDivisionCode}”不是有效的全国行政区划代码（GB/T 2260）`));
  }
  if (f.members !== undefined) p.push(...validateMembers(f.members));
  if (f.maritalStatus !== undefined && !(MARITAL_STATUSES as readonly string[]).includes(f.maritalStatus)) {
    p.push(new InputProblem("household.maritalStatus", `婚姻状况应为：${MARITAL_STATUSES.join("、")}`));
  }
  if (f.householdSize !== undefined && (!Number.isInteger(f.householdSize) || f.householdSize < 1 || f.householdSize > 20)) {
    p.push(new InputProblem("household.size", "家庭人口数应为1至20的整数"));
  }
  if (f.householdSize !== undefined && f.members !== undefined && f.householdSize < f.members.length) {
    p.push(new InputProblem("household.size", "家庭人口数不能少于登记的家庭成员数"));
  }
  if (f.annualIncome !== undefined && (!Number.isFinite(f.annualIncome) || f.annualIncome < 0)) {
    p.push(new InputProblem("economic.annualIncome", "家庭年收入不能为负数"));
  }
  if (f.propertyCount !== undefined && (!Number.isInteger(f.propertyCount) || f.propertyCount < 0)) {
    p.push(new InputProblem("economic.propertyCount", "房产数量应为非负整数"));
  }
  if (f.perCapitaArea != null && (!Number.isFinite(f.perCapitaArea) || f.perCapitaArea < 0)) {
    p.push(new InputProblem("housing.perCapitaArea", "人均住房面积不能为负数"));
  }
  const text = (field: string, v: string | undefined, max: number, label: string) => {
    if (v !== undefined && (v.trim().length === 0 || v.length > max)) p.push(new InputProblem(field, `${label}不能为空且不超过${max}个字符`));
  };
  text("housing.status", f.housingStatus, 32, "住房状况");
  text("guarantee.category", f.guaranteeCategory, 64, "保障类别");
  text("guarantee.group", f.guaranteeGroup, 64, "保障群体");
  if (f.guaranteeMode !== undefined && !(GUARANTEE_MODES as readonly string[]).includes(f.guaranteeMode)) {
    p.push(new InputProblem("guarantee.mode", "保障方式应为实物配租（PHYSICAL_ALLOCATION）或租赁补贴（RENTAL_SUBSIDY）"));
  }
  if (f.priority === true && f.priorityReason !== undefined && !f.priorityReason?.trim()) {
    p.push(new InputProblem("guarantee.priorityReason", "优先保障应注明理由"));
  }
  return p;
}

/** R3.3: the fields that differ between two archive snapshots, before and after. */
export function diffFields(before: Record<string, unknown>, after: Record<string, unknown>): { field: string; before: unknown; after: unknown }[] {
  const out: { field: string; before: unknown; after: unknown }[] = [];
  for (const key of Object.keys(after)) {
    const a = JSON.stringify(before[key] ?? null);
    const b = JSON.stringify(after[key] ?? null);
    if (a !== b) out.push({ field: key, before: before[key] ?? null, after: after[key] ?? null });
  }
  return out;
}
