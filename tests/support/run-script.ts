import { spawn } from 'node:child_process';
import { ROOT } from '../../scripts/lib/local-env.ts';

/** What a CLI run left: its exit code and everything it printed. */
export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `scripts/<script>` with the project's Node as a child process, the way `npm run -s` does. Asynchronous on
 * purpose: a test may serve the CLI from its own process (a key server, a Worker) while it runs.
 */
export function runScript(
  script: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ScriptRun> {
  return runCommand(`${ROOT}node_modules/.bin/node`, [`${ROOT}scripts/${script}`, ...args], {
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
  });
}

/** Runs any program as a child process and collects what it printed (a tool a test reads files with, a CLI). */
export function runCommand(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
