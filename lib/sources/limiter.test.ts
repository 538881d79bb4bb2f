import { describe, expect, it } from 'vitest';
import { limiter } from './limiter';

describe('limiter', () => {
  it('never runs more than its limit, even when a task arrives just as another finishes', async () => {
    const slot = limiter(1);
    let running = 0;
    let most = 0;
    const task = async (): Promise<void> => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    };
    let open = (): void => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const first = slot(() => gate);
    const waiting = slot(task);
    // Asked in the same tick the first task ends: after its slot is freed, before the waiter resumes.
    let late: Promise<void> = Promise.resolve();
    void gate.then(() => (late = slot(task)));
    open();
    await first;
    await Promise.all([waiting, late]);
    expect(most).toBe(1);
  });

  it('runs waiting tasks in the order they were asked', async () => {
    const slot = limiter(1);
    const order: number[] = [];
    await Promise.all([1, 2, 3, 4].map((n) => slot(async () => void order.push(n))));
    expect(order).toEqual([1, 2, 3, 4]);
  });
});
