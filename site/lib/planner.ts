// Works back from a registration deadline to the last safe day to get a credential at a consulate.
import { addDays, daysBetween } from '../../functions/domain/dates.ts';

/**
 * Assumptions, shown on the planner page and adjustable there. They are deliberately cautious:
 * courier delivery of the credential from Mexico varies by country, and INE asks people to confirm
 * receipt before the credential can be used to register.
 */
export const PLANNER_ASSUMPTIONS = {
  /** Weeks from the consulate appointment until the credential arrives by courier. */
  deliveryWeeks: { 'north-america': 5, 'rest-of-world': 7 },
  /** Days between confirming receipt and the credential being usable to register. */
  activationDays: 2,
  /** Days kept free before the deadline for registering and for anything going wrong. */
  marginDays: 7,
} as const;

/** Where the reader lives, for the delivery time. */
export type Region = keyof typeof PLANNER_ASSUMPTIONS.deliveryWeeks;

/** The plan: the last safe day for each step, and how it stands today. */
export interface Plan {
  deadline: string;
  lastRegisterDay: string;
  lastActivationDay: string;
  lastAppointmentDay: string;
  /** Days from today to the last safe appointment day (negative: it has passed). */
  daysLeft: number;
  status: 'on-time' | 'tight' | 'too-late' | 'closed';
}

/** Plans backwards from `deadline` (the last day to register) for a reader in `region` on `today`. */
export function planBackwards(
  deadline: string,
  region: Region,
  today: string,
  deliveryWeeks: number = PLANNER_ASSUMPTIONS.deliveryWeeks[region],
): Plan {
  const lastRegisterDay = addDays(deadline, -PLANNER_ASSUMPTIONS.marginDays);
  const lastActivationDay = addDays(lastRegisterDay, -PLANNER_ASSUMPTIONS.activationDays);
  const lastAppointmentDay = addDays(lastActivationDay, -Math.round(deliveryWeeks * 7));
  const daysLeft = daysBetween(today, lastAppointmentDay);
  let status: Plan['status'] = 'on-time';
  if (today > deadline) status = 'closed';
  else if (daysLeft < 0) status = 'too-late';
  else if (daysLeft < 14) status = 'tight';
  return { deadline, lastRegisterDay, lastActivationDay, lastAppointmentDay, daysLeft, status };
}
