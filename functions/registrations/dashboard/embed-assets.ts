// What every embed on a partner's page shares: one stylesheet and one script, at URLs named by their content's
// hash and cached for a year, so a page with 30 embeds fetches each once (issue 32), and a deploy that changes
// either gets new URLs. The script is frame.js (height, colour scheme) followed by t.js (the embed_view event
// and the tracked clicks), both as Workers Static Assets serve them, so neither is kept twice in the source.
import { sha256Hex } from '../../shared/read-body.ts';
import { DASHBOARD_CSS } from './styles.ts';

/** One shared file: its path under /embed/assets/, its body and its content type. */
export interface EmbedAsset {
  path: string;
  body: string;
  type: string;
}

/** The embeds' shared stylesheet and script. */
export interface EmbedAssets {
  css: EmbedAsset;
  js: EmbedAsset;
}

// Twelve hex characters of the content's SHA-256: enough to tell two versions of a file apart.
const hashOf = async (text: string) => (await sha256Hex(new TextEncoder().encode(text))).slice(0, 12);

async function asset(name: string, extension: string, body: string, type: string): Promise<EmbedAsset> {
  return { path: `/embed/assets/${name}.${await hashOf(body)}.${extension}`, body, type };
}

// Built once per isolate (the static files only change with a deploy, which starts new isolates).
let built: Promise<EmbedAssets> | undefined;

/**
 * The shared stylesheet and script, read from the static assets (`assets`, the ASSETS binding) on first use.
 * A script file the assets do not have (a Worker without the built site) leaves its part empty.
 */
export function embedAssets(assets: Fetcher, origin: string): Promise<EmbedAssets> {
  built ??= (async () => {
    const read = async (path: string) => {
      const answer = await assets.fetch(new Request(new URL(path, origin)));
      return answer.ok ? (await answer.text()).trim() : '';
    };
    const [frame, tracker] = await Promise.all([read('/embed/frame.js'), read('/t.js')]);
    return {
      css: await asset('embed', 'css', DASHBOARD_CSS, 'text/css; charset=utf-8'),
      js: await asset('embed', 'js', `${frame}\n;${tracker}\n`, 'text/javascript; charset=utf-8'),
    };
  })().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}
