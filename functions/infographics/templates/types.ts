import type { z } from 'zod';
import type { Viewer } from '../../auth/viewer.ts';
import type { ParamSpec, SizeName } from '../../domain/infographics.ts';
import type { Lang } from '../../shared/i18n.ts';
import type { Scale } from '../brand.ts';
import type { Node } from '../h.ts';

/** What a template may read: the bindings and the date (never the request's text). */
export interface ImageContext {
  db: D1Database;
  assets: Fetcher;
  /** The Worker's own origin, to fetch static assets through the binding. */
  origin: string;
  today: string;
  /** Who asks, for unpublished processes only (never the request's text). */
  viewer: Viewer;
}

/** A template's answer before rendering: what the image depends on, and how to load its content. */
export interface Prepared<M> {
  /** Changes exactly when something drawn changes (data version, window day, page entry). */
  version: string;
  /**
   * What the image publishes, for its verification code: the process slug (a page card's path) and the version of
   * what it shows: `v<data_version>`, `cut-YYYY-MM-DD`, or a hash of the text drawn.
   */
  publishedAs: { process: string; version: string };
  rowsRead: number;
  /** True for an image of a cut: it never changes, so it is cached for a year. */
  frozen?: boolean;
  /** True for an image of an unpublished process: for the admin or staff who asked, never cached shared. */
  private?: boolean;
  /** The model, and the `as_of` of the figures it draws (null when it draws none). */
  load: () => Promise<{ model: M; rowsRead: number; asOf?: string | null }>;
}

/** The parameters every template's schema yields at least. */
export interface BaseParams {
  size: SizeName;
  v?: string;
}

/** One infographic template: its parameters, what it depends on, how it is drawn and described. */
export interface Template<P extends BaseParams = BaseParams, M = unknown> {
  id: string;
  params: ParamSpec[];
  schema: z.ZodType<P>;
  prepare: (ctx: ImageContext, params: P) => Promise<Prepared<M>>;
  /** The language the image is drawn in. */
  langOf: (model: M, params: P) => Lang;
  /** Draws the image with its verification line (`Verificar: XXXXX-XXXXX`) printed in the footer. */
  draw: (model: M, lang: Lang, scale: Scale, verification: string) => Node;
  /** The alt text: the same sentences the image shows at that size, from the same figures. */
  alt: (model: M, lang: Lang, scale: Scale) => string;
}

/** Declares a template with its own parameter and model types checked (the registry erases them). */
export function defineTemplate<P extends BaseParams, M>(template: Template<P, M>): Template<BaseParams, unknown> {
  return template as unknown as Template<BaseParams, unknown>;
}
