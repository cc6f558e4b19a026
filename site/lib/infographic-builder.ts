import { fillCutSelect } from './cut-select.ts';

/** Upgrades the infographics form: image, download links, alt text and the page URL follow the fields. */
export function startInfographicBuilder(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-infographic-builder]');
  if (!form) return;
  const params = JSON.parse(form.dataset.params ?? '{}') as Record<string, string[]>;
  const pageLang = form.dataset.lang ?? 'es';
  const img = document.querySelector<HTMLImageElement>('img[data-preview]');
  const png = document.querySelector<HTMLAnchorElement>('a[data-download-png]');
  const svg = document.querySelector<HTMLAnchorElement>('a[data-download-svg]');
  const alt = document.querySelector<HTMLTextAreaElement>('textarea[data-alt]');
  const api = document.querySelector<HTMLElement>('[data-api-url]');
  const error = document.querySelector<HTMLElement>('[data-infographic-error]');
  const copy = document.querySelector<HTMLButtonElement>('button[data-copy]');
  const status = document.querySelector<HTMLElement>('[data-copy-status]');
  const field = (name: string) => form.elements.namedItem(name) as HTMLSelectElement | null;
  const sizes: Record<string, [number, number]> = { og: [1200, 630], square: [1080, 1080], story: [1080, 1920] };
  let sequence = 0;

  const update = async () => {
    const template = field('template')?.value ?? 'registrations-total';
    const names = params[template] ?? [];
    const query = new URLSearchParams();
    for (const name of ['process', 'scope', 'entity', 'country', 'cut', 'lang', 'size']) {
      const select = field(name);
      if (!select) continue;
      // Fields the template does not take are greyed out and left out of the image's URL.
      select.disabled = !names.includes(name);
      if (!select.disabled && select.value) query.set(name, select.value);
    }
    const base = `/api/v1/infographics/${template}`;
    const imageUrl = `${base}.png?${query}`;
    const [width, height] = sizes[field('size')?.value ?? 'og'] ?? [1200, 630];
    if (img) {
      img.src = imageUrl;
      img.width = width;
      img.height = height;
    }
    if (png) png.href = imageUrl;
    if (svg) svg.href = `${base}.svg?${query}`;
    if (api) api.textContent = imageUrl;
    history.replaceState(null, '', `?${new URLSearchParams({ template, ...Object.fromEntries(query) })}`);
    const mine = ++sequence;
    const response = await fetch(`${base}.json?${query}`);
    const body = (await response.json()) as { alt?: Record<string, string>; error?: { message: string } };
    if (mine !== sequence) return;
    const lang = query.get('lang') ?? pageLang;
    if (error) error.textContent = body.error?.message ?? '';
    if (alt) alt.value = body.alt?.[lang] ?? '';
    if (img) img.alt = body.alt?.[lang] ?? '';
  };

  const run = () => void update().catch(() => undefined);
  const cut = field('cut');
  const process = field('process');
  if (cut && process) {
    const wanted = new URLSearchParams(location.search).get('cut');
    void fillCutSelect(cut, process.value, wanted).then(() => {
      if (wanted) run();
    });
    process.addEventListener('change', () => void fillCutSelect(cut, process.value, null).then(run));
  }
  form.addEventListener('change', run);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    run();
  });
  copy?.addEventListener('click', async () => {
    if (!alt) return;
    try {
      await navigator.clipboard.writeText(alt.value);
    } catch {
      alt.select();
    }
    if (status) status.textContent = copy.dataset.copied ?? '';
  });
  // Only the field states: the Worker already rendered the image and alt text for the URL's parameters.
  for (const name of ['scope', 'entity', 'country', 'cut']) {
    const select = field(name);
    if (select) select.disabled = !(params[field('template')?.value ?? ''] ?? []).includes(name);
  }
}
