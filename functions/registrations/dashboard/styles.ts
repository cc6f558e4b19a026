/**
 * Styles of the dashboard and its embeds, in one place: the embeds' shared stylesheet (embed-assets.ts, one
 * fetch for all the embeds of a partner's page), inlined in an embed's error page, and served as
 * /embed/dashboard.css for the site's dashboard page.
 * Colours meet WCAG 2.2 AA (text 4.5:1, graphics 3:1) in both themes.
 */
export const DASHBOARD_CSS = `
.vx{--ink:#1b1f23;--muted:#4a5560;--paper:#fff;--line:#c9d3d8;--bar:#0b5d4b;--bar-soft:#d7ebe4;--accent:#b35c00;
--s0:#eef1f0;--s1:#c6e3d8;--s2:#8cc7b2;--s3:#4fa58a;--s4:#1f7a62;--s5:#0b4d3e;color:var(--ink);background:var(--paper);
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;line-height:1.5}
.vx[data-theme=dark],.vx[data-scheme=dark]{--ink:#e9eef0;--muted:#b4c0c6;--paper:#14191c;--line:#3a464c;--bar:#5cc3a0;--bar-soft:#23433a;--accent:#ffb35c;
--s0:#242c30;--s1:#1f4a3e;--s2:#2a6b58;--s3:#3c9076;--s4:#5cb597;--s5:#8fdcbf}
@media (prefers-color-scheme:dark){.vx[data-theme=auto]:not([data-scheme=light]){--ink:#e9eef0;--muted:#b4c0c6;--paper:#14191c;--line:#3a464c;--bar:#5cc3a0;--bar-soft:#23433a;--accent:#ffb35c;
--s0:#242c30;--s1:#1f4a3e;--s2:#2a6b58;--s3:#3c9076;--s4:#5cb597;--s5:#8fdcbf}}
.vx a{color:var(--bar)}.vx :focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.vx .headline .total{margin:0;display:flex;flex-wrap:wrap;align-items:baseline;gap:.25rem .6rem}
.vx .headline .total strong{font-size:clamp(2.2rem,9vw,3.4rem);line-height:1;font-variant-numeric:tabular-nums}
.vx .headline p{margin:.3rem 0}.vx .process-name{font-weight:600}.vx .window,.vx .as-of,.vx .source,.vx .view-links{color:var(--muted);font-size:.92rem}
.vx table{border-collapse:collapse;width:100%;margin:1rem 0;font-variant-numeric:tabular-nums}
.vx caption{text-align:left;font-weight:700;font-size:1.05rem;padding:.25rem 0}
.vx th,.vx td{padding:.3rem .4rem;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
.vx thead th{font-size:.85rem;color:var(--muted);font-weight:600}.vx .num{text-align:right;white-space:nowrap}
.vx .bars th[scope=row]{width:100%;overflow-wrap:anywhere}.vx thead th.num{white-space:normal}
@media (max-width:30rem){.vx th,.vx td{padding:.3rem .25rem}.vx thead th{font-size:.75rem}}
.vx .bar{display:block;height:.55rem;margin:.2rem 0 .1rem;width:calc(min(100%,28rem) * var(--f));min-width:1px;background:var(--bar);border-radius:2px}
.vx tfoot td{color:var(--muted);font-size:.9rem;border:0}
.vx figure{margin:1rem 0}.vx figcaption{font-size:.85rem;color:var(--muted)}
.vx svg{display:block;width:100%;height:auto}.vx .world-map path{stroke:var(--paper);stroke-width:.5}
.vx .s0{fill:var(--s0)}.vx .s1{fill:var(--s1)}.vx .s2{fill:var(--s2)}.vx .s3{fill:var(--s3)}.vx .s4{fill:var(--s4)}.vx .s5{fill:var(--s5)}
.vx .timeline{font-size:.85rem;color:var(--muted);line-height:1.3}.vx .timeline .key{display:flex;flex-wrap:wrap;gap:.1rem 1rem;margin:0 0 .4rem}
.vx .key-daily{display:inline-block;width:.7rem;height:.7rem;margin-right:.35rem;background:var(--bar-soft);border:1px solid var(--bar)}.vx .key-cumulative{display:inline-block;width:1rem;margin-right:.35rem;vertical-align:middle;border-top:3px solid var(--accent)}
.vx .timeline .plot{position:relative;padding-right:4.2rem}.vx .timeline svg{height:clamp(9rem,38vw,15rem)}
.vx .timeline .total,.vx .timeline .zero{position:absolute;right:0;transform:translateY(-50%);line-height:1;font-variant-numeric:tabular-nums}.vx .timeline .total{color:var(--ink);font-weight:600}.vx .timeline .zero{top:100%}
.vx .timeline .ticks{position:relative;display:flex;justify-content:space-between;gap:1rem;margin:.3rem 4.2rem 0 0}.vx .timeline .mid{position:absolute;transform:translateX(-50%);white-space:nowrap}@media (max-width:36rem){.vx .timeline .mid{display:none}}
.vx .timeline path{vector-effect:non-scaling-stroke}.vx .timeline .daily{fill:var(--bar-soft);stroke:var(--bar);stroke-width:.5}.vx .timeline .cumulative{stroke:var(--accent);stroke-width:2.5}.vx .timeline .axis{stroke:var(--line)}
.vx .legend{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.25rem 0}.vx .legend-title{margin:.5rem 0 0;font-weight:600}.vx .swatch{display:inline-block;width:1rem;height:.8rem;margin-right:.3rem;vertical-align:middle;border:1px solid var(--line)}.vx .swatch.s1{background:var(--s1)}.vx .swatch.s2{background:var(--s2)}.vx .swatch.s3{background:var(--s3)}.vx .swatch.s4{background:var(--s4)}.vx .swatch.s5{background:var(--s5)}
.vx .withheld{color:var(--muted);max-width:40rem}.vx .withheld-title{font-size:1.05rem;margin:1rem 0 .25rem}.vx details{margin:.5rem 0}.vx summary{cursor:pointer;color:var(--bar)}
.vx .empty{padding:1rem;border:1px dashed var(--line);border-radius:.5rem}
.vx .filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5rem,1fr));gap:.6rem;align-items:end;padding:.75rem;border:1px solid var(--line);border-radius:.5rem;margin:1rem 0}
.vx .filters label{display:flex;flex-direction:column;font-size:.85rem;gap:.2rem;color:var(--muted)}
.vx select{width:100%}.vx select,.vx button{font:inherit;padding:.45rem .6rem;border:1px solid var(--muted);border-radius:.4rem;background:var(--paper);color:var(--ink);min-height:2.75rem}
.vx button{background:var(--bar);color:var(--paper);border-color:var(--bar);font-weight:600;cursor:pointer}
.vx .grid{display:grid;gap:0 2rem}@media (min-width:48rem){.vx .grid{grid-template-columns:1fr 1fr}}
.vx section h2{margin:1.5rem 0 .25rem;font-size:1.3rem}
body.embed{margin:0}body.embed .vx{padding:.75rem 1rem}.vx .embed-title{font-size:1.1rem;margin:0 0 .5rem}
@media (prefers-reduced-motion:reduce){.vx *{transition:none!important;animation:none!important}}
.vx .cut-notice{margin:0 0 .6rem;padding:.45rem .7rem;border-left:4px solid var(--accent);background:var(--s0);font-weight:600}
.vx .unpublished-notice{margin:0 0 .6rem;padding:.45rem .7rem;border:2px dashed currentColor;font-weight:700;text-transform:uppercase;letter-spacing:.03em}
.vx .illustrative{color:var(--muted);font-size:.9rem;font-style:italic;margin:.3rem 0}
.vx .changes-list,.vx .cuts-list{padding-left:1.2rem}.vx .changes-list li,.vx .cuts-list li{margin:.25rem 0}
`;
