// The finder's small script: a state picker that jumps to the state's page, and live countdowns there.
import { daysBetween, localToday } from '../../functions/domain/dates.ts';
import { type FinderProcess, phaseOf } from './finder.ts';

/** Makes the state picker go to the chosen state's page (without JavaScript it is hidden; the list of links below works). */
export function startFinderForm(): void {
  const form = document.querySelector<HTMLFormElement>('[data-finder-form]');
  if (!form) return;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const target = new FormData(form).get('state');
    if (typeof target === 'string' && target.startsWith('/')) location.assign(target);
  });
}

/** Re-reads each process's phase and days left against the reader's own date (the page was built earlier). */
export function startFinderCountdowns(today = localToday()): void {
  for (const card of document.querySelectorAll<HTMLElement>('[data-process-phase]')) {
    const { opens = '', closes = '', election = '' } = card.dataset;
    const phase = phaseOf(
      { registration_opens: opens, registration_closes: closes, election_day: election || null } as FinderProcess,
      today,
    );
    for (const element of card.querySelectorAll<HTMLElement>('[data-phase-show]'))
      element.hidden = element.dataset.phaseShow !== phase;
    for (const element of card.querySelectorAll<HTMLElement>('[data-days-to]')) {
      element.textContent = String(daysBetween(today, element.dataset.daysTo ?? today));
    }
  }
}
