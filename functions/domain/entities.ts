import type { Lang } from '../../site/i18n/locales.ts';
/** The 32 Mexican states (entidades federativas) keyed by their two-digit INEGI code. */
export const ENTITIES = {
  '01': { es: 'Aguascalientes', en: 'Aguascalientes' },
  '02': { es: 'Baja California', en: 'Baja California' },
  '03': { es: 'Baja California Sur', en: 'Baja California Sur' },
  '04': { es: 'Campeche', en: 'Campeche' },
  '05': { es: 'Coahuila', en: 'Coahuila' },
  '06': { es: 'Colima', en: 'Colima' },
  '07': { es: 'Chiapas', en: 'Chiapas' },
  '08': { es: 'Chihuahua', en: 'Chihuahua' },
  '09': { es: 'Ciudad de México', en: 'Mexico City' },
  '10': { es: 'Durango', en: 'Durango' },
  '11': { es: 'Guanajuato', en: 'Guanajuato' },
  '12': { es: 'Guerrero', en: 'Guerrero' },
  '13': { es: 'Hidalgo', en: 'Hidalgo' },
  '14': { es: 'Jalisco', en: 'Jalisco' },
  '15': { es: 'Estado de México', en: 'State of Mexico' },
  '16': { es: 'Michoacán', en: 'Michoacán' },
  '17': { es: 'Morelos', en: 'Morelos' },
  '18': { es: 'Nayarit', en: 'Nayarit' },
  '19': { es: 'Nuevo León', en: 'Nuevo León' },
  '20': { es: 'Oaxaca', en: 'Oaxaca' },
  '21': { es: 'Puebla', en: 'Puebla' },
  '22': { es: 'Querétaro', en: 'Querétaro' },
  '23': { es: 'Quintana Roo', en: 'Quintana Roo' },
  '24': { es: 'San Luis Potosí', en: 'San Luis Potosí' },
  '25': { es: 'Sinaloa', en: 'Sinaloa' },
  '26': { es: 'Sonora', en: 'Sonora' },
  '27': { es: 'Tabasco', en: 'Tabasco' },
  '28': { es: 'Tamaulipas', en: 'Tamaulipas' },
  '29': { es: 'Tlaxcala', en: 'Tlaxcala' },
  '30': { es: 'Veracruz', en: 'Veracruz' },
  '31': { es: 'Yucatán', en: 'Yucatán' },
  '32': { es: 'Zacatecas', en: 'Zacatecas' },
} as const satisfies Record<string, { es: string; en: string }>;

/** A two-digit INEGI state code such as `09`. */
export type EntityCode = keyof typeof ENTITIES;

/** Every INEGI code in numeric order. */
export const ENTITY_CODES = Object.keys(ENTITIES).sort() as EntityCode[];

/** True when `code` is one of the 32 INEGI state codes. */
export function isEntityCode(code: string): code is EntityCode {
  return Object.hasOwn(ENTITIES, code);
}

/** The state's name in the given language. */
export function entityName(code: EntityCode, lang: Lang): string {
  return ENTITIES[code][lang];
}
