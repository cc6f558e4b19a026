// The planner's script: recomputes the plan as the reader picks a deadline, a region and a delivery time.
import { localToday } from '../../functions/domain/dates.ts';
import { PLANNER_ASSUMPTIONS, planBackwards, type Region } from './planner.ts';

/** Renders the plan on every change of the form (hidden without JavaScript; the table below works without it). */
export function startPlanner(): void {
  const form = document.querySelector<HTMLFormElement>('[data-planner]');
  const output = document.querySelector<HTMLElement>('[data-planner-result]');
  if (!form || !output) return;
  const labels = JSON.parse(form.dataset.labels ?? '{}') as Record<string, string>;
  const date = new Intl.DateTimeFormat(form.dataset.locale, { dateStyle: 'long', timeZone: 'UTC' });
  const say = (iso: string) => date.format(new Date(`${iso}T00:00:00Z`));
  const render = () => {
    const data = new FormData(form);
    const deadline = String(data.get('deadline') || data.get('custom') || '');
    const custom = form.elements.namedItem('custom') as HTMLInputElement;
    custom.closest('label')?.toggleAttribute('hidden', Boolean(data.get('deadline')));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline)) {
      output.replaceChildren();
      return;
    }
    const region = String(data.get('region')) as Region;
    const weeks = Math.min(20, Math.max(1, Number(data.get('weeks')) || 5));
    const plan = planBackwards(deadline, region, localToday(), weeks);
    const status = { 'on-time': labels.onTime, tight: labels.tight, 'too-late': labels.tooLate, closed: labels.closed }[
      plan.status
    ];
    const list = document.createElement('ol');
    for (const [label, day] of [
      [labels.appointment, plan.lastAppointmentDay],
      [labels.activation, plan.lastActivationDay],
      [labels.register, plan.lastRegisterDay],
      [labels.deadline, plan.deadline],
    ] as const) {
      const item = document.createElement('li');
      const strong = document.createElement('strong');
      strong.textContent = `${label}: `;
      item.appendChild(strong);
      item.appendChild(document.createTextNode(say(day)));
      list.appendChild(item);
    }
    const summary = document.createElement('p');
    summary.className = `plan-status ${plan.status}`;
    summary.textContent =
      plan.status === 'on-time' || plan.status === 'tight'
        ? `${status} ${(labels.daysLeft ?? '').replace('{days}', String(plan.daysLeft))}`
        : (status ?? '');
    output.replaceChildren(summary, list);
  };
  form.addEventListener('input', render);
  form.addEventListener('change', (event) => {
    // A new region brings its own delivery estimate; the reader can still change it afterwards.
    const target = event.target as HTMLSelectElement;
    const weeks = form.elements.namedItem('weeks') as HTMLInputElement;
    if (target.name === 'region')
      weeks.value = String(PLANNER_ASSUMPTIONS.deliveryWeeks[target.value as Region] ?? weeks.value);
    render();
  });
  render();
}
