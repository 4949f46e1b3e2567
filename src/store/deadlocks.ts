/**
 * PostgreSQL breaks a cycle of row locks by failing one of the transactions in it ("deadlock
 * detected", SQLSTATE 40P01) and rolling it back whole. Where the order in which rows are locked
 * cannot be the same on every path (a crisis wave updates population and counter rows in one order,
 * the answer triggers in the other: docs/crises.md, "Counts"), the failed side is run again.
 */
function isDeadlock(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '40P01';
}

/**
 * `run` (one whole transaction) again after a deadlock, up to `attempts` times, after a short
 * random pause so the transaction that won finishes first; `run` is told which attempt it is (1, 2…),
 * so what it records can say it was retried. Anything else is thrown at once.
 */
export async function retryDeadlocks<T>(run: (attempt: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run(attempt);
    } catch (error) {
      if (!isDeadlock(error) || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80));
    }
  }
}
