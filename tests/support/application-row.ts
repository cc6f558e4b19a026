// One valid application and one valid process body, for unit, Worker and browser tests alike (no Worker import here,
// so tests outside workerd can use them too).

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

/** A valid process body with two states and every modality (override fields as needed). */
export const PROCESS_BODY = {
  name: { es: 'Proceso de prueba', en: 'Test process' },
  registration_opens: '2023-09-01',
  registration_closes: '2024-02-25',
  election_day: '2024-06-02',
  entities: ['05', '15'],
  modalities: ['postal', 'internet', 'presencial'],
};
