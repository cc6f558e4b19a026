// Crawlers, monitors, previewers and automation announce themselves; headless browsers say so too.
const BOT =
  /bot|crawl|spider|slurp|facebookexternalhit|whatsapp|telegram|discord|preview|monitor|uptime|pingdom|lighthouse|pagespeed|gtmetrix|python-requests|python-urllib|curl\/|wget|httpclient|okhttp|go-http|java\/|libwww|scrapy|axios|node-fetch|undici|postman|insomnia/i;
const HEADLESS = /headless|phantomjs|puppeteer|playwright|selenium|webdriver|electron/i;

/** Why an event should not be counted as a person's, or null when it looks like a browser. */
export function botReason(userAgent: string | undefined): 'no_user_agent' | 'headless' | 'bot' | null {
  if (!userAgent || userAgent.length < 10) return 'no_user_agent';
  if (HEADLESS.test(userAgent)) return 'headless';
  if (BOT.test(userAgent)) return 'bot';
  return null;
}
