// The template builder beyond the first publish, and the audit trail (docs/adr/0015). Set up through
// the API: a published template with two sections, and a reader who holds audits:read only. In the
// browser: the templates list filtered through the URL; sections and questions reordered; a
// published template edited into a draft of version 2, published, both versions shown; a publish
// with nothing new refused with the API's reason; a settings error next to its field; a question
// moved to another section; clone and archive; the builder on a phone; the audit trail filtered by
// who, by date and by record, paged; the reader sees the builder without any of its actions and no
// audit trail.
import { accessible, apiToken, base, call, check, desktop, email, journey, password, phone, signIn } from './lib.mjs';

const token = await apiToken();
const created = await call('POST', '/api/v1/audits/templates', token, {
  name: 'Office fire safety', scoring_method: 'percentage', passing_score: 80,
});
const path = `/api/v1/audits/templates/${created.id}`;
let detail = await call('POST', `${path}/sections`, token, { title: 'Escape routes', sort_order: 0 });
detail = await call('POST', `${path}/sections`, token, { title: 'Equipment', sort_order: 1 });
const [routes, equipment] = detail.sections;
await call('POST', `${path}/questions`, token, { section_id: routes.id, question_text: 'Exit signs lit?', question_type: 'yes_no', sort_order: 0 });
await call('POST', `${path}/questions`, token, { section_id: routes.id, question_text: 'Doors unlocked?', question_type: 'yes_no', sort_order: 1 });
await call('POST', `${path}/questions`, token, { section_id: equipment.id, question_text: 'Extinguishers in date?', question_type: 'yes_no', sort_order: 2 });
await call('POST', `${path}/publish`, token, {});
const role = await call('POST', '/api/v1/roles', token, { name: 'Template reader', permissions: ['audits:read'] });
const reader = { email: `reader.${Date.now()}@example.org`, password: 'a long enough pass phrase 42' };
await call('POST', '/api/v1/users', token, { ...reader, first_name: 'Rita', last_name: 'Reader', role_ids: [role.id] });
const today = new Date().toISOString().slice(0, 10);

await journey('builder', [], async ({ page, nav, step: at }) => {
  // 1. The list: filtered through the URL, the filter survives a reload.
  at('templates list');
  await page.goto(`${base}/audits/templates`);
  await signIn(page, { email, password }, page.getByRole('heading', { name: 'Audit templates' }));
  await page.getByLabel('Status').selectOption('draft');
  await page.waitForURL(/\/audits\/templates\?status=draft$/);
  await page.getByText('No template matches these filters').waitFor();
  await page.getByLabel('Status').selectOption('published');
  await page.waitForURL(/\?status=published$/);
  await page.reload();
  await page.getByRole('cell', { name: 'Office fire safety' }).waitFor();
  await accessible(page, 'templates list');
  await page.getByRole('link', { name: created.reference_number }).click();
  await page.getByRole('heading', { name: 'Office fire safety' }).waitFor();

  // 2. Reorder: the second section up, a question down; the order holds after a reload.
  at('reorder');
  const headings = () => page.locator('section.part h2').allTextContents();
  await page.getByRole('button', { name: 'Move section Equipment up' }).click();
  await page.getByRole('button', { name: 'Move section Equipment down' }).waitFor();
  await page.waitForFunction(() => document.querySelector('section.part h2')?.textContent === 'Equipment');
  await page.getByRole('button', { name: 'Move Exit signs lit? down' }).click();
  await page.waitForFunction(() => [...document.querySelectorAll('li.question-item strong')].map((e) => e.textContent).join('|')
    === 'Extinguishers in date?|Doors unlocked?|Exit signs lit?');
  await page.reload();
  await page.getByRole('heading', { name: 'Office fire safety' }).waitFor();
  check((await headings()).join('|') === 'Equipment|Escape routes', `sections after the reload: ${await headings()}`);
  const questions = await page.locator('li.question-item strong').allTextContents();
  check(questions.join('|') === 'Extinguishers in date?|Doors unlocked?|Exit signs lit?', `questions after the reload: ${questions}`);
  await page.getByText('the changes since are a draft of version 2').waitFor();

  // 3. A published template changes through a new version: edit, publish version 2, see both.
  at('version 2');
  await page.getByRole('button', { name: 'Edit Doors unlocked?' }).click();
  await page.getByLabel('Question', { exact: true }).fill('Escape doors unlocked from inside?');
  await page.getByLabel('N/A allowed').check();
  await page.getByRole('button', { name: 'Save the question' }).click();
  await page.getByRole('button', { name: 'Edit Escape doors unlocked from inside?' }).waitFor();
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('Published as version 2. New runs use it.').waitFor();
  await page.getByRole('button', { name: 'Version 1' }).click();
  await page.locator('.version-content').getByText('Doors unlocked?').waitFor();
  await page.getByRole('button', { name: 'Version 2' }).click();
  await page.locator('.version-content').getByText('Escape doors unlocked from inside?').waitFor();
  // Nothing new to publish: the API's reason.
  await page.getByRole('button', { name: 'Publish' }).click();
  await page.getByText('version 2 already holds this content').waitFor();

  // 4. A settings problem from the API next to its field.
  at('settings');
  await page.getByRole('button', { name: 'Edit settings' }).click();
  await page.getByLabel('Pass mark').fill('150');
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await page.locator('.field', { has: page.getByLabel('Pass mark') }).locator('.field-error').getByText('at most 100').waitFor();
  await page.getByLabel('Pass mark').fill('75');
  await page.getByRole('button', { name: 'Save the settings' }).click();
  await page.getByText('75 %').waitFor();

  // A question moves to another section through its editor.
  await page.getByRole('button', { name: 'Edit Extinguishers in date?' }).click();
  await page.getByLabel('Section', { exact: true }).selectOption({ label: 'Escape routes' });
  await page.getByRole('button', { name: 'Save the question' }).click();
  await page.getByRole('region', { name: 'Escape routes' }).getByText('Extinguishers in date?').waitFor();
  await page.getByRole('region', { name: 'Equipment' }).getByText('No questions in this section yet.').waitFor();

  // 5. On a phone: the builder and its question editor fit and stay accessible.
  at('phone');
  await page.setViewportSize(phone);
  await page.getByRole('button', { name: 'Add a question to Escape routes' }).click();
  await page.getByLabel('Answer type').selectOption('choice');
  await page.getByLabel('Option 1 label').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, `the builder is ${overflow} px wider than a phone`);
  await accessible(page, 'template builder (phone, question editor)');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.setViewportSize(desktop);

  // 6. Clone, then archive the copy: it leaves the list unless archived ones are asked for.
  at('clone and archive');
  await page.getByRole('button', { name: 'Clone' }).click();
  await page.getByRole('heading', { name: 'Copy of Office fire safety' }).waitFor();
  await page.getByText('Not published yet').waitFor();
  await page.getByRole('button', { name: 'Archive' }).click();
  await page.getByRole('button', { name: 'Archive it' }).click();
  await page.getByText('This template is archived').waitFor();
  check((await page.getByRole('button', { name: 'Publish' }).count()) === 0, 'an archived template offers Publish');
  await page.getByRole('region', { name: 'History of this template' }).getByText('Archive').first().waitFor();
  await page.getByRole('link', { name: 'Templates' }).first().click();
  await page.getByRole('cell', { name: 'Office fire safety', exact: true }).waitFor();
  check((await page.getByRole('cell', { name: 'Copy of Office fire safety' }).count()) === 0, 'the archived copy is listed');
  // The box follows the URL (the list's state), so it turns checked once the new state renders:
  // click, then wait for the URL and for the box to be checked (check() asserts right after its
  // click, which raced the navigation on a loaded machine).
  await page.getByLabel('Archived too').click();
  await page.waitForURL(/include_archived=true/);
  await page.getByLabel('Archived too').and(page.locator(':checked')).waitFor();
  await page.getByRole('cell', { name: 'Copy of Office fire safety' }).waitFor();

  // 7. The audit trail: by who, by day, then one record's history, a page at a time.
  at('audit trail');
  await nav.getByRole('link', { name: 'Audit trail' }).click();
  await page.getByRole('heading', { name: 'Audit trail' }).waitFor();
  await page.getByLabel('Who').selectOption({ label: email });
  await page.waitForURL(/actor_user_id=\d+/);
  await page.getByLabel('From').fill(today);
  await page.waitForURL(new RegExp(`occurred_after=${today}T00%3A00%3A00Z`));
  await page.getByLabel('To', { exact: true }).fill(today);
  await page.waitForURL(/occurred_before=/);
  // The field shows the URL's state once it renders (reading it right after the URL moved raced
  // the render under the sanitizers): wait for the last day to be shown as chosen.
  await page.waitForFunction((day) => {
    const label = [...document.querySelectorAll('label')].find((l) => l.firstChild?.textContent?.trim() === 'To');
    return label?.querySelector('input')?.value === day;
  }, today);
  await page.getByRole('row', { name: /Archive/ }).getByRole('link', { name: 'Its history' }).click();
  await page.waitForURL(/entity_type=audit_template&entity_id=\d+/);
  await page.getByRole('button', { name: /Only audit template \d+/ }).waitFor();
  const url = new URL(page.url());
  url.searchParams.set('page_size', '1');
  await page.goto(url.toString());
  await page.getByText(/in all · page 1 of [2-9]/).waitFor();
  await page.getByRole('link', { name: 'Next' }).click();
  await page.waitForURL(/page=2/);
  await page.getByText(/page 2 of/).waitFor();
  await accessible(page, 'audit trail (one record)');

  // 8. A reader: the builder without its actions, no audit trail.
  at('reader');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await signIn(page, reader, page.getByRole('heading', { name: 'Hello, Rita' }));
  check((await nav.getByRole('link', { name: 'Audit trail' }).count()) === 0, 'a reader is offered the audit trail');
  await nav.getByRole('link', { name: 'Templates' }).click();
  check((await page.getByRole('link', { name: 'New template' }).count()) === 0, 'a reader is offered New template');
  await page.getByRole('link', { name: created.reference_number }).click();
  await page.getByRole('heading', { name: 'Office fire safety' }).waitFor();
  await page.getByRole('heading', { name: 'Published versions' }).waitFor();
  for (const action of ['Publish', 'Clone', 'Archive', 'Add a section', 'Edit settings']) {
    check((await page.getByRole('button', { name: action, exact: true }).count()) === 0, `a reader is offered ${action}`);
  }
  await page.goto(`${base}/audit-trail`);
  await page.getByText('Not available to you').waitFor();
});
