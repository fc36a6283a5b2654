// The audits journey (docs/adr/0015), in the browser: sign in as the admin, build a template in the
// builder and publish it (a first publish refused with its problem shown next to its question, then
// fixed), a field error from the API next to its field, schedule a run, take
// it on a 390x844 phone viewport with one answer given offline and a reload while it waits, complete
// it, see the auto-raised finding, move it to closed; an administrator adds a user, who signs in and
// is refused what their (no) role does not allow; the finding's history and the audit trail show
// who changed what. Measures the first load's budgets.
import { gzipSync } from 'node:zlib';
import { accessible, base, check, desktop, email, journey, password, phone, report } from './lib.mjs';

const kBudgetBytes = 300 * 1024;

// --- the journey -------------------------------------------------------------------------------
await journey('audits', ['sign-in', 'template-builder', 'run-taking-phone', 'run-completed-phone', 'findings', 'runs', 'users', 'home', 'audit-trail'],
  async ({ context, page, nav, step: at, shoot }) => {
    // 1. First load: the budget of its JavaScript, and the time until the sign-in form is usable.
    at('first load');
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
    at('sign in');
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

    // 3. Build the template in the builder: settings, a section, three questions.
    at('build the template');
    await nav.getByRole('link', { name: 'Templates' }).click();
    await page.getByText('No templates yet').waitFor();
    await page.getByRole('link', { name: 'New template' }).click();
    await page.getByLabel('Name').fill('Warehouse safety inspection');
    await page.getByLabel('Scoring method').selectOption('percentage');
    await page.getByLabel('Pass mark').fill('70');
    check(await page.getByLabel('Raise findings automatically when a run is completed').isChecked(),
      'a new template does not raise findings by default');
    await page.getByRole('button', { name: 'Create the template' }).click();
    await page.getByRole('heading', { name: 'Warehouse safety inspection' }).waitFor();
    await page.getByText('Not published yet').waitFor();
    await page.getByRole('button', { name: 'Add a section' }).click();
    await page.getByLabel('Section title').fill('Housekeeping');
    await page.getByRole('button', { name: 'Add the section' }).click();
    await page.getByRole('heading', { name: 'Housekeeping' }).waitFor();
    const addQuestion = async (text, type, more = async () => {}) => {
      await page.getByRole('button', { name: 'Add a question to Housekeeping' }).click();
      await page.getByLabel('Question', { exact: true }).fill(text);
      await page.getByLabel('Answer type').selectOption(type);
      await more();
      await page.getByRole('button', { name: 'Add the question' }).click();
      await page.getByRole('button', { name: `Edit ${text}` }).waitFor();
    };
    await addQuestion('Are fire exits clear?', 'yes_no', () => page.getByLabel('Critical').check());
    // A choice question left without options: the API takes it as a draft, refuses to publish it.
    await addQuestion('Housekeeping condition', 'choice', async () => {
      await page.getByRole('button', { name: 'Remove option 2' }).click();
      await page.getByRole('button', { name: 'Remove option 1' }).click();
    });
    await addQuestion('Condition of ladders', 'score', async () => {
      await page.getByLabel('Max score').fill('5');
      await page.getByLabel('N/A allowed').check();
    });

    // Publish: refused, the problem shown next to the question it names; fixed; published.
    at('publish refused');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('The template cannot be published yet: 1 problem').waitFor();
    const choiceItem = page.locator('li.question-item', { hasText: 'Housekeeping condition' });
    await choiceItem.getByText('options: a choice question needs at least one option').waitFor();
    check((await page.locator('ul.problems li').count()) === 1, 'problems shown for other parts');
    await accessible(page, 'template builder (publish refused)');
    await shoot(page, 'template-builder');
    at('fix and publish');
    await page.getByRole('button', { name: 'Edit Housekeeping condition' }).click();
    await page.getByRole('button', { name: 'Add an option' }).click();
    await page.getByRole('button', { name: 'Add an option' }).click();
    await page.getByLabel('Option 1 label').fill('Good');
    await page.getByLabel('Option 1 score').fill('2');
    await page.getByLabel('Option 2 label').fill('Poor');
    await page.getByLabel('Option 2 score').fill('0');
    await page.getByLabel('Option 2 raises a finding').check();
    await page.getByLabel('Option 2 finding grade').selectOption('minor_nonconformity');
    await page.getByRole('button', { name: 'Save the question' }).click();
    await choiceItem.getByText('Poor').waitFor();
    check((await page.locator('ul.problems li').count()) === 0, 'the fixed problem is still shown');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published as version 1. New runs use it.').waitFor();
    await page.getByText('Version 1 is published and used by new runs.').waitFor();
    await page.getByRole('button', { name: 'Version 1' }).waitFor();
    await accessible(page, 'template builder');
    await nav.getByRole('link', { name: 'Audits' }).click();
    await page.getByText('No audit runs yet').waitFor();

    // 4. Schedule: the API's field errors show next to their fields; then a valid run.
    at('schedule');
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

    // 5. Take it on a phone.
    at('take the run');
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
    at('answer offline');
    await context.setOffline(true);
    await page.getByRole('radio', { name: 'Poor' }).click();
    await page.getByText('1 answer waiting to send').waitFor();
    // ...and survives a reload while the network still drops the answers.
    at('reload mid-run');
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
    at('send when back');
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

    // 6. Complete: 1 + 0 + 4 of 8 = 62.5 %, under the pass mark; the Poor answer raised a finding.
    at('complete');
    await page.getByRole('button', { name: 'Complete the run' }).click();
    await page.getByRole('heading', { name: 'Completed' }).waitFor();
    await page.getByText('Score 62.5 %').waitFor();
    await shoot(page, 'run-completed-phone');
    const findingLink = page.getByRole('link', { name: /Housekeeping condition/ });
    await findingLink.click();

    // 7. The finding, moved to closed through the transitions the API offers.
    at('close the finding');
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
    await page.locator('.facts').getByText('Aisle cleared and re-inspected on 21 December.').waitFor();
    // Its history: who moved it, when, with the note.
    const history = page.getByRole('region', { name: 'History' });
    await history.getByText('“Aisle cleared and re-inspected on 21 December.”').waitFor();
    await history.getByText('status: pending_verification → closed').waitFor();
    await history.getByText(email).first().waitFor();

    // 8. The register, on a desktop: the closed finding, filtered through the URL.
    at('findings register');
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

    // The audit trail: the template's publication, filtered through the URL, linked to the template.
    at('audit trail');
    await nav.getByRole('link', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
    await page.getByLabel('Record kind').selectOption('audit_template');
    // The rows are counted once the filtered page has answered (the unfiltered one also shows the
    // publication while the filtered one loads).
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/audit-log?') && r.url().includes('action=publish') && r.ok());
    await page.getByLabel('Action').selectOption('publish');
    await page.waitForURL(/\/audit-trail\?entity_type=audit_template&action=publish$/);
    await filtered;
    await page.getByRole('row').nth(2).waitFor({ state: 'detached' });
    const published = page.getByRole('row', { name: /Publish/ });
    await published.getByText('published version number: — → 1').waitFor();
    check((await page.getByRole('row').count()) === 2, 'the trail shows more than the one publication');
    await accessible(page, 'audit trail');
    await shoot(page, 'audit-trail');
    await published.getByRole('link', { name: /^\d+$/ }).click();
    await page.getByRole('heading', { name: 'Warehouse safety inspection' }).waitFor();
    await page.getByRole('region', { name: 'History of this template' }).getByText('Publish').first().waitFor();

    // 9. An administrator adds a user: the password rule's refusal shows next to the password.
    at('add a user');
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
    at('dashboard');
    await page.getByRole('link', { name: 'QGP' }).click();
    await page.getByRole('heading', { name: 'Audit score trend' }).waitFor();
    await page.locator('.chart-box canvas').first().waitFor();
    await page.getByText(/completed run, oldest first: AUD-\d{4}-\d{4} 62\.5 %/).waitFor();
    await page.getByRole('heading', { name: 'Open findings by grade' }).waitFor();
    await accessible(page, 'home');
    await shoot(page, 'home');

    // 10. The new user signs in: no role, so no screen of the navigation, and a link to one is refused.
    at('the new user signs in');
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

    const line =
      `web journey: first-load JavaScript ${(gzipped / 1024).toFixed(1)} KB gzipped (budget 300 KB, ${scripts.length} file(s)); ` +
      `first screen usable in ${usableMs} ms on loopback`;
    report(line);
  });
