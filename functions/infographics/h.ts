/** CSS properties satori understands, as React-style camelCase keys. */
export type Style = Record<string, string | number>;

/** A node of the element tree satori lays out: what JSX would produce, written without JSX. */
export interface Node {
  type: string;
  props: { style?: Style; children?: Child[] | Child; [attribute: string]: unknown };
}

/** A child of a node: text, a node, or nothing (skipped). */
export type Child = Node | string | null | false | undefined;

/**
 * The element type of every node: one satori has no preset style for. Satori lays out every element as a flex box
 * (the default display); a `div` would add its preset `display: flex`, which satori expands and parses as a CSS
 * length for every node (that parse throws and is caught), and would have to say it again on every box with more
 * than one child. A type without a preset is the same box, laid out and drawn alike, without that work.
 */
const ELEMENT = 'box';

/** A flex box (its own copy of `style`: the engine writes inherited font sizes into it). */
export function box(style: Style, ...children: Child[]): Node {
  return { type: ELEMENT, props: { style: { ...style }, children: children.filter(isShown) } };
}

/** A run of text in one style. */
export function text(style: Style, value: string): Node {
  return { type: ELEMENT, props: { style: { ...style }, children: value } };
}

function isShown(child: Child): child is Node | string {
  return child !== null && child !== false && child !== undefined && child !== '';
}
