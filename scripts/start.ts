// `npm start`: build the site, migrate the local D1, serve site + API with wrangler dev, load the demo data once.
import { seedDemoData } from '../db/seed/seed.ts';
import { migrateLocal, run, startWranglerDev } from './lib/local-env.ts';

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be a whole number from 1 to 65535 (got '${process.env.PORT}').`);
  process.exit(2);
}

console.log('› building the site (astro build, then the Pagefind search index)');
run('astro', ['build', '--silent']);
run('pagefind', ['--site', 'dist', '--quiet']);
console.log('› applying D1 migrations to the local database');
await migrateLocal();
console.log(`› starting the Worker on http://localhost:${port}`);
const server = await startWranglerDev(port);
try {
  await seedDemoData(server.url);
} catch (error) {
  console.error(`› loading the demo data failed: ${error instanceof Error ? error.message : String(error)}`);
  await server.stop();
  process.exit(1);
}
console.log(`\n  Voto Extranjero is running: http://localhost:${port}/  (Ctrl+C stops it)\n`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.stop().then(() => process.exit(0));
  });
}
