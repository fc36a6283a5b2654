import { beforeEach, describe, expect, it } from 'vitest';
import { AnswerQueue, type QueuedAnswer, type SendResult } from './answerQueue';

describe('AnswerQueue', () => {
  beforeEach(() => localStorage.clear());

  it('keeps queued answers across a reload (a new queue on the same storage)', () => {
    new AnswerQueue(localStorage).put(7, 1, { value: true });
    const reloaded = new AnswerQueue(localStorage);
    expect(reloaded.waiting(7)).toEqual([{ runId: 7, questionId: 1, answer: { value: true } }]);
    expect(reloaded.waiting(8)).toEqual([]);
  });

  it('sends in the order the answers were given and empties itself', async () => {
    const queue = new AnswerQueue(localStorage);
    queue.put(7, 3, { value: 'a' });
    queue.put(7, 1, { value: 'b' });
    queue.put(7, 3, { value: 'c' }); // replaces the first, now last
    const sent: number[] = [];
    await queue.flush(async (item) => {
      sent.push(item.questionId);
      return { status: 'sent' };
    });
    expect(sent).toEqual([1, 3]);
    expect(queue.items()).toEqual([]);
  });

  it('stops at an answer it cannot deliver, so nothing overtakes it, and sends it later', async () => {
    const queue = new AnswerQueue(localStorage);
    queue.put(7, 1, { value: 1 });
    queue.put(7, 2, { value: 2 });
    const tried: number[] = [];
    await queue.flush(async (item) => {
      tried.push(item.questionId);
      return { status: 'unreachable' };
    });
    expect(tried).toEqual([1]);
    expect(queue.waiting(7).map((item) => item.questionId)).toEqual([1, 2]);
    await queue.flush(async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(queue.waiting(7)).toHaveLength(2);
    await queue.flush(async () => ({ status: 'sent' }));
    expect(queue.items()).toEqual([]);
  });

  it('keeps an answer the server refused, with its reason, and goes on with the others', async () => {
    const queue = new AnswerQueue(localStorage);
    queue.put(7, 1, { value: 9 });
    queue.put(7, 2, { value: 2 });
    await queue.flush(async (item: QueuedAnswer): Promise<SendResult> =>
      item.questionId === 1 ? { status: 'refused', error: 'value: must be at most 5' } : { status: 'sent' },
    );
    expect(queue.waiting(7)).toEqual([]);
    expect(queue.refused(7)).toEqual([
      { runId: 7, questionId: 1, answer: { value: 9 }, error: 'value: must be at most 5' },
    ]);
    // A corrected answer replaces the refused one and is sent.
    queue.put(7, 1, { value: 4 });
    await queue.flush(async () => ({ status: 'sent' }));
    expect(queue.items()).toEqual([]);
  });

  it('keeps an answer given while the previous one was on its way', async () => {
    const queue = new AnswerQueue(localStorage);
    queue.put(7, 1, { value: 'first' });
    let release: (result: SendResult) => void = () => {};
    const flushed = queue.flush(
      (item) =>
        item.answer.value === 'first'
          ? new Promise<SendResult>((resolve) => {
              release = resolve;
            })
          : Promise.resolve({ status: 'unreachable' }),
    );
    queue.put(7, 1, { value: 'second' });
    release({ status: 'sent' });
    await flushed;
    expect(queue.waiting(7).map((item) => item.answer.value)).toEqual(['second']);
  });

  it('tells its subscribers when it changes', () => {
    const queue = new AnswerQueue(localStorage);
    let calls = 0;
    const unsubscribe = queue.subscribe(() => calls++);
    queue.put(1, 1, { value: true });
    unsubscribe();
    queue.put(1, 2, { value: true });
    expect(calls).toBe(1);
  });
});
