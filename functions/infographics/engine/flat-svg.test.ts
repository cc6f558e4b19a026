import { describe, expect, it } from 'vitest';
import { BRAND } from '../brand.ts';
import { readFlatSvg } from './flat-svg.ts';

const open = '<svg width="100" height="50" viewBox="0 0 100 50" xmlns="http://www.w3.org/2000/svg">';
const text = (attrs: string, content: string) =>
  `<text x="10.5" y="30" width="40" height="20" ${attrs} font-style="normal" font-size="16" font-family="atkinson hyperlegible next" fill="#13221d">${content}</text>`;

describe('readFlatSvg', () => {
  it('reads rectangles and text runs in order, skipping unused masks, the title and blank runs', () => {
    const image = readFlatSvg(
      `${open}<title>Alt &amp; more</title><mask id="m"><rect x="0" y="0" width="100" height="50" fill="#fff"/></mask>` +
        `<rect x="0" y="0" width="100" height="50" fill="#fff"/>${text('font-weight="700"', 'Q&amp;A &#39;24&#x21;')}` +
        `${text('font-weight="normal"', ' ')}<rect x="1.5" y="2" width="3" height="4" fill="#0b5d4b"/></svg>`,
    );
    expect(image).toEqual({
      width: 100,
      height: 50,
      ops: [
        { kind: 'rect', x: 0, y: 0, width: 100, height: 50, fill: [255, 255, 255] },
        {
          kind: 'text',
          x: 10.5,
          y: 30,
          size: 16,
          face: 1,
          letterSpacing: 0,
          fill: [0x13, 0x22, 0x1d],
          text: "Q&A '24!",
        },
        { kind: 'rect', x: 1.5, y: 2, width: 3, height: 4, fill: [0x0b, 0x5d, 0x4b] },
      ],
    });
  });

  it('reads colours as satori writes them: short and long hex, and rgb() when it was given one', () => {
    const fills = ['#fff', '#0B5D4B', 'rgb(11,93,75)'].map(
      (fill) => readFlatSvg(`${open}<rect x="0" y="0" width="1" height="1" fill="${fill}"/></svg>`)?.ops[0],
    );
    expect(fills.map((op) => op?.kind === 'rect' && op.fill)).toEqual([
      [255, 255, 255],
      [11, 93, 75],
      [11, 93, 75],
    ]);
  });

  it('picks the nearer of the two weights and keeps letter spacing', () => {
    const image = readFlatSvg(`${open}${text('font-weight="400" letter-spacing="-2"', '6,574')}</svg>`);
    expect(image?.ops[0]).toMatchObject({ face: 0, letterSpacing: -2, text: '6,574' });
    expect(readFlatSvg(`${open}${text('font-weight="600"', 'a')}</svg>`)?.ops[0]).toMatchObject({ face: 1 });
  });

  it("draws the verification code's runs in its own face, whatever weight they ask for", () => {
    const code = (weight: string) =>
      readFlatSvg(
        `${open}${text(`font-weight="${weight}"`, 'K8C3D-2PTQD').replace('atkinson hyperlegible next', BRAND.codeFont)}</svg>`,
      )?.ops[0];
    expect(code('700')).toMatchObject({ face: 2, text: 'K8C3D-2PTQD' });
    expect(code('400')).toMatchObject({ face: 2 });
  });

  it.each([
    ['an attribute it does not know', `<rect x="0" y="0" width="1" height="1" fill="#fff" rx="2"/>`],
    ['a colour that is not hex', `<rect x="0" y="0" width="1" height="1" fill="red"/>`],
    ['an rgb() channel above 255', `<rect x="0" y="0" width="1" height="1" fill="rgb(256,0,0)"/>`],
    ['an rgb() with alpha', `<rect x="0" y="0" width="1" height="1" fill="rgba(0,0,0,0.5)"/>`],
    ['a mask in use', `<rect x="0" y="0" width="1" height="1" fill="#fff" mask="url(#m)"/>`],
    ['another element', `<path d="M0 0h1v1z"/>`],
    ['another typeface', text('font-weight="700"', 'a').replace('atkinson hyperlegible next', 'serif')],
    ['italic text', text('font-weight="700"', 'a').replace('font-style="normal"', 'font-style="italic"')],
    ['markup inside text', text('font-weight="700"', '<tspan>a</tspan>')],
    ['an unknown entity', text('font-weight="700"', '&nbsp;')],
  ])('returns null for %s', (_, element) => {
    expect(readFlatSvg(`${open}${element}</svg>`)).toBeNull();
  });

  it('returns null for a truncated document or a view box that scales', () => {
    expect(readFlatSvg(`${open}<rect x="0" y="0" width="1" height="1" fill="#fff"/>`)).toBeNull();
    expect(readFlatSvg(open.replace('0 0 100 50', '0 0 50 25').concat('</svg>'))).toBeNull();
  });
});
