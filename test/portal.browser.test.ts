// R5.3, R6.7, R8.5: the embeddable public list <hub-credit-list> in real headless Chromium
// (playwright-core driving the system's /usr/bin/chromium, which .ci/run installs with a CJK
// font) against a running hub on PGlite with the demo data.
//
// The pages and the script always come from a small static server of this test that serves
// portalRoute exactly as the gateway does once the route is wired; GraphQL always goes to the
// hub's gateway: cross-origin (CORS) through the element's `endpoint` attribute, or — for the
// demo page, whose elements call their script's own origin — by Playwright forwarding the
// page's same-origin /graphql to the gateway.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { closeServer, listen } from "../src/http/apollo-http";
import { loadTrustedDocuments } from "../src/gateway/gateway";
import { EMBED_DEMO_PATH, EMBED_SCRIPT_PATH, portalRoute, publicListDocumentId } from "../src/gateway/portal/portal.route";
import { ManualClock } from "../src/domain/clock";
import { addDays, shanghaiDate } from "../src/domain/credit/dates";
import { allDivisions, countiesOf, isWithinJurisdiction } from "../src/domain/divisions";
import { seedDemoData } from "../src/seed/seed";
import { seedCreditDemo } from "../src/seed/credit-demo";
import { identifyRecord, recordBehavior, type CreditCtx } from "../src/subgraphs/archive/credit/credit.service";
import { Family } from "../src/subgraphs/archive/entities/family.entity";
import { startTestHub, type TestHub } from "./support/test-hub";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
const WUHAN = "420100";
const OUT_DIR = path.join(__dirname, "..", "test-output");
const SCREENSHOT = path.join(OUT_DIR, "portal-list.png");
const MASKED_ID = /^\d{6}\*{8}[\dX]{4}$/;
const MASKED_NAME = /^[^\s*]{1,2}\*+$/; // a compound surname (欧阳) stays whole
/** Anything that looks like an ID number, masked or not: 6 digits, then 8 digits or stars, then 4. */
const ID_LIKE = /\d{6}[\d*]{8}[\dXx*]{4}/g;
const NOTICE = "依据《湖北省公共租赁住房保障家庭信用管理及失信联合惩戒制度的实施意见（试行）》公开，姓名和身份证号码已按规定脱敏；对名单有异议的，可向所在地住房保障主管部门提出";
const COLUMNS = ["姓名", "身份证号码", "失信行为", "列入日期", "截止日期", "发布机关"];
/** Wuhan families given one mild behaviour each (besides the credit demo's), for a warning list of several pages. */
const EXTRA_WARNINGS = 12;
const PAGE_SIZE = 5;
const DEFAULT_PAGE_SIZE = 10;

type PublicKind = "WARNING" | "JOINT_PUNISHMENT";

describe("embedded public list <hub-credit-list> in headless Chromium", () => {
  let t: TestHub;
  let browser: Browser;
  let context: BrowserContext;
  let site: http.Server;
  let siteUrl: string;
  let documentId: string;
  const pages = new Map<string, string>();
  const counts: Record<PublicKind, number> = { WARNING: 0, JOINT_PUNISHMENT: 0 };
  let wuhanIds: string[] = [];
  let emptyCounty: { code: string; name: string } | undefined;

  const sql = async <T = Record<string, unknown>>(q: string, p: unknown[] = []) => (await t.hub.dbs.archive!.orm.em.fork().getConnection().execute(q, p)) as T[];
  const wuhanDivisions = allDivisions()
    .filter((d) => isWithinJurisdiction(d.code, WUHAN))
    .map((d) => d.code);
  const STATUSES: Record<PublicKind, string[]> = { WARNING: ["LISTED"], JOINT_PUNISHMENT: ["LISTED", "PUBLICIZING"] };

  /** A portal page of this test: the elements with the attributes given, the script from the static server. */
  const portalPage = (name: string, elements: Record<string, string>[]) => {
    const attr = (v: string) => v.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
    const tags = elements.map((a) => `<hub-credit-list ${Object.entries(a).map(([k, v]) => `${k}="${attr(v)}"`).join(" ")}></hub-credit-list>`).join("\n");
    pages.set(`/t/${name}.html`, `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${name}</title></head><body>\n${tags}\n<script src="${EMBED_SCRIPT_PATH}"></script></body></html>`);
    return `${siteUrl}/t/${name}.html`;
  };

  const open = async (url: string) => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url);
    return { page, errors };
  };

  /** Every text of the page, shadow roots included, and every attribute value. */
  const everyText = (page: Page) =>
    page.evaluate<string>(`(() => {
      const out = [document.documentElement.textContent];
      const walk = (root) => {
        for (const node of root.querySelectorAll("*")) {
          for (const a of node.attributes) out.push(a.value);
          if (node.shadowRoot) { out.push(node.shadowRoot.textContent); walk(node.shadowRoot); }
        }
      };
      walk(document);
      return out.join("\\n");
    })()`);

  /** No ID number of a listed Wuhan family in clear, and every ID-like string masked (R8.5). */
  const expectNoUnmaskedId = async (page: Page) => {
    const text = await everyText(page);
    for (const id of wuhanIds) expect(text.includes(id), `unmasked ID ${id.slice(0, 6)}… in the page`).toBe(false);
    const idLike = text.match(ID_LIKE) ?? [];
    for (const s of idLike) expect(s).toMatch(MASKED_ID);
    return idLike.length;
  };

  const text = (l: Locator) => l.textContent().then((s) => (s ?? "").trim());
  const waitText = (l: Locator, expected: string | RegExp) =>
    typeof expected === "string" ? expect.poll(() => text(l), { timeout: 10_000 }).toBe(expected) : expect.poll(() => text(l), { timeout: 10_000 }).toMatch(expected);
  const pageLabel = (el: Locator) => el.locator(".page");
  const rowsOf = (el: Locator) => el.locator("tbody tr").allTextContents();
  const status = (el: Locator) => el.locator('[role="status"]');

  beforeAll(async () => {
    // Real Chromium or a failure: CI installs it (.ci/run); a skipped browser test would prove nothing.
    if (!fs.existsSync(CHROMIUM)) {
      throw new Error(`${CHROMIUM} is missing: the browser test needs Chromium and a CJK font (apt-get install -y chromium fonts-noto-cjk; .ci/run installs them)`);
    }
    const launching = chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    launching.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
    t = await startTestHub("pglite");
    const { archive, housing, judicial } = t.hub.dbs;
    const today = shanghaiDate(new Date());
    await seedDemoData({ archive: archive!.orm.em.fork(), housing: housing!.orm.em.fork(), judicial: judicial!.orm.em.fork() }, { families: 200, seed: 7, today });
    // More mild behaviours in Wuhan (families the credit demo does not pick: it takes the lowest
    // ids), identified before the demo publishes the quarter's warning list, so that the list
    // has several pages.
    const clock = new ManualClock(addDays(today, -40));
    const c: CreditCtx = { em: archive!.orm.em.fork(), actor: { sub: "portal-test", org: `HA-${WUHAN}` }, clock, calendar: t.config.calendar };
    const extra = await archive!.orm.em.fork().find(Family, { divisionCode: { $in: wuhanDivisions } }, { orderBy: { id: "desc" }, limit: EXTRA_WARNINGS, fields: ["id"] });
    for (const [i, f] of extra.entries()) {
      const behavior = i % 2 === 0 ? "B08" : "B11";
      const r = await recordBehavior(c, {
        familyId: f.id,
        behaviorCode: behavior,
        source: "MANAGEMENT",
        facts: behavior === "B08" ? "卫生间漏水未及时报修，致使楼下住户受损" : "违反当地公共租赁住房管理规定的其他行为",
        legalBasis: "《湖北省公共租赁住房保障家庭信用管理及失信联合惩戒制度的实施意见（试行）》第四部分",
        occurredOn: addDays(today, -45 + (i % 4)),
        informedBy: "NOTICE_LETTER",
        informedOn: addDays(today, -45 + (i % 4)),
        evidence: [{ fileName: "核查记录.txt", mediaType: "text/plain", content: Buffer.from("入户核查记录（测试数据）") }],
      });
      // R5 (分工明确): another person identifies.
      await identifyRecord({ ...c, actor: { ...c.actor, sub: `${c.actor.sub}-identifier` } }, r.id, { reason: "事实清楚、证据确凿、依据充分" });
    }
    await seedCreditDemo(archive!.orm.em.fork(), t.config.calendar, today);
    browser = await launching;

    // What the public may see of Wuhan, straight from the database.
    for (const kind of ["WARNING", "JOINT_PUNISHMENT"] as const) {
      const [row] = await sql<{ n: string }>(`select count(*) as n from "archive"."list_entry" where kind = ? and status = any(?::text[]) and division_code = any(?::text[])`, [
        kind,
        `{${STATUSES[kind].join(",")}}`,
        `{${wuhanDivisions.join(",")}}`,
      ]);
      counts[kind] = Number(row.n);
    }
    // Every member's real ID number of every Wuhan family on any list, whatever the status.
    wuhanIds = (
      await sql<{ id_number: string }>(
        `select distinct m.id_number from "archive"."family_member" m join "archive"."list_entry" e on e.family_id = m.family_id where e.division_code = any(?::text[])`,
        [`{${wuhanDivisions.join(",")}}`],
      )
    ).map((r) => r.id_number);
    // A county of Wuhan with no list entry at all.
    const withEntries = new Set((await sql<{ division_code: string }>(`select distinct division_code from "archive"."list_entry"`)).map((r) => r.division_code));
    emptyCounty = countiesOf(WUHAN).find((d) => !withEntries.has(d.code));

    documentId = publicListDocumentId(loadTrustedDocuments());
    const route = portalRoute(loadTrustedDocuments());
    site = http.createServer(async (req, res) => {
      if (await route(req, res)) return;
      const body = pages.get(new URL(req.url ?? "/", "http://x").pathname);
      if (body === undefined) res.writeHead(404).end();
      else res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(body);
    });
    siteUrl = `http://127.0.0.1:${await listen(site, 0, "127.0.0.1")}`;
    context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1200, height: 900 } });
    context.setDefaultTimeout(10_000);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (site) await closeServer(site);
    await t?.close();
  });

  it("has Wuhan entries on both public lists, more warnings than a page, and a county with none", async () => {
    expect(counts.WARNING).toBeGreaterThan(DEFAULT_PAGE_SIZE);
    expect(counts.JOINT_PUNISHMENT).toBeGreaterThan(0);
    expect(wuhanIds.length).toBeGreaterThan(counts.WARNING);
    expect(emptyCounty, "a county of Wuhan without list entries").toBeDefined();
    // The gateway agrees, anonymously, by the persisted id.
    for (const kind of ["WARNING", "JOINT_PUNISHMENT"] as const) {
      const res = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ documentId, variables: { kind, divisionCode: WUHAN, first: 1 } }) });
      const body = (await res.json()) as { data?: { publicList: { totalCount: number } } };
      expect(body.data?.publicList.totalCount, kind).toBe(counts[kind]);
    }
  });

  it("serves the script with the PublicList id filled in, and the demo page; nothing else", async () => {
    const js = await fetch(`${siteUrl}${EMBED_SCRIPT_PATH}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(js.headers.get("cache-control")).toMatch(/max-age=300/);
    const source = await js.text();
    expect(documentId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(source).toContain(JSON.stringify(documentId));
    expect(source).not.toContain("__HUB_");
    expect(source).toContain('"420100":"武汉市"');
    const demo = await fetch(`${siteUrl}${EMBED_DEMO_PATH}`);
    expect(demo.status).toBe(200);
    expect(demo.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await demo.text()).toContain("武汉市住房保障和房屋管理局 · 信用信息公示");
    expect((await fetch(`${siteUrl}/embed/other.js`)).status).toBe(404);
    expect((await fetch(`${siteUrl}${EMBED_SCRIPT_PATH}`, { method: "POST" })).status).toBe(404);
    // Once the gateway serves the route, it serves the same script.
    const wired = await fetch(new URL(EMBED_SCRIPT_PATH, t.url));
    if (wired.status === 200) expect(await wired.text()).toBe(source);
  });

  it("renders both Wuhan lists from the running hub, by persisted id, anonymously, cross-origin", async () => {
    const url = portalPage("render", [
      { kind: "WARNING", division: WUHAN, endpoint: t.url },
      { kind: "JOINT_PUNISHMENT", division: WUHAN, endpoint: t.url },
    ]);
    const page = await context.newPage();
    const bodies: Record<string, unknown>[] = [];
    page.on("request", (r) => {
      if (r.url() === t.url && r.method() === "POST") bodies.push(r.postDataJSON() as Record<string, unknown>);
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url);
    for (const [kind, title] of [
      ["WARNING", "警示名单"],
      ["JOINT_PUNISHMENT", "失信联合惩戒对象名单"],
    ] as const) {
      const el = page.locator(`hub-credit-list[kind="${kind}"]`);
      await waitText(pageLabel(el), `第 1 页，共 ${counts[kind]} 条`);
      expect(await el.locator("tbody tr").count()).toBe(Math.min(DEFAULT_PAGE_SIZE, counts[kind]));
      expect(await text(el.locator("h2"))).toBe(title);
      expect(await text(el.locator(".division"))).toBe("武汉市（区划代码 420100）");
      expect(await text(el.locator("caption"))).toBe(`武汉市${title}，第 1 页，共 ${counts[kind]} 条`);
      expect(await text(el.locator(".notice"))).toContain(NOTICE);
      expect(await el.locator("th").allTextContents()).toEqual(COLUMNS);
      for (const row of await el.locator("tbody tr").all()) {
        const cells = (await row.locator("td").allTextContents()).map((s) => s.trim());
        expect(cells).toHaveLength(6);
        expect(cells[0]).toMatch(MASKED_NAME);
        expect(cells[1]).toMatch(MASKED_ID);
        expect(cells[2].length).toBeGreaterThan(0);
        expect(cells[3]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(cells[5]).toBe("武汉市住房保障和房屋管理局");
      }
    }
    // The trusted document by its persisted id, no query text, anonymously.
    expect(bodies.length).toBe(2);
    for (const b of bodies) {
      expect(b.documentId).toBe(documentId);
      expect(b.query).toBeUndefined();
      expect((b.variables as Record<string, unknown>).divisionCode).toBe(WUHAN);
    }
    expect(await expectNoUnmaskedId(page)).toBe(Math.min(DEFAULT_PAGE_SIZE, counts.WARNING) + Math.min(DEFAULT_PAGE_SIZE, counts.JOINT_PUNISHMENT));
    expect(errors).toEqual([]);
    await page.close();
  });

  it("pages forward and back with the cursors (上一页/下一页), by mouse and by keyboard", async () => {
    const { page, errors } = await open(portalPage("paging", [{ kind: "WARNING", division: WUHAN, endpoint: t.url, "page-size": String(PAGE_SIZE) }]));
    const el = page.locator("hub-credit-list");
    const prev = el.getByRole("button", { name: "上一页" });
    const next = el.getByRole("button", { name: "下一页" });
    const total = counts.WARNING;
    const pagesCount = Math.ceil(total / PAGE_SIZE);
    await waitText(pageLabel(el), `第 1 页，共 ${total} 条`);
    const first = await rowsOf(el);
    expect(first).toHaveLength(PAGE_SIZE);
    expect(await prev.isDisabled()).toBe(true);
    expect(await next.isEnabled()).toBe(true);

    await next.click();
    await waitText(pageLabel(el), `第 2 页，共 ${total} 条`);
    const second = await rowsOf(el);
    expect(second).toHaveLength(Math.min(PAGE_SIZE, total - PAGE_SIZE));
    for (const r of second) expect(first).not.toContain(r);
    expect(await prev.isEnabled()).toBe(true);
    await expectNoUnmaskedId(page);

    await prev.click();
    await waitText(pageLabel(el), `第 1 页，共 ${total} 条`);
    expect(await rowsOf(el)).toEqual(first);

    // To the last page by keyboard: Tab reaches the buttons, Enter pages.
    const seen = [...first];
    await next.focus();
    for (let p = 2; p <= pagesCount; p++) {
      await page.keyboard.press("Enter");
      await waitText(pageLabel(el), `第 ${p} 页，共 ${total} 条`);
      seen.push(...(await rowsOf(el)));
      await expectNoUnmaskedId(page);
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect(await next.isDisabled()).toBe(true);
    // Focus left the disabled 下一页 for 上一页, still in the component.
    expect(await page.evaluate<string>(`document.querySelector("hub-credit-list").shadowRoot.activeElement?.textContent ?? ""`)).toBe("上一页");
    await page.keyboard.press("Enter");
    await waitText(pageLabel(el), `第 ${pagesCount - 1} 页，共 ${total} 条`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the empty state for a county without entries", async () => {
    const county = emptyCounty!;
    const { page } = await open(portalPage("empty", [{ kind: "JOINT_PUNISHMENT", division: county.code, endpoint: t.url }]));
    const el = page.locator("hub-credit-list");
    await waitText(status(el), "暂无名单信息");
    expect(await text(el.locator(".division"))).toBe(`${county.name}（区划代码 ${county.code}）`);
    expect(await el.locator("table").isVisible()).toBe(false);
    expect(await el.locator("nav").isVisible()).toBe(false);
    expect(await el.getByRole("button", { name: "重试" }).isVisible()).toBe(false);
    await page.close();
  });

  it("shows the error state with 重试 when the hub is unreachable, and recovers when the endpoint changes", async () => {
    const closed = http.createServer();
    const port = await listen(closed, 0, "127.0.0.1");
    await closeServer(closed);
    const { page, errors } = await open(portalPage("error", [{ kind: "WARNING", division: WUHAN, endpoint: `http://127.0.0.1:${port}/graphql` }]));
    let failed = 0;
    page.on("requestfailed", () => failed++);
    const el = page.locator("hub-credit-list");
    await waitText(status(el), "名单暂时无法加载，请稍后再试");
    const retry = el.getByRole("button", { name: "重试" });
    expect(await retry.isVisible()).toBe(true);
    expect(await retry.getAttribute("aria-label")).toBe("重试加载名单");
    expect(await el.locator("table").isVisible()).toBe(false);
    const before = failed;
    await retry.click();
    await expect.poll(() => failed, { timeout: 10_000 }).toBeGreaterThan(before);
    await waitText(status(el), "名单暂时无法加载，请稍后再试");
    // observedAttributes: a new endpoint reloads.
    await page.evaluate(`document.querySelector("hub-credit-list").setAttribute("endpoint", ${JSON.stringify(t.url)})`);
    await waitText(pageLabel(el), `第 1 页，共 ${counts.WARNING} 条`);
    expect(await retry.isVisible()).toBe(false);
    // …and so does a new kind.
    await page.evaluate(`document.querySelector("hub-credit-list").setAttribute("kind", "JOINT_PUNISHMENT")`);
    await waitText(pageLabel(el), `第 1 页，共 ${counts.JOINT_PUNISHMENT} 条`);
    expect(await text(el.locator("h2"))).toBe("失信联合惩戒对象名单");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the server's Chinese message when it refuses the key-attention list", async () => {
    const { page } = await open(portalPage("key-attention", [{ kind: "KEY_ATTENTION", division: WUHAN, endpoint: t.url }]));
    const el = page.locator("hub-credit-list");
    await waitText(status(el), "名单暂时无法加载，请稍后再试：重点关注名单不向社会公开");
    await expectNoUnmaskedId(page);
    await page.close();
  });

  it("never shows an unmasked ID number or name, nor markup, whatever the server answers", async () => {
    const page = await context.newPage();
    await page.route(`${siteUrl}/forged`, (route) =>
        route.fulfill({
          status: 200,
          headers: { "content-type": "application/json", "access-control-allow-origin": "*" },
          body: JSON.stringify({
            data: {
              publicList: {
                totalCount: 2,
                pageInfo: { hasNextPage: false, endCursor: null },
                edges: [
                  { node: { maskedName: "张三丰", maskedIdNumber: "42010219800101123X", behaviors: ["<img src=x onerror=alert(1)>"], since: "2026-01-01", until: null, authority: "<b>机关</b>" } },
                  { node: { maskedName: "李*", maskedIdNumber: "420102********1234", behaviors: ["拖欠租金"], since: "2026-01-02", until: "2027-01-02", authority: "武汉市住房保障和房屋管理局" } },
                ],
              },
            },
          }),
        }),
      );
    await page.goto(portalPage("forged", [{ kind: "WARNING", division: WUHAN, endpoint: `${siteUrl}/forged` }]));
    const el = page.locator("hub-credit-list");
    await waitText(pageLabel(el), "第 1 页，共 2 条");
    const rows = await el.locator("tbody tr").all();
    expect((await rows[0].locator("td").allTextContents()).map((s) => s.trim())).toEqual(["（已隐藏）", "（已隐藏）", "<img src=x onerror=alert(1)>", "2026-01-01", "—", "<b>机关</b>"]);
    expect((await rows[1].locator("td").allTextContents()).slice(0, 2)).toEqual(["李*", "420102********1234"]);
    expect(await el.locator("img, b").count()).toBe(0);
    const all = await everyText(page);
    expect(all).not.toContain("42010219800101123X");
    expect(all).not.toContain("张三丰");
    await page.close();
  });

  it("is accessible: caption, th scope, a polite live region, labelled buttons, zh-CN", async () => {
    const { page } = await open(portalPage("a11y", [{ kind: "JOINT_PUNISHMENT", division: WUHAN, endpoint: t.url, "page-size": "1" }]));
    const el = page.locator("hub-credit-list");
    await waitText(pageLabel(el), `第 1 页，共 ${counts.JOINT_PUNISHMENT} 条`);
    expect(await el.locator("section").getAttribute("lang")).toBe("zh-CN");
    expect(await el.locator("table caption").count()).toBe(1);
    expect(await text(el.locator("table caption"))).toContain("武汉市失信联合惩戒对象名单");
    const ths = el.locator("thead th");
    expect(await ths.count()).toBe(6);
    for (const th of await ths.all()) expect(await th.getAttribute("scope")).toBe("col");
    const live = status(el);
    expect(await live.getAttribute("aria-live")).toBe("polite");
    expect(await text(live)).toBe(`已加载武汉市失信联合惩戒对象名单第 1 页，共 ${counts.JOINT_PUNISHMENT} 条，本页 1 条`);
    for (const b of await el.locator("button").all()) expect((await b.getAttribute("aria-label")) ?? "").not.toBe("");
    expect(await el.getByRole("button", { name: "上一页" }).isDisabled()).toBe(true);
    expect(await el.getByRole("button", { name: "下一页" }).isDisabled()).toBe(counts.JOINT_PUNISHMENT <= 1);
    expect(await el.getByRole("navigation", { name: "名单分页" }).count()).toBe(1);
    // The table scrolls on narrow screens: a focusable, named region.
    const region = el.getByRole("region", { name: "武汉市失信联合惩戒对象名单" });
    expect(await region.getAttribute("tabindex")).toBe("0");
    // Keyboard: Tab from the page start reaches the table region, then the enabled 下一页.
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>(`document.querySelector("hub-credit-list").shadowRoot.activeElement?.getAttribute("role") ?? ""`)).toBe("region");
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>(`document.querySelector("hub-credit-list").shadowRoot.activeElement?.textContent ?? ""`)).toBe(counts.JOINT_PUNISHMENT > 1 ? "下一页" : "");
    await page.close();
  });

  it("renders the demo portal page (both Wuhan lists) and writes the screenshot", async () => {
    const page = await context.newPage();
    // The demo's elements call their script's origin: forward that /graphql to the hub's gateway.
    await page.route(`${siteUrl}/graphql`, async (route) => route.fulfill({ response: await route.fetch({ url: t.url }) }));
    await page.goto(`${siteUrl}${EMBED_DEMO_PATH}`);
    expect(await text(page.locator("h1"))).toBe("武汉市住房保障和房屋管理局 · 信用信息公示");
    for (const kind of ["WARNING", "JOINT_PUNISHMENT"] as const) {
      const el = page.locator(`hub-credit-list[kind="${kind}"]`);
      await waitText(pageLabel(el), `第 1 页，共 ${counts[kind]} 条`);
      expect(await el.locator("tbody tr").count()).toBe(Math.min(DEFAULT_PAGE_SIZE, counts[kind]));
    }
    await expectNoUnmaskedId(page);
    fs.mkdirSync(OUT_DIR, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    await page.close();
  });
});
