import { embedSnippet } from '../../functions/domain/embed-snippet.ts';
import { fillCutSelect } from './cut-select.ts';

/** Keeps the builder's snippet and preview in step with its fields (and the page URL's query). */
export function startEmbedBuilder(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-embed-builder]');
  if (!form) return;
  const snippet = form.querySelector<HTMLTextAreaElement>('textarea[name="snippet"]');
  const preview = form.querySelector<HTMLIFrameElement>('iframe[data-preview]');
  const copy = form.querySelector<HTMLButtonElement>('button[data-copy]');
  const status = form.querySelector<HTMLElement>('[data-copy-status]');
  const fields = ['process', 'view', 'lang', 'scope', 'entity', 'country', 'cut', 'theme'];
  const initial = new URLSearchParams(location.search);
  for (const name of fields) {
    const select = form.elements.namedItem(name) as HTMLSelectElement | null;
    const value = initial.get(name);
    if (select && value && [...select.options].some((o) => o.value === value)) select.value = value;
  }
  const update = () => {
    const params = new URLSearchParams();
    for (const name of fields) {
      const value = (form.elements.namedItem(name) as HTMLSelectElement | null)?.value;
      if (
        value &&
        !(name === 'view' && value === 'summary') &&
        !(name === 'scope' && value === 'received') &&
        !(name === 'theme' && value === 'auto')
      ) {
        params.set(name, value);
      }
    }
    const src = new URL(`/embed/registrations?${params}`, location.origin).toString();
    const title = form.dataset.title ?? 'Voto Extranjero';
    if (snippet) {
      snippet.value = embedSnippet({ src, origin: location.origin, title });
    }
    if (preview && preview.src !== src) preview.src = src;
  };
  // The cuts depend on the process: listed again whenever it changes (a cut's date belongs to one process).
  const cut = form.elements.namedItem('cut') as HTMLSelectElement | null;
  const process = form.elements.namedItem('process') as HTMLSelectElement | null;
  const refreshCuts = async (wanted: string | null) => {
    if (cut && process) await fillCutSelect(cut, process.value, wanted);
    update();
  };
  process?.addEventListener('change', () => void refreshCuts(null));
  void refreshCuts(initial.get('cut'));
  form.addEventListener('change', update);
  form.addEventListener('submit', (event) => event.preventDefault());
  copy?.addEventListener('click', async () => {
    if (!snippet) return;
    try {
      await navigator.clipboard.writeText(snippet.value);
    } catch {
      snippet.select();
    }
    if (status) status.textContent = copy.dataset.copied ?? '';
  });
  update();
}
