// `npm run -s audit:disclosure` against a real `wrangler dev` with the demo data: every public summary of every
// version (each cut, then live) of every demo process, audited from the public answers alone, must isolate no
// group of 1 to 9 applications, alone or together with the version before it.
import { describe, expect, it } from 'vitest';
import { runScript, type ScriptRun } from '../tests/support/run-script.ts';
import { sharedServer } from './support/session.ts';

// The shared server holds the demo data (and processes other files make): the audit is asked per demo process.
const server = sharedServer();
const DEMO = ['pel-2022-2023', 'pel-2020-2021'];

function audit(...args: string[]): Promise<ScriptRun> {
  return runScript('audit-disclosure.ts', ['--url', server.url, ...args]);
}

const LINE =
  /^(\S+) (\S+): populations (\d+), cells (\d+), rank (\d+), derivable (\d+); (?:with previous: populations (\d+), cells (\d+), rank (\d+), derivable (\d+)|first version);/;

describe('audit:disclosure', () => {
  it('finds no derivable group in any version of the demo processes, alone or with the version before', async () => {
    const runs = await Promise.all(DEMO.map((slug) => audit('--process', slug)));
    const stdout = runs.map((run) => run.stdout).join('');
    const stderr = runs.map((run) => run.stderr).join('');
    const code = Math.max(...runs.map((run) => run.code ?? 1));
    expect(stderr).toBe('');
    // The audit's figures per version, for the record (the closing note of issue 27 quotes them).
    console.log(stdout);
    // Per run: one line per version, then after a blank line what the public loses (per version, then in all).
    const parts = runs.map((run) => run.stdout.trim().split('\n\n'));
    const lines = parts.flatMap(([versionPart = '']) => versionPart.split('\n'));
    for (const [i, [, lossPart = '']] of parts.entries()) {
      const losses = lossPart.split('\n');
      expect(losses[0]).toMatch(/^what the public loses/);
      expect(losses.find((line) => line.startsWith(`${DEMO[i]} all `)) ?? '', DEMO[i]).toMatch(
        /populations \d+, breakdowns shown \d+ \(held \d+\), withheld \d+ \([\d.]+ %\): small \d+/,
      );
    }
    // 2022-2023: five cuts and live; 2020-2021: six cuts and live (db/seed/seed.ts REPORT_CUTS).
    const versions = lines.map((line) => line.match(LINE)?.slice(1, 3).join(' '));
    expect(versions).toContain('pel-2022-2023 2022-11-15');
    expect(versions).toContain('pel-2020-2021 2020-09-15');
    expect(lines.filter((line) => line.startsWith('pel-2022-2023 '))).toHaveLength(6);
    expect(lines.filter((line) => line.startsWith('pel-2020-2021 '))).toHaveLength(7);
    for (const line of lines) {
      const match = line.match(LINE);
      expect(match, line).not.toBeNull();
      expect(Number(match?.[3]), line).toBeGreaterThan(0);
      expect(match?.[6], line).toBe('0');
      if (match?.[10] !== undefined) expect(match[10], line).toBe('0');
    }
    expect(code).toBe(0);
  }, 600_000);

  it('audits one cut with the one before it on request', async () => {
    const { code, stdout } = await audit('--process', 'pel-2022-2023', '--cut', '2022-10-16');
    const lines = (stdout.trim().split('\n\n')[0] ?? '').split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pel-2022-2023 2022-10-16: .* with previous: /);
    expect(code).toBe(0);
  }, 300_000);
});
