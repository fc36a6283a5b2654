// The app's one answer queue (in localStorage: it outlives a reload and a closed tab) and how it
// reaches the API.
import { useEffect, useSyncExternalStore } from 'react';
import { api } from '../api/client';
import { formErrors } from '../lib/fieldErrors';
import { AnswerQueue, type QueuedAnswer, type Send } from './answerQueue';

export const answerQueue = new AnswerQueue(localStorage);

export const sendAnswer: Send = async (item: QueuedAnswer) => {
  const { data, error, response } = await api.PUT('/api/v1/audits/runs/{id}/responses/{question_id}', {
    params: { path: { id: item.runId, question_id: item.questionId } },
    body: item.answer,
  });
  if (data) return { status: 'sent' };
  // Not the answer's fault: the session, the rate limit or the server. Try again later.
  if (response.status >= 500 || response.status === 401 || response.status === 429) return { status: 'unreachable' };
  const problems = formErrors(error, ['value', 'option_ids', 'is_na', 'notes']);
  const reason = [problems.summary, ...Object.entries(problems.fields).map(([f, p]) => `${f}: ${p}`)]
    .filter(Boolean)
    .join('; ');
  return { status: 'refused', error: reason };
};

export function flushAnswers(): Promise<void> {
  return answerQueue.flush(sendAnswer);
}

// The queue's items for one run, re-rendered on every change.
export function useQueuedAnswers(runId: number): QueuedAnswer[] {
  const snapshot = useSyncExternalStore(
    (listener) => answerQueue.subscribe(listener),
    () => JSON.stringify(answerQueue.items(runId)),
  );
  return JSON.parse(snapshot) as QueuedAnswer[];
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}

// Sends what is waiting now, when the network comes back, and every 15 s while anything waits.
export function useAnswerSender(): void {
  useEffect(() => {
    void flushAnswers();
    const again = () => void flushAnswers();
    window.addEventListener('online', again);
    const timer = setInterval(() => {
      if (answerQueue.waiting().length > 0) again();
    }, 15_000);
    return () => {
      window.removeEventListener('online', again);
      clearInterval(timer);
    };
  }, []);
}
