// One valid application, for unit and Worker tests alike (no Worker import here, so unit tests can use it too).

/** One valid application row (override fields as needed). */
export function row(folio: string, overrides: Record<string, string | number> = {}): Record<string, string | number> {
  return {
    folio,
    received_on: '2023-10-02',
    country: 'US',
    entity: '15',
    sex: 'M',
    age: 34,
    modality: 'internet',
    channel: 'srve',
    credential: 'cpve',
    status: 'revision',
    ...overrides,
  };
}
