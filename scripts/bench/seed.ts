// The benchmark's data (issue 12): synthetic families generated in SQL, set-based (one
// `insert … select … from generate_series` per table and chunk; synthetic names, valid-checksum
// ID numbers), then credit scores and list entries for a share of the families, and the
// partner's written permission through the real grant service (audited). Kept between runs: a
// rerun tops up only what is missing.
import { Client, Pool } from "pg";
import { cityDivisions, countiesOf } from "../../src/domain/divisions";
import { openSubgraphDb, migrate } from "../../src/db/orm";
import { subgraphDbs } from "../../src/subgraphs/registry";
import { seedOrganizations } from "../../src/seed/seed";
import { grantPermission } from "../../src/subgraphs/archive/sharing/permission.service";
import { SharingPermission } from "../../src/subgraphs/archive/entities/sharing-permission.entity";
import { SUBGRAPHS } from "../../src/config";
import { APP_ROLE } from "../../src/db/least-privilege";

export const BENCH_PERMISSION = "鄂住建许〔2026〕基准1号";
export const BENCH_PARTNER = "PT-420000-GA";

/** Every county-level division of Hubei (a city without counties stands for itself). */
function benchCounties(): string[] {
  return cityDivisions().flatMap((c) => {
    const counties = countiesOf(c.code);
    return counties.length ? counties.map((d) => d.code) : [c.code];
  });
}

// Synthetic people only: surnames and given-name characters combined by a hash of the index.
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红建国志强文斌宇浩然梓涵欣怡子轩思远晨曦雨桐嘉豪俊杰婷婷海燕";

/**
 * Runs `fn` in the client's transaction with the leaf tables' indexes and unique constraints
 * dropped and their foreign-key triggers off (session_replication_role: the generated rows
 * are consistent by construction), then recreates them — sorting once is several times
 * faster than maintaining random-UUID indexes row by row. DDL is transactional: an interrupted
 * seeding leaves the schema as it was.
 */
async function withoutLeafIndexes(client: Client, tables: string[], fn: () => Promise<void>): Promise<void> {
  await client.query("begin");
  try {
    await client.query("set local session_replication_role = replica");
    await client.query("set local maintenance_work_mem = '512MB'");
    const constraints = await client.query<{ tbl: string; name: string; def: string }>(
      `select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def from pg_constraint c
        where c.conrelid = any($1::regclass[]) and c.contype in ('p', 'u')`,
      [tables],
    );
    const indexes = await client.query<{ name: string; def: string }>(
      `select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
        where i.indrelid = any($1::regclass[]) and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`,
      [tables],
    );
    for (const i of indexes.rows) await client.query(`drop index ${i.name}`);
    for (const c of constraints.rows) await client.query(`alter table ${c.tbl} drop constraint "${c.name}"`);
    await fn();
    for (const c of constraints.rows) await client.query(`alter table ${c.tbl} add constraint "${c.name}" ${c.def}`);
    for (const i of indexes.rows) await client.query(i.def);
    await client.query("commit");
  } catch (e) {
    await client.query("rollback").catch(() => undefined);
    throw e;
  }
}

/**
 * The families (have, want] in SQL, set-based: families, members (valid GB 11643 check digit,
 * unique by construction: the member's global index gives its birth date and sequence),
 * tenancies with 12 months of rent ledger (a share in arrears) and two occupancy checks, and
 * judicial records for a share of the applicants. Two connections write archive and
 * housing/judicial side by side.
 */
async function seedSql(url: string, have: number, want: number): Promise<void> {
  const counties = benchCounties();
  const archive = new Client({ connectionString: url });
  const housing = new Client({ connectionString: url });
  await Promise.all([archive.connect(), housing.connect()]);
  // A bench database only: commits need not wait for the disk.
  await Promise.all([archive.query("set synchronous_commit = off"), housing.query("set synchronous_commit = off")]);
  try {
    // GB 11643 check digit in integer arithmetic: the weighted sums of the county's six digits
    // and of the birth date's eight are computed here once; the sequence's three in SQL.
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const weighted = (digits: string, offset: number) => [...digits].reduce((sum, d, j) => sum + Number(d) * weights[offset + j], 0);
    const countySums = counties.map((c) => weighted(c, 0));
    const days = Math.ceil((want * 3 + 3) / 1000) + 1;
    const births = Array.from({ length: days }, (_, d) => new Date(Date.UTC(1950, 0, 1 + d)).toISOString().slice(0, 10).replaceAll("-", ""));
    const birthSums = births.map((b) => weighted(b, 6));
    // Member number n (3 × family index + position): birth day n / 1000, sequence n % 1000.
    const idNumber = (n: string) =>
      `(county || ($1::text[])[1 + ${n} / 1000] || lpad((${n} % 1000)::text, 3, '0') || substr('10X98765432', 1 + (csum + ($2::int[])[1 + ${n} / 1000] + (${n} % 1000 / 100) * 8 + (${n} % 100 / 10) * 4 + (${n} % 10) * 2) % 11, 1))`;
    // Ids of leaf rows: unique by (kind, family index, row number), without a random source.
    const leafId = (kind: number, n: string) => `('00000000-0000-4000-8${kind.toString(16).padStart(3, "0")}-' || lpad(to_hex(${n}), 12, '0'))::uuid`;
    // The family's county by index, and the hashes that vary everything else.
    const series = `create temp table bench_series as select i, ($3::text[])[1 + (i * 7919) % array_length($3::text[], 1)] as county, ($4::int[])[1 + (i * 7919) % array_length($3::text[], 1)] as csum, ('x' || substr(md5('h' || i), 1, 8))::bit(32)::int as h,
                           md5('bench-f-' || i)::uuid as fid, md5('bench-t-' || i)::uuid as tid
                      from generate_series($1::int + 1, $2::int) i`;
    // Computed once per connection (a join with generate_series would recompute every hash per row).
    await Promise.all([archive.query(series, [have, want, counties, countySums]), housing.query(series, [have, want, counties, countySums])]);
    await Promise.all([
      (async () => {
        await archive.query(
          `insert into "archive"."family" ("id", "division_code", "hukou_division_code", "marital_status", "household_size", "annual_income", "property_count",
               "housing_status", "per_capita_area", "guarantee_category", "guarantee_mode", "guarantee_group", "priority", "priority_reason", "created_at", "updated_at")
           select fid, county, county, (array['未婚','已婚','离异','丧偶'])[1 + abs(h) % 4], 1 + abs(h) % 3, 18000 + abs(h) % 40000, 0,
                  '无自有住房', null, '城镇中等偏下收入住房困难家庭', case when abs(h) % 10 < 8 then 'PHYSICAL_ALLOCATION' else 'RENTAL_SUBSIDY' end, '城镇户籍家庭',
                  abs(h) % 17 = 0, case when abs(h) % 17 = 0 then '低保家庭' end,
                  timestamptz '2023-01-01 08:00+08' + (i % 1000) * interval '1 day', timestamptz '2023-01-01 08:00+08' + (i % 1000) * interval '1 day'
             from pg_temp.bench_series s`,
        );
        await withoutLeafIndexes(archive, ["archive.family_member", "archive.family_credit", "archive.list_entry"], async () => {
        await archive.query(
          `insert into "archive"."family_member" ("id", "family_id", "position", "name", "id_number", "relation")
           select ${leafId(1, "i * 4 + k")}, fid, k,
                  substr($3::text, 1 + abs(h + k * 31) % length($3::text), 1) || substr($4::text, 1 + abs(h / 7 + k) % length($4::text), 1)
                    || case when (h + k) % 2 = 0 then substr($4::text, 1 + abs(h / 13 + k * 3) % length($4::text), 1) else '' end,
                  ${idNumber("(i * 3 + k)")},
                  (array['本人','配偶','子女'])[k + 1]
             from pg_temp.bench_series s, generate_series(0, abs(h) % 3) k`,
          [births, birthSums, SURNAMES, GIVEN],
        );
        // Scores and list entries for a share of the new families (by a hash of the index):
        // ~55 % on the warning list (the 100,000-row export), ~10 % key attention, ~14 % joint
        // punishment (listed), the rest without an entry.
        const bucket = "(abs(h) / 1024 % 256)";
        await archive.query(`insert into "archive"."family_credit" ("family_id", "division_code", "score", "tier", "rule_version", "computed_at")
          select fid, county, case when ${bucket} < 140 then 85 when ${bucket} < 165 then 70 else 52 end,
                 case when ${bucket} < 140 then 'MILD' when ${bucket} < 165 then 'MODERATE' else 'SEVERE' end, '420000-v1', now()
            from pg_temp.bench_series s where ${bucket} < 200`);
        await archive.query(`insert into "archive"."list_entry" ("id", "family_id", "division_code", "kind", "status", "step", "since", "until", "basis", "rule_version",
              "reminded_on", "reminder_deadline", "listed_on", "listed_until", "created_at", "updated_at", "version")
          select ${leafId(6, "i")}, fid, county,
                 case when ${bucket} < 140 then 'WARNING' when ${bucket} < 165 then 'KEY_ATTENTION' else 'JOINT_PUNISHMENT' end, 'LISTED',
                 case when ${bucket} >= 165 then 'LISTED' end,
                 date '2025-01-01' + (abs(h) / 7) % 600, date '2027-12-31', '{"recordIds":[],"reasons":["R5.3"]}', '420000-v1',
                 case when ${bucket} >= 165 then date '2025-01-01' end, case when ${bucket} >= 165 then date '2025-01-15' end,
                 case when ${bucket} >= 165 then date '2025-03-01' end, case when ${bucket} >= 165 then date '2027-12-31' end, now(), now(), 1
            from pg_temp.bench_series s where ${bucket} < 200`);
        });
      })(),
      (async () => {
        // Tenancies for families with physical allocation (~80 %), as the archive says.
        await housing.query(
          `insert into "housing"."tenancy" ("id", "family_id", "division_code", "unit_address", "lease_start", "lease_end", "monthly_rent", "created_at")
           select tid, fid, county,
                  '公租房' || (1 + abs(h) % 40) || '号小区' || (1 + abs(h / 40) % 30) || '栋' || (1 + abs(h / 1200) % 6) || '单元' || (101 + abs(h / 7200) % 1800) || '室',
                  date '2024-01-01', date '2029-12-31', 300 + abs(h) % 700, timestamptz '2024-01-01 09:00+08'
             from pg_temp.bench_series s where abs(h) % 10 < 8`,
        );
        await withoutLeafIndexes(housing, ["housing.rent_ledger_entry", "housing.occupancy_check", "housing.housing_warning", "judicial.judicial_record"], async () => {
        // 12 months of ledger to 2026-11; the last (h % 9) months unpaid for one family in four.
        await housing.query(
          `insert into "housing"."rent_ledger_entry" ("id", "tenancy_id", "month", "amount_due", "amount_paid", "paid_on")
           select ${leafId(2, "i * 16 + m")}, tid, mo.month, 300 + abs(h) % 700,
                  case when abs(h) % 4 = 0 and m >= 12 - abs(h) % 9 then 0 else 300 + abs(h) % 700 end,
                  case when abs(h) % 4 = 0 and m >= 12 - abs(h) % 9 then null else mo.month + 4 end
             from pg_temp.bench_series s, (select m, (date '2025-12-01' + m * interval '1 month')::date as month from generate_series(0, 11) m) mo where abs(h) % 10 < 8`,
        );
        await housing.query(
          `insert into "housing"."occupancy_check" ("id", "tenancy_id", "checked_on", "occupied", "inspector", "note")
           select ${leafId(3, "i * 4 + n")}, tid, date '2026-05-10' + n * 120, abs(h) % 23 <> 0, '核查员' || (1 + abs(h) % 50), null
             from pg_temp.bench_series s, generate_series(0, 1) n where abs(h) % 10 < 8`,
        );
        await housing.query(
          `insert into "housing"."housing_warning" ("id", "tenancy_id", "issued_on", "kind", "reason")
           select ${leafId(4, "i")}, tid, date '2026-09-15', 'RENT_ARREARS', '欠缴租金，经催缴仍未缴纳'
             from pg_temp.bench_series s where abs(h) % 10 < 8 and abs(h) % 4 = 0 and abs(h) % 9 >= 3`,
        );
        await housing.query(
          `insert into "judicial"."judicial_record" ("id", "id_number", "kind", "case_number", "court", "division_code", "decided_on", "summary", "received_at")
           select ${leafId(5, "i")}, ${idNumber("(i * 3)")},
                  'JUDGMENT', '（2025）鄂' || substr(county, 3, 4) || '民初' || i || '号', '基层人民法院', county, date '2025-06-01' + abs(h) % 300, '房屋租赁合同纠纷，判令支付所欠租金', now()
             from pg_temp.bench_series s where abs(h) % 16 = 0`,
          [births, birthSums],
        );
        });
      })(),
    ]);
  } finally {
    await Promise.all([archive.end(), housing.end()]);
  }
}

export interface BenchData {
  families: number;
  seededNow: number;
  seconds: number;
  familiesPerSecond: number | null;
}

/**
 * Migrates the bench database (owner role), makes `runtimeRole` a member of the application
 * role, and tops the data up to `families` families.
 */
export async function ensureBenchData(url: string, families: number, runtimeRole: string, log: (line: string) => void): Promise<BenchData> {
  for (const name of SUBGRAPHS) {
    const db = await openSubgraphDb(subgraphDbs[name], { kind: "postgres", url });
    try {
      await migrate(db, name);
    } finally {
      await db.close();
    }
  }
  const admin = new Pool({ connectionString: url, max: 3 });
  let seeded = 0;
  let seedSeconds = 0;
  try {
    await admin.query(`do $$ begin if not exists (select 1 from pg_roles where rolname = '${runtimeRole}') then create role "${runtimeRole}" login; end if; end $$`);
    await admin.query(`grant ${APP_ROLE} to "${runtimeRole}"`);
    await admin.query(`grant connect on database "${new URL(url).pathname.slice(1)}" to "${runtimeRole}"`);
    const have = Number((await admin.query<{ n: string }>(`select count(*) as n from "archive"."family"`)).rows[0].n);
    const started = performance.now();
    if (have < families) {
      log(`写入基准数据：${families - have} 户（已有 ${have} 户）…`);
      await seedSql(url, have, families);
      seeded = families - have;
    }
    seedSeconds = (performance.now() - started) / 1000;
    // Every run starts from vacuumed, analysed tables (earlier runs' writes leave them otherwise).
    for (const t of ["archive.family", "archive.family_member", "archive.family_credit", "archive.list_entry", "housing.tenancy", "housing.rent_ledger_entry", "housing.occupancy_check", "housing.housing_warning", "judicial.judicial_record"]) {
      await admin.query(`vacuum analyze ${t.split(".").map((p) => `"${p}"`).join(".")}`);
    }
  } finally {
    await admin.end();
  }
  // The organisations and the partner's written permission, through the real services (audited).
  const db = await openSubgraphDb(subgraphDbs.archive, { kind: "postgres", url }, { systemScope: true });
  try {
    await seedOrganizations(db.orm.em.fork());
    const em = db.orm.em.fork();
    if (!(await em.findOne(SharingPermission, { documentNumber: BENCH_PERMISSION, revokedAt: null }))) {
      const now = new Date();
      await grantPermission(
        em,
        { sub: "bench-admin", org: "HA-420000", roles: ["ADMIN"] },
        {
          documentNumber: BENCH_PERMISSION,
          granteeCode: BENCH_PARTNER,
          purpose: "基准测试：办理业务前的信用核查",
          scopes: [
            { category: "LISTS", mode: "FULL" },
            { category: "CREDIT", mode: "FULL" },
            { category: "IDENTITY", mode: "MASKED" },
          ],
          divisionCodes: ["420000"],
          validFrom: now,
          validUntil: new Date(now.getTime() + 5 * 365 * 86400_000),
        },
        { clientAddress: null, operationName: "bench-seed" },
        now,
      );
    }
  } finally {
    await db.close();
  }
  const pool = new Pool({ connectionString: url, max: 1 });
  const total = Number((await pool.query<{ n: string }>(`select count(*) as n from "archive"."family"`)).rows[0].n);
  await pool.end();
  return { families: total, seededNow: seeded, seconds: seedSeconds, familiesPerSecond: seeded ? seeded / seedSeconds : null };
}
