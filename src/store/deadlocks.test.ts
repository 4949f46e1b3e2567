import { describe, expect, it } from 'vitest';
import { retryDeadlocks } from './deadlocks.ts';

const deadlock = Object.assign(new Error('deadlock detected'), { code: '40P01' });

describe('retryDeadlocks', () => {
  it('runs the transaction again after a deadlock, and returns what the run that got through returns', async () => {
    const attempts: number[] = [];
    const result = await retryDeadlocks(async (attempt) => {
      attempts.push(attempt);
      if (attempt < 3) throw deadlock;
      return 'sent';
    });
    expect({ result, attempts }).toEqual({ result: 'sent', attempts: [1, 2, 3] });
  });

  it('gives up after the last attempt with the deadlock itself', async () => {
    let runs = 0;
    await expect(retryDeadlocks(async () => { runs++; throw deadlock; }, 2)).rejects.toBe(deadlock);
    expect(runs).toBe(2);
  });

  it('throws any other error at once, without running again', async () => {
    let runs = 0;
    const unique = Object.assign(new Error('duplicate key'), { code: '23505' });
    await expect(retryDeadlocks(async () => { runs++; throw unique; })).rejects.toBe(unique);
    expect(runs).toBe(1);
  });
});
