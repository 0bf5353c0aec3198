import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, openSubgraphDb, StatementCounter, type OpenedDb } from "../src/db/orm";
import { subgraphDbs } from "../src/subgraphs/registry";
import { generateFamilies } from "../src/seed/demo-data";
import { isArchiveEmpty, seedDemoData, seedOrganizations, type SeedSummary } from "../src/seed/seed";

const TODAY = "2026-11-26";
const FAMILIES = 300;
const SEED = 11;

describe("seedDemoData on PGlite", () => {
  let archive: OpenedDb;
  let housing: OpenedDb;
  let judicial: OpenedDb;
  const archiveCounter = new StatementCounter();
  let summary: SeedSummary;
  let seconds = 0;
  const progress: number[] = [];

  const query = async <T>(db: OpenedDb, sql: string): Promise<T[]> => (await db.orm.em.fork().getConnection().execute(sql)) as unknown as T[];
  const count = async (db: OpenedDb, table: string): Promise<number> => {
    const schema = db.orm.config.get("schema");
    const rows = await query<{ n: string }>(db, `select count(*) as n from "${schema}"."${table}"`);
    return Number(rows[0].n);
  };

  beforeAll(async () => {
    archive = await openSubgraphDb(subgraphDbs.archive, { kind: "pglite" }, { counter: archiveCounter });
    housing = await openSubgraphDb(subgraphDbs.housing, { kind: "pglite" });
    judicial = await openSubgraphDb(subgraphDbs.judicial, { kind: "pglite" });
    await migrate(archive, "archive");
    await migrate(housing, "housing");
    await migrate(judicial, "judicial");
    expect(await isArchiveEmpty(archive.orm.em)).toBe(true);
    archiveCounter.reset();
    const started = performance.now();
    summary = await seedDemoData(
      { archive: archive.orm.em.fork(), housing: housing.orm.em.fork(), judicial: judicial.orm.em.fork() },
      { families: FAMILIES, seed: SEED, today: TODAY, batchSize: 100, onProgress: (n) => progress.push(n) },
    );
    seconds = (performance.now() - started) / 1000;
    console.log(`seeded ${FAMILIES} families in ${seconds.toFixed(2)} s (${Math.round(FAMILIES / seconds)} families/s); archive statements: ${archiveCounter.count}`, summary);
  });

  afterAll(async () => {
    await archive?.close();
    await housing?.close();
    await judicial?.close();
  });

  it("writes the rows the summary reports", async () => {
    expect(summary.families).toBe(FAMILIES);
    expect(summary.organizations).toBe(22);
    expect(summary.members).toBeGreaterThan(FAMILIES);
    expect(summary.tenancies).toBeGreaterThan(FAMILIES * 0.6);
    expect(summary.ledgerRows).toBeGreaterThanOrEqual(summary.tenancies * 12);
    expect(await count(archive, "family")).toBe(summary.families);
    expect(await count(archive, "family_member")).toBe(summary.members);
    expect(await count(archive, "organization")).toBe(summary.organizations);
    expect(await count(housing, "tenancy")).toBe(summary.tenancies);
    expect(await count(housing, "rent_ledger_entry")).toBe(summary.ledgerRows);
    expect(await count(housing, "occupancy_check")).toBe(summary.checks);
    expect(await count(housing, "housing_warning")).toBe(summary.warnings);
    expect(await count(judicial, "judicial_record")).toBe(summary.judicialRecords);
    expect(await isArchiveEmpty(archive.orm.em)).toBe(false);
    expect(progress).toEqual([100, 200, 300]);
  });

  it("uses a handful of statements per batch", () => {
    // Per batch: begin, insert family, insert members, commit; plus the organization check/insert.
    expect(archiveCounter.count).toBeLessThan(40);
  });

  it("stores the generated values faithfully", async () => {
    const first = [...generateFamilies({ count: 3, seed: SEED, today: TODAY })];
    for (const b of first) {
      const [row] = await query<Record<string, unknown>>(
        archive,
        `select division_code, annual_income, priority, version, created_at from archive.family where id = '${b.family.id}'`,
      );
      expect(row.division_code).toBe(b.family.divisionCode);
      expect(Number(row.annual_income)).toBe(b.family.annualIncome);
      expect(row.priority).toBe(b.family.priority);
      expect(row.version).toBe(1);
      expect(new Date(row.created_at as string).toISOString()).toBe(b.family.createdAt.toISOString());
      const members = await query<{ id_number: string; position: number }>(
        archive,
        `select id_number, position from archive.family_member where family_id = '${b.family.id}' order by position`,
      );
      expect(members.map((m) => m.id_number)).toEqual(b.members.map((m) => m.idNumber));
      if (b.tenancy) {
        const ledger = await query<{ month: string; amount_due: string }>(
          housing,
          `select month::text as month, amount_due from housing.rent_ledger_entry where tenancy_id = '${b.tenancy.id}' order by month`,
        );
        expect(ledger.map((l) => l.month)).toEqual(b.rentLedger.map((l) => l.month));
        expect(ledger.map((l) => Number(l.amount_due))).toEqual(b.rentLedger.map((l) => l.amountDue));
      }
    }
  });

  it("skips organizations that already exist", async () => {
    expect(await seedOrganizations(archive.orm.em)).toBe(0);
    expect(await count(archive, "organization")).toBe(22);
  });

  it("appends a continuation of the run without collisions", async () => {
    const more = await seedDemoData(
      { archive: archive.orm.em.fork(), housing: housing.orm.em.fork(), judicial: judicial.orm.em.fork() },
      { families: 50, seed: SEED, today: TODAY, startIndex: FAMILIES },
    );
    expect(more.organizations).toBe(0);
    expect(await count(archive, "family")).toBe(FAMILIES + 50);
  });

  it("rolls a failing batch back (re-seeding the same indexes collides)", async () => {
    const before = await count(archive, "family_member");
    await expect(
      seedDemoData(
        { archive: archive.orm.em.fork(), housing: housing.orm.em.fork(), judicial: judicial.orm.em.fork() },
        { families: 10, seed: SEED, today: TODAY, startIndex: 0 },
      ),
    ).rejects.toThrow();
    expect(await count(archive, "family")).toBe(FAMILIES + 50);
    expect(await count(archive, "family_member")).toBe(before);
  });
});
