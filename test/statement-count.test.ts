// Efficiency from the start: a page of N families with members, tenancy and judicial records
// costs a number of SQL statements that does not grow with N (DataLoaders, batched _entities).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StatementCounter } from "../src/db/orm";
import { seedDemoData } from "../src/seed/seed";
import { SUBGRAPHS, type SubgraphName } from "../src/config";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";

const PAGE = /* GraphQL */ `
  query FamilyPage($first: Int!) {
    families(first: $first) {
      totalCount
      edges {
        node {
          id
          division { code name }
          applicant { name idNumber }
          members { name idNumber relation }
          household { size }
          tenancy { unitAddress monthsInArrears monthsVacant rentLedger { month amountPaid } occupancyChecks { checkedOn } warnings { kind } }
          judicial { caseNumber kind decidedOn }
        }
      }
    }
  }
`;

interface Page {
  families: { totalCount: number; edges: { node: { members: unknown[]; tenancy: unknown; judicial: unknown[] } }[] };
}

describe.each<DbKind>(["postgres", "pglite"])("SQL statements per page on %s", (kind) => {
  let t: TestHub;
  const counters = Object.fromEntries(SUBGRAPHS.map((n) => [n, new StatementCounter(true)])) as Record<SubgraphName, StatementCounter>;

  beforeAll(async () => {
    t = await startTestHub(kind, { dbOptions: (n) => ({ counter: counters[n] }) });
    const { archive, housing, judicial } = t.hub.dbs;
    await seedDemoData({ archive: archive!.orm.em.fork(), housing: housing!.orm.em.fork(), judicial: judicial!.orm.em.fork() }, { families: 400, seed: 7, today: "2026-11-01" });
  });
  afterAll(async () => t?.close());

  async function measure(first: number) {
    for (const c of Object.values(counters)) c.reset();
    const res = await t.gql<Page>(PAGE, { first }, t.token("HA-420000", ["AUDITOR"]));
    expect(res.errors).toBeUndefined();
    const statements = Object.fromEntries(SUBGRAPHS.map((n) => [n, counters[n].count])) as Record<SubgraphName, number>;
    return { res, statements };
  }

  it("is the same for 10 and for 100 families", async () => {
    // The first request of the organisation reads its permissions; later ones may take the
    // gateway's notified copy (R8.2): measured after it, both pages take the same path.
    await measure(1);
    const ten = await measure(10);
    const hundred = await measure(100);
    expect(ten.res.data!.families.edges).toHaveLength(10);
    expect(hundred.res.data!.families.edges).toHaveLength(100);
    const nodes = hundred.res.data!.families.edges.map((e) => e.node);
    // the page really reached every subgraph
    expect(nodes.every((n) => n.members.length >= 1)).toBe(true);
    expect(nodes.filter((n) => n.tenancy !== null).length).toBeGreaterThan(30);
    expect(nodes.filter((n) => n.judicial.length > 0).length).toBeGreaterThan(0);
    console.log(`[statement-count:${kind}] 10 families: ${JSON.stringify(ten.statements)}; 100 families: ${JSON.stringify(hundred.statements)}`);
    expect(hundred.statements).toEqual(ten.statements);
    for (const n of SUBGRAPHS) expect(ten.statements[n]).toBeGreaterThan(0);
    const total = Object.values(hundred.statements).reduce((a, b) => a + b, 0);
    // 8 for the page itself, plus per request: at most 1 permission look-up (none when the
    // gateway's notified copy answers; R8.2) and 5 for the audit append (begin, lock the chain
    // head, insert, move the head, commit; R8.3).
    expect(total).toBeLessThanOrEqual(12 + 6);
  });
});
