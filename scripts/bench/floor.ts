// The benchmark's floor (issue 12): the SQL each workload needs, served as JSON over plain
// `node:http` + `pg` — no GraphQL, no authorization, no audit. Every engine is compared with it.
//   DATABASE_URL=… PORT=… node dist/scripts/bench/floor.js
import http from "node:http";
import { Pool } from "pg";
// The same socket writes as the hub's services (src/db/pg-cork.ts): a fair floor.
import "../../src/db/pg-cork";

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BENCH_POOL_MAX ?? 20) });

const TENANCY = `select t."family_id", t."unit_address", t."lease_start",
       count(*) filter (where l."amount_paid" < l."amount_due") as months_in_arrears
  from "housing"."tenancy" t left join "housing"."rent_ledger_entry" l on l."tenancy_id" = t."id"
 where t."family_id" = any($1::uuid[]) group by t."id"`;

function cursorOf(after: unknown): unknown[] | null {
  return typeof after === "string" ? (JSON.parse(Buffer.from(after, "base64url").toString()) as unknown[]) : null;
}

const handlers: Record<string, (v: Record<string, unknown>) => Promise<unknown>> = {
  // creditCheck: the member's family, its score, its list entries.
  "/credit-check": async (v) => {
    const f = await pool.query(
      `select f."id", f."division_code", c."score", c."tier" from "archive"."family_member" m join "archive"."family" f on f."id" = m."family_id"
         left join "archive"."family_credit" c on c."family_id" = f."id" where m."id_number" = $1`,
      [v.idNumber],
    );
    if (!f.rows[0]) return { found: false };
    const lists = await pool.query(`select "kind", "status", "since", "until" from "archive"."list_entry" where "family_id" = $1 and "status" = 'LISTED'`, [f.rows[0].id]);
    return { found: true, family: f.rows[0], lists: lists.rows };
  },
  // 50 families after a cursor, with members, tenancy figures and judicial records.
  "/families": async (v) => {
    const cursor = cursorOf(v.after);
    const families = await pool.query(
      `select "id", "division_code" from "archive"."family" where ($1::uuid is null or "id" > $1::uuid) order by "id" limit 51`,
      [cursor?.[0] ?? null],
    );
    const ids = families.rows.slice(0, 50).map((r) => r.id as string);
    const [members, tenancies] = await Promise.all([
      pool.query(`select "family_id", "name", "id_number", "relation" from "archive"."family_member" where "family_id" = any($1::uuid[]) order by "family_id", "position"`, [ids]),
      pool.query(TENANCY, [ids]),
    ]);
    const judicial = await pool.query(`select "id_number", "case_number", "court", "kind", "decided_on" from "judicial"."judicial_record" where "id_number" = any($1::text[])`, [
      members.rows.map((m) => m.id_number),
    ]);
    return { families: families.rows.slice(0, 50), members: members.rows, tenancies: tenancies.rows, judicial: judicial.rows };
  },
  // creditList: 20 listed entries after a (since, id) cursor, newest first, with the total.
  "/credit-list": async (v) => {
    const cursor = cursorOf(v.after);
    const [page, total] = await Promise.all([
      pool.query(
        `select e."id", e."kind", e."status", e."since", e."until", f."id" as family_id, f."division_code", m."name", m."id_number", c."score", c."tier"
           from "archive"."list_entry" e join "archive"."family" f on f."id" = e."family_id"
           left join "archive"."family_member" m on m."family_id" = f."id" and m."position" = 0
           left join "archive"."family_credit" c on c."family_id" = f."id"
          where e."kind" = $1 and e."status" = 'LISTED' and ($2::date is null or (e."since", e."id") < ($2::date, $3::uuid))
          order by e."since" desc, e."id" desc limit 21`,
        [v.kind, cursor?.[0] ?? null, cursor?.[1] ?? null],
      ),
      pool.query(`select count(*) as n from "archive"."list_entry" where "kind" = $1 and "status" = 'LISTED'`, [v.kind]),
    ]);
    const tenancies = await pool.query(TENANCY, [page.rows.map((r) => r.family_id)]);
    return { totalCount: Number(total.rows[0].n), edges: page.rows.slice(0, 20), tenancies: tenancies.rows };
  },
  // publicList: one division's joint-punishment list, masked, 20 entries.
  "/public-list": async (v) => {
    const [page, total] = await Promise.all([
      pool.query(
        `select e."id", e."since", e."until", m."name", m."id_number" from "archive"."list_entry" e
           join "archive"."family_member" m on m."family_id" = e."family_id" and m."position" = 0
          where e."kind" = $1 and e."status" = 'LISTED' and e."division_code" like $2 || '%' order by e."since" desc, e."id" desc limit 21`,
        [v.kind, String(v.divisionCode).slice(0, 4)],
      ),
      pool.query(`select count(*) as n from "archive"."list_entry" where "kind" = $1 and "status" = 'LISTED' and "division_code" like $2 || '%'`, [v.kind, String(v.divisionCode).slice(0, 4)]),
    ]);
    return {
      totalCount: Number(total.rows[0].n),
      edges: page.rows.slice(0, 20).map((r) => ({ maskedName: `${String(r.name)[0]}*`, maskedIdNumber: `${String(r.id_number).slice(0, 6)}********${String(r.id_number).slice(14)}`, since: r.since, until: r.until })),
    };
  },
};

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const handler = handlers[req.url ?? ""];
    if (!handler) {
      res.writeHead(404).end();
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString() || "{}") as { variables?: Record<string, unknown> };
    handler(body.variables ?? {}).then(
      (data) => {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data }));
      },
      (e: Error) => {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ errors: [{ message: e.message }] }));
      },
    );
  });
});
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  console.log(`floor http ${JSON.stringify(server.address())}`);
});
process.on("SIGTERM", () => {
  server.close();
  void pool.end().then(() => process.exit(0));
});
