// `npm run new -- <collection> <slug>`: creates the Spanish and English files of a new page.
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publishingDay } from '../site/content/publishing.ts';
import { scaffold } from './lib/new-content.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const [collection = '', slug = ''] = process.argv.slice(2);
if (!collection || !slug) {
  console.error('Usage: npm run new -- <collection> <slug>   (collections: guides, news, events, notices, faq)');
  process.exit(2);
}
try {
  const files = await scaffold(root, collection, slug, publishingDay());
  console.log(`Created (as drafts):\n${files.map((file) => `  ${relative(root, file)}`).join('\n')}`);
  console.log('Write both, remove `draft: true` to publish, then run npm run content:check.');
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
