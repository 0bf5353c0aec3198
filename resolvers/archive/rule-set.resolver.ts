import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { authorityDivision } from "../../src/auth/caller";
import { today as todayOf } from "../../src/domain/clock";
import { findDivision } from "../../src/domain/divisions";
import { stateListedBehaviors, type RuleSetRefinement, type Severity, type ListKind as DomainListKind } from "../../src/domain/credit/rule-set";
import type { LooserValue } from "../../src/domain/credit/rule-release";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { defineRuleSet, releaseProvinceRuleSet, type RuleBook } from "../../src/subgraphs/archive/credit/rules.service";
import type { RuleSetRow } from "../../src/subgraphs/archive/entities/rule-set.entity";
import { ruleBook } from "../../src/subgraphs/archive/credit/credit.read";
import { ProvinceRuleSetInput, RescoreReportView, RuleSetEndReason, RuleSetRefinementInput, RuleSetReleaseView, RuleSetStatus, RuleSetView, type LooserValueView } from "./rule-set.types";
import { rescoreFamilies } from "../../src/subgraphs/archive/credit/rescore.service";
import { assertCanWrite, jurisdictionDivisions } from "../../src/subgraphs/access";
import { allDivisions, PROVINCE_CODE } from "../../src/domain/divisions";

const TARGETS = ["MILD", "MODERATE", "SEVERE", "WARNING", "KEY_ATTENTION", "JOINT_PUNISHMENT"];

const looserView = (l: LooserValue): LooserValueView => ({ field: l.field, value: l.value, baseValue: l.baseValue, message: l.message });

export function toRuleSetView(row: RuleSetRow, book: RuleBook, today: string): RuleSetView {
  const rules = row.rules;
  return {
    version: rules.version,
    divisionCode: rules.divisionCode,
    parentVersion: rules.parentVersion,
    effectiveFrom: rules.effectiveFrom,
    behaviors: rules.behaviors.map((b) => ({ code: b.code, name: b.name, deduction: b.deduction, jointCriterion: b.jointCriterion, intentional: b.intentional, useYears: b.useYears, parentCode: b.parentCode ?? null, addedBy: b.addedBy ?? null })),
    measures: rules.measures.map((m) => ({ code: m.code, name: m.name, appliesTo: m.appliesTo })),
    stateListedBehaviors: [...stateListedBehaviors(rules)],
    provinceVersion: book.provinceVersionOf(row.version),
    status: book.statusOf(row, today) as RuleSetStatus,
    endsOn: row.endsOn ?? null,
    endReason: (row.endReason as RuleSetEndReason | null | undefined) ?? null,
    looserThan: row.endDetail?.againstVersion ?? null,
    looserValues: (row.endDetail?.looser ?? []).map(looserView),
    carries: row.carries ?? null,
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
    const book = await ruleBook(ctx);
    return toRuleSetView(book.rowFor(divisionCode, on ?? todayOf(ctx.clock)), book, todayOf(ctx.clock));
  }

  @Query(() => [RuleSetView], { description: "全部信用规则版本" })
  async ruleSets(@Ctx() ctx: SubgraphContext): Promise<RuleSetView[]> {
    requireCaller(ctx);
    const book = await ruleBook(ctx);
    return book.all().map((r) => toRuleSetView(r, book, todayOf(ctx.clock)));
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
    const book = await ruleBook(ctx);
    return toRuleSetView(book.row(row.version) ?? row, book, todayOf(ctx.clock));
  }

  @Mutation(() => RuleSetReleaseView, {
    description:
      "全省住房保障主管部门发布全省信用规则新版本（完整内容，生效日期不早于今天）；依据旧版本的市县细化规则按新版本重新核验：仍从严的接续适用，宽于新版本的自其生效之日起停止适用并列出（R2.1、R4.2）",
  })
  async releaseProvinceRuleSet(@Arg("input", () => ProvinceRuleSetInput) input: ProvinceRuleSetInput, @Ctx() ctx: SubgraphContext): Promise<RuleSetReleaseView> {
    if (!ctx.caller.roles.includes("ADMIN") || authorityDivision(ctx.caller.org) !== PROVINCE_CODE) {
      throw hubError(ErrorCode.FORBIDDEN, "只有省级住房保障主管部门的管理员可以发布全省信用规则", { divisionCode: PROVINCE_CODE });
    }
    const today = todayOf(ctx.clock);
    const w = input.repair.waitingMonths;
    const { row, book, carried, stopped } = await releaseProvinceRuleSet(
      ctx.em,
      {
        ...input,
        behaviors: input.behaviors.map((b) => ({ ...b, jointCriterion: b.jointCriterion ?? null })),
        repair: { waitingMonths: { MILD: w.mild, MODERATE: w.moderate, SEVERE: w.severe }, decisionWorkingDays: input.repair.decisionWorkingDays, extensionWorkingDays: input.repair.extensionWorkingDays },
      },
      ctx.caller.sub ?? "",
      today,
    );
    return {
      ruleSet: toRuleSetView(row, book, today),
      carriedOver: carried.map((r) => toRuleSetView(r, book, today)),
      stopped: stopped.map((r) => ({ divisionCode: r.divisionCode, version: r.version, stopsOn: r.endsOn!, looserThan: r.endDetail!.againstVersion, looserValues: r.endDetail!.looser.map(looserView) })),
    };
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
