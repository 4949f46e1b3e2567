import { Command, InvalidArgumentError } from 'commander';

/**
 * `waypost crisis wave ID [--follow-up]` and `waypost crisis show ID [--json]` (docs/crises.md):
 * the operator's way to send a check-in wave (audited as "command line"; a running worker sends
 * it) and to read a crisis's counts, the same JSON as `GET /api/v1/crises/{id}`.
 */

const crisisId = (value: string) => {
  const n = Number(value);
  if (!/^\d{1,10}$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError('a crisis id is a positive whole number');
  return n;
};

export function crisisCommand(): Command {
  const command = new Command('crisis').description('crises: send check-in waves, show who answered');
  command
    .command('wave')
    .description('send a check-in wave: "Are you safe?" to everyone in scope now (a running worker sends it)')
    .argument('<id>', 'crisis id', crisisId)
    .option('--follow-up', 'only those who have not answered yet')
    .action(async (id: number, options: { followUp?: boolean }) => {
      await (await import('./run/crisis.ts')).sendCrisisWave(id, options);
    });
  command
    .command('show')
    .description('a crisis with its counts by answer (need help first), by place and by wave')
    .argument('<id>', 'crisis id', crisisId)
    .option('--json', 'print JSON (as GET /api/v1/crises/{id})')
    .action(async (id: number, options: { json?: boolean }) => {
      await (await import('./run/crisis.ts')).showCrisis(id, options);
    });
  return command;
}
