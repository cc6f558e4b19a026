// "Live" only when it is true: the navigation, the home section and the dashboard's title call the figures live
// only while the latest process with figures can still change (site/content/freshness.ts), decided on the build
// day; otherwise they name the process and say its figures are final.
import { processFiguresLive } from '../content/freshness.ts';
import { fill } from '../i18n/format.ts';
import type { UiKey } from '../i18n/ui.ts';
import { type DatedProcess, PROCESSES_WITH_DATA } from './processes.ts';

/** The years a process spans, "2022–2023" (registration opening to election day). */
export function processYears(process: DatedProcess): string {
  const first = process.registration_opens.slice(0, 4);
  const last = (process.election_day ?? process.registration_closes).slice(0, 4);
  return first === last ? first : `${first}–${last}`;
}

/** The dashboard's names on `today`: in the navigation, on the home page and as the dashboard's title. */
export function figuresLabels(
  t: (key: UiKey) => string,
  today: string,
  latest: DatedProcess | undefined = PROCESSES_WITH_DATA[0],
): { live: boolean; nav: string; home: string; title: string } {
  if (!latest || processFiguresLive(latest, today))
    return { live: true, nav: t('nav.dashboard'), home: t('home.live.title'), title: t('dash.title') };
  const years = processYears(latest);
  return {
    live: false,
    nav: fill(t('live.nav.final'), { years }),
    home: fill(t('live.home.final'), { years }),
    title: fill(t('live.dash.final'), { years }),
  };
}
