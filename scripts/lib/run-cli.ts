/**
 * Runs a script's `main` when the file is executed (not imported): its number is the exit code, and a thrown
 * error becomes one line `name: message` on stderr and exit code 1, never a stack trace for a user to read.
 */
export function runCli(meta: ImportMeta, name: string, main: (args: string[]) => Promise<number>): void {
  if (!meta.main) return;
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
