/** CSS properties satori understands, as React-style camelCase keys. */
export type Style = Record<string, string | number>;

/** A node of the element tree satori lays out: what JSX would produce, written without JSX. */
export interface Node {
  type: string;
  props: { style?: Style; children?: Child[] | Child; [attribute: string]: unknown };
}

/** A child of a node: text, a node, or nothing (skipped). */
export type Child = Node | string | null | false | undefined;

/** A flex box (satori needs `display: flex` on every box with more than one child, so it is the default). */
export function box(style: Style, ...children: Child[]): Node {
  return { type: 'div', props: { style: { display: 'flex', ...style }, children: children.filter(isShown) } };
}

/** A run of text in one style. */
export function text(style: Style, value: string): Node {
  return { type: 'div', props: { style: { display: 'flex', ...style }, children: value } };
}

function isShown(child: Child): child is Node | string {
  return child !== null && child !== false && child !== undefined && child !== '';
}
