// The browser journey (docs/adr/0015): Debian's Chromium, driven by playwright-core, against a real
// `qgp serve` on an ephemeral PostgreSQL (tests/api/web_journey_api_test.cpp starts both and runs
// this). A published template is made through the API; then, in the browser: sign in as the admin,
// a field error from the API next to its field, schedule a run, take it on a 390x844 phone viewport
// with one answer given offline and a reload while it waits, complete it, see the auto-raised
// finding, move it to closed. axe-core checks the main screens; the budgets are printed.
//
// Environment: QGP_URL, QGP_EMAIL, QGP_PASSWORD (required); QGP_WEB_SCREENSHOTS (folder for the
// README's screenshots, default: none written), QGP_WEB_FAILURES (folder for the screenshots of a
// failure), QGP_WEB_REPORT (a file the budget line is appended to), QGP_CHROMIUM (/usr/bin/chromium).
import { readFileSync, mkdirSync, appendFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const base = process.env.QGP_URL;
const email = process.env.QGP_EMAIL;
const password = process.env.QGP_PASSWORD;
if (!base || !email || !password) {
  console.error('journey: QGP_URL, QGP_EMAIL and QGP_PASSWORD are required');
  process.exit(2);
}
const origin = new URL(base).origin;
const screenshots = process.env.QGP_WEB_SCREENSHOTS ?? '';
const failures = process.env.QGP_WEB_FAILURES ?? join(process.cwd(), 'e2e', 'failures');
const kBudgetBytes = 300 * 1024;
const phone = { width: 390, height: 844 };
const desktop = { width: 1280, height: 800 };

// --- set-up through the API: a published template whose "Poor" answer raises a finding ---------
async function call(method, path, token, body) {
  const response = await fetch(origin + path, {
    method,
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function publishTemplate() {
  const { access_token: token } = await call('POST', '/api/v1/auth/login', null, { email, password });
  const template = await call('POST', '/api/v1/audits/templates', token, {
    name: 'Warehouse safety inspection',
    scoring_method: 'percentage',
    passing_score: 70,
    auto_create_findings: true,
  });
  const path = `/api/v1/audits/templates/${template.id}`;
  const withSection = await call('POST', `${path}/sections`, token, { title: 'Housekeeping', weight: 1 });
  const section_id = withSection.sections[0].id;
  await call('POST', `${path}/questions`, token, {
    section_id, question_text: 'Are fire exits clear?', question_type: 'yes_no', is_critical: true,
  });
  await call('POST', `${path}/questions`, token, {
    section_id, question_text: 'Housekeeping condition', question_type: 'choice',
    options: [
      { label: 'Good', value: 'good', score: 2 },
      { label: 'Poor', value: 'poor', score: 0, triggers_finding: true, finding_grade: 'minor_nonconformity' },
    ],
  });
  await call('POST', `${path}/questions`, token, {
    section_id, question_text: 'Condition of ladders', question_type: 'score', max_score: 5, allow_na: true,
  });
  await call('POST', `${path}/publish`, token, {});
}

// --- checks ------------------------------------------------------------------------------------
function check(condition, message) {
  if (!condition) throw new Error(message);
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
async function accessible(page, screen) {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  check(bad.length === 0, `axe on ${screen}: ${detail.join('; ')}`);
  console.log(`axe: ${screen}: no serious or critical violation (${result.violations.length} minor)`);
}

// The README shows these (docs/screenshots/<name>.png): it must show no other, and every one is
// taken by this journey, so none can go stale silently (QGP_UPDATE_SCREENSHOTS=1 scripts/dev.sh test
// rewrites them).
const shotNames = ['sign-in', 'run-taking-phone', 'run-completed-phone', 'findings', 'runs', 'users', 'home'];
const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
const shown = [...readme.matchAll(/docs\/screenshots\/([\w-]+)\.png/g)].map((m) => m[1]);
const taken = new Set();
async function shoot(page, name) {
  taken.add(name);
  if (!screenshots) return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`) });
}

// --- the journey -------------------------------------------------------------------------------
const started = Date.now();
await publishTemplate();
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
page.on('console', (message) => {
  if (message.type() === 'error') consoleErrors.push(message.text());
});
page.on('pageerror', (error) => consoleErrors.push(String(error)));

const nav = page.getByRole('navigation', { name: 'Main' });
let step = 'start';
try {
  // 1. First load: the budget of its JavaScript, and the time until the sign-in form is usable.
  step = 'first load';
  const scripts = [];
  const collect = (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response);
  };
  page.on('response', collect);
  const loadStart = Date.now();
  await page.goto(`${base}/audits/runs?status=scheduled`);
  await page.getByLabel('Email').waitFor({ state: 'visible' });
  await page.getByLabel('Email').isEditable();
  const usableMs = Date.now() - loadStart;
  page.off('response', collect);
  let gzipped = 0;
  for (const response of scripts) gzipped += gzipSync(await response.body(), { level: 9 }).length;
  check(scripts.length > 0, 'no script was loaded');
  check(gzipped <= kBudgetBytes, `first-load JavaScript is ${gzipped} bytes gzipped, over ${kBudgetBytes}`);
  check(page.url().endsWith('/sign-in'), `a signed-out visitor is at ${page.url()}, not /sign-in`);
  await accessible(page, 'sign-in');
  await shoot(page, 'sign-in');

  // 2. A wrong password is refused with the API's message; the right one returns where we were going.
  step = 'sign in';
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(`${password}-wrong`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').first().waitFor();
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Audit runs' }).waitFor();
  check(page.url().endsWith('/audits/runs?status=scheduled'), `after sign-in at ${page.url()}`);
  await page.getByText('No run matches these filters').waitFor();
  await nav.getByRole('link', { name: 'Audits' }).click();
  await page.getByText('No audit runs yet').waitFor();

  // 3. Schedule: the API's field errors show next to their fields; then a valid run.
  step = 'schedule';
  await page.getByRole('link', { name: 'Schedule a run' }).click();
  await page.getByRole('heading', { name: 'Schedule a run' }).waitFor();
  await page.getByRole('button', { name: 'Schedule' }).click();
  const titleError = page.locator('.field', { has: page.getByLabel('Title') }).locator('.field-error');
  await titleError.waitFor();
  const templateError = page.locator('.field', { has: page.getByLabel('Template') }).locator('.field-error');
  await templateError.waitFor();
  await page.getByLabel('Template').selectOption({ label: 'Warehouse safety inspection (v1)' });
  await page.getByLabel('Title').fill('Warehouse 3 - December');
  await page.getByLabel('Due date').fill('2099-12-20');
  await page.getByLabel('Location').fill('Warehouse 3');
  await page.getByRole('button', { name: 'Schedule' }).click();
  await page.getByRole('heading', { name: 'Warehouse 3 - December' }).waitFor();
  const runPath = new URL(page.url()).pathname;
  check(/^\/audits\/runs\/\d+$/.test(runPath), `the new run is at ${runPath}`);

  // 4. Take it on a phone.
  step = 'take the run';
  await page.setViewportSize(phone);
  await page.getByRole('button', { name: 'Start the run' }).click();
  await page.getByRole('heading', { name: 'Are fire exits clear?' }).waitFor();
  const saved = (questionPart) =>
    page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/responses/${questionPart}`) && r.ok());
  const firstSaved = saved('');
  await page.getByRole('radio', { name: 'Yes' }).click();
  await firstSaved;
  await page.getByText('All answers saved').waitFor();
  await page.getByText('1 of 3 answered').waitFor();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('heading', { name: 'Housekeeping condition' }).waitFor();

  // Offline: the answer waits in the queue...
  step = 'answer offline';
  await context.setOffline(true);
  await page.getByRole('radio', { name: 'Poor' }).click();
  await page.getByText('1 answer waiting to send').waitFor();
  // ...and survives a reload while the network still drops the answers.
  step = 'reload mid-run';
  const dropAnswers = (route) => route.abort('internetdisconnected');
  await page.route('**/api/v1/audits/runs/*/responses/*', dropAnswers);
  await context.setOffline(false);
  await page.reload();
  await page.getByRole('heading', { name: 'Housekeeping condition' }).waitFor();
  await page.getByText('1 answer waiting to send').waitFor();
  check((await page.getByRole('radio', { name: 'Poor' }).getAttribute('aria-checked')) === 'true',
    'the queued answer is not shown after the reload');
  await page.getByText('2 of 3 answered').waitFor();
  await accessible(page, 'run-taking (phone)');
  await shoot(page, 'run-taking-phone');
  // The network is back: moving on sends what waited.
  step = 'send when back';
  await page.unroute('**/api/v1/audits/runs/*/responses/*', dropAnswers);
  const queuedSaved = saved('');
  await page.getByRole('button', { name: 'Next' }).click();
  await queuedSaved;
  await page.getByText('All answers saved').waitFor();
  await page.getByRole('heading', { name: 'Condition of ladders' }).waitFor();
  const lastSaved = saved('');
  await page.getByRole('radio', { name: '4' }).click();
  await lastSaved;
  await page.getByText('All answers saved').waitFor();
  await page.getByText('3 of 3 answered').waitFor();

  // 5. Complete: 1 + 0 + 4 of 8 = 62.5 %, under the pass mark; the Poor answer raised a finding.
  step = 'complete';
  await page.getByRole('button', { name: 'Complete the run' }).click();
  await page.getByRole('heading', { name: 'Completed' }).waitFor();
  await page.getByText('Score 62.5 %').waitFor();
  await shoot(page, 'run-completed-phone');
  const findingLink = page.getByRole('link', { name: /Housekeeping condition/ });
  await findingLink.click();

  // 6. The finding, moved to closed through the transitions the API offers.
  step = 'close the finding';
  await page.getByRole('heading', { name: 'Housekeeping condition' }).waitFor();
  await page.getByRole('button', { name: 'Start work' }).click();
  await page.getByRole('button', { name: 'Ready for verification' }).waitFor();
  await page.getByRole('button', { name: 'Ready for verification' }).click();
  await page.getByRole('button', { name: 'Close' }).waitFor();
  await page.getByRole('button', { name: 'Close' }).click();
  // Closing needs closure notes: the API's problem shows next to the note.
  const noteError = page.locator('.field', { has: page.getByLabel('Note') }).locator('.field-error');
  await noteError.waitFor();
  await page.getByLabel('Note').fill('Aisle cleared and re-inspected on 21 December.');
  await page.getByRole('button', { name: 'Close' }).click();
  await page.getByText('This finding is closed.').waitFor();
  await page.getByText('Aisle cleared and re-inspected on 21 December.').waitFor();

  // 7. The register, on a desktop: the closed finding, filtered through the URL.
  step = 'findings register';
  await page.setViewportSize(desktop);
  await nav.getByRole('link', { name: 'Findings' }).click();
  await page.getByRole('heading', { name: 'Findings' }).waitFor();
  await page.getByLabel('Status').selectOption('closed');
  await page.waitForURL(/\/findings\?status=closed$/);
  await page.getByRole('cell', { name: 'Housekeeping condition' }).waitFor();
  await accessible(page, 'findings register');
  await shoot(page, 'findings');
  await nav.getByRole('link', { name: 'Audits' }).click();
  await page.getByRole('cell', { name: /Warehouse 3 - December/ }).waitFor();
  await accessible(page, 'runs list');
  await shoot(page, 'runs');

  // 8. An administrator adds a user: the password rule's refusal shows next to the password.
  step = 'add a user';
  await nav.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('link', { name: 'Add a user' }).click();
  const newEmail = `inspector.${Date.now()}@example.org`;
  await page.getByLabel('Email').fill(newEmail);
  await page.getByLabel('First name').fill('Ines');
  await page.getByLabel('Last name').fill('Inspector');
  await page.getByLabel('Initial password').fill('short');
  await page.getByRole('button', { name: 'Add the user' }).click();
  await page.locator('.field', { has: page.getByLabel('Initial password') }).locator('.field-error').waitFor();
  await page.getByLabel('Initial password').fill('a long enough pass phrase 42');
  await page.getByRole('button', { name: 'Add the user' }).click();
  await page.getByRole('heading', { name: 'Ines Inspector' }).waitFor();
  await page.getByRole('link', { name: 'Users' }).last().click();
  await page.getByRole('cell', { name: newEmail }).waitFor();
  await accessible(page, 'users');
  await shoot(page, 'users');

  // The start page: counts, open findings by grade, and the score trend drawn by the chart (loaded
  // on demand, after the first screen).
  step = 'dashboard';
  await page.getByRole('link', { name: 'QGP' }).click();
  await page.getByRole('heading', { name: 'Audit score trend' }).waitFor();
  await page.locator('.chart-box canvas').first().waitFor();
  await page.getByText(/completed run, oldest first: AUD-\d{4}-\d{4} 62\.5 %/).waitFor();
  await page.getByRole('heading', { name: 'Open findings by grade' }).waitFor();
  await accessible(page, 'home');
  await shoot(page, 'home');

  // 9. The new user signs in: no role, so no screen of the navigation, and a link to one is refused.
  step = 'the new user signs in';
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Email').fill(newEmail);
  await page.getByLabel('Password').fill('a long enough pass phrase 42');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Hello, Ines' }).waitFor();
  await page.getByText('Ines Inspector').waitFor();
  check((await nav.getByRole('link').count()) === 0, 'a user without roles is offered screens');
  await page.goto(`${base}/users`);
  await page.getByText('Not available to you').waitFor();

  check([...taken].sort().join() === [...shotNames].sort().join(), `screenshots taken: ${[...taken]}`);
  for (const name of shown) check(taken.has(name), `README.md shows docs/screenshots/${name}.png, which the journey does not take`);
  check(foreign.length === 0, `requests to other hosts: ${foreign.join(', ')}`);
  // The browser logs each refused or dropped request (the wrong password, the offline answer);
  // anything else logged as an error (a script error, a policy violation) fails the journey.
  const unexpected = consoleErrors.filter((e) => !e.startsWith('Failed to load resource'));
  check(unexpected.length === 0, `console errors: ${unexpected.join(' | ')}`);
  const line =
    `web journey: first-load JavaScript ${(gzipped / 1024).toFixed(1)} KB gzipped (budget 300 KB, ${scripts.length} file(s)); ` +
    `first screen usable in ${usableMs} ms on loopback; requests to other hosts: ${foreign.length}; ` +
    `journey ${((Date.now() - started) / 1000).toFixed(1)} s`;
  console.log(line);
  if (process.env.QGP_WEB_REPORT) appendFileSync(process.env.QGP_WEB_REPORT, `${line}\n`);
} catch (error) {
  mkdirSync(failures, { recursive: true });
  const shot = join(failures, `journey-${step.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
  console.error(`journey FAILED at "${step}": ${error.message}`);
  console.error(`journey: page ${page.url()}; screenshot kept at ${shot}`);
  if (consoleErrors.length) console.error(`journey: console errors: ${consoleErrors.join(' | ')}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
