// `npm run cms`: the content editor on this machine, no account; it saves into this working tree.
// Options: --port N (default 8788; 0 picks a free port), --root DIR (another copy of the repository, used by tests).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishingDay } from '../site/content/publishing.ts';
import { startCmsServer } from './lib/cms/server.ts';
import { runCli } from './lib/run-cli.ts';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
}

runCli(import.meta, 'cms', async (args) => {
  const root = resolve(option(args, '--root') ?? fileURLToPath(new URL('..', import.meta.url)));
  const port = Number(option(args, '--port') ?? process.env.CMS_PORT ?? 8788);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port must be a port number, not ${port}`);
  const server = await startCmsServer({ root, port, today: publishingDay() });
  console.log(`Content editor: ${server.url}/admin/ (saves into ${root}; Ctrl+C to stop)`);
  await new Promise<void>((done) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close().then(done));
  });
  return 0;
});
