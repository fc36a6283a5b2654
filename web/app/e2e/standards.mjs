// The standards journey (docs/adr/0015): on the reference library (`qgp seed`: ISO 9001, 14001, 45001,
// 27001 and their mappings, seeded by the test), in the browser: sign in as the admin, browse a clause
// tree by keyboard and follow a mapping to another standard; edit a Statement of Applicability row
// in place (the API's field error next to its field, then saved); download the SoA CSV and check its
// first line; create a custom role with one permission, give it to a new user on the user screen,
// who then signs in on a phone and is offered only that screen.
import { readFileSync } from 'node:fs';
import { accessible, apiToken, base, call, check, email, journey, password, phone } from './lib.mjs';

// A few SoA decisions recorded through the API, so the dashboard's coverage is not all zero.
async function assessSomeControls() {
  const token = await apiToken();
  const [iso27001] = (await call('GET', '/api/v1/standards?code=ISO27001', token)).items;
  const controls = await call('GET', `/api/v1/standards/${iso27001.id}/controls?theme=organizational&page_size=12`, token);
  for (const [at, control] of controls.items.entries()) {
    const implementation_status = at < 8 ? 'implemented' : 'partially_implemented';
    await call('PUT', `/api/v1/controls/${control.id}/soa`, token, { is_applicable: true, implementation_status });
  }
  return iso27001;
}

const kCsvHeader =
  'control_number,title,theme,clause_number,is_applicable,justification,implementation_status,owner_id,notes,reviewed_at';

const iso27001 = await assessSomeControls();
await journey('standards', ['standards-clauses', 'soa', 'dashboard'], async ({ browser, page, nav, step: at, shoot }) => {
  // 1. Sign in; the navigation offers the library and the roles.
  at('sign in');
  await page.goto(`${base}/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /^Hello/ }).waitFor();

  // 2. The library: the standards, a clause tree opened by keyboard, a clause's mappings followed.
  at('standards library');
  await nav.getByRole('link', { name: 'Standards' }).click();
  await page.getByRole('heading', { name: 'Standards', exact: true }).waitFor();
  await page.getByRole('cell', { name: 'ISO27001', exact: true }).waitFor();
  await accessible(page, 'standards');
  await page.getByRole('link', { name: 'ISO9001', exact: true }).click();
  const toggle = page.getByRole('button', { name: 'Sub-clauses of 7', exact: true });
  await toggle.focus();
  await page.keyboard.press('Enter');
  check((await toggle.getAttribute('aria-expanded')) === 'true', 'Enter on a clause toggle did not expand it');
  await page.getByRole('link', { name: '7.5 Documented information' }).click();
  await page.getByRole('heading', { name: '7.5 Documented information' }).waitFor();
  const mapped = page.getByRole('link', { name: 'ISO14001 7.5 Documented information' });
  await mapped.waitFor();
  await page.getByRole('link', { name: 'ISO45001 7.5 Documented information' }).waitFor();
  await accessible(page, 'standard clauses');
  await shoot(page, 'standards-clauses');
  await mapped.click();
  await page.getByRole('heading', { name: 'ISO 14001' }).waitFor();
  await page.getByRole('heading', { name: '7.5 Documented information' }).waitFor();
  // The mapped clause's ancestors are open: it is visible in the tree and marked current.
  await page.locator('nav[aria-label="Clauses"] a[aria-current="true"]', { hasText: '7.5 Documented information' }).waitFor();

  // 3. ISO/IEC 27001: Annex A controls under their clause, then the Statement of Applicability.
  at('annex A');
  await page.goto(`${base}/standards/${iso27001.id}`);
  await page.getByRole('link', { name: 'A.7 Physical controls' }).click();
  await page.getByRole('cell', { name: 'A.7.1', exact: true }).waitFor();

  at('statement of applicability');
  await page.getByRole('link', { name: 'Statement of Applicability' }).click();
  await page.getByRole('heading', { name: 'Statement of Applicability' }).waitFor();
  await page.getByLabel('Theme').selectOption('physical');
  await page.waitForURL(/theme=physical/);
  await page.getByRole('cell', { name: 'A.7.1', exact: true }).waitFor();
  check((await page.getByRole('cell', { name: 'A.5.1', exact: true }).count()) === 0, 'the theme filter shows other controls');
  await page.getByRole('button', { name: 'Edit A.7.1', exact: true }).click();
  const editor = page.getByRole('form', { name: 'Applicability of A.7.1' });
  await editor.getByLabel('Applicable').selectOption('no');
  await editor.getByRole('button', { name: 'Save' }).click();
  await editor.locator('.field', { has: page.getByLabel('Justification') }).locator('.field-error').waitFor();
  check((await editor.getByLabel('Justification').getAttribute('aria-invalid')) === 'true', 'the justification is not marked invalid');
  await editor.getByLabel('Justification').fill('Fully remote organisation: no premises of our own');
  await editor.getByRole('button', { name: 'Save' }).click();
  await page.getByText('A.7.1 saved.').waitFor();
  const row = page.getByRole('row', { name: /^A\.7\.1 Physical security perimeters/ });
  await row.getByText('Fully remote organisation').waitFor();
  await row.getByText('Not applicable').waitFor();
  await accessible(page, 'soa');
  await shoot(page, 'soa');

  // 4. The CSV export: fetched with the session's token, saved as the API names it.
  at('csv export');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  check(download.suggestedFilename() === 'soa-ISO27001.csv', `the CSV is saved as ${download.suggestedFilename()}`);
  const csv = readFileSync(await download.path(), 'utf8');
  const [first] = csv.split('\r\n');
  check(first === kCsvHeader, `the CSV starts with ${first}`);
  check(csv.includes('A.7.1,Physical security perimeters,physical,A.7,false,'), 'the CSV lacks the decision just saved');

  // 5. The dashboard: SoA coverage (8 of 93 applicable controls implemented, A.7.1 now excluded: 92).
  at('dashboard');
  await page.getByRole('link', { name: 'QGP' }).click();
  await page.getByRole('link', { name: '8 of 92 applicable controls implemented' }).waitFor();
  await page.getByRole('heading', { name: 'Audit schedule compliance' }).waitFor();
  await page.getByRole('heading', { name: /^Statement of Applicability coverage/ }).scrollIntoViewIfNeeded();
  await accessible(page, 'dashboard');
  await shoot(page, 'dashboard');

  // 6. A custom role with one permission, from the catalogue grouped by module.
  at('custom role');
  await nav.getByRole('link', { name: 'Roles' }).click();
  await page.getByRole('heading', { name: 'Roles', exact: true }).waitFor();
  await page.getByRole('link', { name: 'New role' }).click();
  await page.getByLabel('Name').fill('Standards reader');
  await page.getByRole('group', { name: 'Standards' }).getByRole('checkbox', { name: /standards:read/ }).check();
  await accessible(page, 'new role');
  await page.getByRole('button', { name: 'Create the role' }).click();
  await page.getByRole('heading', { name: 'Standards reader' }).waitFor();
  await page.getByText('standards:read', { exact: true }).waitFor();
  await accessible(page, 'role');

  // 7. A new user with that role, given on the user screen.
  at('add a user with the role');
  await nav.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('link', { name: 'Add a user' }).click();
  const readerEmail = `reader.${Date.now()}@example.org`;
  const readerPassword = 'a long enough pass phrase 42';
  await page.getByLabel('Email').fill(readerEmail);
  await page.getByLabel('First name').fill('Rita');
  await page.getByLabel('Last name').fill('Reader');
  await page.getByLabel('Initial password').fill(readerPassword);
  await page.getByRole('checkbox', { name: 'Standards reader' }).check();
  await page.getByRole('button', { name: 'Add the user' }).click();
  await page.getByRole('heading', { name: 'Rita Reader' }).waitFor();
  check(await page.getByRole('checkbox', { name: 'Standards reader' }).isChecked(), 'the role is not given');

  // 8. The new user, on a phone: only the library is offered, its SoA is read-only, users are refused.
  at('the new user signs in on a phone');
  const phoneContext = await browser.newContext({ viewport: phone, locale: 'en-GB', timezoneId: 'UTC' });
  try {
    const reader = await phoneContext.newPage();
    reader.setDefaultTimeout(20_000);
    await reader.goto(`${base}/`);
    await reader.getByLabel('Email').fill(readerEmail);
    await reader.getByLabel('Password').fill(readerPassword);
    await reader.getByRole('button', { name: 'Sign in' }).click();
    await reader.getByRole('heading', { name: 'Hello, Rita' }).waitFor();
    const readerNav = reader.getByRole('navigation', { name: 'Main' });
    await readerNav.getByRole('link', { name: 'Standards' }).waitFor();
    const offered = await readerNav.getByRole('link').allTextContents();
    check(offered.join() === 'Standards', `the reader is offered ${offered.join(', ')}`);
    await reader.getByRole('link', { name: /applicable controls implemented/ }).waitFor();
    await readerNav.getByRole('link', { name: 'Standards' }).click();
    await reader.getByRole('link', { name: 'SoA of ISO27001' }).click();
    await reader.getByRole('cell', { name: 'A.5.1', exact: true }).waitFor();
    check((await reader.getByRole('button', { name: /^Edit / }).count()) === 0, 'a reader is offered SoA editing');
    const overflow = await reader.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `the SoA is ${overflow}px wider than the phone`);
    await accessible(reader, 'soa on a phone');
    await readerNav.getByRole('link', { name: 'Standards' }).click();
    await reader.getByRole('link', { name: 'ISO45001', exact: true }).click();
    await reader.getByRole('button', { name: 'Expand all' }).click();
    await reader.getByRole('link', { name: '7.5.1 General' }).click();
    await reader.getByRole('link', { name: 'ISO9001 7.5.1 General' }).waitFor();
    const treeOverflow = await reader.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(treeOverflow <= 0, `the clause tree is ${treeOverflow}px wider than the phone`);
    await accessible(reader, 'clause tree on a phone');
    await reader.goto(`${base}/roles`);
    await reader.getByText('Not available to you').waitFor();
  } finally {
    await phoneContext.close();
  }
});
