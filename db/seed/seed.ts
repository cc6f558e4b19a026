// Loads the demo data into a running local Worker through the public API (the same path as a real feed).

/** Loads the demo processes and applications into the Worker at `baseUrl`; running it twice changes nothing. */
export async function seedDemoData(baseUrl: string): Promise<void> {
  // Filled in by the registration data feature (issue 3): nothing to load before its tables exist.
  void baseUrl;
}
