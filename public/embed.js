/* Voto Extranjero embed helper: sizes each iframe[data-voto-embed] to its content. Messages: README "Embedding". */
(() => {
  const origin = new URL(document.currentScript?.src || location.href).origin;
  const frames = () => document.querySelectorAll('iframe[data-voto-embed]');
  const scheme = () => {
    const m = /rgba?\((\d+), *(\d+), *(\d+)(?:, *([\d.]+))?/.exec(getComputedStyle(document.body).backgroundColor);
    if (!m || m[4] === '0') return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    return 0.2126 * m[1] + 0.7152 * m[2] + 0.0722 * m[3] < 128 ? 'dark' : 'light';
  };
  const tell = (frame) => frame.contentWindow?.postMessage({ type: 'voto-embed:host', scheme: scheme() }, origin);
  addEventListener('message', (event) => {
    const data = event.data;
    if (event.origin !== origin || !data || data.type !== 'voto-embed:height') return;
    const height = Number(data.height);
    if (!(height > 0 && height < 50000)) return;
    for (const frame of frames()) {
      if (frame.contentWindow !== event.source) continue;
      frame.style.height = `${Math.ceil(height)}px`;
      if (data.ready) tell(frame);
    }
  });
  for (const frame of frames()) tell(frame);
})();
