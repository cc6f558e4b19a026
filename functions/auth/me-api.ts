import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { errors, jsonAnswer } from '../shared/describe.ts';
import { ApiError } from '../shared/errors.ts';
import { validationHook } from '../shared/validate.ts';
import { accessOf, SIGN_OUT_PATH, signedInPerson } from './access.ts';
import { MeAnswer } from './answers.ts';

/** `GET /api/v1/me`: who is signed in through Cloudflare Access, what they may do, and where to sign out. */
export const meRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook() }).openapi(
  createRoute({
    method: 'get',
    path: '/',
    tags: ['Service'],
    summary: 'The person signed in through Cloudflare Access',
    description:
      'The staff and partner pages ask this first: signed in, they need no token field. 401 when nobody is signed in (or Access is not set up, as locally), with a sentence saying so.',
    security: [{ access: [] }],
    responses: { 200: jsonAnswer('Signed in.', MeAnswer), ...errors('unauthorized') },
  }),
  async (c) => {
    c.header('Cache-Control', 'no-store');
    const person = await signedInPerson(c);
    if (!person) {
      throw new ApiError(
        'unauthorized',
        accessOf(c)
          ? 'Nobody is signed in through Cloudflare Access on this request.'
          : 'Sign-in through Cloudflare Access is not set up here; use an API token.',
      );
    }
    return c.json(
      {
        email: person.email,
        scopes: person.scopes,
        referral_code: person.referralCode,
        sign_out: SIGN_OUT_PATH,
      },
      200,
    );
  },
);
