// What a dashboard or an embed can show and how it may look: the embed builder, the pages and the API read these.

/** The views a dashboard or an embed can show. */
export const VIEWS = ['summary', 'countries', 'entities', 'modality', 'timeline', 'demographics', 'changes'] as const;
/** One view. */
export type View = (typeof VIEWS)[number];
/** Colour themes of the embed; `auto` follows the host page. */
export const THEMES = ['auto', 'light', 'dark'] as const;
