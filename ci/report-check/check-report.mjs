#!/usr/bin/env node
// Opens a generated Allure 2 report in Debian's headless Chromium (driven by playwright-core, no browser
// download) and checks what a person browsing it would: the Suites tree lists every variant, a test shows its
// parameters and an attachment, and the Overview's trend graph shows at least two runs.
//
//   node check-report.mjs [report-dir] [--variants a,b] [--min-trend-points 2] [--out dir] [--test-match text]
//                         [--chromium /usr/bin/chromium] [--wait-ms 20000] [--total-timeout-ms 180000]
//
// Exit codes: 0 every check passed, 1 a check failed, 2 the check could not run (no report, no browser, timeout).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFAULT_VARIANTS = 'native,wasmtime-jit,wasmtime-aot,wasmer-jit,wasmer-aot';
// This machine has no network beyond package registries: without the background-networking flags Chromium
// keeps opening connections that are refused. Playwright adds --user-data-dir itself (a fresh temp folder).
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    variants: { type: 'string', default: DEFAULT_VARIANTS },
    'min-trend-points': { type: 'string', default: '2' },
    out: { type: 'string', default: path.join(REPO_ROOT, 'target', 'allure-check') },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    // The test to open: the first whose name contains this text (default: a correctness test, which attaches
    // the classifier's JSON output; without one, the first test of any variant).
    'test-match': { type: 'string' },
    'wait-ms': { type: 'string', default: '20000' },
    'total-timeout-ms': { type: 'string', default: '180000' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (opts.help) {
  console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 9).join('\n').replace(/^\/\/ ?/gm, ''));
  process.exit(0);
}
const reportDir = path.resolve(positionals[0] ?? path.join(REPO_ROOT, 'target', 'allure-report'));
const variants = opts.variants.split(',').map((v) => v.trim()).filter(Boolean);
const minTrendPoints = Number(opts['min-trend-points']);
const waitMs = Number(opts['wait-ms']);
const outDir = path.resolve(opts.out);

const log = (msg) => console.log(`[report-check] ${msg}`);
function abort(what, fix) {
  console.error(`[report-check] cannot check the report: ${what}\n  fix: ${fix}`);
  process.exit(2);
}

// ------------------------------------------------------------------------------------------------
// Pre-flight: the report folder must look like an Allure 2 report before a browser is worth starting.
for (const file of ['index.html', 'app.js', 'data/suites.json', 'widgets/history-trend.json']) {
  if (!fs.existsSync(path.join(reportDir, file))) {
    abort(`${path.join(reportDir, file)} does not exist, so ${reportDir} is not a generated Allure 2 report`,
      'run `mvn verify` (twice, so the history has two runs) or pass the report folder as the first argument');
  }
}
if (!fs.existsSync(opts.chromium)) {
  abort(`no Chromium at ${opts.chromium}`, 'run `bash ci/setup.sh` (installs Debian\'s chromium) or pass --chromium PATH');
}
if (!Number.isInteger(minTrendPoints) || minTrendPoints < 1) abort(`--min-trend-points ${opts['min-trend-points']} is not a positive integer`, 'e.g. --min-trend-points 2');
fs.mkdirSync(outDir, { recursive: true });

// ------------------------------------------------------------------------------------------------
// A static file server on 127.0.0.1: Allure 2 loads its data with XHR, which file:// URLs refuse.
const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8', '.md': 'text/markdown; charset=utf-8', '.woff': 'font/woff', '.woff2': 'font/woff2',
  '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject', '.xml': 'application/xml', '.mp4': 'video/mp4',
};
const missingFiles = new Set();

function startServer(root) {
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(root, path.normalize(rel));
    if (!file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, stat) => {
      if (err || !stat.isFile()) {
        missingFiles.add(rel);
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'content-length': stat.size,
        'cache-control': 'no-store',
      });
      fs.createReadStream(file).pipe(res);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// ------------------------------------------------------------------------------------------------
const results = [];
function record(name, ok, detail) {
  results.push({ name, ok, detail });
  log(`${ok ? 'PASS' : 'FAIL'} ${name}\n${detail.replace(/^/gm, '       ')}`);
}
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A variant as a whole token: "wasmer-jit" must not be found inside "wasmer-jit-x", "native" inside "natively".
const variantRe = (v) => new RegExp(`(^|[^\\w-])${escapeRe(v)}(?![\\w-])`, 'i');

let server;
let context;
let userDataDir;
let stopping;
let timedOut = false;
// Closes the browser, the server and the temp profile once, however many callers ask.
function shutdown() {
  stopping ??= (async () => {
    await Promise.race([context?.close().catch(() => {}), new Promise((r) => setTimeout(r, 5000))]);
    if (server) {
      server.closeAllConnections?.();
      await new Promise((r) => server.close(() => r()));
    }
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  })();
  return stopping;
}
const watchdog = setTimeout(async () => {
  timedOut = true;
  console.error(`[report-check] gave up after ${opts['total-timeout-ms']} ms (the report never finished rendering?)\n` +
    `  fix: open the report (python3 -m http.server -b 127.0.0.1 -d ${reportDir} 8080) to see whether it loads; ` +
    'raise --total-timeout-ms on a slow machine');
  await shutdown();
  process.exit(2);
}, Number(opts['total-timeout-ms']));

async function screenshot(page, name) {
  const file = path.join(outDir, name);
  await page.screenshot({ path: file, timeout: 15000 });
  log(`screenshot: ${file}`);
  return file;
}

// 1. Suites tree: every variant appears as a group, a test's parameters, or a test's name.
async function checkSuitesTree(page, base) {
  await page.goto(`${base}/index.html#suites`);
  await page.locator('.tree__content .node').first().waitFor({ timeout: waitMs });
  // Expand every group (a click on a collapsed group's title toggles it), so the screenshot shows the tests.
  for (let round = 0; round < 20; round++) {
    const clicked = await page.evaluate(() => {
      const collapsed = [...document.querySelectorAll('.tree__content div.node:not(.node__expanded) > .node__title')];
      collapsed.forEach((title) => title.click());
      return collapsed.length;
    });
    if (clicked === 0) break;
    await page.waitForTimeout(100);
  }
  const tree = await page.evaluate(() => {
    const text = (el, sel) => el.querySelector(sel)?.innerText.replace(/\s+/g, ' ').trim() ?? '';
    const visible = (el) => el.getClientRects().length > 0;
    return {
      groups: [...document.querySelectorAll('.tree__content div.node > .node__title')].filter(visible).map((t) => text(t, '.node__name')),
      leaves: [...document.querySelectorAll('.tree__content a.node__leaf')].filter(visible)
        .map((a) => ({ name: text(a, '.node__name'), params: text(a, '.node__parameters'), href: a.getAttribute('href') })),
    };
  });
  await screenshot(page, 'suites.png');

  const found = [];
  const missing = [];
  for (const v of variants) {
    const re = variantRe(v);
    const groups = tree.groups.filter((g) => re.test(g));
    const byParam = tree.leaves.filter((l) => re.test(l.params));
    const byName = tree.leaves.filter((l) => re.test(l.name));
    if (groups.length + byParam.length + byName.length === 0) missing.push(v);
    else found.push(`${v}: ${groups.length} group(s), ${byParam.length} test(s) by parameter, ${byName.length} test(s) by name`);
  }
  const seen = `the tree shows ${tree.groups.length} group(s) (${tree.groups.slice(0, 8).join(', ')}${tree.groups.length > 8 ? ', ...' : ''}) and ${tree.leaves.length} test(s)`;
  if (missing.length === 0) {
    record('Suites tree lists every variant', true, `${found.join('\n')}\n${seen}`);
  } else {
    record('Suites tree lists every variant', false,
      `expected every variant of [${variants.join(', ')}] as a group, a test parameter or in a test name; ` +
      `missing: ${missing.join(', ')}\n${seen}\n${found.join('\n')}\n` +
      'fix: a missing variant was skipped or its runtime is not installed (see the "[wasm-perf-suite] SKIPPING" lines of mvn verify; ' +
      'run `bash ci/setup.sh`), or pass the variants this run selected with --variants');
  }
  return tree.leaves;
}

// 2. One test case: a Parameters section with a `variant` row, and at least one attachment.
async function checkTestCase(page, base, leaves) {
  const explicit = opts['test-match'] !== undefined;
  const match = (opts['test-match'] ?? 'correctness').toLowerCase();
  const hasVariant = (l) => variants.some((v) => variantRe(v).test(`${l.params} ${l.name}`));
  const leaf = leaves.find((l) => l.name.toLowerCase().includes(match) && hasVariant(l))
    ?? (explicit ? undefined : leaves.find(hasVariant) ?? leaves[0]);
  if (!leaf) {
    record('a test case shows its parameters and an attachment', false,
      `expected a test in the Suites tree whose name contains "${match}" and names a variant; found ${leaves.length} test(s)` +
      `${leaves.length ? `, e.g. "${leaves[0].name}"` : ''}\nfix: check --test-match, or that the suite's tests ran at all (target/allure-results)`);
    await screenshot(page, 'testcase.png');
    return;
  }
  await page.goto(`${base}/index.html${leaf.href}`);
  const name = page.locator('.test-result__name');
  await name.first().waitFor({ timeout: waitMs });
  // The test-result pane renders its sections from one model: once the name is there, the rest is too.
  await page.waitForTimeout(300);
  const view = await page.evaluate(() => {
    const clean = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
    const result = document.querySelector('.test-result');
    // Allure 2.34: <div class="pane__section"><h3>Parameters</h3><div class="environment"><span class="environment__key">variant</span>: <span>native</span></div>...
    const sections = [...result.querySelectorAll('.pane__section')].filter((s) => s.querySelector('h3'));
    const sectionTitles = sections.map((s) => clean(s.querySelector('h3').innerText));
    const parameters = sections.find((s) => /^parameters$/i.test(clean(s.querySelector('h3').innerText)));
    const rows = parameters ? [...parameters.querySelectorAll('.environment')].map((row) =>
      [clean(row.querySelector('.environment__key')?.innerText), clean(row.querySelector('.environment__key ~ span')?.innerText)]) : [];
    const attachments = [...result.querySelectorAll('.attachment-row')].map((a) => clean(a.querySelector('.attachment-row__name')?.innerText ?? a.innerText));
    return { title: clean(result.querySelector('.test-result__name')?.innerText), sectionTitles, rows, attachments };
  });
  // Open the first attachment, so the screenshot shows its content as well as its name.
  if (view.attachments.length > 0) {
    await page.locator('.attachment-row').first().click();
    await page.waitForTimeout(500);
  }
  await screenshot(page, 'testcase.png');

  const problems = [];
  const variantRow = view.rows.find((r) => r[0] === 'variant');
  if (!view.sectionTitles.some((t) => /^parameters$/i.test(t))) problems.push(`no "Parameters" section (sections: ${view.sectionTitles.join(', ') || 'none'})`);
  if (!variantRow) problems.push(`no "variant" parameter (parameters: ${view.rows.map((r) => r.join('=')).join(', ') || 'none'})`);
  else if (!variants.includes(variantRow[1])) problems.push(`the variant parameter is "${variantRow[1]}", not one of ${variants.join(', ')}`);
  if (view.attachments.length === 0) problems.push('no attachment');
  const seen = `test "${view.title}" (${leaf.href}): parameters ${view.rows.map((r) => r.join('=')).join(', ') || 'none'}; ` +
    `attachments: ${view.attachments.map((a) => `"${a}"`).join(', ') || 'none'}`;
  if (problems.length === 0) {
    record('a test case shows its parameters and an attachment', true, seen);
  } else {
    record('a test case shows its parameters and an attachment', false,
      `expected a Parameters section with a variant parameter and at least one attachment; ${problems.join('; ')}\n${seen}\n` +
      'fix: the suite tests must record Allure parameters (Allure.parameter("variant", ...)) and attach the classifier output; ' +
      'check target/allure-results/*-result.json for "parameters" and "attachments"');
  }
}

// 3. Overview: the History trend widget draws one vertical line (and one x-axis tick) per run.
async function checkTrend(page, base) {
  const trendFile = path.join(reportDir, 'history', 'history-trend.json');
  let fileRuns = null;
  let fileNote;
  try {
    const entries = JSON.parse(fs.readFileSync(trendFile, 'utf8'));
    fileRuns = Array.isArray(entries) ? entries.length : null;
    fileNote = `${trendFile} has ${fileRuns} entr${fileRuns === 1 ? 'y' : 'ies'}`;
  } catch (e) {
    fileNote = `${trendFile} cannot be read (${e.code ?? e.message})`;
  }

  await page.goto(`${base}/index.html#`);
  const widget = page.locator('.widget[data-id="history-trend"]');
  await widget.waitFor({ timeout: waitMs });
  await widget.locator('.history-trend__chart svg, .widget__noitems').first().waitFor({ timeout: waitMs });
  const chart = await widget.evaluate((w) => ({
    lines: w.querySelectorAll('.history-trend__chart svg line.report-line').length,
    ticks: [...w.querySelectorAll('.history-trend__chart svg .chart__axis_x .tick')].map((t) => t.textContent.trim()),
    empty: w.querySelector('.widget__noitems')?.textContent.trim() ?? null,
  }));
  await widget.scrollIntoViewIfNeeded();
  await page.waitForTimeout(1000); // the Overview's charts animate in
  await screenshot(page, 'overview.png');

  const domNote = chart.empty !== null
    ? `the History trend widget shows "${chart.empty}" instead of a chart (Allure draws it from 2 runs on)`
    : `the History trend chart has ${chart.lines} run line(s) and ${chart.ticks.length} x-axis column(s)` +
      (chart.ticks.some(Boolean) ? `: ${chart.ticks.join(', ')}` : ' (unlabelled: the runs carry no executor build numbers)');
  const points = Math.min(chart.lines, chart.ticks.length);
  // Allure draws no chart for a single run, so --min-trend-points 1 (a first CI run) only needs the widget.
  const domOk = minTrendPoints <= 1 || (chart.empty === null && points >= minTrendPoints);
  const ok = domOk && (fileRuns ?? 0) >= minTrendPoints;
  if (ok) {
    record(`the Overview trend graph has at least ${minTrendPoints} points`, true, `${domNote}\n${fileNote}`);
  } else {
    record(`the Overview trend graph has at least ${minTrendPoints} points`, false,
      `expected at least ${minTrendPoints} runs in the History trend; ${domNote}; ${fileNote}\n` +
      'fix: run `mvn verify` twice, so the second report carries the first run\'s history; if it still shows one run, ' +
      'check that the history folder (-Dallure.history.dir, default ~/.cache/wasm-perf-suite/allure-history) survives between runs');
  }
}

async function main() {
  const started = Date.now();
  server = await startServer(reportDir);
  const base = `http://127.0.0.1:${server.address().port}`;
  log(`serving ${reportDir} at ${base}`);

  userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'allure-check-chromium-'));
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: opts.chromium,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1440, height: 1000 },
      locale: 'en-US',
      timeout: 60000,
    });
  } catch (e) {
    await shutdown();
    abort(`Chromium (${opts.chromium}) did not start: ${e.message.split('\n')[0]}`,
      'run `/usr/bin/chromium --headless --no-sandbox --dump-dom about:blank` to see its own error; reinstall with `bash ci/setup.sh`');
  }
  log(`browser: Chromium ${context.browser()?.version() ?? '(version unknown)'}`);
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(waitMs);
  page.setDefaultNavigationTimeout(Math.max(waitMs, 30000));
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  let leaves = [];
  const checks = [
    ['Suites tree lists every variant', async () => (leaves = await checkSuitesTree(page, base))],
    ['a test case shows its parameters and an attachment', async () => checkTestCase(page, base, leaves)],
    [`the Overview trend graph has at least ${minTrendPoints} points`, async () => checkTrend(page, base)],
  ];
  for (const [name, run] of checks) {
    if (timedOut) break;
    const recorded = results.length;
    try {
      await run();
    } catch (e) {
      if (timedOut) break;
      if (results.length > recorded) {
        log(`(after that: ${e.message.split('\n')[0]})`);
        continue;
      }
      // A wait that timed out: the page never showed what the check looks for.
      const shot = await screenshot(page, `failed-${results.length + 1}.png`).catch(() => 'none');
      record(name, false, `the page did not show it within ${waitMs} ms: ${e.message.split('\n')[0]}\n` +
        `screenshot of what it showed: ${shot}\nfix: open the report (python3 -m http.server -b 127.0.0.1 -d ${reportDir} 8080) and compare; ` +
        'a report from another Allure version may need new selectors in ci/report-check/check-report.mjs');
    }
  }
  if (timedOut) return; // the watchdog reports and exits
  await shutdown();
  clearTimeout(watchdog);

  const failed = results.filter((r) => !r.ok);
  if (failed.length > 0) {
    if (pageErrors.length) log(`JavaScript errors on the page: ${pageErrors.slice(0, 5).join(' | ')}`);
    if (missingFiles.size) log(`files the page asked for that the report does not have: ${[...missingFiles].slice(0, 10).join(', ')}`);
  }
  log(`screenshots in ${outDir}`);
  log(`report check: ${results.length - failed.length} of ${results.length} checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s` +
    (failed.length ? ` (failed: ${failed.map((f) => f.name).join('; ')})` : ''));
  process.exit(failed.length ? 1 : 0);
}

main().catch(async (e) => {
  console.error(`[report-check] unexpected error: ${e.stack ?? e}`);
  await shutdown();
  process.exit(2);
});
