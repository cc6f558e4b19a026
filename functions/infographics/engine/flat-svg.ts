import { faceOf } from './faces.ts';
import { LruCache } from './lru.ts';

/** An sRGB colour, 0 to 255 a channel. */
export type Rgb = readonly [number, number, number];

/** A filled, axis-aligned rectangle. */
export interface RectOp {
  kind: 'rect';
  x: number;
  y: number;
  width: number;
  height: number;
  fill: Rgb;
}

/** A run of text on one baseline, in one of the faces shipped, as satori placed it. */
export interface TextOp {
  kind: 'text';
  /** The pen at the start of the run, on the baseline. */
  x: number;
  y: number;
  size: number;
  /** Its index in FACES (faces.ts). */
  face: number;
  letterSpacing: number;
  fill: Rgb;
  text: string;
}

/** What a flat image is made of, in painting order. */
export interface FlatImage {
  width: number;
  height: number;
  ops: (RectOp | TextOp)[];
}

const ROOT_ATTRS = new Set(['width', 'height', 'viewBox', 'xmlns', 'role', 'lang']);
const RECT_ATTRS = new Set(['x', 'y', 'width', 'height', 'fill']);
const TEXT_ATTRS = new Set([
  'x',
  'y',
  'width',
  'height',
  'font-weight',
  'font-style',
  'font-size',
  'font-family',
  'fill',
  'letter-spacing',
]);
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const ATTRIBUTE = /\s+([\w:-]+)="([^"]*)"/y;

// The attributes of a tag (the TAG pattern's attribute group), or null when one is not allowed.
function attributes(source: string, allowed: Set<string>): Map<string, string> | null {
  const found = new Map<string, string>();
  ATTRIBUTE.lastIndex = 0;
  let at = 0;
  for (let match = ATTRIBUTE.exec(source); match; match = ATTRIBUTE.exec(source)) {
    const name = match[1] as string;
    if (!allowed.has(name)) return null;
    found.set(name, match[2] as string);
    at = ATTRIBUTE.lastIndex;
  }
  return /^\s*\/?$/.test(source.slice(at)) ? found : null;
}

function number(value: string | undefined): number | null {
  if (value === undefined || !/^-?(\d+\.?\d*|\.\d+)(e-?\d+)?$/.test(value)) return null;
  return Number(value);
}

// Colours read so far: an image names a handful, each many times.
const colours = new LruCache<string, Rgb | null>(1024);

/** A colour as satori writes it (`#fff`, `#0b5d4b`, `rgb(11,93,75)`) as its channels, or null for any other value. */
export function readColour(value: string | undefined): Rgb | null {
  return value === undefined ? null : colours.through(value, parseColour);
}

// How satori writes a colour: `#fff`, `#0b5d4b`, or `rgb(11,93,75)` when it was given one that way.
function parseColour(value: string): Rgb | null {
  const channels = /^rgb\((\d{1,3}),(\d{1,3}),(\d{1,3})\)$/.exec(value);
  if (channels) {
    const rgb = channels.slice(1, 4).map(Number);
    return rgb.every((channel) => channel <= 255) ? (rgb as unknown as Rgb) : null;
  }
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(value)?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  return [0, 2, 4].map((at) => Number.parseInt(full.slice(at, at + 2), 16)) as unknown as Rgb;
}

function decode(text: string): string | null {
  if (!text.includes('&')) return text;
  let bad = false;
  const decoded = text.replace(/&(#x[0-9a-f]+|#\d+|\w+);?/gi, (entity, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return String.fromCodePoint(code);
    }
    const value = ENTITIES[name];
    if (value === undefined) bad = true;
    return value ?? entity;
  });
  return bad ? null : decoded;
}

function rect(source: string): RectOp | null {
  const a = attributes(source, RECT_ATTRS);
  if (!a) return null;
  const x = number(a.get('x') ?? '0');
  const y = number(a.get('y') ?? '0');
  const width = number(a.get('width') ?? '0');
  const height = number(a.get('height') ?? '0');
  const fill = readColour(a.get('fill'));
  if (x == null || y == null || width == null || height == null || !fill) return null;
  return { kind: 'rect', x, y, width, height, fill };
}

// The face of each family and weight met so far (`faceOf` looks through FACES).
const faces = new LruCache<string, number | null>(64);

function text(source: string, content: string): TextOp | null {
  const a = attributes(source, TEXT_ATTRS);
  if (!a) return null;
  const x = number(a.get('x'));
  const y = number(a.get('y'));
  const size = number(a.get('font-size'));
  const letterSpacing = number(a.get('letter-spacing') ?? '0');
  const weight = a.get('font-weight') ?? 'normal';
  const fill = readColour(a.get('fill'));
  const decoded = decode(content);
  if (x == null || y == null || size == null || letterSpacing == null || !fill || decoded === null) return null;
  if ((a.get('font-style') ?? 'normal') !== 'normal') return null;
  const numeric = weight === 'normal' ? 400 : weight === 'bold' ? 700 : number(weight);
  if (numeric === null) return null;
  const family = a.get('font-family') ?? '';
  const face = faces.through(`${numeric}|${family}`, () => faceOf(family, numeric));
  if (face === null) return null;
  return { kind: 'text', x, y, size, face, letterSpacing, fill, text: decoded };
}

const TAG = /<(\/?)([a-zA-Z]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/y;

/**
 * Reads satori's SVG as flat rectangles and plain text runs, or returns null when it holds anything else
 * (paths, images, gradients, opacity, transforms, a mask or clip in use): those go to resvg whole. Satori
 * writes a `<mask>` for every box; it paints nothing unless something points at it, so unused ones are skipped.
 */
export function readFlatSvg(svg: string): FlatImage | null {
  if (svg.includes('url(')) return null;
  TAG.lastIndex = 0;
  const root = TAG.exec(svg);
  if (root?.[2] !== 'svg' || root[1] || root[4]) return null;
  const rootAttrs = attributes(root[3] ?? '', ROOT_ATTRS);
  const width = number(rootAttrs?.get('width'));
  const height = number(rootAttrs?.get('height'));
  if (!width || !height || rootAttrs?.get('viewBox') !== `0 0 ${width} ${height}`) return null;
  const ops: FlatImage['ops'] = [];
  let at = TAG.lastIndex;
  while (at < svg.length) {
    TAG.lastIndex = at;
    const tag = TAG.exec(svg);
    if (!tag) return null;
    const [, closing, name, attrs = '', selfClosing] = tag;
    at = TAG.lastIndex;
    if (closing) return name === 'svg' && at === svg.length ? { width, height, ops } : null;
    if (name === 'rect' && selfClosing) {
      const op = rect(attrs);
      if (!op) return null;
      ops.push(op);
    } else if ((name === 'text' || name === 'title' || name === 'mask') && !selfClosing) {
      const end = svg.indexOf(`</${name}>`, at);
      if (end < 0) return null;
      const content = svg.slice(at, end);
      at = end + name.length + 3;
      if (name === 'text') {
        if (content.includes('<')) return null;
        const op = text(attrs, content);
        if (!op) return null;
        if (op.text.trim() !== '') ops.push(op);
      }
    } else {
      return null;
    }
  }
  return null;
}
