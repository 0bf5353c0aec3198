// R7.3 reports over a period (statistics, 督查考核): the period is checked, and the caller must be
// housing-authority staff asking about their own jurisdiction (R2.4, R8.1).
import { authorityDivision } from "../../src/auth/caller";
import { addYears } from "../../src/domain/credit/dates";
import { findDivision, isWithinJurisdiction, PROVINCE_CODE } from "../../src/domain/divisions";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { sharingDenied } from "../../src/subgraphs/access";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";

/** Validates the request; returns the division the report covers (the one asked for, else the caller's own). */
export function staffPeriodScope(ctx: SubgraphContext, divisionCode: string | null, from: string, to: string, maxYears: number, periodName: string): string {
  const problems: InputProblem[] = [];
  if (divisionCode && !findDivision(divisionCode)) problems.push(new InputProblem("divisionCode", `行政区划代码“${divisionCode}”不存在于湖北省区划中`));
  if (from > to) problems.push(new InputProblem("to", "结束日期不能早于开始日期"));
  else if (to >= addYears(from, maxYears)) problems.push(new InputProblem("to", `${periodName}不能超过${maxYears}年`));
  if (problems.length) throw badInput(problems);
  const own = authorityDivision(ctx.caller.org);
  if (!own) throw sharingDenied(divisionCode ?? PROVINCE_CODE);
  if (divisionCode && !isWithinJurisdiction(divisionCode, own)) throw hubError(ErrorCode.FORBIDDEN, `区划 ${divisionCode} 不在本机构辖区内`, { divisionCode });
  return divisionCode ?? own;
}
