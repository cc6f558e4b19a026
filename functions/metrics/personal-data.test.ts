import { describe, expect, it } from 'vitest';
import { holdsPersonalData, PRIVATE, scrubPath, scrubValue } from './personal-data.ts';

describe('the personal-data filter', () => {
  it.each([
    'juan.perez@gmail.com',
    'juan.perez%40gmail.com',
    'juan.perez%2540gmail.com',
    'juan.perez(at)gmail.com',
    'juan.perez [at] gmail.com',
    'juan.perez(arroba)gmail.com',
    'juan.perez＠gmail.com',
    'juan.perez%EF%BC%A0gmail.com',
    // Encoded three times; and beside a malformed escape, which must not stop the rest from being read.
    'juan.perez%25252540gmail.com',
    'juan.perez%40gmail.com%zz',
    'juan.perez%40gmail.com%E0%A4%A',
  ])('finds the e-mail address in %s', (value) => {
    expect(holdsPersonalData(value)).toBe(true);
  });

  it.each([
    '5512345678',
    '55 1234 5678',
    '+52 1 55-1234-5678',
    '+52%201%2055-1234-5678',
    '(415) 555-0134',
    '415.555.0134',
    'tel5512345678',
    'tel_555_0134_12',
    '１２３４５６７８',
    'folio-00012345678',
    'tel-2020-2021-5555',
    '55%2012%2034%2056%zz',
  ])('finds the phone number or long number in %s', (value) => {
    expect(holdsPersonalData(value)).toBe(true);
  });

  it.each([
    'GOMC800101HDFRRL09',
    'gomc800101hdfrrl09',
    'GOMC 800101 HDF RRL09',
    'PEJU991231MJCRNNA3',
    'GOMRCR80010109H100',
    'gomrcr80010109h100',
  ])('finds the CURP or voter credential key %s', (value) => {
    expect(holdsPersonalData(value)).toBe(true);
  });

  it.each([
    'registro',
    'facebook|social|registro-2024',
    'www.facebook.com',
    'at-the-consulate',
    'guia (at a glance)',
    'pel-2020-2021-countries.csv',
    'cuts-2024-05-12.csv',
    '/es/guias/registro-para-votar/',
    'matricula consular',
    '100%zz',
    'descuento-50%25',
  ])('leaves %s alone', (value) => {
    expect(holdsPersonalData(value)).toBe(false);
    expect(scrubValue(value)).toBe(value);
  });

  it('replaces a value holding personal data as a whole', () => {
    expect(scrubValue('tel5512345678')).toBe(PRIVATE);
  });

  it('masks only the segments of a path that hold personal data', () => {
    expect(scrubPath('/es/juan.perez@gmail.com/5512345678/')).toBe('/es/(private)/(private)/');
    expect(scrubPath('/es/juan.perez%40gmail.com/guias/')).toBe('/es/(private)/guias/');
    expect(scrubPath('/es/guias/no-existe/')).toBe('/es/guias/no-existe/');
    expect(scrubPath('/')).toBe('/');
  });
});
