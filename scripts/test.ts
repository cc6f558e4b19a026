// `npm test`: every check and every test suite, ordered so that the two cores of a CI machine are never idle while
// one step waits. Each check is still its own `npm run` script (one place for each command); this file only
// decides what may run side by side:
//   1. lint, content check and the site build together (the build is what the test suites serve);
//   2. the type check beside two `vitest run`s: the Worker project (its files one after another in one workerd, on
//      one core) and the unit and browser projects (two files at a time, the unit files first, while the browser
//      tests' shared server starts). In one run, vitest holds the unit and browser files until the Worker files are
//      done, about 40 s with one core idle. The unit and browser run is niced: Chromium's many threads beside the
//      one workerd thread once made Worker files ten times slower (one passed its 30 s limit), and at a lower
//      priority the browser files take only what the Worker files and the type check leave. `astro check --noSync`
//      reads the types the build just generated.
// A failing step fails the run; the steps of a phase all finish, so one run shows every failure of that phase.
import { spawn } from 'node:child_process';
import { OFFLINE_ENV, ROOT } from './lib/local-env.ts';
import { runCli } from './lib/run-cli.ts';

/** One step: a name to report and the `npm run` script (with arguments) it runs. */
interface Step {
  name: string;
  script: string[];
  /** Print as it runs (the test suites' progress) instead of only when the step fails. */
  live?: boolean;
  /** Run at this `nice` level (and so every process it starts): it takes only the CPU the other steps leave. */
  nice?: number;
}

const PHASES: Step[][] = [
  [
    { name: 'lint', script: ['lint'] },
    { name: 'content check', script: ['content:check'] },
    { name: 'build', script: ['build'] },
  ],
  [
    { name: 'types', script: ['check:types', '--', '--noSync'] },
    { name: 'Worker tests', script: ['test:worker'], live: true },
    {
      name: 'unit and browser tests',
      script: ['test:all', '--', '--project', 'unit', '--project', 'e2e'],
      live: true,
      nice: 10,
    },
  ],
];

/** Runs one step; resolves with whether it passed, printing its output when it fails (or all along if live). */
function runStep(step: Step): Promise<boolean> {
  const started = Date.now();
  return new Promise((resolve) => {
    const command = ['npm', 'run', '-s', ...step.script];
    const [program, ...args] = step.nice === undefined ? command : ['nice', '-n', String(step.nice), ...command];
    const child = spawn(program as string, args, {
      cwd: ROOT,
      env: OFFLINE_ENV,
      stdio: step.live ? 'inherit' : ['ignore', 'pipe', 'pipe'],
    });
    const output: Buffer[] = [];
    child.stdout?.on('data', (chunk: Buffer) => output.push(chunk));
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk));
    const finish = (passed: boolean) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (!passed && output.length > 0) process.stdout.write(Buffer.concat(output));
      console.log(`${passed ? '✓' : '✗'} ${step.name} (${seconds} s)`);
      resolve(passed);
    };
    child.on('error', (error) => {
      output.push(Buffer.from(`${error.message}\n`));
      finish(false);
    });
    child.on('close', (code) => finish(code === 0));
  });
}

async function main(): Promise<number> {
  const started = Date.now();
  for (const phase of PHASES) {
    const results = await Promise.all(phase.map(runStep));
    if (results.includes(false)) {
      console.log(`npm test failed after ${Math.round((Date.now() - started) / 1000)} s`);
      return 1;
    }
  }
  console.log(`npm test passed in ${Math.round((Date.now() - started) / 1000)} s`);
  return 0;
}

runCli(import.meta, 'test', main);
