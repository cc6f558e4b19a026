// The local editor server behind `npm run cms`: one address on this machine that serves /admin/, the site's public
// files for previews, and Decap's own file-system API (decap-server) that saves into the working tree. No account.
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN_CSP } from '../../../functions/domain/security-policy.ts';
import { writeAdmin, writeTranslations } from './admin-files.ts';

/** A running editor server: its address, and how to stop it (which also removes its generated /admin/ files). */
export interface CmsServer {
  url: string;
  close(): Promise<void>;
}

type Express = ((...args: unknown[]) => unknown) & { static(dir: string, options?: object): unknown };

/** Starts the editor on 127.0.0.1:`port` (0 picks a free one), saving into `root`. */
export async function startCmsServer({
  root,
  port,
  today,
}: {
  root: string;
  port: number;
  today: string;
}): Promise<CmsServer> {
  // decap-server reads the folder to save into from the environment when its middleware is registered.
  process.env.GIT_REPO_DIRECTORY = root;
  const require = createRequire(createRequire(import.meta.url).resolve('decap-server/package.json'));
  const express = require('express') as Express;
  const { registerLocalFs } = require('decap-server/dist/middlewares') as {
    registerLocalFs(app: unknown, options?: { logLevel?: string }): Promise<void>;
  };
  const app = express() as {
    use(...handlers: unknown[]): void;
    get(path: string, ...handlers: unknown[]): void;
    listen(port: number, host: string, done: () => void): Server;
  };
  const adminDir = await mkdtemp(join(tmpdir(), 'voto-cms-'));
  const server = await new Promise<Server>((resolve) => {
    const listening: Server = app.listen(port, '127.0.0.1', () => resolve(listening));
  });
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
  await writeAdmin(adminDir, { mode: 'local', proxyUrl: `${url}/api/v1` }, root, today);

  // The same CSP and noindex the production /admin/ gets, so what works here works there.
  app.use('/admin', (_req: unknown, res: { set(headers: object): void }, next: () => void) => {
    res.set({ 'Content-Security-Policy': ADMIN_CSP, 'X-Robots-Tag': 'noindex, nofollow', 'Cache-Control': 'no-store' });
    next();
  });
  app.get('/admin/translations.html', async (_req: unknown, _res: unknown, next: () => void) => {
    await writeTranslations(adminDir, root, today);
    next();
  });
  app.use('/admin', express.static(adminDir));
  app.get('/', (_req: unknown, res: { redirect(to: string): void }) => res.redirect('/admin/'));
  // Its request log stays quiet: the URL printed at start is all staff need; failures still show.
  await registerLocalFs(app, { logLevel: 'warn' });
  // Images in the preview load from the folder the editor saves into.
  app.use(express.static(join(root, 'public')));
  return {
    url,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await rm(adminDir, { recursive: true, force: true });
    },
  };
}
