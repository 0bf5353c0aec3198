// A populated hub for the disclosure tests, and an oracle of what each caller may receive that is
// written from the policy text and table and the database — not from the resolvers: its own
// jurisdiction rule (the division table's parent chain), its own reading of the permissions in
// force (the sharing_permission rows), its own masks (contract README), and the family data read
// with SQL.
import fc from "fast-check";
import divisionData from "../../src/data/hubei-divisions.json";
import { DISCLOSURE_POLICY, LOCATOR, REDACTED_TEXT, type Requirement, type RowRule } from "../../src/domain/disclosure-policy";
import type { DataCategory } from "../../src/domain/permissions";
import { maskName } from "../../src/domain/id-number";
import { shanghaiDate } from "../../src/domain/credit/dates";
import { seedDemoData } from "../../src/seed/seed";
import { seedCreditDemo } from "../../src/seed/credit-demo";
import { contractOperation } from "./contract";
import { startTestHub, type DbKind, type TestHub } from "./test-hub";

type Mode = "FULL" | "MASKED";
export const CATEGORIES: DataCategory[] = ["IDENTITY", "HOUSEHOLD", "ECONOMIC", "HOUSING", "GUARANTEE", "CREDIT", "LISTS", "EVIDENCE", "TENANCY", "JUDICIAL"];

// --- divisions, written from the table's parent chain (GB/T 2260) ---------------------------------
const parents = new Map((divisionData as { code: string; parentCode: string | null; level: string }[]).map((d) => [d.code, d.parentCode]));
export const CITY_CODES = (divisionData as { code: string; level: string }[]).filter((d) => d.level === "CITY").map((d) => d.code);
export const COUNTY_CODES = (divisionData as { code: string; level: string }[]).filter((d) => d.level === "COUNTY").map((d) => d.code);

/** Is `division` inside the subtree of `root` (itself, or a descendant)? */
export function covers(root: string, division: string): boolean {
  for (let d: string | null | undefined = division; d; d = parents.get(d)) if (d === root) return true;
  return false;
}

// --- callers --------------------------------------------------------------------------------------
export interface GrantSpec {
  scopes: Partial<Record<DataCategory, Mode>>;
  divisions: string[];
  /** In force, expired, not yet valid, or revoked. */
  state: "IN_FORCE" | "EXPIRED" | "FUTURE" | "REVOKED";
}

export interface Caller {
  label: string;
  org: string;
  roles: string[];
  token: string;
  /** Staff: the authority's division; partners: null. */
  authority: string | null;
}

export interface PartnerSpec {
  code: string;
  level: "PROVINCE" | "CITY";
  /** The authority that registers it and grants (same level, R8.1). */
  grantor: string;
  grants: GrantSpec[];
}

/** Grants of a partner at a level: the grantor's own divisions only (R8.2). */
export function partnerArbitrary(code: string): fc.Arbitrary<PartnerSpec> {
  const scopes = fc.dictionary(fc.constantFrom(...CATEGORIES), fc.constantFrom<Mode>("FULL", "MASKED"), { minKeys: 1, maxKeys: 6 }) as fc.Arbitrary<Partial<Record<DataCategory, Mode>>>;
  const state = fc.constantFrom<GrantSpec["state"]>("IN_FORCE", "IN_FORCE", "IN_FORCE", "EXPIRED", "FUTURE", "REVOKED");
  const cityGrantor = fc.constantFrom("420100", "420600", "420500");
  return fc.oneof(
    cityGrantor.chain((city) =>
      fc.record({
        code: fc.constant(code),
        level: fc.constant<"CITY">("CITY"),
        grantor: fc.constant(city),
        grants: fc.array(
          fc.record({ scopes, state, divisions: fc.oneof(fc.constant<string[]>([city]), fc.subarray(COUNTY_CODES.filter((c) => covers(city, c)), { minLength: 1, maxLength: 3 })) }),
          { minLength: 1, maxLength: 2 },
        ),
      }),
    ),
    fc.record({
      code: fc.constant(code),
      level: fc.constant<"PROVINCE">("PROVINCE"),
      grantor: fc.constant("420000"),
      grants: fc.array(
        fc.record({ scopes, state, divisions: fc.subarray([...CITY_CODES, ...COUNTY_CODES.filter((c) => c.startsWith("4201") || c.startsWith("4206"))], { minLength: 1, maxLength: 3 }) }),
        { minLength: 1, maxLength: 2 },
      ),
    }),
  );
}

// --- the world ------------------------------------------------------------------------------------
export interface FamilyTruth {
  id: string;
  division: string;
  members: { name: string; idNumber: string; relation: string }[];
  hukou: string;
  marital: string;
  size: number;
  income: number;
  properties: number;
  guaranteeCategory: string;
  priorityReason: string | null;
  tenancy: { unitAddress: string; monthlyRent: number; notes: (string | null)[]; warnings: string[] } | null;
  judicial: { caseNumber: string; summary: string; idNumber: string; court: string }[];
  records: { id: string; status: string; facts: string; legalBasis: string; suspended: boolean; caseNumber: string | null; archived: boolean }[];
  lists: { id: string; kind: string; status: string }[];
  documents: { id: string; kind: string; body: string; listEntryStatus: string | null }[];
}

export interface GrantRow {
  grantee: string;
  documentNumber: string;
  scopes: Partial<Record<DataCategory, Mode>>;
  divisions: string[];
  validFrom: Date;
  validUntil: Date;
  revokedAt: Date | null;
}

export interface ChangeTruth {
  sequence: number;
  entry: string;
  division: string;
  status: string;
  action: string;
  kind: string;
  familyId: string;
  /** An earlier change of the entry in this division had a status partners may see. */
  previouslyShown: boolean;
}

export interface World {
  t: TestHub;
  families: Map<string, FamilyTruth>;
  changes: ChangeTruth[];
  byIdNumber: Map<string, FamilyTruth>;
  grants: GrantRow[];
  staff: Caller[];
  partners: Caller[];
  /** Reads the permissions from the database again (after a grant or revocation). */
  reloadGrants(): Promise<void>;
  close(): Promise<void>;
}

const GRANT = contractOperation("GrantSharingPermission");
const REVOKE = contractOperation("RevokeSharingPermission");
const REGISTER = contractOperation("RegisterOrganization");

export async function startWorld(kind: DbKind, opts: { families: number; seed: number; partners: number; poolId: string }): Promise<World> {
  // A database of its own, so that this file may run beside others.
  const t = await startTestHub(kind, { databaseTag: opts.poolId });
  const { archive, housing, judicial } = t.hub.dbs;
  const today = shanghaiDate(new Date());
  await seedDemoData({ archive: archive!.orm.em.fork(), housing: housing!.orm.em.fork(), judicial: judicial!.orm.em.fork() }, { families: opts.families, seed: opts.seed, today });
  await seedCreditDemo(archive!.orm.em.fork(), t.config.calendar, today);

  const staff: Caller[] = ["420000", "420100", "420111", "420600", "420602", "420500"].map((d) => ({
    label: `HA-${d}`,
    org: `HA-${d}`,
    roles: ["AUDITOR"],
    authority: d,
    token: t.token(`HA-${d}`, ["AUDITOR"], `staff-${d}`),
  }));

  // Partners with generated grants, registered and granted through the API by the same-level ADMIN.
  const specs = fc.sample(fc.tuple(...Array.from({ length: opts.partners }, (_, i) => partnerArbitrary(`PT-G${String(i).padStart(2, "0")}`))), { seed: opts.seed, numRuns: 1 })[0];
  const partners: Caller[] = [];
  const now = Date.now();
  let n = 0;
  let expiring = 0;
  for (const p of specs) {
    const admin = t.token(`HA-${p.grantor}`, ["ADMIN"], `admin-${p.grantor}`);
    const reg = await t.gql(REGISTER, { input: { code: p.code, name: `生成的合作部门${p.code}`, kind: "PARTNER", level: p.level, divisionCode: p.grantor } }, admin);
    if (reg.errors) throw new Error(`register ${p.code}: ${JSON.stringify(reg.errors)}`);
    for (const g of p.grants) {
      // An expired permission is granted to end in a moment (a past end is refused) and waited out below.
      const window =
        g.state === "EXPIRED" ? { from: now - 60_000, until: (expiring = Date.now() + 3000) } : g.state === "FUTURE" ? { from: now + 86_400_000, until: now + 20 * 86_400_000 } : { from: now - 60_000, until: now + 20 * 86_400_000 };
      const res = await t.gql<{ grantSharingPermission: { id: string } }>(
        GRANT,
        {
          input: {
            documentNumber: `生成许可〔2026〕${++n}号`,
            granteeCode: p.code,
            purpose: "生成测试：联合审核",
            scopes: Object.entries(g.scopes).map(([category, mode]) => ({ category, mode })),
            divisionCodes: g.divisions,
            validFrom: new Date(window.from).toISOString(),
            validUntil: new Date(window.until).toISOString(),
          },
        },
        admin,
      );
      if (res.errors) throw new Error(`grant to ${p.code}: ${JSON.stringify(res.errors)}`);
      if (g.state === "REVOKED") {
        const r = await t.gql(REVOKE, { id: res.data!.grantSharingPermission.id, reason: "生成测试撤销" }, admin);
        if (r.errors) throw new Error(`revoke: ${JSON.stringify(r.errors)}`);
      }
    }
    partners.push({ label: `${p.code} ${JSON.stringify(p.grants)}`, org: p.code, roles: ["CONSUMER"], authority: null, token: t.token(p.code, ["CONSUMER"], `user-${p.code}`) });
  }
  if (expiring) await new Promise((r) => setTimeout(r, Math.max(0, expiring - Date.now() + 200)));

  const world: World = {
    t,
    families: new Map(),
    changes: [],
    byIdNumber: new Map(),
    grants: [],
    staff,
    partners,
    reloadGrants: async () => {
      world.grants = (await sqlOf(t, "archive", `select grantee_code, document_number, scopes, division_codes, valid_from, valid_until, revoked_at from archive.sharing_permission`)).map((r) => ({
        grantee: String(r.grantee_code),
        documentNumber: String(r.document_number),
        scopes: (typeof r.scopes === "string" ? JSON.parse(r.scopes) : r.scopes) as GrantRow["scopes"],
        divisions: (typeof r.division_codes === "string" ? JSON.parse(r.division_codes) : r.division_codes) as string[],
        validFrom: new Date(r.valid_from as string),
        validUntil: new Date(r.valid_until as string),
        revokedAt: r.revoked_at ? new Date(r.revoked_at as string) : null,
      }));
    },
    close: () => t.close(),
  };
  await world.reloadGrants();
  await loadTruth(world);
  return world;
}

async function sqlOf(t: TestHub, db: "archive" | "housing" | "judicial", q: string, p: unknown[] = []): Promise<Record<string, unknown>[]> {
  return (await t.hub.dbs[db]!.orm.em.fork().getConnection().execute(q, p)) as Record<string, unknown>[];
}

/** The families as the database holds them (SQL, not the graph). */
export async function loadTruth(world: World): Promise<void> {
  const { t } = world;
  const sql = (db: "archive" | "housing" | "judicial", q: string) => sqlOf(t, db, q);
  const families = await sql("archive", `select id, division_code, hukou_division_code, marital_status, household_size, annual_income, property_count, guarantee_category, priority_reason from archive.family`);
  const members = await sql("archive", `select family_id, name, id_number, relation from archive.family_member order by family_id, position`);
  const tenancies = await sql("housing", `select id, family_id, unit_address, monthly_rent from housing.tenancy`);
  const notes = await sql("housing", `select tenancy_id, note from housing.occupancy_check`);
  const warnings = await sql("housing", `select tenancy_id, reason from housing.housing_warning`);
  const judicial = await sql("judicial", `select id_number, case_number, summary, court from judicial.judicial_record`);
  const records = await sql("archive", `select id, family_id, status, facts, legal_basis, suspended_by_objection, judicial_case_number from archive.credit_record`);
  const lists = await sql("archive", `select id, family_id, kind, status from archive.list_entry where status <> 'REMOVED'`);
  const documents = await sql("archive", `select d.id, d.family_id, d.kind, d.body, e.status as entry_status from archive.credit_document d left join archive.list_entry e on e.id = d.list_entry_id`);
  world.families.clear();
  world.byIdNumber.clear();
  for (const f of families) {
    world.families.set(String(f.id), {
      id: String(f.id),
      division: String(f.division_code),
      members: [],
      hukou: String(f.hukou_division_code),
      marital: String(f.marital_status),
      size: Number(f.household_size),
      income: Number(f.annual_income),
      properties: Number(f.property_count),
      guaranteeCategory: String(f.guarantee_category),
      priorityReason: (f.priority_reason as string | null) ?? null,
      tenancy: null,
      judicial: [],
      records: [],
      lists: [],
      documents: [],
    });
  }
  for (const m of members) {
    const f = world.families.get(String(m.family_id))!;
    f.members.push({ name: String(m.name), idNumber: String(m.id_number), relation: String(m.relation) });
    world.byIdNumber.set(String(m.id_number), f);
  }
  const tenancyById = new Map<string, NonNullable<FamilyTruth["tenancy"]>>();
  for (const r of tenancies) {
    const f = world.families.get(String(r.family_id));
    if (!f) continue;
    f.tenancy = { unitAddress: String(r.unit_address), monthlyRent: Number(r.monthly_rent), notes: [], warnings: [] };
    tenancyById.set(String(r.id), f.tenancy);
  }
  for (const r of notes) tenancyById.get(String(r.tenancy_id))?.notes.push((r.note as string | null) ?? null);
  for (const r of warnings) tenancyById.get(String(r.tenancy_id))?.warnings.push(String(r.reason));
  for (const r of judicial) world.byIdNumber.get(String(r.id_number))?.judicial.push({ caseNumber: String(r.case_number), summary: String(r.summary), idNumber: String(r.id_number), court: String(r.court) });
  for (const r of records) {
    world.families.get(String(r.family_id))?.records.push({ id: String(r.id), status: String(r.status), facts: String(r.facts), legalBasis: String(r.legal_basis), suspended: Boolean(r.suspended_by_objection), caseNumber: (r.judicial_case_number as string | null) ?? null, archived: false });
  }
  for (const r of lists) world.families.get(String(r.family_id))?.lists.push({ id: String(r.id), kind: String(r.kind), status: String(r.status) });
  for (const r of documents) world.families.get(String(r.family_id))?.documents.push({ id: String(r.id), kind: String(r.kind), body: String(r.body), listEntryStatus: (r.entry_status as string | null) ?? null });
  const changes = await sql("archive", `select sequence, list_entry_id, division_code, status, action, kind, family_id from archive.list_change order by sequence`);
  const shown = new Set<string>();
  world.changes = changes.map((c) => {
    const key = `${c.list_entry_id}|${c.division_code}`;
    const change: ChangeTruth = {
      sequence: Number(c.sequence),
      entry: String(c.list_entry_id),
      division: String(c.division_code),
      status: String(c.status),
      action: String(c.action),
      kind: String(c.kind),
      familyId: String(c.family_id),
      previouslyShown: shown.has(key),
    };
    if (["LISTED", "PUBLICIZING"].includes(change.status)) shown.add(key);
    return change;
  });
  // Whether a record is past its use period depends on the rule book (R7.4): read from the
  // province's own view (the flag only; every disclosure decision stays the oracle's).
  const withRecords = [...world.families.values()].filter((f) => f.records.length);
  const province = world.staff.find((s) => s.authority === "420000")!;
  for (let i = 0; i < withRecords.length; i += 25) {
    const batch = withRecords.slice(i, i + 25);
    const q = `{ ${batch.map((f, j) => `f${j}: family(id: "${f.id}") { credit { records { id archived } } }`).join(" ")} }`;
    const res = await t.gql<Record<string, { credit: { records: { id: string; archived: boolean }[] } }>>(q, undefined, province.token);
    if (res.errors) throw new Error(`truth: ${JSON.stringify(res.errors).slice(0, 300)}`);
    batch.forEach((f, j) => {
      const flags = new Map(res.data![`f${j}`].credit.records.map((r) => [r.id, r.archived]));
      for (const r of f.records) r.archived = flags.get(r.id) ?? false;
    });
  }
}

// --- the oracle -----------------------------------------------------------------------------------
export interface Decision {
  mode: Mode;
}

export class Oracle {
  constructor(
    private readonly world: World,
    private readonly caller: Caller,
    private readonly now = Date.now(),
  ) {}

  private inForce(): GrantRow[] {
    return this.world.grants.filter((g) => g.grantee === this.caller.org && !g.revokedAt && g.validFrom.getTime() <= this.now && this.now < g.validUntil.getTime());
  }

  jurisdiction(division: string): boolean {
    return this.caller.authority !== null && covers(this.caller.authority, division);
  }

  /** R8.2 as the contract states it: jurisdiction, or a permission in force for the division and category; FULL beats MASKED. */
  decide(division: string, category: DataCategory): Decision | null {
    if (this.jurisdiction(division)) return { mode: "FULL" };
    let best: Decision | null = null;
    for (const g of this.inForce()) {
      const mode = g.scopes[category];
      if (!mode || !g.divisions.some((d) => covers(d, division))) continue;
      if (mode === "FULL") return { mode };
      best = { mode };
    }
    return best;
  }

  locate(division: string): boolean {
    return this.jurisdiction(division) || this.inForce().some((g) => Object.keys(g.scopes).length > 0 && g.divisions.some((d) => covers(d, division)));
  }

  /** The requirement as the policy table gives it (any group; every category of the group). */
  meets(requirement: Requirement, division: string): Decision | null {
    if (requirement === LOCATOR) return this.locate(division) ? { mode: "FULL" } : null;
    let best: Decision | null = null;
    for (const group of requirement) {
      const ds = group.map((c) => this.decide(division, c));
      if (ds.some((d) => !d)) continue;
      const mode = ds.some((d) => d!.mode === "MASKED") ? "MASKED" : "FULL";
      if (mode === "FULL") return { mode };
      best = { mode };
    }
    return best;
  }

  /** Rows of a row type the caller may see (jurisdiction: all; otherwise the table's rule). */
  rowVisible(type: string, division: string, row: Record<string, unknown>): boolean {
    if (this.jurisdiction(division)) return true;
    const rule: RowRule | undefined = DISCLOSURE_POLICY[type]?.outsiders;
    if (!rule || rule === "all") return true;
    if (rule === "none") return false;
    const conds = "anyOf" in rule ? rule.anyOf : [rule];
    return conds.some((c) => Object.entries(c).every(([k, vs]) => (vs as readonly unknown[]).includes(row[k])));
  }

  /** Every division the caller may list any family of (for counts). */
  listable(division: string, category?: DataCategory): boolean {
    return category ? this.decide(division, category) !== null : this.locate(division);
  }
}

// --- masks as the contract README states them (R8.5) ----------------------------------------------
export const mask = {
  name: (v: string) => maskName(v),
  idNumber: (v: string) => `${v.slice(0, 6)}********${v.slice(-4)}`,
  amountBand: (v: number) => Math.floor(v / 10000) * 10000,
  prefecture: (v: string) => `${v.slice(0, 4)}00`,
  address: (v: string) => [...v].slice(0, 6).join("") + ([...v].length > 6 ? "****" : ""),
  redact: () => REDACTED_TEXT,
};
