// Per-record field assignment: gives every draft of a block its channel, credential, sex, age, modality and
// status so that each count of the block is exact, leaning on plausible (unpublished) joint patterns.
import { assignAges } from './ages.ts';
import { type BlockSpec, CHANNEL_ORDER, type Draft } from './draft.ts';
import { allocate, type Counts, streamFor } from './prng.ts';
import type { Modality, Status } from './published.ts';

// Unpublished: older people lean to the postal vote, younger ones to internet; in-person is age-neutral.
// (Only the rarer of postal/internet is drawn by weight, see byRarity; the other takes the rest.)
function modalityWeight(d: Draft, modality: Modality): number {
  const years = (d.age ?? 45) - 18;
  if (modality === 'postal') return 0.6 + years / 45;
  if (modality === 'internet') return 1.6 - years / 90;
  return 1;
}

// Unpublished: web (SRVE) requests upload their own documents and more often need correction than INETEL ones.
function statusWeight(d: Draft, status: Status): number {
  if (status !== 'subsane') return 1;
  return (d.channel === 'srve' ? 2.5 : 1) * (d.credential === 'cpv' ? 1.5 : 1);
}

// Rarer categories first, so their weights shape who gets them and the commonest one takes the rest.
function byRarity<T>(counts: Counts<T>): Counts<T> {
  return counts
    .map((entry, i) => ({ entry, i }))
    .sort((a, b) => a.entry[1] - b.entry[1] || a.i - b.i)
    .map(({ entry }) => entry);
}

/** Fills every field but the date of each draft in the block; each step draws from its own labelled stream. */
export function fillBlock(spec: BlockSpec): void {
  const { drafts, label } = spec;
  const rng = (step: string) => streamFor(label, step);
  allocate(rng('channel'), drafts, spec.channel).forEach((c, i) => {
    (drafts[i] as Draft).channel = c;
  });
  for (const channel of CHANNEL_ORDER) {
    const group = drafts.filter((d) => d.channel === channel);
    allocate(rng(`credential/${channel}`), group, spec.credential[channel]).forEach((c, i) => {
      (group[i] as Draft).credential = c;
    });
  }
  allocate(rng('sex'), drafts, spec.sex).forEach((s, i) => {
    (drafts[i] as Draft).sex = s;
  });
  assignAges(rng('age'), drafts, spec.ages);
  const modality = spec.modality;
  const modalityGroups: Array<readonly [Draft[], Counts<Modality>, string]> =
    'byChannel' in modality
      ? CHANNEL_ORDER.map((ch) => [drafts.filter((d) => d.channel === ch), modality.byChannel[ch], ch])
      : [[drafts, modality.overall, 'all']];
  for (const [group, counts, name] of modalityGroups) {
    allocate(rng(`modality/${name}`), group, byRarity(counts), modalityWeight).forEach((m, i) => {
      (group[i] as Draft).modality = m;
    });
  }
  allocate(rng('status'), drafts, byRarity(spec.status), statusWeight).forEach((s, i) => {
    (drafts[i] as Draft).status = s;
  });
}
