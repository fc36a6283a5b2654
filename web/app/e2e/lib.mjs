// What every browser journey shares (docs/adr/0015): the environment it is given by
// tests/api/web_journey_api_test.cpp, calls to the API for set-up, Debian's Chromium, axe-core,
// the README's screenshots, the check that nothing went to another host, and a failure kept as a
// screenshot. A journey is a module: `await journey('name', ['shot', ...], async (j) => { ... })`.
//
// Environment: QGP_URL, QGP_EMAIL, QGP_PASSWORD (required); QGP_WEB_SCREENSHOTS (folder for the
// README's screenshots, default: none written), QGP_WEB_FAILURES (folder for the screenshots of a
// failure), QGP_WEB_REPORT (a file the budget lines are appended to), QGP_CHROMIUM (/usr/bin/chromium).
import { readFileSync, mkdirSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const base = process.env.QGP_URL;
export const email = process.env.QGP_EMAIL;
export const password = process.env.QGP_PASSWORD;
if (!base || !email || !password) {
  console.error('journey: QGP_URL, QGP_EMAIL and QGP_PASSWORD are required');
  process.exit(2);
}
export const origin = new URL(base).origin;
export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 800 };
const screenshots = process.env.QGP_WEB_SCREENSHOTS ?? '';
const failures = process.env.QGP_WEB_FAILURES ?? join(process.cwd(), 'e2e', 'failures');

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

// The API, for a journey's set-up (what the journey is not about is made the quick way).
export async function call(method, path, token, body) {
  const response = await fetch(origin + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function apiToken(who = { email, password }) {
  const { access_token: token } = await call('POST', '/api/v1/auth/login', null, who);
  return token;
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export async function accessible(page, screen) {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  check(bad.length === 0, `axe on ${screen}: ${detail.join('; ')}`);
  console.log(`axe: ${screen}: no serious or critical violation (${result.violations.length} minor)`);
}

// Signs in through the sign-in screen (the page must show it) and waits for `landing`, a locator
// of the screen the sign-in returns to.
export async function signIn(page, who, landing) {
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await landing.waitFor();
}

export function report(line) {
  console.log(line);
  if (process.env.QGP_WEB_REPORT) appendFileSync(process.env.QGP_WEB_REPORT, `${line}\n`);
}

// Runs one journey in a fresh headless Chromium. `shots` are the README screenshots
// (docs/screenshots/<name>.png) this journey takes: it must take exactly those, and the README must
// show each (so none can go stale silently: QGP_UPDATE_SCREENSHOTS=1 scripts/dev.sh test rewrites
// them). `body(j)` gets { browser, context, page, nav, step(name), shoot(page, name) }; the step
// names the failure's screenshot.
export async function journey(name, shots, body) {
  const started = Date.now();
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const shown = new Set([...readme.matchAll(/docs\/screenshots\/([\w-]+)\.png/g)].map((m) => m[1]));
  const taken = new Set();
  const browser = await chromium.launch({
    executablePath: process.env.QGP_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  const context = await browser.newContext({ viewport: desktop, locale: 'en-GB', timezoneId: 'UTC' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const foreign = [];
  const consoleErrors = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin) foreign.push(request.url());
  });
  context.on('page', (other) => other.on('pageerror', (error) => consoleErrors.push(String(error))));
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  let current = 'start';
  const j = {
    browser,
    context,
    page,
    nav: page.getByRole('navigation', { name: 'Main' }),
    step: (stepName) => {
      current = stepName;
    },
    shoot: async (shotPage, shot) => {
      check(shots.includes(shot), `screenshot ${shot} is not declared by the ${name} journey`);
      taken.add(shot);
      if (!screenshots) return;
      mkdirSync(screenshots, { recursive: true });
      await shotPage.screenshot({ path: join(screenshots, `${shot}.png`) });
    },
  };
  try {
    await body(j);
    current = 'final checks';
    check([...taken].sort().join() === [...shots].sort().join(), `screenshots taken: ${[...taken]}, declared: ${shots}`);
    for (const shot of shots) check(shown.has(shot), `README.md does not show docs/screenshots/${shot}.png`);
    check(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
    // The browser logs each refused or dropped request (a wrong password, an offline answer);
    // anything else logged as an error (a script error, a policy violation) fails the journey.
    const unexpected = consoleErrors.filter((e) => !e.startsWith('Failed to load resource'));
    check(unexpected.length === 0, `console errors: ${unexpected.join(' | ')}`);
    report(`web journey ${name}: ${((Date.now() - started) / 1000).toFixed(1)} s, requests to other hosts: 0`);
  } catch (error) {
    mkdirSync(failures, { recursive: true });
    const shot = join(failures, `${name}-${current.replace(/\W+/g, '-')}.png`);
    await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
    console.error(`journey ${name} FAILED at "${current}": ${error.message}`);
    console.error(`journey ${name}: page ${page.url()}; screenshot kept at ${shot}`);
    if (consoleErrors.length) console.error(`journey ${name}: console errors: ${consoleErrors.join(' | ')}`);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
