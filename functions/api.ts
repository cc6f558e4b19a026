import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { cors } from 'hono/cors';
import { meRoutes } from './auth/me-api.ts';
import { cutRoutes } from './cuts/api.ts';
import { openDataRoutes } from './cuts/open-data-api.ts';
import type { AppEnv } from './env.ts';
import { healthRoutes } from './health/api.ts';
import { infographicRoutes } from './infographics/api.ts';
import { eventRoutes } from './metrics/events-api.ts';
import { metricsRoutes } from './metrics/reports-api.ts';
import { outreachRoutes } from './outreach/api.ts';
import { processRoutes } from './processes/api.ts';
import { publicationRoutes } from './publications/api.ts';
import { APPLICATION_JSON_SCHEMA } from './registrations/answers.ts';
import { batchRoutes } from './registrations/batches-api.ts';
import { entityRoutes } from './registrations/entities-api.ts';
import { figureRoutes } from './registrations/figures-api.ts';
import { ACCESS_SCHEME, BEARER_SCHEME } from './shared/describe.ts';
import { validationHook } from './shared/validate.ts';

const publicReadCors = cors({
  origin: '*',
  allowMethods: ['GET', 'HEAD', 'OPTIONS'],
  allowHeaders: ['If-None-Match'],
  // Retry-After: a partner's script that reads figures can see how long a 429 asks it to wait.
  exposeHeaders: ['ETag', 'Server-Timing', 'Content-Disposition', 'Retry-After'],
  maxAge: 86_400,
});

const DESCRIPTION = `The public API of Voto Extranjero: electoral processes, the live registration feed and its figures,
infographics and engagement metrics. Every error is \`{"error": {"code", "message", "details"}}\` with the matching
status; no input produces a 5xx. Routes that are not public need \`Authorization: Bearer <token>\` of the scope
named in their security requirement (\`npm run -s token -- create --scope …\`).`;

/** The API under /api/v1: one router per resource, and the OpenAPI 3.1 document the same schemas produce. */
export const apiRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() });

// Public figures are readable from any site. Writes on the same paths (a process, a batch) need a token and stay
// same-origin: no CORS header on their answers, and a preflight that asks for Authorization is not granted.
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);
for (const path of [
  '/processes/*',
  '/registrations/*',
  '/infographics/*',
  '/publications/*',
  '/entities',
  '/entities.csv',
  '/openapi.json',
]) {
  apiRoutes.use(path, (c, next) => (READS.has(c.req.method) ? publicReadCors(c, next) : next()));
}
apiRoutes.route('/health', healthRoutes);
apiRoutes.route('/me', meRoutes);
apiRoutes.route('/events', eventRoutes);
apiRoutes.route('/metrics', metricsRoutes);
apiRoutes.route('/outreach', outreachRoutes);
apiRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/ping',
    tags: ['Service'],
    summary: 'An empty answer, for latency checks',
    responses: { 204: { description: 'No content.' } },
  }),
  (c) => c.body(null, 204),
);
apiRoutes.route('/processes', processRoutes);
apiRoutes.route('/registrations', batchRoutes);
apiRoutes.route('/registrations', figureRoutes);
apiRoutes.route('/registrations', cutRoutes);
apiRoutes.route('/registrations', openDataRoutes);
apiRoutes.route('/infographics', infographicRoutes);
apiRoutes.route('/publications', publicationRoutes);
apiRoutes.route('/', entityRoutes);
apiRoutes.openAPIRegistry.registerComponent('schemas', 'Application', APPLICATION_JSON_SCHEMA);
apiRoutes.openAPIRegistry.registerComponent('securitySchemes', 'bearer', BEARER_SCHEME);
apiRoutes.openAPIRegistry.registerComponent('securitySchemes', 'access', ACCESS_SCHEME);
apiRoutes.openAPIRegistry.registerPath({
  method: 'get',
  path: '/openapi.json',
  tags: ['Service'],
  summary: 'This document: OpenAPI 3.1, generated from the schemas that validate requests',
  responses: { 200: { description: 'The document.', content: { 'application/json': { schema: { type: 'object' } } } } },
});

apiRoutes.doc31('/openapi.json', (c) => ({
  openapi: '3.1.0',
  info: { title: 'Voto Extranjero API', version: '1', description: DESCRIPTION },
  servers: [{ url: `${new URL(c.req.url).origin}/api/v1` }],
  tags: [
    { name: 'Processes', description: 'Electoral processes (admins define them).' },
    { name: 'Registrations', description: 'The live feed of applications and their public figures.' },
    { name: 'Infographics', description: 'Images of the current figures, with alt text.' },
    { name: 'Metrics', description: 'Privacy-first engagement events and the reports built from them.' },
    { name: 'Outreach', description: "Staff imports of the campaign's other channels and the report of a period." },
    { name: 'Publications', description: 'What was published under each verification code, hash-chained.' },
    { name: 'Service', description: 'Health and latency.' },
  ],
}));
