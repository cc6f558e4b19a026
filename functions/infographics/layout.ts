import { BRAND, type Scale } from './brand.ts';
import { box, type Child, type Node, text } from './h.ts';

/** What every template puts in the shared layout. */
export interface FrameParts {
  /** Shown in the brand band, right of the name: the process, or the page's section. */
  kicker: string;
  /** Null when the body draws its own title (the page card). */
  title: string | null;
  body: Child;
  /** The source line at the bottom. */
  footer: string;
  /** The verification line (`Verificar: XXXXX-XXXXX`), printed beside the source where a reader and OCR read it. */
  verification: string;
}

/**
 * The one layout: a band in the site's green with the name, the title, the template's body, and the source.
 * Flat colour and few shapes on purpose: rasterising and compressing are most of a render's cost.
 */
export function frame(s: Scale, parts: FrameParts): Node {
  const c = BRAND.colour;
  return box(
    {
      width: s.width,
      height: s.height,
      flexDirection: 'column',
      backgroundColor: c.paper,
      color: c.ink,
      fontFamily: BRAND.font,
    },
    box(
      {
        height: s.band + s.padTop,
        paddingTop: s.padTop,
        paddingLeft: s.pad,
        paddingRight: s.pad,
        backgroundColor: c.primary,
        color: c.onPrimary,
        alignItems: 'center',
        justifyContent: 'space-between',
      },
      text({ fontSize: s.brand, fontWeight: 700, flexShrink: 0, marginRight: s.gap * 2 }, 'Voto Extranjero'),
      text({ fontSize: s.small, textAlign: 'right', lineHeight: 1.2 }, parts.kicker),
    ),
    box(
      {
        // No overflow: hidden here: satori would clip every child through a mask, and masks are full-size
        // layers for resvg (they tripled the render time). Templates size their content to fit instead.
        flexGrow: 1,
        flexShrink: 1,
        flexDirection: 'column',
        paddingLeft: s.pad,
        paddingRight: s.pad,
        paddingTop: s.pad * 0.8,
      },
      parts.title === null
        ? null
        : text({ fontSize: s.title, fontWeight: 700, lineHeight: 1.15, marginBottom: s.gap * 1.5 }, parts.title),
      parts.body,
    ),
    box(
      {
        marginLeft: s.pad,
        marginRight: s.pad,
        marginBottom: s.padBottom,
        flexDirection: 'column',
      },
      // A rule drawn as a box: a CSS border would be clipped through a clip-path.
      box({ height: 2, backgroundColor: c.rule, marginBottom: s.gap }),
      ...footer(s, parts.footer, parts.verification),
    ),
  );
}

/**
 * The source and the verification code. The code sits alone on the last line, right-aligned under its label: OCR
 * reads a line of one face and size far better than a code after a label or beside the smaller source (there it
 * misread 9 as Y and 5 as S), and the whole image is read, so nothing else may share the code's line.
 */
function footer(s: Scale, source: string, verification: string): Node[] {
  const c = BRAND.colour;
  // The translations put the code last ("Verificar: {code}", "Verify: {code}").
  const at = verification.lastIndexOf(' ');
  // Type set once on each line and inherited by its runs (the code's colour is the frame's ink): a style property
  // costs satori a parse on every node that names it.
  return [
    box(
      { justifyContent: 'space-between', alignItems: 'flex-end', fontSize: s.small, color: c.muted },
      text({ flexShrink: 1, marginRight: s.gap * 2 }, source),
      text({ flexShrink: 0 }, verification.slice(0, at)),
    ),
    box(
      {
        justifyContent: 'flex-end',
        marginTop: s.gap * 0.25,
        fontSize: s.code,
        fontWeight: 700,
        fontFamily: BRAND.codeFont,
        lineHeight: 1,
      },
      // One run a character: the face's kerning would move glyphs in resvg (the SVG download) that satori and the
      // PNG painter leave in place; single characters are placed alike by all three.
      ...[...verification.slice(at + 1)].map((character) =>
        text(character === '0' ? { fontFamily: BRAND.codeZeroFont } : {}, character),
      ),
    ),
  ];
}

/** One bar of a ranking: label and figure on one line, the bar under them. */
export interface BarRow {
  label: string;
  value: string;
  /** Length of the bar, 0 to 1 of the longest. */
  fraction: number;
}

/**
 * A ranking as horizontal bars, longest first: one wrapping row of three boxes a bar (label, figure, bar), so a bar
 * costs four nodes, not six. The label takes the room the figure leaves (from a zero basis, so the pair always
 * shares a line and a long label wraps in it), and the bar, a whole line wide, starts the next line.
 */
export function bars(
  s: Scale,
  rows: BarRow[],
  { note, marginTop = 0 }: { note?: string; marginTop?: number } = {},
): Node {
  const c = BRAND.colour;
  const size = s.body * 0.8;
  return box(
    { flexWrap: 'wrap', alignItems: 'flex-end', width: '100%', marginTop },
    ...rows.flatMap((row) => [
      text(
        { fontSize: size, flexGrow: 1, flexShrink: 1, flexBasis: 0, marginRight: s.gap, marginBottom: 6 },
        row.label,
      ),
      text({ fontSize: size, fontWeight: 700, flexShrink: 0, marginBottom: 6 }, row.value),
      box(
        { width: '100%', height: s.barHeight, backgroundColor: c.track, marginBottom: s.gap },
        box({ width: `${Math.max(0.5, row.fraction * 100).toFixed(2)}%`, backgroundColor: c.primary }),
      ),
    ]),
    note ? text({ width: '100%', fontSize: s.small, color: c.muted }, note) : null,
  );
}

/**
 * A line of supporting text under a headline figure; `space` moves it from its place (a box around it to do that is
 * one more node to lay out), `after` is the room below it.
 */
export function line(s: Scale, value: string, emphasis = false, { space = 0, after = 0 } = {}): Node {
  return text(
    {
      fontSize: s.body,
      lineHeight: 1.3,
      marginTop: s.gap * 0.6 + space,
      marginBottom: after,
      color: emphasis ? BRAND.colour.ink : BRAND.colour.muted,
      fontWeight: emphasis ? 700 : 400,
    },
    value,
  );
}

/** The headline figure. */
export function hero(s: Scale, value: string, colour: string = BRAND.colour.primary): Node {
  return text({ fontSize: s.hero, fontWeight: 700, lineHeight: 1, color: colour, letterSpacing: -2 }, value);
}

/** The heading, source and code of a figures card: what `centredCard` puts around its lines. */
export interface CardText {
  kicker: string;
  title: string;
  source: string;
  verification: string;
}

/** A card whose body is a column of lines centred in the free height (total, deadline, modality). */
export function centredCard(s: Scale, text: CardText, ...lines: Child[]): Node {
  return card(
    s,
    text,
    box({ flexDirection: 'column', flexGrow: 1, justifyContent: 'center', paddingBottom: s.gap }, ...lines),
  );
}

/** A card whose body is a column of lines from the top: a figure or a filter, then a list (rankings, cut changes). */
export function listCard(s: Scale, text: CardText, ...lines: Child[]): Node {
  return card(s, text, box({ flexDirection: 'column', flexGrow: 1 }, ...lines));
}

function card(s: Scale, text: CardText, body: Node): Node {
  return frame(s, {
    kicker: text.kicker,
    title: text.title,
    footer: text.source,
    verification: text.verification,
    body,
  });
}
