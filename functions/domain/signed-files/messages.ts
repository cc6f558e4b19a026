// The verdict on a file as one sentence in the reader's language: the browser checker and `npm run verify` say
// the same thing, so a reader who asks twice hears one answer.
import { fill, formatters } from '../../../site/i18n/format.ts';
import type { Lang } from '../../../site/i18n/locales.ts';
import type { FailureReason, SignedKind, Verification } from './verify.ts';

const KIND: Record<Lang, Record<SignedKind, string>> = {
  es: { png: 'Imagen', csv: 'Archivo CSV', package: 'Paquete del corte' },
  en: { png: 'Image', csv: 'CSV file', package: 'Cut package' },
};

const AUTHENTIC: Record<Lang, string> = {
  es: '{kind} auténtico: publicado por Voto Extranjero el {date} con el código {code} (clave {kid}).',
  en: '{kind} is authentic: published by Voto Extranjero on {date} under code {code} (key {kid}).',
};

const REASONS: Record<Lang, Record<FailureReason, string>> = {
  es: {
    'no-manifest':
      'No auténtico: el archivo no lleva la firma de Voto Extranjero (puede ser una captura, una copia editada o un archivo de otro sitio). Busca el código impreso en él y ábrelo aquí.',
    'malformed-manifest': 'No auténtico: la firma del archivo está dañada o no tiene nuestro formato.',
    'unknown-key':
      'No auténtico: está firmado con una clave que Voto Extranjero no publica. No confíes en estas cifras.',
    'key-not-valid-then':
      'No auténtico: está firmado con una de nuestras claves fuera del periodo en que era válida. No confíes en estas cifras.',
    'bad-signature':
      'No auténtico: la firma no corresponde; el archivo o su firma cambiaron después de publicarse. No confíes en estas cifras.',
    'content-changed':
      'No auténtico: el contenido cambió después de publicarse (una cifra, un pixel o un byte es distinto). No confíes en estas cifras.',
    resaved:
      'Guardado de nuevo: este CSV pasó por un programa (una hoja de cálculo, por ejemplo) que cambió sus comillas o saltos de línea; sus cifras son las que publicamos, pero el archivo no es el original.',
    'too-large': 'No revisado: el archivo pesa más de 20 MB y ninguno de nuestros archivos es tan grande.',
    'unsupported-type':
      'No revisado: solo revisamos imágenes PNG, archivos CSV y paquetes de corte (.zip) descargados de este sitio.',
  },
  en: {
    'no-manifest':
      'Not authentic: the file carries no Voto Extranjero signature (it may be a screenshot, an edited copy or a file from elsewhere). Look for the code printed on it and open it here.',
    'malformed-manifest': "Not authentic: the file's signature is damaged or not in our format.",
    'unknown-key':
      'Not authentic: it is signed with a key Voto Extranjero does not publish. Do not trust these figures.',
    'key-not-valid-then':
      'Not authentic: it is signed with one of our keys outside the period it was valid. Do not trust these figures.',
    'bad-signature':
      'Not authentic: the signature does not match; the file or its signature changed after publication. Do not trust these figures.',
    'content-changed':
      'Not authentic: the content changed after publication (a figure, a pixel or a byte differs). Do not trust these figures.',
    resaved:
      'Re-saved: this CSV went through a program (a spreadsheet, for example) that changed its quotes or line ends; its figures are the ones we published, but the file is not the original.',
    'too-large': 'Not checked: the file is larger than 20 MB, and none of our files is that large.',
    'unsupported-type':
      'Not checked: we only check PNG images, CSV files and cut packages (.zip) downloaded from this site.',
  },
};

/** The verdict as one sentence in `lang` (the code, when the file names one, is part of it). */
export function verdictSentence(verdict: Verification, lang: Lang): string {
  if (verdict.authentic) {
    return fill(AUTHENTIC[lang], {
      kind: KIND[lang][verdict.kind],
      date: formatters(lang).dateTime(verdict.signed_at),
      code: verdict.code,
      kid: verdict.kid,
    });
  }
  const sentence = REASONS[lang][verdict.reason];
  if (!verdict.code || verdict.reason === 'no-manifest') return sentence;
  const claimed = lang === 'es' ? 'El archivo dice tener el código' : 'The file claims code';
  return `${sentence} ${claimed} ${verdict.code}.`;
}

/** The reader's page of a code: `/v/{code}` on the site's host. */
export function codeUrl(base: string, code: string): string {
  return new URL(`/v/${encodeURIComponent(code)}`, base).toString();
}
