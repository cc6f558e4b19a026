/** A one-line progress bar on a terminal (stderr); silent when stderr is not a terminal. */
export function progressBar(totalBytes: number): { update: (bytes: number, rows: number) => void; done: () => void } {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  return {
    update(bytes, rows) {
      if (!tty) return;
      const share = totalBytes > 0 ? Math.min(1, bytes / totalBytes) : 1;
      const width = 30;
      const filled = Math.round(share * width);
      const seconds = (performance.now() - started) / 1000;
      const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
      process.stderr.write(
        `\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${rows.toLocaleString('en')} rows  ${rate.toLocaleString('en')} rows/s `,
      );
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
