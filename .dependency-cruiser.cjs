// The import rules of the codebase (README, "Architecture"; docs/decisions/0001-one-way-layers.md), checked by
// `npm run lint` over the real import graph. Each feature folder of the Worker may import the shared room, the
// shared vocabulary (functions/domain/), its own folder and the features named in FEATURE_MAY_IMPORT below, which
// form one direction only (no feature appears on both sides of another).

/** Every feature folder of the Worker, and the other features each may import, with why. */
const FEATURE_MAY_IMPORT = {
  // Creating or changing a process is an admin route.
  processes: ['auth'],
  auth: [],
  // The health check's migration level is admin-only: it declares its scope through auth/scoped.ts.
  health: ['auth'],
  // Staff and partner reports are scoped routes.
  metrics: ['auth'],
  // Every figure belongs to a process and is read at a version (live or a cut): processes/ resolves both.
  registrations: ['processes', 'publications', 'auth'],
  // A cut freezes the registration figures: its package, report and changes are the registrations' own tables.
  cuts: ['registrations', 'processes', 'publications', 'auth'],
  // Publications record what was served under each verification code; their pages ask processes/ whether
  // newer figures exist.
  publications: ['processes', 'auth'],
  // The templates draw the registration figures (the dashboard model and its changes since a cut), and print and
  // record their verification code.
  infographics: ['registrations', 'processes', 'publications', 'auth'],
  // The report sets the campaign figures beside the site's traffic (metrics/summary.ts).
  outreach: ['metrics', 'auth'],
};
const FEATURES = Object.keys(FEATURE_MAY_IMPORT);
const TESTS = '\\.test\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules import each other one way only.',
      from: { path: '^(functions|site|scripts)/' },
      to: { circular: true },
    },
    {
      name: 'shared-imports-no-feature',
      severity: 'error',
      comment: 'functions/shared/ is what every feature uses: it names none of them.',
      from: { path: '^functions/shared/', pathNot: TESTS },
      to: { path: [`^functions/(${FEATURES.join('|')})/`, '^functions/(index|api|scheduled)\\.ts$'] },
    },
    ...FEATURES.map((feature) => ({
      name: `feature-${feature}`,
      severity: 'error',
      comment: `functions/${feature}/ imports functions/shared/, functions/domain/, its own folder and: ${FEATURE_MAY_IMPORT[feature].join(', ') || 'no other feature'}.`,
      from: { path: `^functions/${feature}/`, pathNot: TESTS },
      to: {
        path: '^functions/',
        pathNot: [
          `^functions/(${[feature, 'shared', 'domain', ...FEATURE_MAY_IMPORT[feature]].join('|')})/`,
          '^functions/env\\.ts$',
        ],
      },
    })),
    {
      name: 'site-imports-only-domain',
      severity: 'error',
      comment: 'The one-way seam: the Astro site imports from the Worker only functions/domain/.',
      from: { path: '^site/' },
      to: { path: '^functions/', pathNot: '^functions/domain/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment:
        'functions/domain/ is shared with the site: it imports only itself and site/i18n/ (no feature, no HTTP).',
      from: { path: '^functions/domain/', pathNot: TESTS },
      to: { path: '^(functions|site)/', pathNot: ['^functions/domain/', '^site/i18n/'] },
    },
    {
      name: 'worker-reaches-site-through-i18n',
      severity: 'error',
      comment:
        'The Worker reads the site only for its strings, through functions/shared/i18n.ts (domain/ may name locales).',
      from: { path: '^functions/', pathNot: ['^functions/domain/', '^functions/shared/i18n\\.ts$', TESTS] },
      to: { path: '^site/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|\\.astro|\\.wrangler)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
