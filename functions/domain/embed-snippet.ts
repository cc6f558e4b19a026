// The snippet partners paste (the contract's "Embedding the dashboard"), written once: the embed builder shows
// it, and `/oembed` answers it as its `html`, so WordPress and a copy-paste get the same markup.

/** What varies between snippets: the embed's address, the site's origin, the frame's title and size. */
export interface EmbedSnippetParts {
  /** The absolute `/embed/registrations?…` URL. */
  src: string;
  /** The site's origin, where `embed.js` lives. */
  origin: string;
  /** The frame's accessible name. */
  title: string;
  /** The starting height in pixels, before `embed.js` sets it to the content's. */
  height?: number;
  /** A width the frame must not grow past (oEmbed's `maxwidth`); by default it takes the host's column. */
  maxWidth?: number;
}

const ATTRIBUTE_ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', '<': '&lt;', '>': '&gt;' };

function attribute(value: string): string {
  return value.replace(/[&"<>]/g, (char) => ATTRIBUTE_ESCAPES[char] ?? char);
}

/** The iframe and the `embed.js` script tag, as the builder shows them and `/oembed` answers them. */
export function embedSnippet({ src, origin, title, height = 600, maxWidth }: EmbedSnippetParts): string {
  const width = maxWidth ? `width:100%;max-width:${maxWidth}px` : 'width:100%';
  // WordPress keeps only an untrusted provider's iframe and of it only src, width, height, frameborder and a few
  // more: without the `style`, a frame would be the default 300 px wide (deaf to the column's width) with a 2 px
  // border (taller than the height its content asks for), so the same width and border go in attributes too.
  const sizing = `style="${width};border:0" width="100%" height="${height}" frameborder="0"`;
  // A URL's serialisation percent-encodes quotes and angle brackets, so `src` keeps its `&` as the builder shows it.
  return `<iframe src="${src}" data-voto-embed\n        title="${attribute(title)}" loading="lazy" ${sizing}></iframe>\n<script src="${origin}/embed.js" async></script>`;
}
