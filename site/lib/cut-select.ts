/**
 * Fills a builder's "figures" select with "live" and the process's cuts (newest first, from the public API),
 * keeping `wanted` selected when the process has it. Live is for a campaign page; a cut, for an article.
 */
export async function fillCutSelect(select: HTMLSelectElement, process: string, wanted: string | null): Promise<void> {
  const live = select.options[0]?.cloneNode(true) as HTMLOptionElement | undefined;
  const lang = document.documentElement.lang || 'es';
  const format = new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  let cuts: { date: string }[] = [];
  try {
    const response = await fetch(`/api/v1/registrations/${encodeURIComponent(process)}/cuts`);
    if (response.ok) cuts = (await response.json()) as { date: string }[];
  } catch {
    cuts = [];
  }
  select.replaceChildren(
    ...(live ? [live] : []),
    ...cuts.map((cut) => {
      const option = document.createElement('option');
      option.value = cut.date;
      option.textContent =
        `${select.dataset.cutLabel ?? ''} ${format.format(new Date(`${cut.date}T00:00:00Z`))}`.trim();
      return option;
    }),
  );
  select.value = wanted && cuts.some((cut) => cut.date === wanted) ? wanted : '';
}
