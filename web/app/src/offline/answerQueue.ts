// Answers given on the run-taking screen are queued here first, in the browser's storage, and sent
// in the order they were given: a reload, a closed tab or a dropped network loses none of them.
// An answer the server refuses (a 4xx, e.g. a value out of range) stays with the server's reason so
// the auditor can correct it; one that could not be delivered (no network, a 5xx) stays to be
// sent again, and nothing after it overtakes it.

export interface Answer {
  value?: boolean | number | string | null;
  option_ids?: number[];
  is_na?: boolean;
  notes?: string | null;
}

export interface QueuedAnswer {
  runId: number;
  questionId: number;
  answer: Answer;
  error?: string; // set once the server refused it
}

export type SendResult =
  | { status: 'sent' }
  | { status: 'refused'; error: string } // the server answered and said no: keep it with why
  | { status: 'unreachable' }; // not delivered: try again later, in order

export type Send = (item: QueuedAnswer) => Promise<SendResult>;

const kStorageKey = 'qgp.answer-queue.v1';

export class AnswerQueue {
  private listeners = new Set<() => void>();
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly storage: Storage,
    private readonly key: string = kStorageKey,
  ) {}

  items(runId?: number): QueuedAnswer[] {
    let parsed: unknown;
    try {
      parsed = JSON.parse(this.storage.getItem(this.key) ?? '[]');
    } catch {
      parsed = [];
    }
    const all = Array.isArray(parsed) ? (parsed as QueuedAnswer[]) : [];
    return runId === undefined ? all : all.filter((item) => item.runId === runId);
  }

  // Answers not yet delivered and not refused.
  waiting(runId?: number): QueuedAnswer[] {
    return this.items(runId).filter((item) => item.error === undefined);
  }

  refused(runId?: number): QueuedAnswer[] {
    return this.items(runId).filter((item) => item.error !== undefined);
  }

  // Queues an answer; a newer answer to the same question replaces the older one and takes its
  // place at the end (what counts is the last answer given).
  put(runId: number, questionId: number, answer: Answer): void {
    const rest = this.items().filter((item) => !(item.runId === runId && item.questionId === questionId));
    this.write([...rest, { runId, questionId, answer }]);
  }

  // Sends the waiting answers one at a time, oldest first, until one cannot be delivered.
  flush(send: Send): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.drain(send).finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async drain(send: Send): Promise<void> {
    for (;;) {
      const next = this.waiting()[0];
      if (next === undefined) return;
      let result: SendResult;
      try {
        result = await send(next);
      } catch {
        result = { status: 'unreachable' };
      }
      if (result.status === 'unreachable') return;
      // The answer may have been replaced while it was on its way: only drop what was sent.
      const items = this.items();
      const index = items.findIndex(
        (item) =>
          item.runId === next.runId &&
          item.questionId === next.questionId &&
          JSON.stringify(item.answer) === JSON.stringify(next.answer),
      );
      if (index < 0) continue;
      if (result.status === 'sent') {
        items.splice(index, 1);
      } else {
        items[index] = { ...next, error: result.error };
      }
      this.write(items);
    }
  }

  private write(items: QueuedAnswer[]): void {
    this.storage.setItem(this.key, JSON.stringify(items));
    for (const listener of this.listeners) listener();
  }
}
