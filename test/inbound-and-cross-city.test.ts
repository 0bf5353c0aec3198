// Issue 14 parts 5 and 6, end to end through the gateway on real PostgreSQL (and the cross-city
// check on PGlite too):
// - inbound lists (R6.7, R8.2, R8.3, R8.4): a listing pushed by the national platform or another
//   province with a valid signature appears in creditCheck.externalListings for a caller who may
//   see LISTS of the person's family, not for one who may not; bad signatures, stale or replayed
//   requests and malformed payloads are refused with nothing stored; the sender's removal makes it
//   disappear (the row kept); it never changes the family's score, tier, lists or measures;
// - cross-city checks (R6.2, R8.1, R8.2): the standing permissions every city grants the other 16
//   let Wuhan's authority check a Yichang-listed applicant, audited with the permission's 文号;
// - concurrent callers with different rights each get only their own answer.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/domain/clock";
import { shanghaiDate } from "../src/domain/credit/dates";
import { seedDemoData } from "../src/seed/seed";
import { seedCreditDemo } from "../src/seed/credit-demo";
import { seedCrossCityPermissions } from "../src/seed/cross-city-permissions";
import { crossCityDocumentNumber } from "../src/domain/cross-city";
import { signBatch } from "../src/auth/batch-signature";
import { verifyAuditChain } from "../src/subgraphs/archive/sharing/audit.service";
import { startTestHub, type DbKind, type TestHub } from "./support/test-hub";

const MOHURD = { code: "NATIONAL-MOHURD", kid: "mohurd-t", secret: randomBytes(32).toString("base64url") };
const HUNAN = { code: "HA-430000", kid: "hunan-t", secret: randomBytes(32).toString("base64url") };
const SENDERS_ENV = { HUB_INBOUND_SENDERS: `${MOHURD.code}=${MOHURD.kid}:${MOHURD.secret},${HUNAN.code}=${HUNAN.kid}:${HUNAN.secret}` };

const CHECK = /* GraphQL */ `
  query CreditCheckExternal($idNumber: String!) {
    creditCheck(idNumber: $idNumber) {
      found
      family { id division { code } }
      score
      tier
      lists { kind status since until }
      measures { code name }
      suspendedByObjection
      externalListings { senderCode senderName kind listedOn listedUntil decisionNumber reason authorityName }
    }
  }
`;

interface External {
  senderCode: string;
  senderName: string;
  kind: string;
  listedOn: string;
  listedUntil: string | null;
  decisionNumber: string;
  reason: string;
  authorityName: string;
}
interface Check {
  creditCheck: {
    found: boolean;
    family: { id: string; division: { code: string } } | null;
    score: number | null;
    tier: string | null;
    lists: { kind: string; status: string }[] | null;
    measures: { code: string }[] | null;
    suspendedByObjection: boolean | null;
    externalListings: External[] | null;
  } | null;
}

type Sender = typeof MOHURD;

function daysFrom(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);
}

/** A listing item in the hub's own push format (batchBody), with `listing` = OutboxItem.national. */
function item(sender: Sender, o: { decisionNumber: string; subject: { name: string; idNumber: string }; listedOn: string; listedUntil: string; reason?: string; removedOn?: string; at?: string }) {
  return {
    sequence: "1",
    at: o.at ?? new Date().toISOString(),
    kind: "JOINT_PUNISHMENT",
    action: o.removedOn ? "REMOVED" : "ADDED",
    status: o.removedOn ? "REMOVED" : "LISTED",
    divisionCode: sender.code === HUNAN.code ? "430100" : "110000",
    since: o.listedOn,
    until: o.listedUntil,
    listing: {
      reason: o.reason ?? "LISTED",
      subjects: [{ name: o.subject.name, idNumber: o.subject.idNumber, relation: "本人" }],
      behaviors: [{ code: "B01", name: "以虚假材料骗取公租房", occurredOn: daysFrom(o.listedOn, -200), legalBasis: "《公共租赁住房管理办法》第三十五条" }],
      basis: ["R6.3(1)"],
      decisionNumber: o.decisionNumber,
      listedOn: o.listedOn,
      listedUntil: o.listedUntil,
      removedOn: o.removedOn ?? null,
      removalReason: o.removedOn ? "列入期限届满" : null,
      authorityCode: sender.code === HUNAN.code ? "HA-430100" : "MOHURD",
      authorityName: sender.code === HUNAN.code ? "长沙市住房保障服务中心" : "住房和城乡建设部",
    },
  };
}

function batch(sender: Sender, items: unknown[], extra: Record<string, unknown> = {}) {
  return { batchId: `${sender.code}-${randomBytes(6).toString("hex")}`, destination: "HUBEI", source: sender.code, nonce: randomBytes(16).toString("hex"), count: items.length, items, ...extra };
}

describe.each<DbKind>(["postgres", "pglite"])("inbound lists and cross-city checks (%s)", (kind) => {
  let t: TestHub;
  const clock = new ManualClock(new Date());
  let today: string;
  let base: string;
  const sql = <T = Record<string, unknown>>(q: string, p: unknown[] = []) => t.hub.dbs.archive!.orm.em.fork().getConnection().execute(q, p) as Promise<T[]>;
  const check = (idNumber: string, token: string) => t.gql<Check>(CHECK, { idNumber }, token);
  const rows = async () => Number((await sql<{ n: string }>(`select count(*) as n from archive.external_listing`))[0].n);
  const post = (body: string, signature: string | null) =>
    fetch(`${base}/inbound/listings`, { method: "POST", headers: { "content-type": "application/json", ...(signature ? { "x-hub-batch-signature": signature } : {}) }, body });
  const push = async (sender: Sender, payload: unknown, ts = Math.floor(Date.now() / 1000)) => {
    const body = JSON.stringify(payload);
    const res = await post(body, signBatch(body, sender.kid, sender.secret, ts));
    return { status: res.status, json: (await res.json()) as Record<string, unknown>, body, signature: signBatch(body, sender.kid, sender.secret, ts) };
  };

  let wuhanPerson: { familyId: string; name: string; idNumber: string };
  let yichangListed: { familyId: string; name: string; idNumber: string };
  let wuhanStaff: string;
  let yichangStaff: string;
  let wuhanDistrict: string;
  let partner: string;
  let province: string;
  let wuhanAdmin: string;
  const decision = "建保惩〔2026〕第0001号";

  beforeAll(async () => {
    // A database of its own: other files running at the same time on this worker id drop the shared one's schemas.
    t = await startTestHub(kind, { clock, env: SENDERS_ENV, databaseTag: "inbound" });
    base = new URL(t.url).origin;
    const { archive, housing, judicial } = t.hub.dbs;
    today = shanghaiDate(clock.now());
    await seedDemoData({ archive: archive!.orm.em.fork(), housing: housing!.orm.em.fork(), judicial: judicial!.orm.em.fork() }, { families: 200, seed: 14, today });
    await seedCreditDemo(archive!.orm.em.fork(), t.config.calendar, today);
    const issued = await seedCrossCityPermissions(archive!.orm.em.fork(), clock.now());
    expect(issued).toEqual({ issued: 272, existing: 0 });
    // A Wuhan applicant without any list entry of ours, and a Yichang applicant on our joint-punishment list.
    [wuhanPerson] = (
      await sql<{ family_id: string; name: string; id_number: string }>(
        `select m.family_id, m.name, m.id_number from archive.family_member m join archive.family f on f.id = m.family_id
          where f.division_code like '4201%' and m.relation = '本人' and not exists (select 1 from archive.list_entry e where e.family_id = f.id)
            and not exists (select 1 from archive.credit_record r where r.family_id = f.id) order by m.id_number limit 1`,
      )
    ).map((r) => ({ familyId: r.family_id, name: r.name, idNumber: r.id_number }));
    [yichangListed] = (
      await sql<{ family_id: string; name: string; id_number: string }>(
        `select m.family_id, m.name, m.id_number from archive.family_member m join archive.list_entry e on e.family_id = m.family_id
          where e.division_code like '4205%' and e.kind = 'JOINT_PUNISHMENT' and e.status = 'LISTED' and m.relation = '本人' order by m.id_number limit 1`,
      )
    ).map((r) => ({ familyId: r.family_id, name: r.name, idNumber: r.id_number }));
    wuhanStaff = t.token("HA-420100", ["OPERATOR"], "wuhan-clerk");
    wuhanAdmin = t.token("HA-420100", ["ADMIN"], "wuhan-admin");
    yichangStaff = t.token("HA-420500", ["OPERATOR"], "yichang-clerk");
    wuhanDistrict = t.token("HA-420102", ["OPERATOR"], "jiangan-clerk");
    partner = t.token("PT-420100-MZ", ["CONSUMER"], "mz-clerk");
    province = t.token("PT-420000-GA", ["CONSUMER"], "ga-clerk");
  }, 600_000);
  afterAll(async () => t?.close());

  it("has the people the cases need", () => {
    expect(wuhanPerson?.idNumber).toMatch(/^4201/);
    expect(yichangListed?.idNumber).toMatch(/^\d{17}[\dX]$/);
  });

  let before: NonNullable<Check["creditCheck"]>;

  it("stores a signed national listing and shows it apart in creditCheck, for the family's authority", async () => {
    before = (await check(wuhanPerson.idNumber, wuhanStaff)).data!.creditCheck!;
    expect(before).toMatchObject({ found: true, externalListings: [] });
    const scoreRows = await sql(`select * from archive.family_credit where family_id = ?`, [wuhanPerson.familyId]);
    const changes = await sql<{ n: string }>(`select count(*) as n from archive.list_change`);

    const listedOn = daysFrom(today, -30);
    const listedUntil = daysFrom(today, 3 * 365);
    const r = await push(MOHURD, batch(MOHURD, [item(MOHURD, { decisionNumber: decision, subject: wuhanPerson, listedOn, listedUntil })]));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ ok: true, received: 1, created: 1, updated: 0, removed: 0, unchanged: 0, duplicate: false });

    const after = await check(wuhanPerson.idNumber, wuhanStaff);
    expect(after.errors).toBeUndefined();
    expect(after.data!.creditCheck).toEqual({
      ...before,
      externalListings: [
        {
          senderCode: "NATIONAL-MOHURD",
          senderName: "中华人民共和国住房和城乡建设部（全国信用信息共享平台）",
          kind: "JOINT_PUNISHMENT",
          listedOn,
          listedUntil,
          decisionNumber: decision,
          reason: "失信行为：以虚假材料骗取公租房（B01）；列入情形：R6.3(1)",
          authorityName: "住房和城乡建设部",
        },
      ],
    });
    // Never counted: score, tier, lists, measures as before; no score row or list change of ours touched.
    expect(await sql(`select * from archive.family_credit where family_id = ?`, [wuhanPerson.familyId])).toEqual(scoreRows);
    expect(await sql<{ n: string }>(`select count(*) as n from archive.list_change`)).toEqual(changes);
    const publicList = await t.gql<{ creditList: { totalCount: number; edges: { node: { family: { id: string } } }[] } }>(
      `{ creditList(kind: JOINT_PUNISHMENT, divisionCode: "420100", first: 500) { totalCount edges { node { family { id } } } } }`,
      {},
      wuhanStaff,
    );
    expect(publicList.data!.creditList.edges.map((e) => e.node.family.id)).not.toContain(wuhanPerson.familyId);
    // R8.3: the receipt is on the record, and the chain holds.
    const [audit] = await sql<{ kind: string; org_code: string; outcome: string; detail: { batchId: string; created: number } }>(
      `select kind, org_code, outcome, detail from archive.audit_entry where kind = 'INBOUND' order by seq desc limit 1`,
    );
    expect(audit).toMatchObject({ kind: "INBOUND", org_code: "NATIONAL-MOHURD", outcome: "RECEIVED", detail: { created: 1 } });
    expect((await verifyAuditChain(t.hub.dbs.archive!.orm.em.fork())).ok).toBe(true);
  });

  it("is idempotent: the same batch again (new nonce and signature) changes nothing", async () => {
    const n = await rows();
    const again = await push(MOHURD, batch(MOHURD, [item(MOHURD, { decisionNumber: decision, subject: wuhanPerson, listedOn: daysFrom(today, -30), listedUntil: daysFrom(today, 3 * 365) })]));
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ ok: true, received: 1, created: 0, updated: 0, unchanged: 1, duplicate: true });
    const payload = batch(MOHURD, [item(MOHURD, { decisionNumber: decision, subject: wuhanPerson, listedOn: daysFrom(today, -30), listedUntil: daysFrom(today, 365), at: "2020-01-01T00:00:00Z" })]);
    // An older (different) change than the stored one never overwrites it.
    const stale = await push(MOHURD, payload);
    expect(stale.json).toMatchObject({ ok: true, stale: 1, duplicate: true });
    expect(await rows()).toBe(n);
    const [row] = await sql<{ listed_until: string; revisions: number }>(`select to_char(listed_until, 'YYYY-MM-DD') as listed_until, revisions from archive.external_listing where entry_key = ?`, [decision]);
    expect(row).toEqual({ listed_until: daysFrom(today, 3 * 365), revisions: 1 });
  });

  it("shows the entry to a partner only with LISTS for the family's division; without, not even that it exists", async () => {
    const none = await check(wuhanPerson.idNumber, province);
    expect(JSON.stringify(none)).not.toContain(decision);
    expect(none.data?.creditCheck?.externalListings ?? null).toBeNull();

    const grant = (documentNumber: string, scopes: { category: string; mode: string }[]) =>
      t.gql(
        `mutation G($input: GrantSharingPermissionInput!) { grantSharingPermission(input: $input) { id } }`,
        {
          input: {
            documentNumber,
            granteeCode: "PT-420100-MZ",
            purpose: "公租房资格联审",
            scopes,
            divisionCodes: ["420100"],
            validFrom: new Date(clock.now().getTime() - 60_000).toISOString(),
            validUntil: new Date(clock.now().getTime() + 30 * 86400_000).toISOString(),
          },
        },
        wuhanAdmin,
      );
    expect((await grant("鄂武住保许〔2026〕71号", [{ category: "CREDIT", mode: "FULL" }])).errors).toBeUndefined();
    const creditOnly = await check(wuhanPerson.idNumber, partner);
    expect(creditOnly.data!.creditCheck).toMatchObject({ found: true, score: before.score, tier: before.tier, lists: null, externalListings: null });
    expect(creditOnly.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: ["creditCheck", "externalListings"], extensions: expect.objectContaining({ code: "SHARING_NOT_PERMITTED", category: "LISTS" }) })]),
    );
    expect(JSON.stringify(creditOnly)).not.toContain(decision);

    expect((await grant("鄂武住保许〔2026〕72号", [{ category: "LISTS", mode: "MASKED" }])).errors).toBeUndefined();
    const masked = await check(wuhanPerson.idNumber, partner);
    expect(masked.errors).toBeUndefined();
    expect(masked.data!.creditCheck!.externalListings).toEqual([
      expect.objectContaining({ senderCode: "NATIONAL-MOHURD", decisionNumber: decision, reason: expect.not.stringContaining("骗取") }),
    ]);
  });

  it("refuses a bad signature, an unknown key, a stale or replayed request and a malformed payload, storing nothing", async () => {
    const n = await rows();
    const audits = Number((await sql<{ n: string }>(`select count(*) as n from archive.audit_entry where kind = 'INBOUND'`))[0].n);
    const good = batch(HUNAN, [item(HUNAN, { decisionNumber: "湘建保惩〔2026〕9号", subject: wuhanPerson, listedOn: daysFrom(today, -5), listedUntil: daysFrom(today, 365) })]);
    const body = JSON.stringify(good);
    const ts = Math.floor(Date.now() / 1000);

    const wrongSecret = await post(body, signBatch(body, HUNAN.kid, MOHURD.secret, ts));
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: "签名无效或缺失，已拒收", reason: "BAD_MAC" } });
    expect((await post(body, null)).status).toBe(401);
    expect((await post(body, signBatch(body, "nobody", HUNAN.secret, ts))).status).toBe(401);
    const tampered = await post(body.replace("湘建保惩〔2026〕9号", "湘建保惩〔2026〕8号"), signBatch(body, HUNAN.kid, HUNAN.secret, ts));
    expect(tampered.status).toBe(401);
    const stale = await post(body, signBatch(body, HUNAN.kid, HUNAN.secret, ts - 600));
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { error: { reason: string } }).error.reason).toBe("STALE");
    // A sender may not speak for another: the body's source must be the key's sender.
    const spoof = await push(HUNAN, { ...good, source: "NATIONAL-MOHURD", nonce: randomBytes(16).toString("hex") });
    expect(spoof.status).toBe(400);
    expect(spoof.json).toMatchObject({ error: { code: "BAD_USER_INPUT", fields: [{ field: "source", message: "发送方应为签名密钥所属的 HA-430000" }] } });

    // Malformed: an invalid ID number (GB 11643 checksum), a missing decision number, an end before the start.
    const badId = wuhanPerson.idNumber.slice(0, 17) + (wuhanPerson.idNumber[17] === "0" ? "1" : "0");
    const broken = batch(HUNAN, [
      item(HUNAN, { decisionNumber: "湘建保惩〔2026〕10号", subject: { name: "测试甲", idNumber: badId }, listedOn: daysFrom(today, -5), listedUntil: daysFrom(today, 365) }),
      { ...item(HUNAN, { decisionNumber: "x", subject: wuhanPerson, listedOn: daysFrom(today, -5), listedUntil: daysFrom(today, -10) }), entryId: "E-2" },
    ]);
    (broken.items[1] as { listing: { decisionNumber: string } }).listing.decisionNumber = "";
    const malformed = await push(HUNAN, broken);
    expect(malformed.status).toBe(400);
    const err = (malformed.json as { error: { code: string; message: string; fields: { field: string }[] } }).error;
    expect(err.code).toBe("BAD_USER_INPUT");
    expect(err.message).toMatch(/^名单批次未接收（全部未存储）/);
    expect(err.fields.map((f) => f.field)).toEqual(["items[0].listing.subjects[0].idNumber", "items[1].listing.decisionNumber", "items[1].listing.listedUntil"]);
    const notJson = "{not json";
    expect((await post(notJson, signBatch(notJson, HUNAN.kid, HUNAN.secret, ts))).status).toBe(400);
    expect(await rows()).toBe(n);

    // The good batch once: stored; the very same request again: a replay.
    const first = await post(body, signBatch(body, HUNAN.kid, HUNAN.secret, ts));
    expect(first.status).toBe(200);
    const replay = await post(body, signBatch(body, HUNAN.kid, HUNAN.secret, ts));
    expect(replay.status).toBe(409);
    expect(((await replay.json()) as { error: { code: string } }).error.code).toBe("CONFLICT");
    expect(await rows()).toBe(n + 1);
    // Audited: the refused malformed batch and the received one (not the unauthenticated attempts).
    const outcomes = (await sql<{ outcome: string }>(`select outcome from archive.audit_entry where kind = 'INBOUND' order by seq desc limit 3`)).map((r) => r.outcome);
    expect(Number((await sql<{ n: string }>(`select count(*) as n from archive.audit_entry where kind = 'INBOUND'`))[0].n)).toBe(audits + 3);
    expect(outcomes).toEqual(["RECEIVED", "REFUSED", "REFUSED"]);
  });

  it("lists both senders' entries, and the sender's removal makes one disappear (kept for history)", async () => {
    const both = await check(wuhanPerson.idNumber, wuhanStaff);
    expect(both.data!.creditCheck!.externalListings!.map((e) => e.senderCode).sort()).toEqual(["HA-430000", "NATIONAL-MOHURD"]);
    expect(both.data!.creditCheck!.externalListings!.find((e) => e.senderCode === "HA-430000")!.senderName).toBe("湖南省住房和城乡建设厅");
    const removal = await push(MOHURD, batch(MOHURD, [item(MOHURD, { decisionNumber: decision, subject: wuhanPerson, listedOn: daysFrom(today, -30), listedUntil: daysFrom(today, 3 * 365), reason: "REVOKED", removedOn: today })]));
    expect(removal.json).toMatchObject({ ok: true, removed: 1 });
    const after = await check(wuhanPerson.idNumber, wuhanStaff);
    expect(after.data!.creditCheck!.externalListings!.map((e) => e.senderCode)).toEqual(["HA-430000"]);
    expect({ ...after.data!.creditCheck!, externalListings: [] }).toEqual(before);
    const [kept] = await sql<{ status: string; reason: string; revisions: number; removed_on: string }>(
      `select status, reason, revisions, to_char(removed_on, 'YYYY-MM-DD') as removed_on from archive.external_listing where sender_code = 'NATIONAL-MOHURD' and entry_key = ?`,
      [decision],
    );
    expect(kept).toEqual({ status: "REMOVED", reason: "REVOKED", revisions: 2, removed_on: today });
  });

  it("answers Wuhan's check of a Yichang-listed applicant under the standing permission, audited with its 文号", async () => {
    const docNumber = crossCityDocumentNumber("420500", "420100", Number(today.slice(0, 4)));
    const r = await check(yichangListed.idNumber, wuhanStaff);
    expect(r.errors).toBeUndefined();
    const c = r.data!.creditCheck!;
    expect(c).toMatchObject({ found: true, family: { id: yichangListed.familyId, division: { code: expect.stringMatching(/^4205/) } }, externalListings: [] });
    expect(c.lists).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "JOINT_PUNISHMENT", status: "LISTED" })]));
    expect(typeof c.score).toBe("number");
    const [audit] = await sql<{ org_code: string; permissions: string[]; family_ids: string[]; categories_returned: string[]; outcome: string }>(
      `select org_code, permissions, family_ids, categories_returned, outcome from archive.audit_entry where kind = 'DISCLOSURE' and org_code = 'HA-420100' order by seq desc limit 1`,
    );
    expect(audit).toMatchObject({ org_code: "HA-420100", permissions: [docNumber], family_ids: [yichangListed.familyId] });
    expect(audit.categories_returned).toEqual(expect.arrayContaining(["CREDIT", "LISTS"]));
    // Only city authorities hold it: a Wuhan district's authority (county level) may not locate the family.
    const district = await check(yichangListed.idNumber, wuhanDistrict);
    expect(district.data!.creditCheck).toMatchObject({ found: false, family: null });
    // Visible in the registry: Yichang's ADMIN sees the 16 it granted.
    const registry = await t.gql<{ sharingPermissions: { totalCount: number; edges: { node: { documentNumber: string; grantee: { code: string }; scopes: { category: string; mode: string }[]; purpose: string } }[] } }>(
      `{ sharingPermissions(first: 50) { totalCount edges { node { documentNumber grantee { code } scopes { category mode } purpose } } } }`,
      {},
      t.token("HA-420500", ["ADMIN"]),
    );
    expect(registry.errors).toBeUndefined();
    expect(registry.data!.sharingPermissions.totalCount).toBe(16);
    expect(registry.data!.sharingPermissions.edges.find((e) => e.node.documentNumber === docNumber)!.node).toMatchObject({
      grantee: { code: "HA-420100" },
      scopes: [
        { category: "LISTS", mode: "FULL" },
        { category: "CREDIT", mode: "MASKED" },
      ],
    });
  });

  it("gives concurrent callers with different rights only their own answers", async () => {
    // Hunan lists the Yichang applicant too: visible to Wuhan (cross-city LISTS) and Yichang (own), not to the partners.
    const hunanDecision = "湘建保惩〔2026〕11号";
    expect((await push(HUNAN, batch(HUNAN, [item(HUNAN, { decisionNumber: hunanDecision, subject: yichangListed, listedOn: daysFrom(today, -3), listedUntil: daysFrom(today, 700) })]))).status).toBe(200);
    const callers = { wuhanStaff, yichangStaff, wuhanDistrict, partner, province };
    const people = [wuhanPerson.idNumber, yichangListed.idNumber];
    const baseline = new Map<string, string>();
    for (const [name, tok] of Object.entries(callers)) for (const id of people) baseline.set(`${name}|${id}`, JSON.stringify(await check(id, tok)));
    // Sanity of the baselines.
    const seen = (name: string, id: string) => (JSON.parse(baseline.get(`${name}|${id}`)!) as { data: Check | null }).data?.creditCheck;
    expect(seen("wuhanStaff", yichangListed.idNumber)!.externalListings!.map((e) => e.decisionNumber)).toEqual([hunanDecision]);
    expect(seen("yichangStaff", yichangListed.idNumber)!.externalListings!.map((e) => e.decisionNumber)).toEqual([hunanDecision]);
    expect(seen("partner", yichangListed.idNumber)).toMatchObject({ found: false });
    expect(seen("wuhanDistrict", yichangListed.idNumber)).toMatchObject({ found: false });
    expect(baseline.get(`province|${yichangListed.idNumber}`)).not.toContain(hunanDecision);
    expect(baseline.get(`partner|${yichangListed.idNumber}`)).not.toContain(hunanDecision);

    const jobs: { key: string; run: () => Promise<unknown> }[] = [];
    for (let round = 0; round < 6; round++) for (const [name, tok] of Object.entries(callers)) for (const id of people) jobs.push({ key: `${name}|${id}`, run: () => check(id, tok) });
    jobs.sort(() => Math.random() - 0.5);
    const answers = await Promise.all(jobs.map((j) => j.run()));
    answers.forEach((a, i) => expect(JSON.stringify(a), jobs[i].key).toBe(baseline.get(jobs[i].key)));
  });
});
