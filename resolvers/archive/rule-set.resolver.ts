import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { authorityDivision } from "../../src/auth/caller";
import { today as todayOf } from "../../src/domain/clock";
import { findDivision } from "../../src/domain/divisions";
import type { RuleSet, RuleSetRefinement, Severity, ListKind as DomainListKind } from "../../src/domain/credit/rule-set";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { defineRuleSet } from "../../src/subgraphs/archive/credit/rules.service";
import { ruleBook } from "../../src/subgraphs/archive/credit/credit.read";
import { RescoreReportView, RuleSetRefinementInput, RuleSetView } from "./rule-set.types";
import { rescoreFamilies } from "../../src/subgraphs/archive/credit/rescore.service";
import { assertCanWrite, jurisdictionDivisions } from "../../src/subgraphs/access";
import { allDivisions, PROVINCE_CODE } from "../../src/domain/divisions";

const TARGETS = ["MILD", "MODERATE", "SEVERE", "WARNING", "KEY_ATTENTION", "JOINT_PUNISHMENT"];

export function toRuleSetView(rules: RuleSet): RuleSetView {
  return {
    version: rules.version,
    divisionCode: rules.divisionCode,
    parentVersion: rules.parentVersion,
    effectiveFrom: rules.effectiveFrom,
    behaviors: rules.behaviors.map((b) => ({ code: b.code, name: b.name, deduction: b.deduction, jointCriterion: b.jointCriterion, intentional: b.intentional, useYears: b.useYears, parentCode: b.parentCode ?? null, addedBy: b.addedBy ?? null })),
    measures: rules.measures.map((m) => ({ code: m.code, name: m.name, appliesTo: m.appliesTo })),
    rulesJson: JSON.stringify(rules),
  };
}

function requireCaller(ctx: SubgraphContext) {
  if (!ctx.caller.sub) throw hubError(ErrorCode.FORBIDDEN, "请先登录");
}

@Resolver(() => RuleSetView)
export class RuleSetResolver {
  @Query(() => RuleSetView, { description: "某区划在某日适用的信用规则（最具体的现行版本，R2.1、R4.2）" })
  async ruleSet(
    @Arg("divisionCode", () => String) divisionCode: string,
    @Arg("on", () => String, { nullable: true, description: "日期 YYYY-MM-DD，默认今天" }) on: string | null,
    @Ctx() ctx: SubgraphContext,
  ): Promise<RuleSetView> {
    requireCaller(ctx);
    if (!findDivision(divisionCode)) throw badInput([new InputProblem("divisionCode", `行政区划代码“${divisionCode}”不存在于湖北省区划中`)]);
    if (on != null && !/^\d{4}-\d{2}-\d{2}$/.test(on)) throw badInput([new InputProblem("on", "日期格式应为 YYYY-MM-DD")]);
    return toRuleSetView((await ruleBook(ctx)).forDivision(divisionCode, on ?? todayOf(ctx.clock)));
  }

  @Query(() => [RuleSetView], { description: "全部信用规则版本" })
  async ruleSets(@Ctx() ctx: SubgraphContext): Promise<RuleSetView[]> {
    requireCaller(ctx);
    return (await ruleBook(ctx)).all().map((r) => toRuleSetView(r.rules));
  }

  @Mutation(() => RuleSetView, { description: "市、县住房保障部门细化本辖区规则：可增加细化类型、从严取值，不得放宽（R4.2）" })
  async defineRuleSet(@Arg("input", () => RuleSetRefinementInput) input: RuleSetRefinementInput, @Ctx() ctx: SubgraphContext): Promise<RuleSetView> {
    if (!ctx.caller.roles.includes("ADMIN") || authorityDivision(ctx.caller.org) !== input.divisionCode) {
      throw hubError(ErrorCode.FORBIDDEN, "只有本区划住房保障部门的管理员可以细化本辖区规则", { divisionCode: input.divisionCode });
    }
    const bad = (input.measures ?? []).flatMap((m, i) => m.appliesTo.filter((a) => !TARGETS.includes(a)).map(() => new InputProblem(`measures[${i}].appliesTo`, `适用对象应为：${TARGETS.join("、")}`)));
    if (bad.length) throw badInput(bad);
    const refinement: RuleSetRefinement = {
      ...input,
      measures: input.measures?.map((m) => ({ code: m.code, name: m.name, appliesTo: m.appliesTo as (Severity | DomainListKind)[] })),
    };
    const row = await defineRuleSet(ctx.em, refinement, ctx.caller.sub ?? "", todayOf(ctx.clock));
    return toRuleSetView(row.rules);
  }

  @Mutation(() => RescoreReportView, { description: "按现行规则批量重新计算本辖区家庭的信用分（惩戒期限届满、规则更新后）" })
  async rescoreFamilies(@Arg("divisionCode", () => String, { nullable: true }) divisionCode: string | null, @Ctx() ctx: SubgraphContext): Promise<RescoreReportView> {
    const target = divisionCode ?? authorityDivision(ctx.caller.org) ?? PROVINCE_CODE;
    if (!findDivision(target)) throw badInput([new InputProblem("divisionCode", `行政区划代码“${target}”不存在于湖北省区划中`)]);
    assertCanWrite(ctx.caller, target, ["ADMIN"]);
    const divisions = target === PROVINCE_CODE ? null : jurisdictionDivisions(ctx.caller, target);
    const scope = jurisdictionDivisions(ctx.caller);
    return rescoreFamilies(ctx.em, ctx.clock, divisions, scope.length === allDivisions().length ? "*" : scope);
  }
}
