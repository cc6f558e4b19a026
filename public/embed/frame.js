/* Inside an embed: reports the content height to the host page and takes the host's colour scheme. */
(() => {
  if (parent === window) return;
  const root = document.documentElement;
  let last = 0;
  let ready = false;
  const send = () => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last && ready) return;
    last = height;
    parent.postMessage({ type: 'voto-embed:height', height, ready: !ready }, '*');
    ready = true;
  };
  new ResizeObserver(send).observe(root);
  addEventListener('load', send);
  addEventListener('message', (event) => {
    const data = event.data;
    const main = document.querySelector('main[data-theme="auto"]');
    if (event.source !== parent || !main || !data || data.type !== 'voto-embed:host') return;
    if (data.scheme === 'dark' || data.scheme === 'light') main.setAttribute('data-scheme', data.scheme);
  });
})();
