import { htmlErrors } from '../../shared/html-errors.ts';
import { useTranslations } from '../../shared/i18n.ts';
import { problemsHtml } from '../../shared/problem-html.ts';
import { renderInShell } from '../../shared/shell.ts';
import { dashboardProblem } from './dashboard-html.ts';

/**
 * The error handler of the dashboard's pages (the dashboard and a cut's report): the problem in the reader's
 * language where the figures go, with a link back to the unfiltered dashboard.
 */
export const dashboardErrors = htmlErrors((c, error, lang) => {
  const t = useTranslations(lang);
  return renderInShell(c, lang, 'dashboard', {
    selector: '#dashboard-root',
    markup: dashboardProblem(problemsHtml(error, t('dash.error.params')), lang, t('dash.error.reset')),
    status: error.status,
  });
});
