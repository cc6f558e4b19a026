/* Voto Extranjero metrics: no cookie, no storage, nothing at all under Global Privacy Control. See /es/transparencia/. */
(() => {
  if (navigator.globalPrivacyControl) return;
  const me = document.currentScript;
  const api = new URL('/api/v1/events', me.src).href;
  const embed = me.hasAttribute('data-embed');
  const send = (name, props) => {
    const body = JSON.stringify({ name, url: location.href, referrer: document.referrer || null, props });
    if (!navigator.sendBeacon?.(api, body)) fetch(api, { method: 'POST', body, keepalive: true }).catch(() => {});
  };
  let last = '';
  const view = () => {
    if (location.href === last) return;
    last = location.href;
    send(embed ? 'embed_view' : document.querySelector('[data-not-found]') ? 'not_found' : 'pageview');
  };
  for (const method of ['pushState', 'replaceState']) {
    const original = history[method];
    history[method] = function (...args) {
      const result = original.apply(this, args);
      view();
      return result;
    };
  }
  addEventListener('popstate', view);
  addEventListener('voto:search', (event) => send('search', event.detail));
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a,button');
    if (!link) return;
    const data = link.dataset;
    if (data.track === 'register') send('cta_click', { to: link.hostname });
    else if (link.hasAttribute('download') || data.download)
      send('download', { asset: data.download || link.pathname.split('/').pop() });
    else if (data.share) send('share', { network: data.share });
    else if (data.languageSwitch) send('language_switch', { to: data.languageSwitch });
  });
  view();
})();
