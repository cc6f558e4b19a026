import type { Context, ErrorHandler } from 'hono';
import type { AppEnv } from '../env.ts';
import { ApiError } from './errors.ts';
import { DEFAULT_LANG, isLang, type Lang } from './i18n.ts';
import { onError } from './on-error.ts';

/**
 * The error handler of a router that answers with HTML: an `ApiError` (invalid parameters, unknown process,
 * a rate limit) becomes a readable page in the reader's language, with the error's status and headers
 * (`Retry-After`); anything else goes to the one JSON handler. `page` draws the error for that router
 * (inside an embed frame, inside the site's shell).
 */
export function htmlErrors(
  page: (c: Context<AppEnv>, error: ApiError, lang: Lang) => Response | Promise<Response>,
): ErrorHandler<AppEnv> {
  return async (error, c) => {
    if (!(error instanceof ApiError)) return onError(error, c);
    const asked = c.req.param('lang') ?? c.req.query('lang');
    const drawn = await page(c, error, isLang(asked) ? asked : DEFAULT_LANG);
    // A copy: a response from a fetch or a rewriter may have headers that cannot be changed.
    const response = new Response(drawn.body, drawn);
    for (const [name, value] of Object.entries(error.headers)) response.headers.set(name, value);
    return response;
  };
}
