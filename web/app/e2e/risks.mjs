// The risks and actions journey (issue 16): a second user who may verify actions is made through
// the API; then, in the browser, the admin identifies a risk (a field error from the API next to
// its field first), moves it to assessing, assesses it twice and draws the trend, is refused as
// the owner accepting their own risk, downloads the register as CSV, sees it on the heat map and
// follows the cell to the register, raises an action from it, starts and completes it, and is
// refused verifying their own completion in the verification queue; the second user signs in on
// a phone and verifies it.
import { readFileSync } from 'node:fs';
import { accessible, apiToken, base, call, check, desktop, email, journey, password, phone, signIn } from './lib.mjs';

const verifier = { email: `verifier.${Date.now()}@example.org`, password: 'another long pass phrase 7' };

// Returns the admin's name (the owner choice labelled "(you)").
async function makeVerifier() {
  const token = await apiToken();
  const me = await call('GET', '/api/v1/auth/me', token);
  // A verifier's role (a fresh database has no seeded roles): reads risks and users, verifies actions.
  const role = await call('POST', '/api/v1/roles', token, {
    name: 'Action verifier',
    permissions: ['actions:read', 'actions:verify', 'actions:write', 'risks:read', 'users:read'],
  });
  await call('POST', '/api/v1/users', token, {
    email: verifier.email,
    first_name: 'Vera',
    last_name: 'Verifier',
    password: verifier.password,
    role_ids: [role.id],
  });
  return me.full_name;
}

const fieldError = (page, label) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');

const adminName = await makeVerifier();
await journey('risks', ['risk-heat-map', 'actions-mine'], async ({ page, nav, step: at, shoot }) => {
  at('sign in');
  await page.goto(`${base}/risks`);
  await signIn(page, { email, password }, page.getByRole('heading', { name: 'Risk register' }));
  await page.getByText('No risks yet').waitFor();
  await accessible(page, 'risk register (empty)');

  // 1. Identify a risk: the API's field errors next to the fields, then a valid one.
  at('identify a risk');
  await page.getByRole('link', { name: 'Identify a risk' }).first().click();
  await page.getByRole('heading', { name: 'Identify a risk' }).waitFor();
  await page.getByRole('button', { name: 'Identify the risk' }).click();
  await fieldError(page, 'Title').waitFor();
  await fieldError(page, 'Description').waitFor();
  await accessible(page, 'new risk (with field errors)');
  await page.getByLabel('Title', { exact: true }).fill('Supplier insolvency');
  await page.getByLabel('Description', { exact: true }).fill('The only caster of pump housings may fail');
  await page.getByLabel('Category').selectOption('financial');
  await page.getByLabel('Department').fill('Purchasing');
  await page.getByLabel('Event').fill('Supplier stops trading');
  await page.getByLabel('Likelihood').selectOption('4');
  await page.getByLabel('Impact').selectOption('5');
  await page.getByRole('button', { name: 'Identify the risk' }).click();
  await page.getByRole('heading', { name: 'Supplier insolvency' }).waitFor();
  await page.getByText('Likelihood 4 × impact 5 = 20 (Critical)').waitFor();
  const riskPath = new URL(page.url()).pathname;
  check(/^\/risks\/\d+$/.test(riskPath), `the new risk is at ${riskPath}`);

  // 2. Assess it (the move the API allows first), twice; the trend on demand.
  at('assess');
  await page.getByRole('button', { name: 'Assess', exact: true }).click();
  await page.getByRole('button', { name: 'Treat', exact: true }).waitFor();
  const assess = async (residualLikelihood, residualImpact, rationale) => {
    await page.getByLabel('Inherent likelihood').selectOption('4');
    await page.getByLabel('Inherent impact').selectOption('5');
    await page.getByLabel('Residual likelihood').selectOption(residualLikelihood);
    await page.getByLabel('Residual impact').selectOption(residualImpact);
    await page.getByLabel('Rationale').fill(rationale);
    await page.getByRole('button', { name: 'Record the assessment' }).click();
    await page.getByRole('cell', { name: rationale }).waitFor();
  };
  // A rationale is required: the API's problem shows next to it.
  await page.getByRole('button', { name: 'Record the assessment' }).click();
  await fieldError(page, 'Rationale').waitFor();
  await assess('3', '3', 'Dual sourcing under negotiation');
  await assess('2', '2', 'Second caster qualified');
  await page.getByText('Likelihood 2 × impact 2 = 4').waitFor();
  await page.getByRole('button', { name: 'Show the trend' }).click();
  await page.locator('.chart-box canvas').first().waitFor();
  await page.getByText(/Scores of the 2 assessments, oldest first/).waitFor();
  await accessible(page, 'risk detail');

  // 3. The owner (the admin) may not accept their own risk: the API's refusal is shown.
  at('acceptance refused');
  await page.getByLabel('Reason').fill('Within appetite until the second caster delivers');
  await page.getByLabel('Accepted until').fill('2099-12-31');
  await page.getByRole('button', { name: 'Accept the risk' }).click();
  await page.locator('section', { has: page.getByRole('heading', { name: 'Accept this risk' }) }).getByRole('alert').waitFor();

  // 4. The heat map: the risk in its cell (residual 2 x 2), and the cell's link to the register.
  at('heat map');
  await nav.getByRole('link', { name: 'Risks' }).click();
  await page.getByRole('cell', { name: 'Supplier insolvency' }).waitFor();
  // The register as CSV, fetched with the session's token and saved under the API's name.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  check(download.suggestedFilename() === 'risk-register.csv', `the CSV was saved as ${download.suggestedFilename()}`);
  const csv = readFileSync(await download.path(), 'utf8');
  check(csv.includes('Supplier insolvency'), `the CSV lacks the risk:\n${csv.slice(0, 400)}`);
  await page.getByRole('link', { name: 'Heat map' }).click();
  await page.getByRole('heading', { name: 'Risk heat map' }).waitFor();
  const cell = page.getByRole('link', { name: /^Likelihood 2, impact 2: ?1 ?risk,/ });
  await cell.waitFor();
  await page.getByText('1 open risk by current (residual) rating.').waitFor();
  await accessible(page, 'heat map');
  await shoot(page, 'risk-heat-map');
  await page.setViewportSize(phone);
  await cell.waitFor();
  await accessible(page, 'heat map (phone)');
  await page.setViewportSize(desktop);
  await page.getByLabel('Rating').selectOption('inherent');
  await page.waitForURL(/basis=inherent/);
  await page.getByRole('link', { name: /^Likelihood 4, impact 5: ?1 ?risk,/ }).waitFor();
  await page.getByLabel('Rating').selectOption('residual');
  await cell.click();
  await page.waitForURL(/\/risks\?.*likelihood=2&impact=2/);
  await page.getByRole('button', { name: /Only likelihood 2 × impact 2/ }).waitFor();
  await page.getByRole('link', { name: /^RSK-/ }).click();

  // 5. Raise an action from the risk (its treatment plan), owned by the admin.
  at('raise an action');
  await page.getByRole('heading', { name: 'Supplier insolvency' }).waitFor();
  await page.getByRole('button', { name: 'Raise an action' }).click();
  await page.getByLabel('Action title').fill('Qualify a second caster');
  await page.getByLabel('What is to be done').fill('Trial castings from the second supplier and approve them');
  await page.getByLabel('Action owner').selectOption({ label: `${adminName} (you)` });
  await page.getByLabel('Due date').fill('2099-06-30');
  await page.getByRole('button', { name: 'Raise the action' }).click();
  const actionLink = page.getByRole('link', { name: /^ACT-\d{4}-\d{4}$/ });
  await actionLink.waitFor();
  const reference = await actionLink.textContent();

  // 6. Plan, start and complete it (completing needs a note of what was done).
  at('complete the action');
  await actionLink.click();
  await page.getByRole('heading', { name: 'Qualify a second caster' }).waitFor();
  await page.getByRole('link', { name: /^Risk #\d+$/ }).waitFor();
  // Its plan: a higher priority, saved with the version read.
  await page.getByLabel('Priority').selectOption('high');
  await page.getByRole('button', { name: 'Save the plan' }).click();
  await page.locator('.badge-high').waitFor();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page.getByRole('button', { name: 'Complete', exact: true }).click();
  await fieldError(page, 'Note').waitFor();
  await page.getByLabel('Note').fill('Trial castings passed inspection; supplier approved');
  await page.getByRole('button', { name: 'Complete', exact: true }).click();
  await page.getByText('You completed this action: someone else verifies it.').waitFor();
  await accessible(page, 'action detail');

  // 7. My actions: the register filtered to mine, through the URL.
  at('my actions');
  await nav.getByRole('link', { name: 'Actions' }).click();
  await page.getByRole('heading', { name: 'My actions' }).waitFor();
  check(page.url().endsWith('/actions?mine=true'), `my actions at ${page.url()}`);
  await page.getByRole('cell', { name: 'Qualify a second caster' }).waitFor();
  await accessible(page, 'my actions');
  await shoot(page, 'actions-mine');

  // 8. The verification queue: verifying one's own completion is refused, and says why.
  at('own verification refused');
  await page.getByRole('link', { name: 'Verification queue' }).click();
  await page.getByRole('heading', { name: 'Verification queue' }).waitFor();
  await page.getByRole('button', { name: `Verify ${reference}` }).click();
  const refusal = page.getByRole('alert');
  await refusal.waitFor();
  const said = await refusal.textContent();
  check(said.includes(`You may not verify ${reference}`) && said.includes('someone other than the person who completed it'),
    `the refusal says: ${said}`);
  await accessible(page, 'verification queue');

  // 9. The second user, on a phone, verifies it from the queue.
  at('verified by another');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.setViewportSize(phone);
  await signIn(page, verifier, page.getByRole('heading', { name: 'Hello, Vera' }));
  await nav.getByRole('link', { name: 'Actions' }).click();
  await page.getByRole('link', { name: 'Verification queue' }).click();
  await page.getByRole('button', { name: `Verify ${reference}` }).click();
  await page.getByText(`${reference} is verified.`).waitFor();
  await accessible(page, 'verification queue (phone)');
  await page.getByRole('link', { name: reference }).click();
  await page.getByRole('heading', { name: 'Qualify a second caster' }).waitFor();
  await page.locator('dt', { hasText: 'Verified' }).waitFor();
  await page.setViewportSize(desktop);
});
