/**
 * Progressive enhancement of the dashboard's GET form: a change of filter fetches the new view and
 * swaps it in place, keeping the URL (and the back button) in step. Without JavaScript the form
 * simply submits.
 */
export function enhanceFilters(): void {
  const root = document.getElementById('dashboard-root');
  if (!root) return;
  const load = async (url: string, push: boolean) => {
    root.setAttribute('aria-busy', 'true');
    try {
      const response = await fetch(url, { headers: { accept: 'text/html' } });
      const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
      const fresh = doc.getElementById('dashboard-root');
      if (!fresh) throw new Error('no dashboard in the answer');
      root.replaceChildren(...Array.from(fresh.childNodes));
      if (push) history.pushState(null, '', url);
      bind();
    } catch {
      location.assign(url);
    } finally {
      root.removeAttribute('aria-busy');
    }
  };
  const bind = () => {
    const form = root.querySelector<HTMLFormElement>('form[data-dashboard-filters]');
    if (!form) return;
    const go = (event?: Event) => {
      event?.preventDefault();
      const params = new URLSearchParams();
      for (const [key, value] of new FormData(form)) if (typeof value === 'string' && value) params.set(key, value);
      void load(`${form.action}?${params}`, true);
    };
    form.addEventListener('submit', go);
    for (const select of form.querySelectorAll('select')) select.addEventListener('change', () => go());
  };
  addEventListener('popstate', () => void load(location.href, false));
  bind();
}
