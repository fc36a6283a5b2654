// A run, and taking it on a phone: one question at a time (its section above it), progress, every
// answer queued locally and sent as it is given (offline: sent when the network is back), then
// completion with the score and the findings it raised.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { api, type Schemas } from '../api/client';
import { formErrors } from '../lib/fieldErrors';
import type { Answer } from '../offline/answerQueue';
import { answerQueue, flushAnswers, useOnline, useQueuedAnswers } from '../offline/queue';
import { Badge, ErrorSummary, Loading, humanise } from '../ui';

type Run = Schemas['AuditRunDetail'];
type Question = Schemas['AuditQuestionSnapshot'];
type Content = Schemas['AuditTemplateVersionContent'];

// Questions in the order they are asked: unsectioned first, then section by section.
function orderQuestions(content: Content): Question[] {
  const sectionOrder = new Map(content.sections.map((s) => [s.id, s.sort_order]));
  const rank = (q: Question) => (q.section_id === null ? -Infinity : (sectionOrder.get(q.section_id) ?? 0));
  return [...content.questions].sort((a, b) => rank(a) - rank(b) || a.sort_order - b.sort_order || a.id - b.id);
}

function answered(answer: Answer | undefined): boolean {
  if (!answer) return false;
  return answer.is_na === true || (answer.option_ids?.length ?? 0) > 0 || (answer.value !== undefined && answer.value !== null && answer.value !== '');
}

export function TakeRun() {
  const runId = Number(useParams().id);
  const [run, setRun] = useState<Run | null>(null);
  const [content, setContent] = useState<Content | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const { data, error: failure } = await api.GET('/api/v1/audits/runs/{id}', { params: { path: { id: runId } } });
    if (!data) {
      setError(failure?.message ?? 'The run could not be loaded.');
      return;
    }
    setRun(data);
    const version = await api.GET('/api/v1/audits/templates/{id}/versions/{number}', {
      params: { path: { id: data.template_id, number: String(data.template_version_number) } },
    });
    if (version.data) setContent(version.data.content);
  }, [runId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function move(to: Schemas['AuditRunTransition']['to']) {
    setBusy(true);
    setError('');
    const { data, error: failure } = await api.POST('/api/v1/audits/runs/{id}/transitions', {
      params: { path: { id: runId } },
      body: { to },
    });
    setBusy(false);
    if (data) setRun(data);
    else setError(formErrors(failure, []).summary);
  }

  if (!run) return error ? <ErrorSummary message={error} /> : <Loading />;
  return (
    <main className="run">
      <p className="crumbs">
        <Link to="/audits/runs">Audit runs</Link> › {run.reference_number}
      </p>
      <h1>{run.title}</h1>
      <p className="muted">
        {run.template_name} v{run.template_version_number} · <Badge value={run.status} />
        {run.location ? ` · ${run.location}` : ''}
        {run.due_date ? ` · due ${run.due_date}` : ''}
      </p>
      <ErrorSummary message={error} />
      {run.status === 'scheduled' && (
        <section className="card">
          <p>This run has not started. Starting it lets you answer its {run.question_count} questions.</p>
          {run.allowed_transitions.includes('in_progress') && (
            <button type="button" className="primary" disabled={busy} onClick={() => void move('in_progress')}>
              Start the run
            </button>
          )}
        </section>
      )}
      {run.status === 'in_progress' &&
        (content ? (
          <Questionnaire run={run} questions={orderQuestions(content)} content={content} onMove={move} busy={busy} reload={load} />
        ) : (
          <Loading />
        ))}
      {(run.status === 'completed' || run.status === 'pending_review') && <Result run={run} />}
      {run.status === 'cancelled' && <p>This run was cancelled: {run.cancellation_reason}</p>}
    </main>
  );
}

function Questionnaire(props: {
  run: Run;
  questions: Question[];
  content: Content;
  busy: boolean;
  onMove: (to: Schemas['AuditRunTransition']['to']) => Promise<void>;
  reload: () => Promise<void>;
}) {
  const { run, questions } = props;
  const [search, setSearch] = useSearchParams();
  const online = useOnline();
  const queued = useQueuedAnswers(run.id);
  const waiting = queued.filter((item) => item.error === undefined);
  const refused = queued.filter((item) => item.error !== undefined);
  const index = Math.min(Math.max(Number(search.get('question') ?? '1') || 1, 1), Math.max(questions.length, 1)) - 1;
  const question = questions[index];

  // The answer shown for each question: the one queued here, else the server's.
  const answers = useMemo(() => {
    const out = new Map<number, Answer>();
    for (const response of run.responses) {
      out.set(response.question_id, {
        value: response.value,
        option_ids: response.option_ids,
        is_na: response.is_na,
        notes: response.notes,
      });
    }
    for (const item of queued) out.set(item.questionId, item.answer);
    return out;
  }, [run.responses, queued]);

  // Once everything is delivered, the server's view (scores, counts) is fetched again.
  const { reload } = props;
  const waitingCount = waiting.length;
  useEffect(() => {
    if (waitingCount === 0) void reload();
  }, [waitingCount, reload]);

  const done = questions.filter((q) => answered(answers.get(q.id))).length;
  const missing = questions.filter((q) => q.is_required && !answered(answers.get(q.id)));
  // Moving on also retries what is waiting (a network that came back without telling the page).
  const go = (i: number) => {
    setSearch({ question: String(i + 1) }, { replace: true });
    void flushAnswers();
  };
  const give = (answer: Answer) => {
    if (!question) return;
    answerQueue.put(run.id, question.id, answer);
    void flushAnswers();
  };
  const completeTo = run.allowed_transitions.includes('completed') ? 'completed' : 'pending_review';
  const canComplete = run.allowed_transitions.includes(completeTo);

  return (
    <>
      <div className="progress-row">
        <label htmlFor="run-progress">
          {done} of {questions.length} answered
        </label>
        <progress id="run-progress" max={questions.length} value={done} />
      </div>
      <p className={waiting.length > 0 ? 'sync waiting' : 'sync'} role="status" aria-live="polite">
        {!online && 'Offline. '}
        {waiting.length > 0
          ? `${waiting.length} ${waiting.length === 1 ? 'answer' : 'answers'} waiting to send`
          : 'All answers saved'}
      </p>
      {refused.length > 0 && (
        <div className="error-summary" role="alert">
          <p>The server refused {refused.length === 1 ? 'an answer' : `${refused.length} answers`}; correct and answer again:</p>
          <ul>
            {refused.map((item) => {
              const i = questions.findIndex((q) => q.id === item.questionId);
              return (
                <li key={item.questionId}>
                  <button type="button" className="link" onClick={() => go(i)}>
                    Question {i + 1}
                  </button>
                  : {item.error}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {question && (
        <QuestionCard
          key={question.id}
          number={index + 1}
          total={questions.length}
          question={question}
          section={props.content.sections.find((s) => s.id === question.section_id)?.title}
          answer={answers.get(question.id)}
          error={refused.find((item) => item.questionId === question.id)?.error}
          onAnswer={give}
        />
      )}
      <div className="actions question-nav">
        <button type="button" disabled={index === 0} onClick={() => go(index - 1)}>
          Previous
        </button>
        {index < questions.length - 1 ? (
          <button type="button" className="primary" onClick={() => go(index + 1)}>
            Next
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={!canComplete || props.busy || waiting.length > 0 || refused.length > 0 || missing.length > 0}
            onClick={() => void props.onMove(completeTo)}
          >
            {completeTo === 'completed' ? 'Complete the run' : 'Send for review'}
          </button>
        )}
      </div>
      {index === questions.length - 1 && (waiting.length > 0 || missing.length > 0) && (
        <p className="muted">
          {missing.length > 0
            ? `Answer the required questions first: ${missing.map((q) => questions.indexOf(q) + 1).join(', ')}.`
            : 'Completing waits until every answer has been sent.'}
        </p>
      )}
    </>
  );
}

function QuestionCard(props: {
  number: number;
  total: number;
  question: Question;
  section: string | undefined;
  answer: Answer | undefined;
  error: string | undefined;
  onAnswer: (answer: Answer) => void;
}) {
  const { question, answer } = props;
  const [notes, setNotes] = useState(answer?.notes ?? '');
  const [draft, setDraft] = useState(answer?.value === undefined || answer.value === null ? '' : String(answer.value));
  const withNotes = (a: Answer): Answer => (notes.trim() ? { ...a, notes: notes.trim() } : a);
  const legendId = `question-${question.id}`;

  let input: React.ReactNode;
  const radios = (choices: { label: string; selected: boolean; answer: Answer }[]) => (
    <div className="choices" role="radiogroup" aria-labelledby={legendId}>
      {choices.map((choice) => (
        <button
          key={choice.label}
          type="button"
          role="radio"
          aria-checked={choice.selected}
          className={choice.selected ? 'choice selected' : 'choice'}
          onClick={() => props.onAnswer(withNotes(choice.answer))}
        >
          {choice.label}
        </button>
      ))}
    </div>
  );
  const max = question.max_score ?? question.max_value ?? 5;
  const scale = (question.question_type === 'score' || question.question_type === 'rating') && Number.isInteger(max) && max <= 10;
  switch (scale ? 'scale' : question.question_type) {
    case 'scale':
      // A small scale is a row of buttons; a large one is typed in like a number.
      input = radios(
        Array.from({ length: max + 1 }, (_, n) => ({
          label: String(n),
          selected: answer?.value === n && !answer.is_na,
          answer: { value: n },
        })),
      );
      break;
    case 'yes_no':
    case 'pass_fail': {
      const [yes, no] = question.question_type === 'yes_no' ? ['Yes', 'No'] : ['Pass', 'Fail'];
      input = radios([
        { label: yes, selected: answer?.value === true && !answer.is_na, answer: { value: true } },
        { label: no, selected: answer?.value === false && !answer.is_na, answer: { value: false } },
      ]);
      break;
    }
    case 'choice':
      input = radios(
        question.options.map((option) => ({
          label: option.label,
          selected: answer?.option_ids?.includes(option.id) ?? false,
          answer: { option_ids: [option.id] },
        })),
      );
      break;
    case 'multi_choice': {
      const chosen = new Set(answer?.option_ids ?? []);
      input = (
        <div className="choices" role="group" aria-labelledby={legendId}>
          {question.options.map((option) => (
            <label key={option.id} className="choice">
              <input
                type="checkbox"
                checked={chosen.has(option.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(option.id);
                  else next.delete(option.id);
                  props.onAnswer(withNotes({ option_ids: [...next] }));
                }}
              />
              {option.label}
            </label>
          ))}
        </div>
      );
      break;
    }
    case 'score':
    case 'rating':
    case 'number':
    case 'text':
    case 'date':
    case 'photo':
    case 'signature': {
      const type = question.question_type === 'date' ? 'date' : question.question_type === 'text' ? 'text' : 'number';
      const commit = () => {
        if (draft.trim() === '') return;
        props.onAnswer(withNotes({ value: type === 'number' ? Number(draft) : draft }));
      };
      input =
        question.question_type === 'photo' || question.question_type === 'signature' ? (
          <p className="muted">Photos and signatures cannot be taken in the app yet; use “Not applicable” or the notes.</p>
        ) : (
          <div className="inline-form">
            <input
              aria-labelledby={legendId}
              type={type}
              inputMode={type === 'number' ? 'decimal' : undefined}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              onBlur={commit}
            />
            <button type="button" onClick={commit}>
              Save answer
            </button>
          </div>
        );
      break;
    }
  }

  return (
    <section className="card question" aria-labelledby={legendId}>
      {props.section && <p className="section-title">{props.section}</p>}
      <p className="muted">
        Question {props.number} of {props.total}
        {question.is_required ? '' : ' · optional'}
        {question.is_critical ? ' · critical' : ''}
      </p>
      <h2 id={legendId}>{question.question_text}</h2>
      {question.help_text && <p className="muted">{question.help_text}</p>}
      {input}
      {question.allow_na && (
        <button
          type="button"
          role="checkbox"
          aria-checked={answer?.is_na === true}
          className={answer?.is_na ? 'choice selected na' : 'choice na'}
          onClick={() => props.onAnswer(withNotes({ is_na: true }))}
        >
          Not applicable
        </button>
      )}
      {props.error && (
        <p className="field-error" role="alert">
          {props.error}
        </p>
      )}
      <label className="notes">
        Notes
        <textarea
          value={notes}
          rows={2}
          onChange={(e) => setNotes(e.target.value)}
          onBlur={() => {
            if (answered(answer) && (answer?.notes ?? '') !== notes.trim()) {
              props.onAnswer({ ...answer, notes: notes.trim() || null });
            }
          }}
        />
      </label>
    </section>
  );
}

function Result({ run }: { run: Run }) {
  const summary = run.findings_summary;
  return (
    <section className="card">
      <h2>{run.status === 'completed' ? 'Completed' : 'Waiting for review'}</h2>
      {run.score_percentage !== null && (
        <p className="score">
          Score {run.score_percentage} % ({run.score} of {run.max_score}){' '}
          {run.passed !== null && <Badge value={run.passed ? 'passed' : 'failed'} />}
        </p>
      )}
      <h3>Findings raised ({summary.total})</h3>
      {summary.items.length === 0 ? (
        <p>No finding was raised by this run.</p>
      ) : (
        <ul className="findings">
          {summary.items.map((finding) => (
            <li key={finding.id}>
              <Link to={`/findings/${finding.id}`}>
                {finding.reference_number}: {finding.title}
              </Link>{' '}
              <Badge value={finding.grade} /> <Badge value={finding.status} />
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={`/findings?run_id=${run.id}`}>See them in the findings register</Link>
      </p>
      <p className="muted">{humanise(run.status)} runs can no longer be answered.</p>
    </section>
  );
}
