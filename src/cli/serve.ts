import { Command, InvalidArgumentError } from 'commander';

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve the public site, API and console')
    .option('--port <n>', 'port to listen on (default: PORT or 3000)', parsePort)
    .option('--no-worker', 'do not run the delivery worker in this process (run `waypost worker` instead)')
    .action(async (options: { port?: number; worker: boolean }) => {
      await (await import('./run/serve.ts')).serve(options);
    });
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('a port is a number from 0 to 65535');
  return port;
}
