// The audit template builder: the templates list, a new template, and one template's builder
// (settings, sections, questions with their options and scores, reordering, publishing with the
// API's problem list shown next to the parts it names, versions, clone, archive, history).
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { useMe } from '../auth/me';
import { formErrors, type FormErrors } from '../lib/fieldErrors';
import { withFilter, type ListSpec } from '../lib/listState';
import { ListBody, SearchFilter, SelectFilter, useListScreen } from '../lib/useApiList';
import { Badge, Empty, ErrorSummary, Field, Loading, humanise } from '../ui';
import { RecordHistory } from './AuditTrail';
import {
  auditTypes,
  blankOption,
  blankQuestion,
  blankSettings,
  fieldProblems,
  findingGrades,
  groups,
  moves,
  nextSortOrder,
  noProblems,
  optionProblems,
  passMarkHint,
  placeProblems,
  problemCount,
  questionBody,
  questionFields,
  questionForm,
  questionTypes,
  scoringMethods,
  settingsBody,
  settingsFields,
  settingsForm,
  takesOptions,
  withoutQuestion,
  withoutSection,
  type OptionForm,
  type Placement,
  type Problems,
  type Question,
  type QuestionForm,
  type Section,
  type SettingsForm,
  type TemplateDetail,
} from './templateBuilder';
import { showInstant } from './trail';

const spec: ListSpec = {
  filters: ['status', 'audit_type', 'q', 'include_archived'],
  sorts: ['reference_number', 'name', 'created_at', 'updated_at'],
  defaultSort: 'name',
  defaultPageSize: 20,
};
const noErrors: FormErrors = { summary: '', fields: {} };

export function TemplatesList() {
  const { can } = useMe();
  const screen = useListScreen(
    spec,
    (query) => api.GET('/api/v1/audits/templates', { params: { query: query as never } }),
    'templates',
  );
  const { state, go, list } = screen;
  return (
    <main>
      <div className="title-row">
        <h1>Audit templates</h1>
        {can('audits:write') && (
          <Link className="button primary" to="/audits/templates/new">
            New template
          </Link>
        )}
      </div>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <SelectFilter label="Status" name="status" values={['draft', 'published']} state={state} go={go} />
        <SelectFilter label="Type" name="audit_type" values={auditTypes} state={state} go={go} />
        <SearchFilter placeholder="Reference, name, description" state={state} go={go} />
        <label className="check">
          <input
            type="checkbox"
            checked={state.filters.include_archived === 'true'}
            onChange={(e) => go(withFilter(state, 'include_archived', e.target.checked ? 'true' : ''))}
          />
          Archived too
        </label>
      </form>
      <ListBody
        screen={screen}
        noMatch={{ title: 'No template matches these filters', text: 'Clear a filter or search for something else.' }}
        none={{
          title: 'No templates yet',
          text: can('audits:write')
            ? 'Build the first checklist with “New template”: sections, questions and scoring, then publish it so runs can be scheduled.'
            : 'Templates appear here once a quality manager builds them.',
        }}
        columns={[
          { field: 'reference_number', label: 'Reference' },
          { field: 'name', label: 'Name' },
          { label: 'Type' },
          { label: 'Status' },
          { label: 'Published' },
          { field: 'updated_at', label: 'Changed' },
        ]}
        rows={list?.items.map((t) => (
          <tr key={t.id}>
            <td>
              <Link to={`/audits/templates/${t.id}`}>{t.reference_number}</Link>
            </td>
            <td>{t.name}</td>
            <td>{humanise(t.audit_type)}</td>
            <td>
              <Badge value={t.archived_at ? 'archived' : t.status} />
            </td>
            <td>{t.published_version_number === null ? '—' : `v${t.published_version_number}`}</td>
            <td className="nowrap">{showInstant(t.updated_at)}</td>
          </tr>
        ))}
      />
    </main>
  );
}

// A field choosing one of an enum's values, each shown in words.
function EnumField<T extends string>(props: { label: string; error: string | undefined; value: T; values: readonly T[]; onChange: (value: T) => void }) {
  return (
    <Field label={props.label} error={props.error}>
      {(id, describedBy) => (
        <select id={id} value={props.value} onChange={(e) => props.onChange(e.target.value as T)} aria-describedby={describedBy}>
          {props.values.map((value) => (
            <option key={value} value={value}>
              {humanise(value)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

// An editor's buttons: save (busy while a write is on its way) and cancel.
function EditorActions(props: { label: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={props.busy}>
        {props.label}
      </button>
      <button type="button" onClick={props.onCancel}>
        Cancel
      </button>
    </div>
  );
}

// --- the settings (new template, and its Edit) --------------------------------------------------

function SettingsFields(props: { form: SettingsForm; onChange: (form: SettingsForm) => void; errors: FormErrors }) {
  const { form, errors } = props;
  const set = <K extends keyof SettingsForm>(name: K, value: SettingsForm[K]) => props.onChange({ ...form, [name]: value });
  return (
    <>
      <Field label="Name" error={errors.fields.name}>
        {(id, describedBy) => <input id={id} value={form.name} onChange={(e) => set('name', e.target.value)} aria-describedby={describedBy} required />}
      </Field>
      <Field label="Description" error={errors.fields.description}>
        {(id, describedBy) => (
          <textarea id={id} rows={2} value={form.description} onChange={(e) => set('description', e.target.value)} aria-describedby={describedBy} />
        )}
      </Field>
      <EnumField label="Audit type" error={errors.fields.audit_type} value={form.audit_type} values={auditTypes} onChange={(v) => set('audit_type', v)} />
      <EnumField
        label="Scoring method"
        error={errors.fields.scoring_method}
        value={form.scoring_method}
        values={scoringMethods}
        onChange={(v) => set('scoring_method', v)}
      />
      <Field label="Pass mark" error={errors.fields.passing_score} hint={passMarkHint(form.scoring_method)}>
        {(id, describedBy) => (
          <input
            id={id}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            value={form.passing_score}
            onChange={(e) => set('passing_score', e.target.value)}
            aria-describedby={describedBy}
          />
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={form.auto_create_findings} onChange={(e) => set('auto_create_findings', e.target.checked)} />
        Raise findings automatically when a run is completed
      </label>
      <label className="check">
        <input type="checkbox" checked={form.require_approval} onChange={(e) => set('require_approval', e.target.checked)} />
        Completed runs need a review
      </label>
    </>
  );
}

export function NewTemplate() {
  const navigate = useNavigate();
  const [form, setForm] = useState<SettingsForm>(blankSettings);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/audits/templates', { body: settingsBody(form) });
    setBusy(false);
    if (data) navigate(`/audits/templates/${data.id}`);
    else setErrors(formErrors(error, settingsFields));
  }
  return (
    <main>
      <p className="crumbs">
        <Link to="/audits/templates">Templates</Link> › New
      </p>
      <h1>New template</h1>
      <form onSubmit={submit} noValidate className="stack">
        <ErrorSummary message={errors.summary} />
        <SettingsFields form={form} onChange={setForm} errors={errors} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create the template'}
          </button>
          <Link to="/audits/templates">Cancel</Link>
        </div>
      </form>
    </main>
  );
}

// --- one template ------------------------------------------------------------------------------

type Editing =
  | { kind: 'settings' }
  | { kind: 'section'; id: number }
  | { kind: 'new-section' }
  | { kind: 'question'; id: number }
  | { kind: 'new-question'; sectionId: number | null }
  | null;

type Write = Promise<{ data?: TemplateDetail; error?: unknown }>;

// A button that asks before it acts (archiving, removing): no browser dialog.
function ConfirmButton(props: { label: string; question: string; confirm: string; disabled?: boolean; onConfirm: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" disabled={props.disabled} onClick={() => setAsking(true)}>
        {props.label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={props.question}>
      <span>{props.question}</span>
      <button
        type="button"
        className="danger"
        onClick={() => {
          setAsking(false);
          props.onConfirm();
        }}
      >
        {props.confirm}
      </button>
      <button type="button" onClick={() => setAsking(false)}>
        Keep it
      </button>
    </span>
  );
}

function ProblemList({ problems, id }: { problems: readonly string[] | undefined; id?: string }) {
  if (!problems || problems.length === 0) return null;
  return (
    <ul className="problems" id={id} aria-label="Problems">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}

export function TemplateBuilder() {
  const id = Number(useParams().id);
  const navigate = useNavigate();
  const { can } = useMe();
  const [detail, setDetail] = useState<TemplateDetail | null>(null);
  const [loadError, setLoadError] = useState('');
  const [editing, setEditing] = useState<Editing>(null);
  const [problems, setProblems] = useState<Problems>(noProblems);
  const [message, setMessage] = useState<{ text: string; bad: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const { data, error } = await api.GET('/api/v1/audits/templates/{id}', { params: { path: { id } } });
    if (data) setDetail(data);
    else setLoadError(formErrors(error, []).summary);
  }, [id]);
  useEffect(() => {
    setDetail(null);
    setProblems(noProblems);
    setMessage(null);
    void load();
  }, [load]);

  // One write of the template or a part: the answer is the whole template as it now is. Returns
  // the error body when refused (the caller shows it), undefined when done.
  async function write(request: () => Write, done?: () => void): Promise<unknown> {
    setBusy(true);
    const { data, error } = await request();
    setBusy(false);
    if (!data) return error ?? {};
    setDetail(data);
    setMessage(null);
    done?.();
    return undefined;
  }

  if (!detail) return loadError ? <main><ErrorSummary message={loadError} /></main> : <Loading />;
  const path = { id };
  const archived = detail.archived_at !== null;
  const mayWrite = can('audits:write') && !archived;
  const parts = groups(detail);

  async function publish() {
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/audits/templates/{id}/publish', { params: { path } });
    setBusy(false);
    if (data) {
      setDetail(data);
      setProblems(noProblems);
      setMessage({ text: `Published as version ${data.published_version_number}. New runs use it.`, bad: false });
      return;
    }
    const placed = placeProblems(fieldProblems(error));
    setProblems(placed);
    const count = problemCount(placed);
    setMessage({
      text: count > 0
        ? `The template cannot be published yet: ${count === 1 ? '1 problem' : `${count} problems`}, shown next to what ${count === 1 ? 'it names' : 'they name'}.`
        : formErrors(error, []).summary,
      bad: true,
    });
  }

  async function cloneIt() {
    setBusy(true);
    const { data, error } = await api.POST('/api/v1/audits/templates/{id}/clone', { params: { path }, body: {} });
    setBusy(false);
    if (data) navigate(`/audits/templates/${data.id}`);
    else setMessage({ text: formErrors(error, []).summary, bad: true });
  }

  async function archive() {
    setBusy(true);
    const { error, response } = await api.DELETE('/api/v1/audits/templates/{id}', { params: { path } });
    setBusy(false);
    if (response.ok) await load();
    else setMessage({ text: formErrors(error, []).summary, bad: true });
  }

  // Moves a section or a question up or down among its neighbours.
  async function move(kind: 'sections' | 'questions', items: readonly Placement[], index: number, delta: -1 | 1) {
    for (const change of moves(items, index, delta)) {
      const body = { version: change.version, sort_order: change.sort_order };
      const refused = await write(() =>
        kind === 'sections'
          ? api.PATCH('/api/v1/audits/templates/{id}/sections/{section_id}', { params: { path: { id, section_id: change.id } }, body })
          : api.PATCH('/api/v1/audits/templates/{id}/questions/{question_id}', { params: { path: { id, question_id: change.id } }, body }),
      );
      if (refused !== undefined) {
        setMessage({ text: formErrors(refused, []).summary, bad: true });
        await load();
        return;
      }
    }
  }

  async function remove(kind: 'section' | 'question', partId: number) {
    setBusy(true);
    const { error, response } =
      kind === 'section'
        ? await api.DELETE('/api/v1/audits/templates/{id}/sections/{section_id}', { params: { path: { id, section_id: partId } } })
        : await api.DELETE('/api/v1/audits/templates/{id}/questions/{question_id}', { params: { path: { id, question_id: partId } } });
    setBusy(false);
    if (!response.ok) setMessage({ text: formErrors(error, []).summary, bad: true });
    setProblems((p) => (kind === 'section' ? withoutSection(p, partId) : withoutQuestion(p, partId)));
    await load();
  }

  const questionEditor = (question: Question | null, sectionId: number | null) => (
    <QuestionEditor
      initial={question ? questionForm(question) : blankQuestion(sectionId)}
      sections={detail.sections}
      busy={busy}
      onCancel={() => setEditing(null)}
      onSave={(form) => {
        const body = questionBody(form);
        return write(
          () =>
            question
              ? api.PATCH('/api/v1/audits/templates/{id}/questions/{question_id}', {
                  params: { path: { id, question_id: question.id } },
                  body: { ...body, version: question.version },
                })
              : api.POST('/api/v1/audits/templates/{id}/questions', {
                  params: { path },
                  body: { ...body, sort_order: nextSortOrder(detail.questions) },
                }),
          () => {
            setEditing(null);
            setProblems((p) => (question ? withoutQuestion(p, question.id) : { ...p, template: p.template.filter((t) => !t.startsWith('questions:')) }));
          },
        );
      }}
    />
  );

  return (
    <main>
      <p className="crumbs">
        <Link to="/audits/templates">Templates</Link> › {detail.reference_number}
      </p>
      <div className="title-row">
        <h1>{detail.name}</h1>
        {mayWrite && (
          <div className="actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void publish()}>
              Publish
            </button>
            <button type="button" disabled={busy} onClick={() => void cloneIt()}>
              Clone
            </button>
            <ConfirmButton label="Archive" question="Archive this template? No new runs can use it." confirm="Archive it" disabled={busy} onConfirm={() => void archive()} />
          </div>
        )}
      </div>
      <p>
        <Badge value={archived ? 'archived' : detail.status} />{' '}
        <span className="muted">
          {detail.published_version_number === null
            ? 'Not published yet: runs can be scheduled once it is.'
            : detail.status === 'published'
              ? `Version ${detail.published_version_number} is published and used by new runs.`
              : `Version ${detail.published_version_number} is used by new runs; the changes since are a draft of version ${detail.published_version_number + 1} until you publish them.`}
        </span>
      </p>
      {archived && (
        <p className="notice" role="status">
          This template is archived: it cannot change and no new run can use it. Runs already made keep their version.
        </p>
      )}
      {message && (message.bad ? <ErrorSummary message={message.text} /> : <p className="notice" role="status">{message.text}</p>)}
      <ProblemList problems={problems.template} id="template-problems" />

      <section className="card" aria-labelledby="settings-title">
        <div className="title-row">
          <h2 id="settings-title">Settings</h2>
          {mayWrite && editing?.kind !== 'settings' && (
            <button type="button" onClick={() => setEditing({ kind: 'settings' })}>
              Edit settings
            </button>
          )}
        </div>
        {editing?.kind === 'settings' ? (
          <SettingsEditor
            template={detail}
            busy={busy}
            onCancel={() => setEditing(null)}
            onSave={(form) =>
              write(
                () => api.PATCH('/api/v1/audits/templates/{id}', { params: { path }, body: { ...settingsBody(form), version: detail.version } }),
                () => {
                  setEditing(null);
                  setProblems((p) => ({ ...p, template: p.template.filter((t) => t.startsWith('questions:')) }));
                },
              )
            }
          />
        ) : (
          <dl className="facts">
            <dt>Reference</dt>
            <dd>{detail.reference_number}</dd>
            <dt>Type</dt>
            <dd>{humanise(detail.audit_type)}</dd>
            <dt>Scoring</dt>
            <dd>{humanise(detail.scoring_method)}</dd>
            <dt>Pass mark</dt>
            <dd>{detail.passing_score === null ? 'None' : `${detail.passing_score}${detail.scoring_method === 'points' ? ' points' : ' %'}`}</dd>
            <dt>Findings</dt>
            <dd>{detail.auto_create_findings ? 'Raised automatically on completion' : 'Not raised automatically'}</dd>
            {detail.description && (
              <>
                <dt>Description</dt>
                <dd>{detail.description}</dd>
              </>
            )}
          </dl>
        )}
      </section>

      {parts.length === 0 && (
        <Empty title="No sections yet">
          {mayWrite ? 'Add a section (such as “Housekeeping”), then its questions.' : 'This template has no questions yet.'}
        </Empty>
      )}
      {parts.map((group, groupIndex) => {
        const section = group.section;
        const sections = parts.filter((g) => g.section !== null).map((g) => g.section as Section);
        const sectionIndex = section ? sections.findIndex((s) => s.id === section.id) : -1;
        const headingId = section ? `section-${section.id}` : 'section-none';
        return (
          <section key={section?.id ?? 'none'} className="card part" aria-labelledby={headingId}>
            <div className="title-row">
              <h2 id={headingId}>
                {section ? section.title : 'Questions outside sections'}
                {section && Number(section.weight) !== 1 && <small className="muted"> · weight {section.weight}</small>}
              </h2>
              {mayWrite && section && (
                <div className="actions small-actions">
                  <button type="button" disabled={busy || sectionIndex === 0} aria-label={`Move section ${section.title} up`} onClick={() => void move('sections', sections, sectionIndex, -1)}>
                    ↑
                  </button>
                  <button
                    type="button"
                    disabled={busy || sectionIndex === sections.length - 1}
                    aria-label={`Move section ${section.title} down`}
                    onClick={() => void move('sections', sections, sectionIndex, 1)}
                  >
                    ↓
                  </button>
                  <button type="button" onClick={() => setEditing({ kind: 'section', id: section.id })} aria-label={`Edit section ${section.title}`}>
                    Edit
                  </button>
                  <ConfirmButton label="Remove" question={`Remove ${section.title} and its questions?`} confirm="Remove it" onConfirm={() => void remove('section', section.id)} />
                </div>
              )}
            </div>
            {section?.description && <p className="muted">{section.description}</p>}
            {section && <ProblemList problems={problems.sections[section.id]} />}
            {section && editing?.kind === 'section' && editing.id === section.id && (
              <SectionEditor
                section={section}
                busy={busy}
                onCancel={() => setEditing(null)}
                onSave={(title, weight) =>
                  write(
                    () =>
                      api.PATCH('/api/v1/audits/templates/{id}/sections/{section_id}', {
                        params: { path: { id, section_id: section.id } },
                        body: { version: section.version, title, weight },
                      }),
                    () => {
                      setEditing(null);
                      setProblems((p) => withoutSection(p, section.id));
                    },
                  )
                }
              />
            )}
            {group.questions.length === 0 ? (
              <p className="muted">No questions in this section yet.</p>
            ) : (
              <ol className="questions" start={1 + parts.slice(0, groupIndex).reduce((n, g) => n + g.questions.length, 0)}>
                {group.questions.map((question, index) => (
                  <li key={question.id} id={`question-${question.id}`} className={problems.questions[question.id] ? 'question-item invalid' : 'question-item'}>
                    {editing?.kind === 'question' && editing.id === question.id ? (
                      questionEditor(question, question.section_id)
                    ) : (
                      <QuestionSummary
                        question={question}
                        problems={problems.questions[question.id]}
                        actions={
                          mayWrite && (
                            <div className="actions small-actions">
                              <button type="button" disabled={busy || index === 0} aria-label={`Move ${question.question_text} up`} onClick={() => void move('questions', group.questions, index, -1)}>
                                ↑
                              </button>
                              <button
                                type="button"
                                disabled={busy || index === group.questions.length - 1}
                                aria-label={`Move ${question.question_text} down`}
                                onClick={() => void move('questions', group.questions, index, 1)}
                              >
                                ↓
                              </button>
                              <button type="button" aria-label={`Edit ${question.question_text}`} onClick={() => setEditing({ kind: 'question', id: question.id })}>
                                Edit
                              </button>
                              <ConfirmButton label="Remove" question="Remove this question?" confirm="Remove it" onConfirm={() => void remove('question', question.id)} />
                            </div>
                          )
                        }
                      />
                    )}
                  </li>
                ))}
              </ol>
            )}
            {mayWrite &&
              (editing?.kind === 'new-question' && editing.sectionId === (section?.id ?? null) ? (
                questionEditor(null, section?.id ?? null)
              ) : (
                <button type="button" onClick={() => setEditing({ kind: 'new-question', sectionId: section?.id ?? null })}>
                  Add a question{section ? ` to ${section.title}` : ''}
                </button>
              ))}
          </section>
        );
      })}
      {mayWrite &&
        (editing?.kind === 'new-section' ? (
          <section className="card" aria-label="New section">
            <SectionEditor
              section={null}
              busy={busy}
              onCancel={() => setEditing(null)}
              onSave={(title, weight) =>
                write(
                  () =>
                    api.POST('/api/v1/audits/templates/{id}/sections', {
                      params: { path },
                      body: { title, weight, sort_order: nextSortOrder(detail.sections) },
                    }),
                  () => setEditing(null),
                )
              }
            />
          </section>
        ) : (
          <p>
            <button type="button" onClick={() => setEditing({ kind: 'new-section' })}>
              Add a section
            </button>
          </p>
        ))}

      <Versions id={id} latest={detail.published_version_number} />
      <RecordHistory
        title="History of this template"
        record={{ type: 'audit_template', id }}
        refresh={detail.version}
        load={(query) => api.GET('/api/v1/audits/templates/{id}/history', { params: { path, query } })}
      />
    </main>
  );
}

function QuestionSummary(props: { question: Question; problems: string[] | undefined; actions: ReactNode }) {
  const q = props.question;
  const flags = [
    humanise(q.question_type),
    q.is_critical ? 'critical' : '',
    q.allow_na ? 'N/A allowed' : '',
    q.is_required ? '' : 'optional',
    Number(q.weight) !== 1 ? `weight ${q.weight}` : '',
    q.max_score !== null ? `max score ${q.max_score}` : '',
  ].filter(Boolean);
  return (
    <div className="question-summary">
      <div className="title-row">
        <strong>{q.question_text}</strong>
        {props.actions}
      </div>
      <p className="muted small">{flags.join(' · ')}</p>
      {q.options.length > 0 && (
        <ul className="options">
          {[...q.options]
            .sort((a, b) => a.sort_order - b.sort_order || a.id - b.id)
            .map((o) => (
              <li key={o.id}>
                {o.label}
                {o.score !== null && <span className="muted"> · score {o.score}</span>}
                {o.triggers_finding && o.finding_grade && <> · raises a <Badge value={o.finding_grade} /></>}
              </li>
            ))}
        </ul>
      )}
      <ProblemList problems={props.problems} />
    </div>
  );
}

function SectionEditor(props: {
  section: Section | null;
  busy: boolean;
  onCancel: () => void;
  onSave: (title: string, weight: number) => Promise<unknown>;
}) {
  const [title, setTitle] = useState(props.section?.title ?? '');
  const [weight, setWeight] = useState(String(props.section?.weight ?? 1));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const refused = await props.onSave(title.trim(), weight.trim() === '' ? 1 : Number(weight));
    if (refused !== undefined) setErrors(formErrors(refused, ['title', 'weight']));
  }
  return (
    <form onSubmit={submit} noValidate className="editor">
      <ErrorSummary message={errors.summary} />
      <Field label="Section title" error={errors.fields.title}>
        {(fieldId, describedBy) => <input id={fieldId} value={title} onChange={(e) => setTitle(e.target.value)} aria-describedby={describedBy} autoFocus />}
      </Field>
      <Field label="Section weight" error={errors.fields.weight} hint="How much the section counts in a weighted score.">
        {(fieldId, describedBy) => (
          <input id={fieldId} type="number" step="any" min={0} value={weight} onChange={(e) => setWeight(e.target.value)} aria-describedby={describedBy} />
        )}
      </Field>
      <EditorActions label={props.section ? 'Save the section' : 'Add the section'} busy={props.busy} onCancel={props.onCancel} />
    </form>
  );
}

function SettingsEditor(props: {
  template: TemplateDetail;
  busy: boolean;
  onCancel: () => void;
  onSave: (form: SettingsForm) => Promise<unknown>;
}) {
  const [form, setForm] = useState<SettingsForm>(() => settingsForm(props.template));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const refused = await props.onSave(form);
    if (refused !== undefined) setErrors(formErrors(refused, settingsFields));
  }
  return (
    <form onSubmit={submit} noValidate className="editor stack">
      <ErrorSummary message={errors.summary} />
      <SettingsFields form={form} onChange={setForm} errors={errors} />
      <EditorActions label={'Save the settings'} busy={props.busy} onCancel={props.onCancel} />
    </form>
  );
}

export function QuestionEditor(props: {
  initial: QuestionForm;
  sections: readonly Section[];
  busy: boolean;
  onCancel: () => void;
  onSave: (form: QuestionForm) => Promise<unknown>;
}) {
  const [form, setForm] = useState<QuestionForm>(props.initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const set = <K extends keyof QuestionForm>(name: K, value: QuestionForm[K]) => setForm({ ...form, [name]: value });
  const setOption = (index: number, change: Partial<OptionForm>) =>
    set('options', form.options.map((o, i) => (i === index ? { ...o, ...change } : o)));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const refused = await props.onSave(form);
    if (refused === undefined) return;
    setErrors(formErrors(refused, questionFields));
    setRowErrors(optionProblems(fieldProblems(refused)));
  }
  const withOptions = takesOptions(form.question_type);
  return (
    <form onSubmit={submit} noValidate className="editor" aria-label={props.initial.question_text ? `Edit ${props.initial.question_text}` : 'New question'}>
      <ErrorSummary message={errors.summary} />
      <Field label="Question" error={errors.fields.question_text}>
        {(id, describedBy) => (
          // The editor opens where its button was: the keyboard and a screen reader go straight into it.
          <input id={id} value={form.question_text} onChange={(e) => set('question_text', e.target.value)} aria-describedby={describedBy} autoFocus />
        )}
      </Field>
      <div className="row">
        <EnumField
          label="Answer type"
          error={errors.fields.question_type}
          value={form.question_type}
          values={questionTypes}
          onChange={(type) =>
            // A choice starts with two empty options to fill in; a rating may go without.
            setForm({ ...form, question_type: type, options: takesOptions(type) && form.options.length === 0 && type !== 'rating' ? [blankOption(), blankOption()] : form.options })
          }
        />
        <Field label="Weight" error={errors.fields.weight}>
          {(id, describedBy) => (
            <input id={id} type="number" step="any" min={0} value={form.weight} onChange={(e) => set('weight', e.target.value)} aria-describedby={describedBy} />
          )}
        </Field>
        {form.question_type === 'score' && (
          <Field label="Max score" error={errors.fields.max_score}>
            {(id, describedBy) => (
              <input id={id} type="number" step="any" min={0} value={form.max_score} onChange={(e) => set('max_score', e.target.value)} aria-describedby={describedBy} />
            )}
          </Field>
        )}
      </div>
      {props.sections.length > 0 && (
        <Field label="Section" error={errors.fields.section_id}>
          {(id, describedBy) => (
            <select
              id={id}
              value={form.section_id ?? ''}
              onChange={(e) => set('section_id', e.target.value === '' ? null : Number(e.target.value))}
              aria-describedby={describedBy}
            >
              <option value="">Outside sections</option>
              {[...props.sections]
                .sort((a, b) => a.sort_order - b.sort_order || a.id - b.id)
                .map((section) => (
                  <option key={section.id} value={section.id}>
                    {section.title}
                  </option>
                ))}
            </select>
          )}
        </Field>
      )}
      <Field label="Help for the auditor" error={errors.fields.help_text}>
        {(id, describedBy) => <input id={id} value={form.help_text} onChange={(e) => set('help_text', e.target.value)} aria-describedby={describedBy} />}
      </Field>
      <div className="checks">
        <label className="check">
          <input type="checkbox" checked={form.is_required} onChange={(e) => set('is_required', e.target.checked)} />
          Required
        </label>
        <label className="check">
          <input type="checkbox" checked={form.allow_na} onChange={(e) => set('allow_na', e.target.checked)} />
          N/A allowed
        </label>
        <label className="check">
          <input type="checkbox" checked={form.is_critical} onChange={(e) => set('is_critical', e.target.checked)} />
          Critical
        </label>
      </div>
      {withOptions && (
        <fieldset className={errors.fields.options ? 'options-editor invalid' : 'options-editor'}>
          <legend>Options</legend>
          {errors.fields.options && !Object.keys(rowErrors).length && (
            <p className="field-error" role="alert">
              {errors.fields.options}
            </p>
          )}
          {form.options.length === 0 && <p className="muted">No options yet{form.question_type === 'rating' ? ': the auditor gives a number.' : '.'}</p>}
          {form.options.map((option, index) => {
            const n = index + 1;
            return (
              <div key={index} className="option-row" role="group" aria-label={`Option ${n}`}>
                <label>
                  Option {n} label
                  <input value={option.label} onChange={(e) => setOption(index, { label: e.target.value })} />
                </label>
                <label>
                  Option {n} score
                  <input type="number" step="any" min={0} value={option.score} onChange={(e) => setOption(index, { score: e.target.value })} />
                </label>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={option.triggers_finding}
                    onChange={(e) => setOption(index, { triggers_finding: e.target.checked, finding_grade: e.target.checked ? option.finding_grade || 'minor_nonconformity' : '' })}
                  />
                  Option {n} raises a finding
                </label>
                {option.triggers_finding && (
                  <label>
                    Option {n} finding grade
                    <select value={option.finding_grade} onChange={(e) => setOption(index, { finding_grade: e.target.value as OptionForm['finding_grade'] })}>
                      <option value="">Choose a grade</option>
                      {findingGrades.map((g) => (
                        <option key={g} value={g}>
                          {humanise(g)}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
                <button type="button" aria-label={`Remove option ${n}`} onClick={() => set('options', form.options.filter((_, i) => i !== index))}>
                  ✕
                </button>
                {rowErrors[index] && (
                  <p className="field-error" role="alert">
                    {rowErrors[index]}
                  </p>
                )}
              </div>
            );
          })}
          <button type="button" onClick={() => set('options', [...form.options, blankOption()])}>
            Add an option
          </button>
        </fieldset>
      )}
      <EditorActions label={props.initial.question_text ? 'Save the question' : 'Add the question'} busy={props.busy} onCancel={props.onCancel} />
    </form>
  );
}

// The published versions, newest first; each shows what it froze when opened.
function Versions({ id, latest }: { id: number; latest: number | null }) {
  const [versions, setVersions] = useState<Schemas['AuditTemplateVersion'][] | null>(null);
  const [open, setOpen] = useState<Schemas['AuditTemplateVersionDetail'] | null>(null);
  useEffect(() => {
    let live = true;
    void api
      .GET('/api/v1/audits/templates/{id}/versions', { params: { path: { id }, query: { sort: '-version_number', page_size: 100 } as never } })
      .then(({ data }) => {
        if (live) setVersions(data?.items ?? []);
      });
    return () => {
      live = false;
    };
  }, [id, latest]);
  async function show(number: number) {
    if (open?.version_number === number) {
      setOpen(null);
      return;
    }
    const { data } = await api.GET('/api/v1/audits/templates/{id}/versions/{number}', { params: { path: { id, number: String(number) } } });
    if (data) setOpen(data);
  }
  return (
    <section className="card" aria-labelledby="versions-title">
      <h2 id="versions-title">Published versions</h2>
      {versions === null ? (
        <Loading />
      ) : versions.length === 0 ? (
        <p className="muted">None yet. Publishing freezes the template as version 1; runs are answered against a frozen version.</p>
      ) : (
        <ul className="versions">
          {versions.map((v) => (
            <li key={v.id}>
              <button type="button" className="link" aria-expanded={open?.version_number === v.version_number} onClick={() => void show(v.version_number)}>
                Version {v.version_number}
              </button>{' '}
              <span className="muted">published {showInstant(v.published_at)}</span>
              {open?.version_number === v.version_number && (
                <div className="version-content">
                  {groups(open.content).map((g) => (
                    <div key={g.section?.id ?? 'none'}>
                      <strong>{g.section?.title ?? 'Questions outside sections'}</strong>
                      <ul>
                        {g.questions.map((q) => (
                          <li key={q.id}>
                            {q.question_text} <span className="muted">({humanise(q.question_type)})</span>
                          </li>
                        ))}
                      </ul>
                    </div>
                  ))}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
