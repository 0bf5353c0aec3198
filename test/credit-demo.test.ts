// The demo credit data comes from the real procedures and covers, in every prefecture-level
// division, every tier, every list and every step of the joint-punishment procedure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, openSubgraphDb, type OpenedDb } from "../src/db/orm";
import { subgraphDbs } from "../src/subgraphs/registry";
import { seedDemoData } from "../src/seed/seed";
import { seedCreditDemo, stageOn, startForStage } from "../src/seed/credit-demo";
import { loadConfig } from "../src/config";
import { cityDivisions, cityOf } from "../src/domain/divisions";
import { FamilyCredit } from "../src/subgraphs/archive/entities/family-credit.entity";
import { ListEntry } from "../src/subgraphs/archive/entities/list-entry.entity";
import { CreditDocument } from "../src/subgraphs/archive/entities/credit-document.entity";

const TODAY = "2026-11-26";

describe("credit demo data", () => {
  const calendar = loadConfig({ HUB_MODE: "test" } as NodeJS.ProcessEnv).calendar;
  const dbs: OpenedDb[] = [];

  it("finds start dates for every procedure step", () => {
    for (const stage of ["REMINDED", "NOTIFIED", "PUBLICIZING", "LISTED", "REMOVED"] as const) {
      const start = startForStage(stage, TODAY, calendar);
      expect(stageOn(start, TODAY, calendar)).toBe(stage);
      expect(start < TODAY).toBe(true);
    }
  });

  describe("seeded on PGlite", () => {
    let archive: OpenedDb;
    beforeAll(async () => {
      for (const name of ["archive", "housing", "judicial"] as const) {
        const db = await openSubgraphDb(subgraphDbs[name], { kind: "pglite" });
        await migrate(db, name);
        dbs.push(db);
      }
      archive = dbs[0];
      await seedDemoData({ archive: dbs[0].orm.em.fork(), housing: dbs[1].orm.em.fork(), judicial: dbs[2].orm.em.fork() }, { families: 600, seed: 11, today: TODAY });
      await seedCreditDemo(archive.orm.em.fork(), calendar, TODAY);
    }, 300_000);
    afterAll(async () => {
      for (const db of dbs) await db.close();
    });

    it("covers every tier, list and step in every prefecture-level division", async () => {
      const em = archive.orm.em.fork();
      const credits = await em.find(FamilyCredit, {});
      const entries = await em.find(ListEntry, {});
      for (const city of cityDivisions()) {
        const inCity = (code: string) => cityOf(code)?.code === city.code;
        const tiers = new Set(credits.filter((c) => inCity(c.divisionCode)).map((c) => c.tier));
        expect([...tiers].sort(), city.name).toEqual(["MILD", "MODERATE", "SEVERE"]);
        const cityEntries = entries.filter((e) => inCity(e.divisionCode));
        const active = new Set(cityEntries.filter((e) => e.status !== "REMOVED").map((e) => `${e.kind}:${e.status}`));
        for (const k of ["WARNING:LISTED", "KEY_ATTENTION:LISTED", "JOINT_PUNISHMENT:PRELIMINARY", "JOINT_PUNISHMENT:PUBLICIZING", "JOINT_PUNISHMENT:LISTED"]) expect(active, `${city.name} ${k}`).toContain(k);
        const steps = new Set(cityEntries.filter((e) => e.kind === "JOINT_PUNISHMENT").map((e) => e.step));
        expect([...steps].sort(), city.name).toEqual(["LISTED", "NOTIFIED", "PUBLICIZING", "REMINDED", "REMOVED"]);
      }
      // every step left its dated document
      const docs = await em.find(CreditDocument, { kind: "LISTING_DECISION" });
      expect(docs.length).toBeGreaterThanOrEqual(2 * 17);
    });
  });
});
