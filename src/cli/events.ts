import { Command, InvalidArgumentError } from 'commander';

/** `waypost events show ID`: an event's audience and its deliveries by status. */
export function eventsCommand(): Command {
  const events = new Command('events').description('outbox events and their notifications');
  events
    .command('show')
    .description('show an event: audience size and deliveries by status and channel')
    .argument('<id>', 'event id', (value) => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('an event id is a positive whole number');
      return n;
    })
    .option('--json', 'print JSON')
    .action(async (id: number, options: { json?: boolean }) => {
      await (await import('./run/events.ts')).showEvent(id, options);
    });
  return events;
}
