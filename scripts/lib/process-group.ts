// Background servers (`wrangler dev` and the workerd it starts) run in a process group of their own, so one signal
// stops all of them. A group still running when this process ends would be left behind, and a test runner ends its
// workers with SIGTERM, which skips every `finally`: so the groups are also killed on this process's exit and signals.

const running = new Set<number>();
let hooked = false;

/** Sends SIGTERM to the whole group led by `pid` (nothing if it has already gone) and forgets it. */
export function killGroup(pid: number): void {
  running.delete(pid);
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    // The group has already ended.
  }
}

function killAll(): void {
  for (const pid of running) killGroup(pid);
}

/** Remembers the group led by `pid` so that it is killed if this process ends before `killGroup` is called. */
export function trackGroup(pid: number): void {
  running.add(pid);
  if (hooked) return;
  hooked = true;
  process.once('exit', killAll);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.once(signal, () => {
      killAll();
      // Our listener replaced the default action (ending the process): restore it unless someone else handles it.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}
