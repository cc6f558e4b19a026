/* Inside an embed: reports the content height to the host page and takes the host's colour scheme. Speaks our
   embed.js's messages and WordPress's (wp-embed.js: the host gives the frame a secret in `#?secret=…`, sends
   {message: 'ready', secret}, and sizes the frame on {message: 'height', value, secret}). */
(() => {
  if (parent === window) return;
  const root = document.documentElement;
  const secret = (/[#&?]secret=([A-Za-z0-9]{1,64})/.exec(location.hash) || [])[1];
  let last = 0;
  let ready = false;
  const send = (force) => {
    const height = Math.ceil(root.getBoundingClientRect().height);
    if (height === last && ready && !force) return;
    last = height;
    parent.postMessage({ type: 'voto-embed:height', height, ready: !ready }, '*');
    if (secret) parent.postMessage({ message: 'height', value: height, secret }, '*');
    ready = true;
  };
  new ResizeObserver(() => send(false)).observe(root);
  addEventListener('load', () => send(false));
  addEventListener('message', (event) => {
    const data = event.data;
    if (event.source !== parent || !data) return;
    if (secret && data.message === 'ready' && data.secret === secret) return send(true);
    if (data.type !== 'voto-embed:host') return;
    const main = document.querySelector('main[data-theme="auto"]');
    if (main && (data.scheme === 'dark' || data.scheme === 'light')) main.setAttribute('data-scheme', data.scheme);
    // embed.js is async: it may start listening after this frame's first reports, and greets every frame when it
    // does, so the greeting is answered with the height (the answer after a greeting is not `ready`: no loop).
    send(true);
  });
})();
