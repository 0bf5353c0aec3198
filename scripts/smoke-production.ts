// Production smoke test (CI, .ci/run): the README's production recipe, literally, on this
// machine's PostgreSQL and Redis, as a managed PostgreSQL would run it — nobody superuser:
//   1. the administrator's SQL (deploy/postgres-roles.sql): roles hub_owner, hub_runtime, hub_app
//   2. `hub migrate` as the owner role
//   3. `hub seed` as the runtime role while nothing else runs (the hub's audited system scope)
//   4. the four `hub serve` processes, HUB_MODE=production, tokens from an identity provider (JWKS)
//   5. the contract operations: staff list, a partner's masked list after a grant, creditCheck,
//      an OPERATOR's write (and one outside its jurisdiction refused), `hub audit verify`
//   6. no connection left in a transaction; SIGTERM stops every service within 10 s
// Usage: node dist/scripts/smoke-production.js [--root <a checkout with dist/>]
// (HUB_SMOKE_PG, default postgres://postgres@127.0.0.1:5432 — the administrator; REDIS_URL.)
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { freePort } from "./free-port";
import path from "node:path";
import { Client } from "pg";
import { startTestIdp } from "./test-idp";
import fs from "node:fs";
import { parse, print, type OperationDefinitionNode } from "graphql";

/** An operation of the consumer contract, exactly as consumers send it. */
function contractOperation(name: string): string {
  const doc = parse(fs.readFileSync(path.join(root, "schema/contract/operations.graphql"), "utf8"));
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === "OperationDefinition" && d.name?.value === name);
  if (!op) throw new Error(`the contract has no ${name}`);
  return print(op);
}

const args = process.argv.slice(2);
const root = path.resolve(args.includes("--root") ? args[args.indexOf("--root") + 1] : path.join(__dirname, "..", ".."));
const cli = path.join(root, "dist/src/cli/hub.js");
const ADMIN = process.env.HUB_SMOKE_PG ?? "postgres://postgres@127.0.0.1:5432";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const DB = "hub_smoke";
const started = Date.now();
const step = (msg: string) => console.log(`[smoke ${((Date.now() - started) / 1000).toFixed(1)} s] ${msg}`);

function fail(msg: string): never {
  throw new Error(`production smoke test failed: ${msg}`);
}

async function main() {
  // --- 1. the administrator's SQL ---------------------------------------------------------------
  const admin = new Client({ connectionString: `${ADMIN}/postgres` });
  await admin.connect();
  await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [DB]);
  await admin.query(`drop database if exists "${DB}"`);
  await admin.end();
  execFileSync("psql", [`${ADMIN}/postgres`, "-q", "-v", "ON_ERROR_STOP=1", "-v", `dbname=${DB}`, "-v", "owner_password=smoke-owner", "-v", "runtime_password=smoke-runtime", "-f", path.join(root, "deploy/postgres-roles.sql")], { stdio: "inherit" });
  const base = new URL(ADMIN);
  const urlAs = (role: string, password: string) => `postgres://${role}:${password}@${base.host}/${DB}`;
  const roles = new Client({ connectionString: `${ADMIN}/postgres` });
  await roles.connect();
  const r = (await roles.query(`select rolname, rolsuper, rolbypassrls, rolcreaterole from pg_roles where rolname in ('hub_owner', 'hub_runtime', 'hub_app') order by rolname`)).rows;
  await roles.end();
  if (r.length !== 3 || r.some((x) => x.rolsuper || x.rolbypassrls)) fail(`roles ${JSON.stringify(r)}`);
  step("roles and database created (no role is superuser or BYPASSRLS)");

  // --- identity provider, keys, ports -------------------------------------------------------------
  const idp = await startTestIdp("hubei-credit-hub", "hubei-credit-hub-api");
  const ports = { gateway: await freePort(), archive: await freePort(), housing: await freePort(), judicial: await freePort() };
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    VITEST: "",
    HUB_MODE: "production",
    HUB_JWKS_URL: idp.url,
    HUB_JWT_AUDIENCE: idp.audience,
    HUB_SUBGRAPH_KEYS: `k1:${randomBytes(32).toString("base64url")}`,
    REDIS_URL,
    HUB_LOG_LEVEL: "warn",
    PORT: String(ports.gateway),
    ARCHIVE_PORT: String(ports.archive),
    HOUSING_PORT: String(ports.housing),
    JUDICIAL_PORT: String(ports.judicial),
  };
  const hub = (cmd: string[], databaseUrl: string) => execFileSync(process.execPath, [cli, ...cmd], { cwd: root, env: { ...env, DATABASE_URL: databaseUrl }, encoding: "utf8" });

  // --- 2. migrate as the owner; 3. seed as the runtime role ---------------------------------------
  console.log(hub(["migrate"], urlAs("hub_owner", "smoke-owner")).trim());
  step("migrated as hub_owner");
  const runtime = urlAs("hub_runtime", "smoke-runtime");
  console.log(hub(["seed", "--families", "300"], runtime).trim());
  step("seeded as hub_runtime under the system scope");

  // --- 4. the four services ---------------------------------------------------------------------------
  const children: { name: string; child: ChildProcess; out: string[] }[] = [];
  const servicesStarted = Date.now();
  for (const name of ["archive", "housing", "judicial", "gateway"]) {
    const out: string[] = [];
    const child = spawn(process.execPath, [cli, "serve", name], { cwd: root, env: { ...env, DATABASE_URL: runtime }, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d) => out.push(String(d)));
    child.stderr!.on("data", (d) => out.push(String(d)));
    children.push({ name, child, out });
  }
  const gw = `http://127.0.0.1:${ports.gateway}`;
  try {
    for (;;) {
      for (const c of children) if (c.child.exitCode !== null) fail(`${c.name} exited ${c.child.exitCode}: ${c.out.join("")}`);
      const ready = await fetch(`${gw}/ready`).then((res) => res.status).catch(() => 0);
      if (ready === 200) break;
      if (Date.now() - servicesStarted > 90_000) fail(`not ready: ${await fetch(`${gw}/ready`).then((x) => x.text()).catch(String)}`);
      await new Promise((res) => setTimeout(res, 250));
    }
    step(`the four services are ready in ${((Date.now() - servicesStarted) / 1000).toFixed(1)} s (production mode, runtime role)`);

    // --- 5. the contract operations ------------------------------------------------------------------
    const gql = async (query: string, variables: Record<string, unknown>, claims: { sub: string; org: string; roles: string[] }) => {
      const res = await fetch(`${gw}/graphql`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${idp.sign(claims)}` }, body: JSON.stringify({ query, variables }) });
      return { status: res.status, ...((await res.json()) as { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] }) };
    };
    const staff = { sub: "smoke-staff", org: "HA-420100", roles: ["AUDITOR"] };
    // Its own city: the standing cross-city permissions (R6.2) also show other cities' entries, without identity.
    const list = await gql(`query CreditList($kind: ListKind!, $first: Int!, $division: String) { creditList(kind: $kind, first: $first, divisionCode: $division) { totalCount edges { node { family { id division { code } applicant { name idNumber } } } } } }`, { kind: "WARNING", first: 20, division: "420100" }, staff);
    const listed = (list.data?.creditList as { totalCount: number; edges: { node: { family: { applicant: { idNumber: string } } } }[] } | undefined);
    if (list.errors || !listed || listed.totalCount === 0) fail(`staff list: ${JSON.stringify(list).slice(0, 400)}`);
    if (!listed.edges.every((e) => /^\d{17}[\dX]$/.test(e.node.family.applicant.idNumber))) fail("staff should see full ID numbers");
    step(`staff list: ${listed.totalCount} Wuhan warning-list entries, in full`);

    const adminClaims = { sub: "smoke-admin", org: "HA-420100", roles: ["ADMIN"] };
    const reg = await gql(`mutation RegisterOrganization($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { code } }`, { input: { code: "PT-420100-SMOKE", name: "冒烟测试合作部门", kind: "PARTNER", level: "CITY", divisionCode: "420100" } }, adminClaims);
    if (reg.errors) fail(`register: ${JSON.stringify(reg.errors)}`);
    const grant = await gql(
      `mutation GrantSharingPermission($input: GrantSharingPermissionInput!) { grantSharingPermission(input: $input) { id } }`,
      { input: { documentNumber: "鄂武住保许〔2026〕冒烟1号", granteeCode: "PT-420100-SMOKE", purpose: "冒烟测试", scopes: [{ category: "LISTS", mode: "FULL" }, { category: "IDENTITY", mode: "MASKED" }, { category: "CREDIT", mode: "FULL" }], divisionCodes: ["420100"], validFrom: new Date(Date.now() - 60_000).toISOString(), validUntil: new Date(Date.now() + 86_400_000).toISOString() } },
      adminClaims,
    );
    if (grant.errors) fail(`grant: ${JSON.stringify(grant.errors)}`);
    const partner = { sub: "smoke-partner", org: "PT-420100-SMOKE", roles: ["CONSUMER"] };
    const masked = await gql(`query CreditList($kind: ListKind!, $first: Int!) { creditList(kind: $kind, first: $first) { totalCount edges { node { family { applicant { name idNumber } } } } } }`, { kind: "WARNING", first: 20 }, partner);
    const partnerList = masked.data?.creditList as { totalCount: number; edges: { node: { family: { applicant: { idNumber: string } } } }[] } | undefined;
    if (masked.errors || !partnerList || partnerList.totalCount !== listed.totalCount) fail(`partner list: ${JSON.stringify(masked).slice(0, 400)}`);
    if (!partnerList.edges.every((e) => /^\d{6}\*{8}[\dX]{4}$/.test(e.node.family.applicant.idNumber))) fail("the partner must see masked ID numbers only");
    step("partner list after a grant: the same entries, ID numbers masked");

    const db = new Client({ connectionString: `${ADMIN}/${DB}` });
    await db.connect();
    const { rows: members } = await db.query(`select m.id_number from archive.family_member m join archive.family f on f.id = m.family_id where f.division_code like '4201%' limit 1`);
    const check = await gql(`query CreditCheck($idNumber: String!) { creditCheck(idNumber: $idNumber) { found score tier } }`, { idNumber: members[0].id_number }, partner);
    if (check.errors || (check.data?.creditCheck as { found: boolean }).found !== true) fail(`creditCheck: ${JSON.stringify(check)}`);
    step("creditCheck by the partner: found");

    const operator = { sub: "smoke-operator", org: "HA-420100", roles: ["OPERATOR"] };
    const { rows: fam } = await db.query(`select id, division_code from archive.family where division_code like '4201%' order by id limit 1`);
    const { rows: other } = await db.query(`select id from archive.family where division_code like '4206%' order by id limit 1`);
    const update = `mutation($id: ID!, $input: UpdateFamilyInput!) { updateFamily(id: $id, input: $input, reason: "冒烟测试：更新经济状况") { id economic { annualIncome } } }`;
    const wrote = await gql(update, { id: fam[0].id, input: { economic: { annualIncome: 54321, propertyCount: 0 } } }, operator);
    if (wrote.errors) fail(`operator write: ${JSON.stringify(wrote.errors)}`);
    const { rows: after } = await db.query(`select annual_income from archive.family where id = $1`, [fam[0].id]);
    if (Number(after[0].annual_income) !== 54321) fail("the write was not stored");
    const outside = await gql(update, { id: other[0].id, input: { economic: { annualIncome: 1, propertyCount: 0 } } }, operator);
    if (outside.errors?.[0]?.extensions?.code !== "FORBIDDEN") fail(`a write outside the jurisdiction: ${JSON.stringify(outside)}`);
    step("OPERATOR write stored under row-level security; outside its jurisdiction FORBIDDEN");

    // Intake (issue 14) across the separate processes: the housing and judicial services ask the
    // archive service (signed internal calls) for the applicants' families and the department's kind.
    const { rows: applicant } = await db.query(`select m.id_number, f.division_code from archive.family_member m join archive.family f on f.id = m.family_id where f.id = $1 and m.relation = '本人'`, [fam[0].id]);
    const REPORT = "inserted updated unchanged rejected written problems { row field code }";
    const tenancy = await gql(
      `mutation($rows: [TenancyIntakeRow!]!) { importTenancies(sourceSystem: "SMOKE", rows: $rows) { ${REPORT} } }`,
      { rows: [{ sourceId: "SMOKE-HT-1", applicantIdNumber: applicant[0].id_number, divisionCode: applicant[0].division_code, unitAddress: "武汉市冒烟测试小区1栋101室", leaseStart: "2025-01-01", leaseEnd: "2027-12-31", monthlyRent: "480" }] },
      operator,
    );
    const tenancyReport = tenancy.data?.importTenancies as { inserted: number; updated: number } | undefined;
    if (tenancy.errors || !tenancyReport || tenancyReport.inserted + tenancyReport.updated !== 1) fail(`importTenancies: ${JSON.stringify(tenancy).slice(0, 400)}`);
    const ledger = await gql(
      `mutation($rows: [RentLedgerIntakeRow!]!) { importRentLedger(sourceSystem: "SMOKE", rows: $rows) { ${REPORT} } }`,
      { rows: [{ tenancySourceId: "SMOKE-HT-1", month: "2025-02", amountDue: "480", amountPaid: "480", paidOn: "2025-02-05" }] },
      operator,
    );
    if (ledger.errors || (ledger.data?.importRentLedger as { rejected: number }).rejected !== 0) fail(`importRentLedger: ${JSON.stringify(ledger).slice(0, 400)}`);
    const dept = await gql(`mutation RegisterOrganization($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { code } }`, { input: { code: "DP-420100-SMOKE", name: "冒烟测试法院", kind: "DEPARTMENT", level: "CITY", divisionCode: "420100" } }, adminClaims);
    if (dept.errors) fail(`register department: ${JSON.stringify(dept.errors)}`);
    const court = { sub: "smoke-court", org: "DP-420100-SMOKE", roles: ["OPERATOR"] };
    const judgment = await gql(
      `mutation($rows: [JudicialIntakeRow!]!) { importJudicialRecords(kind: JUDGMENT, sourceSystem: "SMOKE", rows: $rows) { ${REPORT} } }`,
      { rows: [{ sourceId: "SMOKE-J-1", idNumber: applicant[0].id_number, caseNumber: "（2026）鄂0102民初冒烟1号", authority: "冒烟测试法院", decidedOn: "2026-01-10", summary: "房屋租赁合同纠纷（冒烟测试）" }] },
      court,
    );
    if (judgment.errors || (judgment.data?.importJudicialRecords as { inserted: number }).inserted !== 1) fail(`importJudicialRecords: ${JSON.stringify(judgment).slice(0, 400)}`);
    const leads = await gql(`query { judicialLeads { totalCount edges { node { caseNumber familyId } } } }`, {}, { sub: "smoke-identifier", org: "HA-420100", roles: ["IDENTIFIER"] });
    const offered = (leads.data?.judicialLeads as { edges: { node: { caseNumber: string; familyId: string } }[] } | undefined)?.edges ?? [];
    if (leads.errors || !offered.some((e) => e.node.familyId === fam[0].id)) fail(`judicialLeads: ${JSON.stringify(leads).slice(0, 400)}`);
    step("intake through separate services as the runtime role: a tenancy, a ledger line, a court's judgment offered as a lead");

    // The anonymous public list (a SECURITY DEFINER function of the owner role, masked in the database).
    const publicList = await fetch(`${gw}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: contractOperation("PublicList"), variables: { kind: "WARNING", divisionCode: "420100", first: 10 } }),
    }).then((x) => x.json() as Promise<{ data?: { publicList: { totalCount: number; edges: { node: { maskedIdNumber: string } }[] } }; errors?: unknown }>);
    if (publicList.errors || !publicList.data || publicList.data.publicList.totalCount !== listed.totalCount) fail(`public list: ${JSON.stringify(publicList).slice(0, 300)}`);
    if (!publicList.data.publicList.edges.every((e) => /^\d{6}\*{8}[\dX]{4}$/.test(e.node.maskedIdNumber))) fail("the public list must be masked");
    step("anonymous public list: the same entries, masked");

    // A service started as the owner role (it could run DDL) is refused in production.
    try {
      execFileSync(process.execPath, [cli, "serve", "archive"], { cwd: root, env: { ...env, DATABASE_URL: urlAs("hub_owner", "smoke-owner"), ARCHIVE_PORT: "0" }, encoding: "utf8", stdio: "pipe", timeout: 30_000 });
      fail("the archive started as the owner role");
    } catch (e) {
      const out = String((e as { stderr?: string }).stderr ?? "");
      if (!/不符合最小权限要求/.test(out)) fail(`the owner role was not refused for the right reason: ${out}`);
    }
    step("a service connecting as the owner role is refused (least privilege)");

    const verify = hub(["audit", "verify"], runtime);
    if (!/审计记录哈希链完整/.test(verify)) fail(`audit verify: ${verify}`);
    step(verify.trim());

    // --- 6. no connection left in a transaction; SIGTERM within 10 s -----------------------------------
    const { rows: stuck } = await db.query(`select state, usename from pg_stat_activity where datname = $1 and state like 'idle in transaction%'`, [DB]);
    await db.end();
    if (stuck.length) fail(`connections left in a transaction: ${JSON.stringify(stuck)}`);
    const stopStarted = Date.now();
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`${c.name} did not stop within 10 s`)), 10_000);
            c.child.once("exit", (code) => {
              clearTimeout(timer);
              if (code === 0) resolve();
              else reject(new Error(`${c.name} exited ${code}: ${c.out.join("")}`));
            });
            c.child.kill("SIGTERM");
          }),
      ),
    );
    step(`SIGTERM: every service stopped in ${((Date.now() - stopStarted) / 1000).toFixed(1)} s`);
  } finally {
    for (const c of children) if (c.child.exitCode === null) c.child.kill("SIGKILL");
    await idp.close();
  }
  step("production smoke test passed");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
