// Writes the demo data into the three subgraph databases with set-based inserts: per batch
// of families, one transaction per subgraph with one multi-row INSERT per table (split only
// when a table gets more than ROWS_PER_STATEMENT rows). No unit-of-work flushes, no
// per-row statements.
import type { EntityClass, EntityManager } from "@mikro-orm/core";
import { hubNow } from "../domain/clock";
import { Family } from "../subgraphs/archive/entities/family.entity";
import { FamilyMember } from "../subgraphs/archive/entities/family-member.entity";
import { Organization } from "../subgraphs/archive/entities/organization.entity";
import { Tenancy } from "../subgraphs/housing/entities/tenancy.entity";
import { RentLedgerEntry } from "../subgraphs/housing/entities/rent-ledger-entry.entity";
import { OccupancyCheckEntry } from "../subgraphs/housing/entities/occupancy-check.entity";
import { HousingWarning } from "../subgraphs/housing/entities/housing-warning.entity";
import { JudicialRecord } from "../subgraphs/judicial/entities/judicial-record.entity";
import {
  demoOrganizations,
  generateFamilies,
  type DemoFamilyRow,
  type DemoJudicialRow,
  type DemoMemberRow,
  type DemoOccupancyCheckRow,
  type DemoRentLedgerRow,
  type DemoTenancyRow,
  type DemoWarningRow,
} from "./demo-data";

export interface SeedEntityManagers {
  archive: EntityManager;
  housing: EntityManager;
  judicial: EntityManager;
}

export interface SeedOptions {
  families: number;
  seed: number;
  /** YYYY-MM-DD */
  today: string;
  /** Families per batch (one transaction per subgraph per batch); default 1000. */
  batchSize?: number;
  /** First family index, to append to an earlier run of the same seed; default 0. */
  startIndex?: number;
  /** Called after each batch with the number of families written so far. */
  onProgress?: (done: number) => void;
}

export interface SeedSummary {
  families: number;
  members: number;
  tenancies: number;
  ledgerRows: number;
  checks: number;
  warnings: number;
  judicialRecords: number;
  /** Organizations inserted by this call (existing ones are skipped). */
  organizations: number;
}

/** Upper bound of rows in one INSERT statement (keeps statements to a few MB). */
const ROWS_PER_STATEMENT = 5000;

/**
 * One multi-row INSERT per ROWS_PER_STATEMENT rows, in the EntityManager's transaction.
 * Table and column names come from the entity metadata; rows are keyed by entity property
 * names (a relation property holds the referenced id) and all rows of a call have the keys
 * of the first. Values are quoted by the platform, exactly as em.insertMany would inline
 * them — built here directly because insertMany's per-row processing costs about as much
 * as the database work itself.
 */
async function insertRows(em: EntityManager, entity: EntityClass<object>, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const meta = em.getMetadata().get(entity.name);
  const platform = em.getPlatform();
  const schema = meta.schema ?? em.config.get("schema");
  const table = (schema ? `${platform.quoteIdentifier(schema)}.` : "") + platform.quoteIdentifier(meta.tableName);
  const keys = Object.keys(rows[0]);
  const columns = keys.map((key) => {
    const prop = meta.properties[key as keyof typeof meta.properties];
    if (!prop || prop.fieldNames?.length !== 1) throw new Error(`seed: ${entity.name} has no single-column property "${key}"`);
    return platform.quoteIdentifier(prop.fieldNames[0]);
  });
  const head = `insert into ${table} (${columns.join(", ")}) values `;
  const connection = em.getConnection();
  for (let k = 0; k < rows.length; k += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(k, k + ROWS_PER_STATEMENT) as Record<string, unknown>[];
    const values = chunk.map((row) => `(${keys.map((key) => platform.quoteValue(row[key] ?? null)).join(", ")})`);
    await connection.execute(head + values.join(", "), [], "run", em.getTransactionContext());
  }
}

/** True when the archive holds no family yet (the demo data is seeded only then). */
export async function isArchiveEmpty(em: EntityManager): Promise<boolean> {
  return (await em.fork().count(Family, {})) === 0;
}

/** Inserts the demo organizations that do not exist yet; returns how many were inserted. */
export async function seedOrganizations(em: EntityManager): Promise<number> {
  const fork = em.fork();
  const orgs = demoOrganizations();
  const existing = await fork.find(Organization, { code: { $in: orgs.map((o) => o.code) } }, { fields: ["code"] });
  const have = new Set(existing.map((o) => o.code));
  const createdAt = hubNow();
  const missing = orgs.filter((o) => !have.has(o.code)).map((o) => ({ ...o, createdAt }));
  if (missing.length > 0) await insertRows(fork, Organization, missing);
  return missing.length;
}

interface Batch {
  families: DemoFamilyRow[];
  members: DemoMemberRow[];
  tenancies: DemoTenancyRow[];
  ledger: DemoRentLedgerRow[];
  checks: DemoOccupancyCheckRow[];
  warnings: DemoWarningRow[];
  judicial: DemoJudicialRow[];
}

function emptyBatch(): Batch {
  return { families: [], members: [], tenancies: [], ledger: [], checks: [], warnings: [], judicial: [] };
}

async function writeBatch(ems: SeedEntityManagers, b: Batch): Promise<void> {
  const writes: Promise<unknown>[] = [
    ems.archive.fork().transactional(async (em) => {
      await insertRows(em, Family, b.families);
      await insertRows(em, FamilyMember, b.members);
    }),
  ];
  if (b.tenancies.length > 0) {
    writes.push(
      ems.housing.fork().transactional(async (em) => {
        await insertRows(em, Tenancy, b.tenancies);
        await insertRows(em, RentLedgerEntry, b.ledger);
        await insertRows(em, OccupancyCheckEntry, b.checks);
        await insertRows(em, HousingWarning, b.warnings);
      }),
    );
  }
  if (b.judicial.length > 0) {
    writes.push(ems.judicial.fork().transactional((em) => insertRows(em, JudicialRecord, b.judicial)));
  }
  // The subgraphs are independent databases: write them concurrently, fail after all settle.
  const results = await Promise.allSettled(writes);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
}

/** Generates `families` demo families from `seed` and writes them in batches. */
export async function seedDemoData(ems: SeedEntityManagers, opts: SeedOptions): Promise<SeedSummary> {
  const batchSize = opts.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const summary: SeedSummary = { families: 0, members: 0, tenancies: 0, ledgerRows: 0, checks: 0, warnings: 0, judicialRecords: 0, organizations: 0 };
  summary.organizations = await seedOrganizations(ems.archive);

  let batch = emptyBatch();
  const flush = async () => {
    if (batch.families.length === 0) return;
    await writeBatch(ems, batch);
    summary.families += batch.families.length;
    summary.members += batch.members.length;
    summary.tenancies += batch.tenancies.length;
    summary.ledgerRows += batch.ledger.length;
    summary.checks += batch.checks.length;
    summary.warnings += batch.warnings.length;
    summary.judicialRecords += batch.judicial.length;
    batch = emptyBatch();
    opts.onProgress?.(summary.families);
  };

  for (const f of generateFamilies({ count: opts.families, seed: opts.seed, today: opts.today, startIndex: opts.startIndex })) {
    batch.families.push(f.family);
    batch.members.push(...f.members);
    if (f.tenancy) batch.tenancies.push(f.tenancy);
    batch.ledger.push(...f.rentLedger);
    batch.checks.push(...f.occupancyChecks);
    batch.warnings.push(...f.warnings);
    batch.judicial.push(...f.judicialRecords);
    if (batch.families.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}
