// Automatic candidates (R4.1 (6) rent arrears, (7) vacancy): the leads the housing subgraph
// found are recorded as CANDIDATE credit records with their evidence. A candidate is never
// identified automatically: staff of the jurisdiction verify and identify it (R4.1, R5.2).
import { createHash } from "node:crypto";
import { isUuid } from "../shared/ids";
import { UniqueConstraintViolationException } from "@mikro-orm/core";
import { Arg, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Resolver } from "type-graphql";
import type { SubgraphContext } from "../../src/subgraphs/subgraph-context";
import { assertCanWrite, locateFamilies } from "../../src/subgraphs/access";
import { hasRole } from "../../src/auth/caller";
import { today as todayOf } from "../../src/domain/clock";
import { InputProblem } from "../../src/domain/input-problem";
import { badInput, ErrorCode, hubError } from "../../src/errors";
import { Family as FamilyEntity } from "../../src/subgraphs/archive/entities/family.entity";
import { CreditRecord } from "../../src/subgraphs/archive/entities/credit-record.entity";
import { addEvidence, recordBehavior, type CreditCtx } from "../../src/subgraphs/archive/credit/credit.service";
import { ruleBook } from "../../src/subgraphs/archive/credit/credit.read";
import { CandidateOrigin } from "../shared/candidate-origin";
import { DateScalar, isCalendarDate } from "../shared/scalars";
import { MAX_PAGE } from "../shared/connection";

@InputType({ description: "系统发现的一条失信线索（来自 housingCandidates）" })
export class CandidateInput {
  @Field(() => ID)
  familyId!: string;

  @Field(() => CandidateOrigin)
  kind!: CandidateOrigin;

  @Field(() => Int, { description: "累计欠租月数或连续空置月数" })
  months!: number;

  @Field(() => DateScalar, { description: "截至日期（作为发生日期）" })
  asOf!: string;

  @Field(() => String, { description: "证据 JSON" })
  evidenceJson!: string;

  @Field(() => String, { description: "证据 JSON（UTF-8）的 SHA-256（十六进制）" })
  evidenceSha256!: string;
}

@ObjectType({ description: "登记失信线索的结果" })
export class RaiseCandidatesResult {
  @Field(() => Int, { description: "新登记的线索数" })
  raised!: number;

  @Field(() => Int, { description: "已登记过而跳过的线索数" })
  skipped!: number;

  @Field(() => [ID], { description: "新登记的信用记录编号" })
  recordIds!: string[];
}

const WRITE_ROLES = ["OPERATOR", "ADMIN"] as const;
const OPINIONS = "《湖北省公共租赁住房保障家庭信用管理及失信联合惩戒制度的实施意见（试行）》";

/** What each origin records: the behaviour of section 四, its threshold and its wording. */
const ORIGINS: Record<CandidateOrigin, { behavior: string; meets: (months: number) => boolean; threshold: string; facts: (months: number, asOf: string) => string; legalBasis: string; fileName: (asOf: string) => string }> = {
  // R4.1 (6) 无正当理由拖欠租金累计 6 个月以上: 6 months or more.
  ARREARS: {
    behavior: "B06",
    meets: (months) => months >= 6,
    threshold: "拖欠租金应累计6个月以上",
    facts: (months, asOf) => `租金台账显示，截至 ${asOf.slice(0, 7)} 月，该家庭累计拖欠租金 ${months} 个月（系统根据租金台账发现的线索，是否有正当理由待核实认定）`,
    legalBasis: `${OPINIONS}四（六）无正当理由拖欠租金累计6个月以上`,
    fileName: (asOf) => `rent-arrears-${asOf}.json`,
  },
  // R4.1 (7) 承租的公共租赁住房无故连续空置超过 6 个月: more than 6 months.
  VACANCY: {
    behavior: "B07",
    meets: (months) => months > 6,
    threshold: "连续空置应超过6个月",
    facts: (months, asOf) => `入户核查记录显示，截至 ${asOf}，该家庭承租的公共租赁住房连续空置 ${months} 个月（系统根据入户核查记录发现的线索，是否无故空置待核实认定）`,
    legalBasis: `${OPINIONS}四（七）承租的公共租赁住房无故连续空置超过6个月`,
    fileName: (asOf) => `vacancy-checks-${asOf}.json`,
  },
};

/** The idempotency key of a candidate: one record per origin, family and as-of date. */
export function candidateKey(c: { kind: CandidateOrigin; familyId: string; asOf: string }): string {
  return `${c.kind}:${c.familyId.toLowerCase()}:${c.asOf}`;
}

function validate(candidates: CandidateInput[], today: string): InputProblem[] {
  const p: InputProblem[] = [];
  if (candidates.length > MAX_PAGE) p.push(new InputProblem("candidates", `每次最多登记${MAX_PAGE}条线索`));
  candidates.forEach((c, i) => {
    const at = `candidates[${i}]`;
    if (!isUuid(c.familyId)) p.push(new InputProblem(`${at}.familyId`, "家庭档案编号格式不正确"));
    const origin = ORIGINS[c.kind];
    if (!Number.isInteger(c.months) || !origin.meets(c.months)) p.push(new InputProblem(`${at}.months`, `${origin.threshold}（R4.1），当前为 ${c.months} 个月`));
    if (!isCalendarDate(c.asOf) || c.asOf > today) p.push(new InputProblem(`${at}.asOf`, "截至日期不能晚于今天"));
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(c.evidenceJson);
    } catch {
      /* reported below */
    }
    if (parsed === null || typeof parsed !== "object") p.push(new InputProblem(`${at}.evidenceJson`, "证据应为 JSON 对象或数组"));
    // R5.2: the evidence stored is exactly what was found.
    const sha = createHash("sha256").update(Buffer.from(c.evidenceJson, "utf8")).digest("hex");
    if (sha !== c.evidenceSha256.toLowerCase()) p.push(new InputProblem(`${at}.evidenceSha256`, "证据的 SHA-256 与内容不符"));
  });
  return p;
}

function isUniqueViolation(e: unknown): boolean {
  return e instanceof UniqueConstraintViolationException || (e as { code?: unknown })?.code === "23505";
}

@Resolver()
export class CandidateResolver {
  @Mutation(() => RaiseCandidatesResult, {
    description: "将系统发现的拖欠租金、连续空置线索登记为待认定的信用记录（R4.1 第（六）（七）项）；已登记的跳过，不会自动认定",
  })
  async raiseCandidates(@Arg("candidates", () => [CandidateInput]) candidates: CandidateInput[], @Ctx() ctx: SubgraphContext): Promise<RaiseCandidatesResult> {
    if (!ctx.caller.sub || !ctx.caller.org) throw hubError(ErrorCode.UNAUTHENTICATED, "请先登录");
    if (!hasRole(ctx.caller, ...WRITE_ROLES)) throw hubError(ErrorCode.FORBIDDEN, `需要以下角色之一：${WRITE_ROLES.join("、")}`);
    const today = todayOf(ctx.clock);
    const problems = validate(candidates, today);
    if (problems.length) throw badInput(problems);
    if (!candidates.length) return { raised: 0, skipped: 0, recordIds: [] };

    // Read before any transaction (on the embedded database there is one connection).
    const read = ctx.em.fork({ keepTransactionContext: true });
    const familyIds = [...new Set(candidates.map((c) => c.familyId.toLowerCase()))];
    // Located whether or not the caller may see them: the jurisdiction is decided on the archive's divisions.
    const divisionOf = await locateFamilies(ctx.em, familyIds);
    for (const id of familyIds) if (!divisionOf.has(id)) throw hubError(ErrorCode.NOT_FOUND, "家庭档案不存在", { familyId: id });
    // R2.4: the family's division from the archive, not from the input, decides the jurisdiction.
    for (const id of familyIds) assertCanWrite(ctx.caller, divisionOf.get(id)!, [...WRITE_ROLES]);
    const keys = candidates.map(candidateKey);
    const existing = await read.find(CreditRecord, { candidateKey: { $in: keys } }, { fields: ["id", "candidateKey"] });
    const seen = new Set(existing.map((r) => r.candidateKey!));
    const book = await ruleBook(ctx);
    const actor = { sub: ctx.caller.sub, org: ctx.caller.org };

    let skipped = 0;
    const recordIds: string[] = [];
    for (const [i, c] of candidates.entries()) {
      const key = keys[i];
      if (seen.has(key)) {
        skipped++;
        continue;
      }
      seen.add(key);
      const origin = ORIGINS[c.kind];
      try {
        // The record and its evidence together, or neither.
        const id = await ctx.em.fork({ keepTransactionContext: true }).transactional(async (tx) => {
          const cc: CreditCtx = { em: tx, actor, clock: ctx.clock, calendar: ctx.calendar };
          const record = await recordBehavior(
            cc,
            {
              familyId: c.familyId.toLowerCase(),
              behaviorCode: origin.behavior,
              source: "MANAGEMENT", // R5.1 (2): obtained by the housing authority in management
              facts: origin.facts(c.months, c.asOf),
              legalBasis: origin.legalBasis,
              occurredOn: c.asOf,
              candidate: { origin: c.kind, key },
            },
            book,
          );
          await addEvidence(cc, record.id, { fileName: origin.fileName(c.asOf), mediaType: "application/json", content: Buffer.from(c.evidenceJson, "utf8") });
          return record.id;
        });
        recordIds.push(id);
      } catch (e) {
        // Raised meanwhile by another scan: the unique candidate key keeps one record.
        if (!isUniqueViolation(e)) throw e;
        skipped++;
      }
    }
    return { raised: recordIds.length, skipped, recordIds };
  }
}
