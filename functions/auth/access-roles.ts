import type { AccessVars } from '../env.ts';
import { domainOf, identityEmail } from './identity.ts';
import type { TokenScope } from './scopes.ts';

/** Who may do what when signed in through Cloudflare Access, from the Worker's vars (README, "Signing in"). */
export interface AccessConfig {
  /** The team's Access address, e.g. `https://voto.cloudflareaccess.com`: the tokens' issuer and the key set's host. */
  teamDomain: string;
  /** The Access applications' audience tags (AUD) this Worker accepts. */
  audiences: string[];
  /** E-mail addresses and `@domain`s of staff (read and import figures). */
  staff: string[];
  /** E-mail addresses and `@domain`s of admins (define processes and cuts; staff too). */
  admins: string[];
  /** Partner organisations: referral code → its people's addresses and `@domain`s. */
  partners: Map<string, string[]>;
}

const list = (value: string | undefined) =>
  (value ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);

/**
 * Reads the Access configuration, or null when Access is off. `ACCESS_PARTNERS` is `CODE=who who; CODE=who`
 * (for example `UNAM=@unam.mx; CASAMX=ana@casamx.org lupe@casamx.org`).
 */
export function accessConfig(vars: AccessVars): AccessConfig | null {
  const teamDomain = (vars.ACCESS_TEAM_DOMAIN ?? '').trim().replace(/\/+$/, '');
  if (!teamDomain) return null;
  const partners = new Map<string, string[]>();
  for (const part of (vars.ACCESS_PARTNERS ?? '').split(';')) {
    const [code, who] = part.split('=');
    if (code?.trim() && who) partners.set(code.trim(), list(who));
  }
  return {
    teamDomain,
    audiences: list(vars.ACCESS_AUD),
    staff: list(vars.ACCESS_STAFF),
    admins: list(vars.ACCESS_ADMINS),
    partners,
  };
}

/** True when `email` is one of `entries`: an address exactly, or any address whose whole domain is an `@domain`. */
export function matchesPeople(email: string, entries: readonly string[]): boolean {
  const address = identityEmail(email.trim());
  if (!address) return false;
  return entries.some((entry) => (entry.startsWith('@') ? `@${domainOf(address)}` === entry : address === entry));
}

/** What a signed-in person may do: the scopes they hold and, for a partner, their referral code. */
export interface PersonRoles {
  scopes: TokenScope[];
  referralCode: string | null;
}

/**
 * The roles of a signed-in person. Admins are staff too; feeds (`ingest`) are for machines and never come
 * from a sign-in. A person listed for no role has none (the API answers 403, not 401: they are signed in).
 */
export function rolesOf(email: string, config: AccessConfig): PersonRoles {
  const scopes: TokenScope[] = [];
  if (matchesPeople(email, config.admins)) scopes.push('admin', 'staff');
  else if (matchesPeople(email, config.staff)) scopes.push('staff');
  const referralCode = [...config.partners].find(([, people]) => matchesPeople(email, people))?.[0] ?? null;
  if (referralCode) scopes.push('partner');
  return { scopes, referralCode };
}
