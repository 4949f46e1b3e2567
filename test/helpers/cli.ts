import { spawn } from 'node:child_process';

/** Runs `waypost` as a separate process against a database, as an operator would. */

export const CLI = new URL('../../bin/waypost.js', import.meta.url).pathname;

export interface CliResult { code: number; stdout: string; stderr: string }

export function waypost(args: string[], databaseUrl: string, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}
