import { registerEnumType } from "type-graphql";

/** Where an automatic candidate comes from (R4.1 (6), (7)); the same enum in housing and archive. */
export enum CandidateOrigin {
  ARREARS = "ARREARS",
  VACANCY = "VACANCY",
}
registerEnumType(CandidateOrigin, {
  name: "CandidateOrigin",
  description: "系统发现的失信线索来源（R4.1）",
  valuesConfig: { ARREARS: { description: "（六）拖欠租金累计6个月以上" }, VACANCY: { description: "（七）连续空置超过6个月" } },
});
