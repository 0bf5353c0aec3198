// Synthetic families for tests (generated names, valid-checksum ID numbers).
import { makeIdNumber } from "../../src/domain/id-number";

let counter = 0;

export function idFor(divisionCode: string, n = ++counter): string {
  const year = 1960 + (n % 40);
  const month = String((n % 12) + 1).padStart(2, "0");
  const day = String((n % 28) + 1).padStart(2, "0");
  return makeIdNumber(divisionCode, `${year}-${month}-${day}`, (n * 7) % 1000);
}

export function familyInput(divisionCode: string, overrides: Record<string, unknown> = {}) {
  return {
    divisionCode,
    members: [
      { name: "测试甲", idNumber: idFor(divisionCode), relation: "本人" },
      { name: "测试乙", idNumber: idFor(divisionCode), relation: "配偶" },
    ],
    household: { hukouDivisionCode: divisionCode, maritalStatus: "已婚", size: 2 },
    economic: { annualIncome: 36000.5, propertyCount: 0 },
    housing: { status: "无自有住房", perCapitaArea: null },
    guarantee: { category: "城镇中等偏下收入住房困难家庭", mode: "PHYSICAL_ALLOCATION", group: "城镇户籍家庭", priority: false, priorityReason: null },
    ...overrides,
  };
}

export const CREATE_FAMILY = /* GraphQL */ `
  mutation CreateFamily($input: CreateFamilyInput!, $reason: String!) {
    createFamily(input: $input, reason: $reason) { id version divisionCode applicant { name idNumber } members { name idNumber relation } }
  }
`;

/** R5 (证据确凿): a synthetic evidence file recorded with a behaviour (identification needs one). */
export const EVIDENCE = [{ fileName: "入户核查记录.txt", mediaType: "text/plain", contentBase64: Buffer.from("入户核查记录（测试数据）").toString("base64") }];
