/*
 * <hub-credit-list>: the public warning and joint-punishment lists of the Hubei public-rental
 * credit hub, for any municipal portal page (R5.3, R6.7, R8.5).
 *
 *   <script src="https://<hub>/embed/hub-credit-list.js"></script>
 *   <hub-credit-list kind="JOINT_PUNISHMENT" division="420100"></hub-credit-list>
 *
 * Attributes: kind (WARNING | JOINT_PUNISHMENT), division (6-digit code), page-size (default 10,
 * at most 50), endpoint (default: the origin this script was loaded from + "/graphql").
 * Events: "hub-credit-list:loaded" (detail: page, totalCount, rows, drillDate — the drill date when
 * the hub runs on a drill clock, which the list then also states) and "hub-credit-list:error".
 * It runs the trusted document PublicList by its persisted id, anonymously. Plain browser
 * JavaScript, no framework, no dependencies; Shadow DOM with its own styles. Data is only ever
 * written with textContent, and no ID number or name that is not masked is ever shown.
 * The gateway serves this file with the two placeholders below replaced.
 */
(function () {
  "use strict";

  var DOCUMENT_ID = "__HUB_PUBLIC_LIST_DOCUMENT_ID__";
  var DIVISION_NAMES = /*__HUB_DIVISION_NAMES__*/ {};

  var TAG = "hub-credit-list";
  if (typeof window === "undefined" || !window.customElements || window.customElements.get(TAG)) return;

  var DEFAULT_PAGE_SIZE = 10;
  var MAX_PAGE_SIZE = 50;
  var TIMEOUT_MS = 15000;
  var KINDS = { WARNING: "警示名单", JOINT_PUNISHMENT: "失信联合惩戒对象名单", KEY_ATTENTION: "重点关注名单" };
  var NOTICE =
    "依据《湖北省公共租赁住房保障家庭信用管理及失信联合惩戒制度的实施意见（试行）》公开，姓名和身份证号码已按规定脱敏；对名单有异议的，可向所在地住房保障主管部门提出。";
  var TEXT = {
    loading: "正在加载名单…",
    empty: "暂无名单信息",
    error: "名单暂时无法加载，请稍后再试",
    hidden: "（已隐藏）",
    none: "—",
    prev: "上一页",
    next: "下一页",
    retry: "重试",
  };
  var COLUMNS = ["姓名", "身份证号码", "失信行为", "列入日期", "截止日期", "发布机关"];
  // Defence in depth (R8.5): the server masks; the component refuses to show anything else.
  var MASKED_ID = /^\d{6}\*{8}[\dX]{4}$/;
  var MASKED_NAME = /^[^\s*]{1,2}\*+$/u; // surname (compound ones whole), then one * per character
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var CJK = /[\u3400-\u9fff]/;

  // Where this script came from: the hub, whose /graphql the element calls by default.
  var scriptOrigin = (function () {
    var s = document.currentScript;
    if (!s || !s.src) {
      var all = document.querySelectorAll("script[src]");
      for (var i = all.length - 1; i >= 0; i--) if (/\/embed\/hub-credit-list\.js(\?|#|$)/.test(all[i].src)) { s = all[i]; break; }
    }
    try {
      return new URL(s && s.src ? s.src : location.href).origin;
    } catch (e) {
      return location.origin;
    }
  })();

  var STYLE = [
    ":host { display: block; font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Microsoft YaHei\", \"WenQuanYi Micro Hei\", sans-serif;",
    "  color: var(--hub-list-color, #1f2329); font-size: var(--hub-list-font-size, 15px); line-height: 1.6; --accent: var(--hub-list-accent, #b3261e); }",
    ":host([hidden]) { display: none; }",
    ":host([kind=\"WARNING\"]) { --accent: var(--hub-list-accent, #b25e00); }",
    ".card { border: 1px solid #d9dde3; border-top: 4px solid var(--accent); border-radius: 6px; background: #fff; padding: 16px 20px; box-sizing: border-box; }",
    "h2 { margin: 0; font-size: 1.25em; color: var(--accent); }",
    ".division { margin: 2px 0 0; color: #5a6270; font-size: .9em; }",
    ".notice { margin: 10px 0 12px; padding: 8px 12px; background: #f6f7f9; border-left: 3px solid #c2c8d0; color: #3c4450; font-size: .88em; }",
    ".status { margin: 8px 0; }",
    ".status[data-state=\"empty\"] { padding: 24px 12px; text-align: center; color: #5a6270; background: #fafbfc; border: 1px dashed #c2c8d0; border-radius: 4px; }",
    ".status[data-state=\"error\"] { padding: 12px; color: #8c1d18; background: #fdf1f0; border: 1px solid #f1c4c0; border-radius: 4px; }",
    ".status[data-state=\"loading\"] { color: #5a6270; }",
    ".vh { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }",
    ".actions { margin: 0 0 8px; }",
    ".table-wrap { overflow-x: auto; }",
    ".table-wrap:focus-visible { outline: 2px solid #1a5fb4; outline-offset: 2px; }",
    "table { width: 100%; border-collapse: collapse; font-size: .92em; }",
    "table[aria-busy=\"true\"] { opacity: .55; }",
    "th, td { padding: 8px 10px; border-bottom: 1px solid #e4e7eb; text-align: left; vertical-align: top; }",
    "th { background: #f1f3f6; font-weight: 600; white-space: nowrap; }",
    "tbody tr:nth-child(even) td { background: #fafbfc; }",
    "td.id, td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }",
    "td.id { font-family: ui-monospace, \"DejaVu Sans Mono\", Menlo, Consolas, monospace; }",
    "nav { display: flex; align-items: center; justify-content: flex-end; gap: 12px; margin-top: 12px; flex-wrap: wrap; }",
    ".page { color: #3c4450; }",
    "button { font: inherit; padding: 4px 14px; border: 1px solid #aeb5bf; border-radius: 4px; background: #fff; color: #1f2329; cursor: pointer; }",
    "button:hover:not(:disabled) { border-color: var(--accent); color: var(--accent); }",
    "button:focus-visible { outline: 2px solid #1a5fb4; outline-offset: 2px; }",
    "button:disabled { color: #9aa1ab; background: #f3f4f6; border-color: #d9dde3; cursor: not-allowed; }",
    ".drill { margin: 10px 0 0; padding: 6px 12px; background: #b45309; color: #fff; font-weight: 600; border-radius: 4px; font-size: .9em; }",
    "[hidden] { display: none !important; }",
  ].join("\n");

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) node.setAttribute(k, attrs[k]);
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function pageSizeOf(value) {
    var n = parseInt(value, 10);
    if (!isFinite(n) || n < 1) return DEFAULT_PAGE_SIZE;
    return Math.min(n, MAX_PAGE_SIZE);
  }

  function divisionLabel(code) {
    var name = Object.prototype.hasOwnProperty.call(DIVISION_NAMES, code) ? DIVISION_NAMES[code] : null;
    return name ? name + "（区划代码 " + code + "）" : "区划代码 " + code;
  }

  function safeText(value) {
    return typeof value === "string" && value.length > 0 ? value : TEXT.none;
  }

  function safeName(value) {
    return typeof value === "string" && MASKED_NAME.test(value) ? value : TEXT.hidden;
  }

  function safeIdNumber(value) {
    return typeof value === "string" && MASKED_ID.test(value) ? value : TEXT.hidden;
  }

  function safeDate(value) {
    return typeof value === "string" && DATE.test(value) ? value : TEXT.none;
  }

  /** A failure with the text to show; `detail` only when the server explained it in Chinese. */
  function LoadError(detail) {
    this.detail = detail || null;
  }

  /** The server's explanation of a BAD_USER_INPUT refusal, if it is one meant for people. */
  function badInputMessage(errors) {
    for (var i = 0; i < errors.length; i++) {
      var e = errors[i] || {};
      var ext = e.extensions || {};
      if (ext.code !== "BAD_USER_INPUT") continue;
      var parts = [];
      if (Array.isArray(ext.fields)) for (var j = 0; j < ext.fields.length; j++) if (ext.fields[j] && typeof ext.fields[j].message === "string") parts.push(ext.fields[j].message);
      var text = parts.length ? parts.join("；") : typeof e.message === "string" ? e.message : "";
      if (CJK.test(text)) return text;
    }
    return null;
  }

  class HubCreditList extends HTMLElement {
    static get observedAttributes() {
      return ["kind", "division", "page-size", "endpoint"];
    }

    constructor() {
      super();
      this._cursors = [null]; // the `after` of each page seen so far; page N uses _cursors[N - 1]
      this._seq = 0;
      this._abort = null;
      this._scheduled = false;
      this._hasNext = false;
      this._total = 0;
      this._loading = false;
      this._focusAfterLoad = null;
      this._drillToday = null;
      this._build();
    }

    connectedCallback() {
      this._schedule(true);
    }

    disconnectedCallback() {
      if (this._abort) this._abort.abort();
      this._abort = null;
      this._seq++;
    }

    attributeChangedCallback(name, oldValue, newValue) {
      if (oldValue === newValue) return;
      if (this.isConnected) this._schedule(true);
    }

    /** Reloads the list from its first page (several attribute changes in one task load once). */
    refresh() {
      this._schedule(true);
    }

    _schedule(reset) {
      if (reset) this._cursors = [null];
      if (this._scheduled) return;
      this._scheduled = true;
      var self = this;
      Promise.resolve().then(function () {
        self._scheduled = false;
        if (self.isConnected) self._load();
      });
    }

    _build() {
      var root = this.attachShadow({ mode: "open" });
      root.appendChild(el("style", null, STYLE));
      var card = el("section", { class: "card", lang: "zh-CN", part: "card" });
      var headingId = "hub-credit-list-title";
      card.setAttribute("aria-labelledby", headingId);
      var header = el("header");
      this._title = el("h2", { id: headingId, part: "title" });
      this._division = el("p", { class: "division", part: "division" });
      header.appendChild(this._title);
      header.appendChild(this._division);
      card.appendChild(header);
      // A drill hub's answers carry its clock: the list then says it is a drill, not the real system.
      this._drill = el("p", { class: "drill", role: "note", part: "drill", hidden: "" });
      card.appendChild(this._drill);
      card.appendChild(el("p", { class: "notice", part: "notice" }, NOTICE));

      this._status = el("p", { class: "status", role: "status", "aria-live": "polite", "aria-atomic": "true", part: "status" });
      card.appendChild(this._status);
      this._actions = el("p", { class: "actions", hidden: "" });
      this._retry = el("button", { type: "button", "aria-label": "重试加载名单", part: "button retry" }, TEXT.retry);
      var self = this;
      this._retry.addEventListener("click", function () {
        self._focusAfterLoad = "retry";
        self._schedule(false);
      });
      this._actions.appendChild(this._retry);
      card.appendChild(this._actions);

      this._wrap = el("div", { class: "table-wrap", tabindex: "0", role: "region", hidden: "" });
      this._table = el("table", { part: "table" });
      this._caption = el("caption", { class: "vh" });
      this._table.appendChild(this._caption);
      var thead = el("thead");
      var tr = el("tr");
      for (var i = 0; i < COLUMNS.length; i++) tr.appendChild(el("th", { scope: "col" }, COLUMNS[i]));
      thead.appendChild(tr);
      this._table.appendChild(thead);
      this._tbody = el("tbody");
      this._table.appendChild(this._tbody);
      this._wrap.appendChild(this._table);
      card.appendChild(this._wrap);

      this._nav = el("nav", { "aria-label": "名单分页", hidden: "", part: "pager" });
      this._prev = el("button", { type: "button", part: "button prev" }, TEXT.prev);
      this._page = el("span", { class: "page", part: "page" });
      this._next = el("button", { type: "button", part: "button next" }, TEXT.next);
      this._prev.addEventListener("click", function () {
        if (self._loading || self._cursors.length < 2) return;
        self._cursors.pop();
        self._focusAfterLoad = "prev";
        self._schedule(false);
      });
      this._next.addEventListener("click", function () {
        if (self._loading || !self._hasNext || !self._nextCursor) return;
        self._cursors.push(self._nextCursor);
        self._focusAfterLoad = "next";
        self._schedule(false);
      });
      this._nav.appendChild(this._prev);
      this._nav.appendChild(this._page);
      this._nav.appendChild(this._next);
      card.appendChild(this._nav);
      root.appendChild(card);
    }

    _params() {
      var kind = (this.getAttribute("kind") || "").trim().toUpperCase();
      var division = (this.getAttribute("division") || "").trim();
      return { kind: kind, division: division, pageSize: pageSizeOf(this.getAttribute("page-size")) };
    }

    _endpoint() {
      var attr = (this.getAttribute("endpoint") || "").trim();
      var url;
      try {
        url = new URL(attr || scriptOrigin + "/graphql", document.baseURI);
      } catch (e) {
        return null;
      }
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
    }

    _heading(p) {
      var title = KINDS[p.kind] || "信用名单";
      this._title.textContent = title;
      this._division.textContent = /^\d{6}$/.test(p.division) ? divisionLabel(p.division) : "";
      var name = Object.prototype.hasOwnProperty.call(DIVISION_NAMES, p.division) ? DIVISION_NAMES[p.division] : "";
      this._wrap.setAttribute("aria-label", (name || "") + title);
      return (name || "") + title;
    }

    _setStatus(state, text) {
      this._status.setAttribute("data-state", state);
      this._status.classList.toggle("vh", state === "ready");
      this._status.textContent = text;
    }

    _setLoading(loading) {
      this._loading = loading;
      this._table.setAttribute("aria-busy", loading ? "true" : "false");
      this._retry.disabled = loading;
      this._updatePager();
    }

    _updatePager() {
      var page = this._cursors.length;
      var canPrev = !this._loading && page > 1;
      var canNext = !this._loading && this._hasNext && !!this._nextCursor;
      this._prev.disabled = !canPrev;
      this._next.disabled = !canNext;
      this._prev.setAttribute("aria-label", page > 1 ? "上一页（第 " + (page - 1) + " 页）" : "上一页");
      this._next.setAttribute("aria-label", "下一页（第 " + (page + 1) + " 页）");
    }

    _load() {
      var p = this._params();
      var caption = this._heading(p);
      if (this._abort) this._abort.abort();
      this._abort = null;
      var seq = ++this._seq;

      if (!Object.prototype.hasOwnProperty.call(KINDS, p.kind)) return this._showError(seq, "名单类型应为 WARNING（警示名单）或 JOINT_PUNISHMENT（失信联合惩戒对象名单）", false);
      if (!/^\d{6}$/.test(p.division)) return this._showError(seq, "行政区划代码应为 6 位数字", false);
      var endpoint = this._endpoint();
      if (!endpoint) return this._showError(seq, null, true);
      if (DOCUMENT_ID.indexOf("sha256:") !== 0) return this._showError(seq, null, true);

      var page = this._cursors.length;
      var after = this._cursors[page - 1];
      this._setStatus("loading", TEXT.loading);
      this._actions.hidden = true;
      this._setLoading(true);

      var controller = typeof AbortController === "function" ? new AbortController() : null;
      this._abort = controller;
      var timer = setTimeout(function () {
        if (controller) controller.abort();
      }, TIMEOUT_MS);
      var self = this;
      fetch(endpoint, {
        method: "POST",
        mode: "cors",
        credentials: "omit",
        headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json" },
        body: JSON.stringify({
          documentId: DOCUMENT_ID,
          operationName: "PublicList",
          variables: { kind: p.kind, divisionCode: p.division, first: p.pageSize, after: after },
        }),
        signal: controller ? controller.signal : undefined,
      })
        .then(function (res) {
          return res.json().then(
            function (body) {
              return body;
            },
            function () {
              throw new LoadError(null);
            },
          );
        })
        .then(function (body) {
          if (seq !== self._seq) return;
          self._showDrill(body && body.extensions ? body.extensions.clock : null);
          var errors = body && Array.isArray(body.errors) ? body.errors : [];
          var list = body && body.data && body.data.publicList;
          if (errors.length || !list || !Array.isArray(list.edges)) throw new LoadError(badInputMessage(errors));
          self._render(seq, list, page, caption);
        })
        .catch(function (e) {
          if (seq !== self._seq) return;
          self._showError(seq, e instanceof LoadError ? e.detail : null, true);
        })
        .then(function () {
          clearTimeout(timer);
          if (self._abort === controller) self._abort = null;
        });
    }

    _showDrill(clock) {
      var drill = !!clock && clock.drill === true && typeof clock.today === "string" && DATE.test(clock.today);
      this._drill.hidden = !drill;
      this._drill.textContent = drill ? "演练环境，非真实公示：演练日期 " + clock.today : "";
      this._drillToday = drill ? clock.today : null;
    }

    _showError(seq, detail, retry) {
      if (seq !== this._seq) return;
      this._hasNext = false;
      this._nextCursor = null;
      this._wrap.hidden = true;
      this._nav.hidden = true;
      this._tbody.textContent = "";
      this._setStatus("error", detail ? TEXT.error + "：" + detail : TEXT.error);
      this._actions.hidden = !retry;
      this._setLoading(false);
      if (this._focusAfterLoad) {
        this._focusAfterLoad = null;
        if (retry) this._retry.focus();
      }
      this.dispatchEvent(new CustomEvent("hub-credit-list:error", { detail: { message: this._status.textContent } }));
    }

    _render(seq, list, page, caption) {
      var total = typeof list.totalCount === "number" && list.totalCount >= 0 ? list.totalCount : 0;
      var info = list.pageInfo || {};
      this._total = total;
      this._hasNext = info.hasNextPage === true;
      this._nextCursor = typeof info.endCursor === "string" ? info.endCursor : null;

      var rows = document.createDocumentFragment();
      for (var i = 0; i < list.edges.length; i++) {
        var n = (list.edges[i] && list.edges[i].node) || {};
        var tr = el("tr");
        tr.appendChild(el("td", { class: "name" }, safeName(n.maskedName)));
        tr.appendChild(el("td", { class: "id" }, safeIdNumber(n.maskedIdNumber)));
        var behaviors = Array.isArray(n.behaviors) ? n.behaviors.filter(function (b) { return typeof b === "string" && b; }) : [];
        tr.appendChild(el("td", { class: "behaviors" }, behaviors.length ? behaviors.join("；") : TEXT.none));
        tr.appendChild(el("td", { class: "date" }, safeDate(n.since)));
        tr.appendChild(el("td", { class: "date" }, safeDate(n.until)));
        tr.appendChild(el("td", { class: "authority" }, safeText(n.authority)));
        rows.appendChild(tr);
      }
      this._tbody.textContent = "";
      this._tbody.appendChild(rows);

      var pageText = "第 " + page + " 页，共 " + total + " 条";
      this._page.textContent = pageText;
      this._caption.textContent = caption + "，" + pageText;
      this._actions.hidden = true;

      if (list.edges.length === 0) {
        this._wrap.hidden = true;
        this._nav.hidden = page === 1;
        this._setStatus("empty", TEXT.empty);
      } else {
        this._wrap.hidden = false;
        this._nav.hidden = false;
        this._setStatus("ready", "已加载" + caption + pageText + "，本页 " + list.edges.length + " 条");
      }
      this._setLoading(false);

      var focus = this._focusAfterLoad;
      this._focusAfterLoad = null;
      if (focus === "prev" || focus === "next") {
        // Keep the keyboard where it was; a button that became disabled hands focus on.
        var clicked = focus === "prev" ? this._prev : this._next;
        var other = focus === "prev" ? this._next : this._prev;
        if (!clicked.disabled) clicked.focus();
        else if (!other.disabled) other.focus();
        else if (!this._wrap.hidden) this._wrap.focus();
      } else if (focus === "retry") {
        if (!this._wrap.hidden) this._wrap.focus();
      }
      this.dispatchEvent(new CustomEvent("hub-credit-list:loaded", { detail: { page: page, totalCount: total, rows: list.edges.length, drillDate: this._drillToday || null } }));
    }
  }

  window.customElements.define(TAG, HubCreditList);
})();
