// The shapes the generator works on: a record whose fields are still being filled, and a block of records that
// must reproduce a set of published counts exactly. Every step module of the generator shares them.
import type { EntityCode } from '../../functions/domain/entities.ts';
import type { Counts } from './prng.ts';
import type { AgeBand, Channel, Credential, Modality, Sex, Status } from './published.ts';

/** A record while its fields are being assigned. */
export interface Draft {
  readonly country: string;
  readonly entity: EntityCode;
  channel?: Channel;
  credential?: Credential;
  sex?: Sex;
  age?: number;
  modality?: Modality;
  status?: Status;
  receivedOn?: string;
}

/** Counts of one dimension for each channel separately. */
export type ByChannel<T> = Readonly<Record<Channel, Counts<T>>>;

/** Ages either as exact band counts (001) or as an exact total, i.e. a mean (002), over a band shape. */
export type AgeSpec =
  | { readonly kind: 'bands'; readonly bands: Counts<AgeBand> }
  | { readonly kind: 'sum'; readonly sum: number; readonly shape: Counts<AgeBand> };

/** Everything that must hold exactly within one set of drafts. */
export interface BlockSpec {
  readonly label: string;
  readonly drafts: Draft[];
  readonly channel: Counts<Channel>;
  readonly credential: ByChannel<Credential>;
  /** Per channel when the channel × modality split is known, else over the whole block. */
  readonly modality: { readonly byChannel: ByChannel<Modality> } | { readonly overall: Counts<Modality> };
  readonly sex: Counts<Sex>;
  readonly ages: AgeSpec;
  readonly status: Counts<Status>;
}

/** The order channels are filled in; each random stream depends on it, so changing it changes the output. */
export const CHANNEL_ORDER: readonly Channel[] = ['inetel', 'srve'];

/** One empty draft per request of each country, all from state `entity`. */
export function draftsFromCountries(counts: ReadonlyArray<readonly [string, number]>, entity: EntityCode): Draft[] {
  return counts.flatMap(([country, n]) => Array.from({ length: n }, (): Draft => ({ country, entity })));
}
