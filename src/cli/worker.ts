import { Command, InvalidArgumentError } from 'commander';

/** `waypost worker [--concurrency N]`: the delivery worker alone; any number may run against one PostgreSQL. */
export function workerCommand(): Command {
  return new Command('worker')
    .description('deliver notifications (fan-out, e-mail, webhooks); many may run against one PostgreSQL')
    .option('--concurrency <n>', 'sends in flight at once (default 5)', parseCount)
    .action(async (options: { concurrency?: number }) => {
      await (await import('./run/worker.ts')).runWorker(options);
    });
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('a whole number from 1 to 1000');
  return n;
}
