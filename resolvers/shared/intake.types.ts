// The answer of every batch intake mutation (issue 14), the same in each source subgraph.
import { Directive, Field, Int, ObjectType } from "type-graphql";

@ObjectType({ description: "一行数据的问题（被拒绝的行不会写入）" })
@Directive("@shareable")
export class IntakeProblem {
  @Field(() => Int, { description: "行在本批 rows 中的序号（从0开始）" })
  row!: number;

  @Field(() => String, { nullable: true, description: "字段名（输入字段，如 month）" })
  field!: string | null;

  @Field(() => String, { description: "问题代码，如 INVALID_ID_NUMBER、FUTURE_DATE、UNKNOWN_TENANCY、NOT_IN_JURISDICTION" })
  code!: string;

  @Field(() => String, { description: "问题说明" })
  message!: string;
}

@ObjectType({ description: "一批数据的接入结果：新增、更新（保留原值）、未变（跳过）、拒绝" })
@Directive("@shareable")
export class IntakeReport {
  @Field(() => String, { description: "数据类别，如 RENT_LEDGER、JUDGMENT" })
  kind!: string;

  @Field(() => String, { description: "来源系统" })
  sourceSystem!: string;

  @Field(() => Int)
  received!: number;

  @Field(() => Int)
  inserted!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  unchanged!: number;

  @Field(() => Int)
  rejected!: number;

  @Field(() => Boolean, { description: "是否仅校验（不写入）" })
  dryRun!: boolean;

  @Field(() => Boolean, { description: "是否已写入（仅校验、或全有或全无时有行被拒绝：否）" })
  written!: boolean;

  @Field(() => [IntakeProblem])
  problems!: IntakeProblem[];
}

/** Options every batch mutation takes. */
export const INTAKE_ARGS = {
  dryRun: { defaultValue: false, description: "仅校验，不写入" },
  allOrNothing: { defaultValue: false, description: "有任何一行被拒绝时，本批全部不写入" },
} as const;

