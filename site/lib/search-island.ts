// Site search on the static Pagefind index built into dist/pagefind/ (one index per page language).

interface PagefindResult {
  url: string;
  excerpt: string;
  meta: { title?: string };
}

interface Pagefind {
  search(query: string): Promise<{ results: { data(): Promise<PagefindResult> }[] }>;
}

let pagefind: Promise<Pagefind> | null = null;

function loadPagefind(): Promise<Pagefind> {
  // A runtime URL: the index is made after the site build, so the bundler must not try to resolve it.
  const url = '/pagefind/pagefind.js';
  pagefind ??= import(/* @vite-ignore */ url) as Promise<Pagefind>;
  return pagefind;
}

/** Wires the search form: results as you type (and from `?q=`), an announced count, and a metrics event. */
export function startSearch(): void {
  const form = document.querySelector<HTMLFormElement>('[data-search]');
  const status = document.querySelector<HTMLElement>('[data-search-status]');
  const list = document.querySelector<HTMLOListElement>('[data-search-results]');
  const input = form?.querySelector<HTMLInputElement>('input[name=q]');
  if (!form || !status || !list || !input) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reported = '';
  const run = async (query: string, report: boolean) => {
    const term = query.trim();
    if (!term) {
      list.replaceChildren();
      status.textContent = '';
      return;
    }
    try {
      const search = await (await loadPagefind()).search(term);
      if (input.value.trim() !== term) return;
      const results = await Promise.all(search.results.slice(0, 12).map((result) => result.data()));
      list.replaceChildren(
        ...results.map((result) => {
          const item = document.createElement('li');
          const link = document.createElement('a');
          link.href = result.url;
          link.textContent = result.meta.title ?? result.url;
          const excerpt = document.createElement('p');
          // Pagefind's excerpt is our own escaped page text with <mark> around the matches.
          excerpt.innerHTML = result.excerpt;
          item.appendChild(link);
          item.appendChild(excerpt);
          return item;
        }),
      );
      const count = search.results.length;
      status.textContent =
        count === 0 ? (form.dataset.none ?? '') : (form.dataset.count ?? '').replace('{count}', String(count));
      if (report && term !== reported) {
        reported = term;
        dispatchEvent(new CustomEvent('voto:search', { detail: { query: term, results: count } }));
      }
    } catch {
      status.textContent = form.dataset.error ?? '';
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const url = new URL(location.href);
    url.searchParams.set('q', input.value);
    history.replaceState(null, '', url);
    void run(input.value, true);
  });
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value, false), 250);
  });
  const initial = new URL(location.href).searchParams.get('q');
  if (initial) {
    input.value = initial;
    void run(initial, true);
  }
}
