import type { Context, ErrorHandler } from 'hono';
import { DEFAULT_LANG, isLang, type Lang } from '../../site/i18n/locales.ts';
import type { AppEnv } from '../env.ts';
import { ApiError } from '../lib/errors.ts';
import { onError } from '../lib/on-error.ts';

/**
 * The error handler of a router that answers with HTML: an `ApiError` (invalid parameters, unknown process)
 * becomes a readable page in the reader's language, with the error's status; anything else goes to the one
 * JSON handler. `page` draws the error for that router (inside an embed frame, inside the site's shell).
 */
export function htmlErrors(
  page: (c: Context<AppEnv>, error: ApiError, lang: Lang) => Response | Promise<Response>,
): ErrorHandler<AppEnv> {
  return (error, c) => {
    if (!(error instanceof ApiError)) return onError(error, c);
    const asked = c.req.param('lang') ?? c.req.query('lang');
    return page(c, error, isLang(asked) ? asked : DEFAULT_LANG);
  };
}
