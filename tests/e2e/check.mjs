// End-to-end checks of a built tally site in headless Chromium.
//
//     node check.mjs <output folder> <port> [<screenshot folder>]
//
// Serves the output folder on http://127.0.0.1:<port>/ (build the site with
// `--base-url http://127.0.0.1:<port>/`), then for every HTML page of the folder checks that
// there are no console errors, no failed requests and no 4xx/5xx responses, and that axe-core
// finds no WCAG 2.0/2.1 A or AA violation (in the light and the dark colour scheme), that every
// focusable element shows a focus indicator and that nothing scrolls sideways at 320 px. Once per
// site it checks the keyboard (skip link, visible focus), the dashboard with JavaScript off and
// that an unknown address gets the site's 404 page with status 404, and it takes screenshots of
// the dashboard, the newest bulletin, one indicator page and the funding page at 375 px and
// 1280 px. Prints every problem and a summary line; exits 1 when anything failed (2 when it
// could not run). E2E_TIMING=1 prints how long each page took; CHROMIUM overrides the browser.

import { createServer } from "node:http";
import { createRequire } from "node:module";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve, sep } from "node:path";

const require = createRequire(import.meta.url);

const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const WIDTHS = [375, 1280];
const MISSING_PATH = "/this-address-does-not-exist/";

const CONTENT_TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".pdf": "application/pdf",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

function usage(message) {
  console.error(`check.mjs: ${message}\nusage: node check.mjs <output folder> <port> [<screenshot folder>]`);
  process.exit(2);
}

const [folderArg, portArg, shotsArg] = process.argv.slice(2);
if (!folderArg || !portArg) usage("missing arguments");
const root = resolve(folderArg);
const port = Number(portArg);
if (!existsSync(join(root, "index.html"))) usage(`${root} has no index.html`);
if (!Number.isInteger(port) || port <= 0 || port > 65535) usage(`bad port ${portArg}`);
const origin = `http://127.0.0.1:${port}`;

/** Every file below `folder`, as paths relative to it with `/` separators, sorted. */
function walk(folder) {
  const files = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) files.push(...walk(path));
    else if (entry.isFile()) files.push(path);
  }
  return files;
}
const files = walk(root)
  .map((p) => relative(root, p).split(sep).join("/"))
  .sort();

/** The address a page is reached at: `a/index.html` -> `/a/`, `404.html` -> `/404.html`. */
function addressOf(file) {
  if (file === "index.html") return "/";
  if (file.endsWith("/index.html")) return "/" + file.slice(0, -"index.html".length);
  return "/" + file;
}
const pages = files.filter((f) => f.endsWith(".html")).map(addressOf);

// ---------------------------------------------------------------------------------------------
// The server. Every response carries the strict Content-Security-Policy documented in
// docs/deploy.md, so that a page needing inline script or style fails (Chromium reports each
// violation as a console error).

const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

function send(res, status, path, method) {
  const body = readFileSync(path);
  res.writeHead(status, {
    "Content-Type": CONTENT_TYPES[extname(path).toLowerCase()] || "application/octet-stream",
    "Content-Length": body.length,
    "Cache-Control": "no-store",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  });
  res.end(method === "HEAD" ? undefined : body);
}

function notFound(res, method) {
  const page = join(root, "404.html");
  if (existsSync(page)) return send(res, 404, page, method);
  res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
  res.end("not found");
}

const server = createServer((req, res) => {
  const method = req.method || "GET";
  if (method !== "GET" && method !== "HEAD") {
    res.writeHead(405, { Allow: "GET, HEAD" });
    return res.end();
  }
  let path;
  try {
    path = decodeURIComponent(new URL(req.url, origin).pathname);
  } catch {
    res.writeHead(400);
    return res.end();
  }
  if (path.includes("\0")) return notFound(res, method);
  let file = resolve(root, "." + path);
  if (file !== root && !file.startsWith(root + sep)) return notFound(res, method);
  let stat = existsSync(file) ? statSync(file) : null;
  if (stat && stat.isDirectory()) {
    if (!path.endsWith("/")) {
      res.writeHead(301, { Location: path + "/" });
      return res.end();
    }
    file = join(file, "index.html");
    stat = existsSync(file) ? statSync(file) : null;
  }
  if (!stat || !stat.isFile()) return notFound(res, method);
  send(res, 200, file, method);
});

// ---------------------------------------------------------------------------------------------
// The checks.

const failures = [];
function fail(page, message) {
  failures.push(`${page}: ${message}`);
  console.log(`FAIL ${page}: ${message}`);
}

const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** Opens `address` in a new page of `context`, recording console errors and bad requests. */
async function open(context, address, { expectStatus = 200 } = {}) {
  const page = await context.newPage();
  const problems = [];
  const url = origin + address;
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const where = msg.location()?.url || "";
    // Chromium reports the deliberate 404 of the page itself as a console error.
    if (expectStatus === 404 && where === url && /status of 404/.test(msg.text())) return;
    problems.push(`console error: ${msg.text()}${where ? ` (${where})` : ""}`);
  });
  page.on("pageerror", (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on("requestfailed", (req) =>
    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText || "unknown error"})`),
  );
  page.on("response", (res) => {
    const status = res.status();
    if (res.url() === url && res.request().isNavigationRequest()) {
      if (status !== expectStatus) problems.push(`page answered ${status}, expected ${expectStatus}`);
    } else if (status >= 400) {
      problems.push(`response ${status} for ${res.url()}`);
    }
  });
  await page.goto(url, { waitUntil: "load" });
  return { page, problems };
}

async function runAxe(page, options) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  return page.evaluate(
    (opts) => window.axe.run(document, opts).then((r) => r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), summary: n.failureSummary })),
    }))),
    options,
  );
}

function reportViolations(address, violations, scheme) {
  for (const v of violations) {
    for (const n of v.nodes) {
      fail(address, `axe ${v.id} (${v.impact}, ${scheme}): ${v.help} — ${n.target}\n      ${(n.summary || "").replace(/\n/g, "\n      ")}`);
    }
  }
}

/**
 * Every page: console and requests, axe in the light and the dark colour scheme, and a focus
 * indicator on every focusable element.
 */
async function checkPage(context, address) {
  const { page, problems } = await open(context, address);
  try {
    await page.emulateMedia({ colorScheme: "light" });
    const light = await runAxe(page, { runOnly: { type: "tag", values: AXE_TAGS }, resultTypes: ["violations"] });
    reportViolations(address, light, "light");
    await page.emulateMedia({ colorScheme: "dark" });
    const dark = await runAxe(page, { runOnly: { type: "rule", values: ["color-contrast", "link-in-text-block"] }, resultTypes: ["violations"] });
    reportViolations(address, dark, "dark");
    await page.emulateMedia({ colorScheme: "light" });
    const focusStops = await checkFocusIndicators(page, address);
    // WCAG 1.4.10 Reflow: at 320 CSS px nothing scrolls sideways (tables may scroll in their box).
    await page.setViewportSize({ width: 320, height: 900 });
    const overflow = await page.evaluate(() => {
      const doc = document.documentElement;
      const extra = doc.scrollWidth - doc.clientWidth;
      if (extra <= 0) return null;
      const clipped = (el) => {
        for (let a = el.parentElement; a && a !== doc; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== "visible") return true;
        }
        return false;
      };
      const wide = [...document.querySelectorAll("body *")]
        .filter((el) => el.getBoundingClientRect().right > doc.clientWidth + 0.5 && !clipped(el))
        .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= doc.clientWidth + 0.5)
        .slice(0, 3)
        .map((el) => `<${el.tagName.toLowerCase()}${typeof el.className === "string" && el.className ? ` class="${el.className}"` : ""}>`);
      return { extra, wide };
    });
    if (overflow) fail(address, `reflow: at 320 px the page scrolls sideways by ${overflow.extra} px (${overflow.wide.join(", ")})`);
    return focusStops;
  } finally {
    await page.close();
    // Console errors and requests up to the end count, not only those of the first load.
    for (const p of problems) fail(address, p);
  }
}

const FOCUSABLE = "a[href], area[href], button, input, select, textarea, summary, iframe, [tabindex]:not([tabindex^='-']), [contenteditable='true']";

/**
 * Checks that every focusable element of the page shows a focus indicator when reached from
 * the keyboard: an outline or a box shadow that it does not have unfocused. One real Tab puts
 * the page in keyboard mode; the elements are then focused in turn, which keeps `:focus-visible`.
 */
async function checkFocusIndicators(page, address) {
  // Open every <details> so the elements inside them are checked too.
  await page.evaluate(() => document.querySelectorAll("details").forEach((d) => { d.open = true; }));
  await page.keyboard.press("Tab");
  const results = await page.evaluate((selector) => {
    const css = (el) => {
      const s = getComputedStyle(el);
      return {
        outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 ? `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}` : "none",
        shadow: s.boxShadow,
      };
    };
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
      if (el.disabled || el.getClientRects().length === 0) continue;
      const label = `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ""}${typeof el.className === "string" && el.className ? ` class="${el.className}"` : ""}${el.getAttribute("href") ? ` href="${el.getAttribute("href")}"` : ""}> "${el.textContent.trim().replace(/\s+/g, " ").slice(0, 40)}"`;
      el.blur();
      const before = css(el);
      el.focus({ preventScroll: true });
      if (document.activeElement !== el) {
        out.push({ label, problem: "cannot be focused" });
        continue;
      }
      const after = css(el);
      if (!el.matches(":focus-visible")) out.push({ label, problem: "does not match :focus-visible when focused from the keyboard" });
      const outline = after.outline !== "none" && after.outline !== before.outline;
      const shadow = after.shadow !== "none" && after.shadow !== before.shadow;
      out.push(outline || shadow ? { label } : { label, problem: `has no visible focus indicator (outline ${after.outline}, box-shadow ${after.shadow})` });
    }
    return out;
  }, FOCUSABLE);
  for (const r of results) if (r.problem) fail(address, `focus: ${r.label} ${r.problem}`);
  return results.length;
}

/** An unknown address is answered with the site's 404 page and status 404. */
async function checkNotFound(browser) {
  const context = await browser.newContext();
  try {
    const { page, problems } = await open(context, MISSING_PATH, { expectStatus: 404 });
    for (const p of problems) fail(MISSING_PATH, p);
    const h1 = await page.locator("h1").count();
    if (h1 !== 1) fail(MISSING_PATH, `the 404 page should have one h1, found ${h1}`);
  } finally {
    await context.close();
  }
}

/** Tab reaches the skip link first, it shows, and following it moves focus to #main. */
async function checkSkipLink(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page } = await open(context, "/");
    await page.keyboard.press("Tab");
    const first = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      return {
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute("href"),
        className: el.className,
        text: el.textContent.trim(),
        visible: r.width > 1 && r.height > 1 && r.bottom > 0 && r.right > 0 &&
          r.top < innerHeight && r.left < innerWidth &&
          style.visibility !== "hidden" && style.opacity !== "0" && style.clipPath === "none",
      };
    });
    if (!first) return fail("/", "keyboard: Tab focused nothing");
    if (first.href !== "#main") {
      return fail("/", `keyboard: the first Tab focused <${first.tag} class="${first.className}" href="${first.href}">, not the skip link to #main`);
    }
    if (!first.visible) fail("/", `keyboard: the skip link "${first.text}" is focused but not visible`);
    await page.keyboard.press("Enter");
    await page.waitForFunction(() => location.hash === "#main", null, { timeout: 2000 }).catch(() => {});
    const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
    if (focused !== "main") fail("/", `keyboard: following the skip link focused "${focused || "body"}", not #main`);
    // The next Tab continues from the main content, not from the top of the page.
    await page.keyboard.press("Tab");
    const inMain = await page.evaluate(() => !!document.activeElement?.closest("#main"));
    if (!inMain) fail("/", "keyboard: after the skip link, Tab did not move into the main content");
  } finally {
    await context.close();
  }
}

/** Tab alone reaches every focusable element of `address`, in a single pass. */
async function checkTabOrder(browser, address) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const { page } = await open(context, address);
    const expected = await page.evaluate(
      (selector) => [...document.querySelectorAll(selector)].filter((el) => !el.disabled && el.getClientRects().length > 0).length,
      FOCUSABLE,
    );
    const seen = new Set();
    for (let i = 0; i < expected + 5; i++) {
      await page.keyboard.press("Tab");
      const id = await page.evaluate(() => {
        const el = document.activeElement;
        if (!el || el === document.body) return null;
        if (!el.dataset.e2eTab) el.dataset.e2eTab = String(document.querySelectorAll("[data-e2e-tab]").length);
        return el.dataset.e2eTab;
      });
      if (id === null || seen.has(id)) break;
      seen.add(id);
    }
    if (seen.size !== expected) fail(address, `keyboard: Tab reached ${seen.size} of ${expected} focusable elements`);
  } finally {
    await context.close();
  }
}

/** With JavaScript off the dashboard still shows its heading and indicator cards. */
async function checkNoJavaScript(browser) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
  try {
    const { page, problems } = await open(context, "/");
    for (const p of problems) fail("/ (JavaScript off)", p);
    const h1 = page.locator("main h1");
    if ((await h1.count()) !== 1 || !(await h1.isVisible())) fail("/ (JavaScript off)", "the main heading is not visible");
    const indicatorsExist = files.some((f) => f.startsWith("indicators/") && f !== "indicators/index.html");
    const cards = page.locator("main .indicator-card");
    const n = await cards.count();
    if (indicatorsExist) {
      if (n === 0) fail("/ (JavaScript off)", "no indicator cards are shown");
      for (let i = 0; i < n; i++) {
        if (!(await cards.nth(i).isVisible())) fail("/ (JavaScript off)", `indicator card ${i + 1} is not visible`);
      }
    }
    // Nothing may be hidden until a script runs: no <noscript> needed, no "js-only" blank.
    const mainText = (await page.locator("main").innerText()).trim();
    if (mainText.length < 20) fail("/ (JavaScript off)", "the dashboard's main content is empty");
  } finally {
    await context.close();
  }
}

function newest(prefix) {
  const slugs = files
    .filter((f) => f.startsWith(prefix) && f.endsWith("/index.html"))
    .map((f) => f.slice(prefix.length, -"/index.html".length))
    .filter((s) => s && !s.includes("/"))
    .sort();
  return slugs;
}

async function screenshots(browser, folder) {
  mkdirSync(folder, { recursive: true });
  const targets = [["dashboard", "/"]];
  const bulletins = newest("bulletins/");
  if (bulletins.length) targets.push(["bulletin", `/bulletins/${bulletins[bulletins.length - 1]}/`]);
  const indicators = newest("indicators/");
  if (indicators.length) targets.push(["indicator", `/indicators/${indicators[0]}/`]);
  if (files.includes("funding/index.html")) targets.push(["funding", "/funding/"]);
  let taken = 0;
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor: 1 });
    try {
      for (const [name, address] of targets) {
        const { page, problems } = await open(context, address);
        for (const p of problems) fail(`${address} (${width} px)`, p);
        // Nothing may scroll sideways: the page must fit the viewport.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) fail(`${address} (${width} px)`, `the page is ${overflow} px wider than the viewport`);
        await page.screenshot({ path: join(folder, `${name}-${width}.png`), fullPage: true });
        taken++;
        await page.close();
      }
    } finally {
      await context.close();
    }
  }
  return { taken, names: targets.map(([n, a]) => `${n} ${a}`) };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  let chromium;
  try {
    ({ chromium } = require("playwright-core"));
  } catch (e) {
    console.error(`check.mjs: playwright-core is not installed (run npm ci in tests/e2e): ${e.message}`);
    process.exit(2);
  }
  if (!existsSync(CHROMIUM)) {
    console.error(`check.mjs: no Chromium at ${CHROMIUM}`);
    process.exit(2);
  }
  await new Promise((ok, err) => {
    server.once("error", err);
    server.listen(port, "127.0.0.1", ok);
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  let focusChecked = 0;
  let shots = { taken: 0, names: [] };
  try {
    // Two pages at a time (the machine has two cores), each worker in its own context.
    const queue = [...pages];
    const worker = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        for (let address; (address = queue.shift()) !== undefined;) {
          try {
            const t = Date.now();
            focusChecked += await checkPage(context, address);
            if (process.env.E2E_TIMING) console.log(`time ${address} ${Date.now() - t} ms`);
          } catch (e) {
            fail(address, `could not be checked: ${e.message}`);
          }
        }
      } finally {
        await context.close();
      }
    };
    await Promise.all([worker(), worker()]);

    const once = [
      ["404", () => checkNotFound(browser)],
      ["skip link", () => checkSkipLink(browser)],
      ["tab order", () => checkTabOrder(browser, "/")],
      ["JavaScript off", () => checkNoJavaScript(browser)],
    ];
    for (const [name, check] of once) {
      try {
        const t = Date.now();
        await check();
        if (process.env.E2E_TIMING) console.log(`time ${name} ${Date.now() - t} ms`);
      } catch (e) {
        fail(name, `could not be checked: ${e.message}`);
      }
    }
    if (shotsArg) {
      try {
        shots = await screenshots(browser, resolve(shotsArg));
      } catch (e) {
        fail("screenshots", e.message);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const where = shotsArg ? ` into ${resolve(shotsArg)}` : "";
  console.log(
    `e2e: ${pages.length} pages, ${focusChecked} focus stops, ${shots.taken} screenshots${where}; ` +
      `${failures.length} problem${failures.length === 1 ? "" : "s"}; ${seconds} s`,
  );
  process.exit(failures.length ? 1 : 0);
}

main().catch((e) => {
  console.error(`check.mjs: ${e.stack || e}`);
  server.close();
  process.exit(2);
});
