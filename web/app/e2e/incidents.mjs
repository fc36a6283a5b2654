// The incidents journey (issue 17 item 5): an employee (a role holding incidents:report only, made
// through the API) reports an injury on a 390x844 phone: the API's field error next to its field,
// one submit dropped by the network (the draft is kept, nothing is sent twice), the page reloaded
// (the draft restored), then sent, with the INC- reference shown. The administrator, on a desktop,
// classifies it, records the days off work, reads the RIDDOR engine's proposal (over-seven-day,
// reg. 4(2), due fifteen days after the accident), records the decision and triages; the register
// shows the overdue report; an investigation with five whys, a contributing factor, the root cause
// and an action raised through the actions register; the sign-off refused to the investigator by
// the API; closing refused while the investigation is not signed off and while the action is open,
// then closed with the override's reason.
import { accessible, apiToken, base, call, check, desktop, journey, phone } from './lib.mjs';

// Set-up through the API: the employee role and a user holding it; the admin's name.
const admin = await apiToken();
const me = await call('GET', '/api/v1/auth/me', admin);
const role = await call('POST', '/api/v1/roles', admin, {
  name: `employee-${Date.now()}`,
  description: 'Reports incidents',
  permissions: ['incidents:report'],
});
const employee = { email: `erin.employee.${Date.now()}@example.org`, password: 'a long enough pass phrase 42' };
await call('POST', '/api/v1/users', admin, {
  email: employee.email,
  password: employee.password,
  first_name: 'Erin',
  last_name: 'Employee',
  role_ids: [role.id],
});

// Someone other than the investigator who may sign off (the sign-off itself is the API's test).
const signer = { email: `sam.signer.${Date.now()}@example.org`, password: 'another long pass phrase 42' };
const signerRole = await call('POST', '/api/v1/roles', admin, {
  name: `signer-${Date.now()}`,
  permissions: ['investigations:read', 'investigations:signoff'],
});
await call('POST', '/api/v1/users', admin, {
  email: signer.email, password: signer.password, first_name: 'Sam', last_name: 'Signer', role_ids: [signerRole.id],
});

const whys = [
  ['Why was the hand caught?', 'The guard closed while the hand was inside'],
  ['Why was the hand inside the guard?', 'Clearing a jam with the press running'],
  ['Why was the press running?', 'Stopping it takes ten minutes to restart'],
  ['Why could the guard close on a hand?', 'It has no interlock'],
  ['Why was there no interlock?', 'The risk assessment did not consider jam clearing'],
];

await journey('incidents', ['incident-report-phone', 'incidents', 'incident-detail', 'investigation'],
  async ({ context, page, nav, step: at, shoot }) => {
    // 1. The employee, on a phone: the report form after signing in; only what they may do.
    at('employee signs in on a phone');
    await page.setViewportSize(phone);
    await page.goto(`${base}/report`);
    await page.getByLabel('Email').fill(employee.email);
    await page.getByLabel('Password').fill(employee.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Report an incident' }).waitFor();
    await nav.getByRole('link', { name: 'Report an incident' }).waitFor();
    check((await nav.getByRole('link', { name: 'Incidents' }).count()) === 0, 'the employee is offered the register');

    // The API's problem shows next to its field.
    at('field error');
    const posted = [];
    page.on('requestfinished', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/incidents') posted.push(r);
    });
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.locator('.field', { has: page.getByLabel('What happened, in a few words') }).locator('.field-error').waitFor();

    at('fill the report');
    await page.getByLabel('What happened, in a few words').fill('Hand caught in the press guard');
    await page.getByLabel('Describe it').fill('The guard closed on my colleague\'s hand while clearing a jam on line 2.');
    await page.getByLabel('Type').selectOption('injury');
    await page.getByLabel('How serious').selectOption('high');
    await page.getByLabel('When it happened').fill('2026-11-20T14:30');
    await page.getByLabel('Where').fill('Press shop, line 2');
    await page.getByLabel('Department').fill('Production');
    await page.getByRole('button', { name: 'Add a person who was hurt' }).click();
    await page.getByLabel('Name of person hurt 1').fill('J. Operator');
    await page.getByLabel('Injury').selectOption('crush');
    await page.getByLabel('Part of the body').selectOption('hand');
    await page.getByRole('button', { name: 'Add a witness' }).click();
    await page.getByLabel('Name of witness 1').fill('K. Setter');
    await page.getByLabel('What they saw').fill('Saw the guard drop');
    await page.getByLabel('Immediate actions').fill('Press isolated; first aider called.');
    await page.getByLabel('First aid was given').check();

    // 2. The network drops at submit: the report stays on the phone and is offered again.
    at('dropped submit');
    await context.setOffline(true);
    await page.getByRole('button', { name: 'Send the report' }).click();
    await page.getByText('Not sent: the server could not be reached').waitFor();
    const kept = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('qgp.incident-report.')).length);
    check(kept === 1, `the unsent report is not kept on the device (${kept} drafts)`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await accessible(page, 'report (phone)');
    await shoot(page, 'incident-report-phone');
    // Back online, the page is reloaded (the phone was put away): the report comes back as it was.
    at('reloaded');
    await context.setOffline(false);
    await page.reload();
    await page.getByText('Your unsent report was restored.').waitFor();
    check((await page.getByLabel('What happened, in a few words').inputValue()) === 'Hand caught in the press guard', 'the title was not restored');
    check((await page.getByLabel('Name of person hurt 1').inputValue()) === 'J. Operator', 'the person hurt was not restored');
    check((await page.getByLabel('First aid was given').isChecked()), 'the first aid was not restored');
    at('sent');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/incidents' && r.status() === 201);
    await page.getByRole('button', { name: 'Send the report' }).click();
    const incident = await (await created).json();
    await page.getByRole('heading', { name: 'Report sent' }).waitFor();
    await page.getByText(incident.reference_number).waitFor();
    check(/^INC-\d{4}-\d{4,}$/.test(incident.reference_number), `reference ${incident.reference_number}`);
    const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('qgp.incident-report.')).length);
    check(left === 0, 'the draft is kept after the report was accepted');
    check(posted.length === 2, `${posted.length} reports reached the server (the refused one and the accepted one expected)`);
    const all = await call('GET', '/api/v1/incidents', admin);
    check(all.total === 1, `${all.total} incidents recorded, one expected`);

    // 3. The administrator, on a desktop: the register, then the incident.
    at('admin signs in');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.setViewportSize(desktop);
    await page.getByLabel('Email').fill(me.email);
    await page.getByLabel('Password').fill(process.env.QGP_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await nav.getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('heading', { name: 'Incidents', exact: true }).waitFor();
    await page.getByRole('link', { name: incident.reference_number }).click();

    // 4. Triage: nine days off work; the engine proposes over-seven-day, due 15 days after the event.
    at('triage');
    await page.getByRole('heading', { name: 'Hand caught in the press guard' }).waitFor();
    await page.getByRole('button', { name: 'Classify' }).click();
    await page.getByLabel('Assigned investigator').selectOption({ label: me.full_name });
    await page.getByRole('button', { name: 'Save the classification' }).click();
    await page.locator('.facts').getByText(me.full_name).waitFor();
    await page.getByRole('button', { name: 'Edit J. Operator' }).click();
    await page.getByLabel('Days off work').fill('9');
    await page.getByRole('button', { name: 'Save the facts' }).click();
    await page.getByRole('cell', { name: /9 days off work/ }).waitFor();
    const proposal = page.locator('.proposal');
    await proposal.getByText('Over seven day incapacitation').waitFor();
    await proposal.getByText('reg. 4(2)', { exact: true }).waitFor();
    await proposal.getByText('2026-12-05').waitFor();
    check((await page.getByLabel('RIDDOR category').inputValue()) === 'over_seven_day_incapacitation', 'the decision does not start from the proposal');
    await page.getByLabel('Rationale').fill('Nine consecutive days off after the accident');
    await page.getByRole('button', { name: 'Record the decision' }).click();
    await page.getByTestId('riddor-due').getByText('2026-12-05').waitFor();
    await page.getByRole('button', { name: 'Triage' }).click();
    await page.getByRole('button', { name: 'Investigate' }).waitFor();
    await page.getByRole('button', { name: 'Investigate' }).click();
    await page.locator('.badge-under_investigation').first().waitFor();
    await page.getByText('RIDDOR: Over seven day incapacitation, report due by 2026-12-05 · overdue').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await accessible(page, 'incident detail');
    // A taller window for the picture: the facts, the people and the RIDDOR decision at once.
    await page.setViewportSize({ width: desktop.width, height: 1450 });
    await shoot(page, 'incident-detail');
    await page.setViewportSize(desktop);

    // 5. The register: the RIDDOR report is overdue (due 5 December 2026), filtered through the URL.
    at('register');
    await nav.getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('link', { name: /1\s*RIDDOR report overdue/ }).click();
    await page.waitForURL(/\/incidents\?riddor_overdue=true$/);
    await page.getByRole('link', { name: incident.reference_number }).waitFor();
    await page.getByLabel('Severity').selectOption('low');
    await page.waitForURL(/severity=low/);
    await page.getByText('No incident matches these filters').waitFor();
    await page.getByLabel('Severity').selectOption('');
    await page.getByRole('link', { name: incident.reference_number }).waitFor();
    await accessible(page, 'incident register');
    await shoot(page, 'incidents');

    // 6. The investigation: five whys, a factor, the root cause, an action raised, to review.
    at('start an investigation');
    await page.getByRole('link', { name: incident.reference_number }).click();
    await page.getByLabel('Investigation title').fill('Press guard injury');
    await page.getByLabel('Investigator').selectOption({ label: me.full_name });
    await page.getByRole('button', { name: 'Start the investigation' }).click();
    await page.getByRole('heading', { name: 'Press guard injury' }).waitFor();
    at('five whys');
    for (const [index, [why, answer]] of whys.entries()) {
      await page.getByLabel(`Why ${index + 1}`, { exact: true }).fill(why);
      await page.getByLabel('Because').fill(answer);
      await page.getByRole('button', { name: 'Add the why' }).click();
      await page.locator('.whys li').nth(index).getByText(why).waitFor();
    }
    await page.getByLabel('Category', { exact: true }).selectOption('machine');
    await page.getByLabel('Factor', { exact: true }).fill('Guard without an interlock');
    await page.getByRole('button', { name: 'Add the factor' }).click();
    await page.locator('.factor-group').getByText('Guard without an interlock').waitFor();
    at('root cause and action');
    await page.getByLabel('Root cause statement').fill('The press guard had no interlock and jam clearing had no safe procedure.');
    await page.getByRole('button', { name: 'Save the root cause' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByLabel('Action title').fill('Fit an interlock to the press guard');
    await page.getByLabel('What is to be done').fill('Raised from the press guard investigation');
    await page.getByRole('button', { name: 'Raise the action' }).click();
    await page.getByRole('cell', { name: 'Fit an interlock to the press guard' }).waitFor();
    at('review and sign-off');
    await page.getByRole('button', { name: 'Send for review' }).click();
    await page.locator('.badge-in_review').waitFor();
    // The investigator may not sign off their own investigation: the API says why.
    await page.getByRole('button', { name: 'Sign off' }).click();
    await page.getByRole('alert').filter({ hasText: 'someone other than its investigator' }).waitFor();
    await accessible(page, 'investigation');
    await page.evaluate(() => document.getElementById('whys-title').scrollIntoView());
    await shoot(page, 'investigation');
    const [listed] = (await call('GET', `/api/v1/investigations?incident_id=${incident.id}`, admin)).items;
    const investigation = await call('GET', `/api/v1/investigations/${listed.id}`, admin);
    check(investigation.whys.length === 5 && investigation.action_ids.length === 1 && investigation.status === 'in_review',
      `the investigation holds ${investigation.whys.length} whys, ${investigation.action_ids.length} actions, status ${investigation.status}`);

    // 7. Closing: refused while the investigation is not signed off, then while its action is open;
    // closed with the override's reason (the administrator holds incidents:close_override).
    at('closing refused');
    await page.getByRole('link', { name: 'Incident', exact: true }).click();
    await page.getByRole('button', { name: 'Actions under way' }).click();
    await page.getByRole('button', { name: 'Ready for review' }).click();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('alert').filter({ hasText: `not signed off (${investigation.reference_number})` }).waitFor();
    await call('POST', `/api/v1/investigations/${investigation.id}/transitions`, await apiToken(signer), {
      to: 'signed_off', note: 'Root cause and action agreed',
    });
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('alert').filter({ hasText: /still open or in progress \(ACT-\d{4}-\d{4}\)/ }).waitFor();
    at('closed with an override');
    await page.getByLabel('Override reason (closing with open actions)').fill('The interlock is tracked by the engineering change board');
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByText('override: The interlock is tracked by the engineering change board').waitFor();
    await page.locator('.badge-closed').first().waitFor();
  });
