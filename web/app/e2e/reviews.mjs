// The management reviews journey (docs/adr/0019): the inputs known before the meeting are recorded
// through the API; then, in the browser, the administrator (who chairs): plan a review, a blank
// input refused with the problem next to its field, the last input marked not applicable, an
// attendee, held (refused first without the day), a decision, an action raised from it and shown
// with its status; the minutes; then an approver signs in and approves them (the chair is not
// offered the move); a second review shows the first's open action as left open. axe on each
// screen.
import { accessible, apiToken, base, call, check, journey, signIn } from './lib.mjs';

const kInputs = ['context_changes', 'customer_feedback', 'objectives', 'process_performance', 'nonconformities_and_actions',
  'monitoring_results', 'audit_results', 'resources', 'risks_and_opportunities', 'improvement_opportunities'];

// An approver of minutes (reviews:read and reviews:approve, no write), who approves what the
// administrator cannot (they chair).
async function minutesApprover(token) {
  const role = await call('POST', '/api/v1/roles', token, {
    name: 'minutes_approver', permissions: ['reviews:read', 'reviews:approve'],
  });
  const who = { email: `approver.${Date.now()}@example.org`, password: 'a long enough pass phrase 42' };
  await call('POST', '/api/v1/users', token, { ...who, first_name: 'Quinn', last_name: 'Approver', role_ids: [role.id] });
  return who;
}

const token = await apiToken();
const approver = await minutesApprover(token);

await journey('reviews', [], async ({ browser, page, nav, step: at }) => {
  at('sign in');
  await page.goto(`${base}/management-reviews`);
  await signIn(page, { email: process.env.QGP_EMAIL, password: process.env.QGP_PASSWORD }, page.getByRole('heading', { name: 'Management reviews', exact: true }));
  await page.getByText('No management reviews yet').waitFor();
  await accessible(page, 'reviews (empty)');

  // Plan: a missing date is refused next to its field, then the review.
  at('plan');
  await page.getByRole('link', { name: 'Plan a review' }).click();
  await page.getByLabel('Title').fill('Annual management review 2026');
  await page.getByRole('button', { name: 'Plan the review' }).click();
  await page.locator('.field', { has: page.getByLabel('Planned date') }).locator('.field-error').waitFor();
  await page.getByLabel('Planned date').fill('2026-03-10');
  await page.getByRole('button', { name: 'Plan the review' }).click();
  await page.getByRole('heading', { name: 'Annual management review 2026', exact: true }).waitFor();
  const reviewPath = new URL(page.url()).pathname;
  const id = Number(reviewPath.split('/').pop());
  for (const kind of kInputs) {
    await call('POST', `/api/v1/management-reviews/${id}/inputs`, token, { kind, summary: `The ${kind.replaceAll('_', ' ')} presented` });
  }
  await page.reload();
  await page.getByText('The customer feedback presented').waitFor();
  await accessible(page, 'review (planned)');

  // The last input: blank is refused next to the summary; then marked not applicable.
  at('inputs');
  await page.getByRole('button', { name: 'Record the input' }).click();
  await page.locator('.field', { has: page.getByLabel('Summary (or why it does not apply)') }).locator('.field-error').waitFor();
  await page.getByLabel('Input', { exact: true }).selectOption('external_providers');
  await page.getByLabel('Summary (or why it does not apply)').fill('No external providers in scope this year');
  await page.getByLabel('Does not apply to this review').check();
  await page.getByRole('button', { name: 'Record the input' }).click();
  await page.getByText('No external providers in scope this year').waitFor();

  // Held: refused without an attendee and the day; then held.
  at('held');
  await page.getByRole('button', { name: 'Record as held' }).click();
  await page.locator('.field', { has: page.getByLabel('Held on') }).locator('.field-error').waitFor();
  await page.getByLabel('Role at the review').fill('Managing director');
  await page.getByRole('button', { name: 'Add me' }).click();
  await page.getByText('Managing director').waitFor();
  await page.getByLabel('Held on').fill('2026-03-11');
  await page.getByRole('button', { name: 'Record as held' }).click();
  await page.getByText('Held', { exact: true }).first().waitFor();
  await page.getByRole('button', { name: 'Record the decision' }).waitFor();

  // A decision and an action raised from it, shown with its status.
  at('decision and action');
  await page.getByLabel('Kind of decision').selectOption('resource_need');
  await page.getByLabel('Decision', { exact: true }).fill('Hire a second metrologist');
  await page.getByRole('button', { name: 'Record the decision' }).click();
  await page.getByText('Hire a second metrologist').waitFor();
  await page.getByLabel('Action title').fill('Recruit a metrologist');
  await page.getByLabel('What is to be done').fill('Advertise, interview and appoint by the summer');
  await page.getByRole('button', { name: 'Raise the action' }).click();
  await page.getByRole('cell', { name: 'Recruit a metrologist' }).waitFor();
  await page.getByText('1 action(s) raised').waitFor();
  const inRegister = await call('GET', `/api/v1/actions?source_kind=management_review&management_review_id=${id}`, token);
  check(inRegister.total === 1, `the register holds ${inRegister.total} action(s) of the review`);
  await page.getByRole('textbox', { name: 'Minutes', exact: true }).fill('Objectives met; one resource need decided');
  await page.getByRole('button', { name: 'Save the minutes' }).click();
  await page.getByText('Objectives met; one resource need decided').first().waitFor();
  check((await page.getByRole('button', { name: 'Approve the minutes and close' }).count()) === 0, 'the chair is offered the approval');
  await accessible(page, 'review (held)');

  // Another person approves the minutes.
  at('approval');
  const other = await browser.newContext({ locale: 'en-GB', timezoneId: 'UTC' });
  const second = await other.newPage();
  await second.goto(`${base}${reviewPath}`);
  await signIn(second, approver, second.getByRole('heading', { name: 'Annual management review 2026', exact: true }));
  await second.getByRole('button', { name: 'Approve the minutes and close' }).click();
  await second.getByText('Minutes approved').waitFor();
  await accessible(second, 'review (closed)');
  await other.close();

  // The next review starts from what this one left open.
  at('next review');
  await nav.getByRole('link', { name: 'Reviews' }).click();
  await page.getByRole('link', { name: 'Plan a review' }).click();
  await page.getByLabel('Title').fill('Mid-year management review');
  await page.getByLabel('Planned date').fill('2026-09-10');
  await page.getByRole('button', { name: 'Plan the review' }).click();
  await page.getByRole('heading', { name: 'Mid-year management review' }).waitFor();
  await page.getByRole('cell', { name: 'Recruit a metrologist' }).waitFor();
  await nav.getByRole('link', { name: 'Reviews' }).click();
  await page.getByLabel('Status').selectOption('closed');
  await page.getByRole('link', { name: /MRV-\d{4}-0001/ }).waitFor();
  check(new URL(page.url()).searchParams.get('status') === 'closed', `the filter is not in the URL: ${page.url()}`);
  await accessible(page, 'reviews (filtered)');
});
