import { describe, expect, it } from 'vitest';
import { LruCache } from './lru.ts';

describe('LruCache', () => {
  it('evicts the least recently used entry, counting a read as a use', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('bounds the total weight, and replacing a key re-weighs it', () => {
    const cache = new LruCache<string, Uint8Array>(100, (bytes) => bytes.length);
    cache.set('a', new Uint8Array(40));
    cache.set('b', new Uint8Array(40));
    cache.set('a', new Uint8Array(10));
    expect(cache.weight).toBe(50);
    cache.set('c', new Uint8Array(60));
    expect(cache.weight).toBe(70);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.length).toBe(10);
  });

  it('keeps an entry heavier than the whole capacity until the next one arrives', () => {
    const cache = new LruCache<string, Uint8Array>(10, (bytes) => bytes.length);
    cache.set('small', new Uint8Array(5));
    cache.set('huge', new Uint8Array(50));
    expect(cache.get('small')).toBeUndefined();
    expect(cache.get('huge')?.length).toBe(50);
    cache.set('next', new Uint8Array(1));
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('makes a value once through `through`, a null one included, and makes it again once evicted', () => {
    const cache = new LruCache<string, string | null>(1);
    let made = 0;
    const make = (key: string) => {
      made++;
      return key === 'none' ? null : key.toUpperCase();
    };
    expect(cache.through('a', make)).toBe('A');
    expect(cache.through('a', make)).toBe('A');
    expect(made).toBe(1);
    expect(cache.through('none', make)).toBeNull();
    expect(cache.through('none', make)).toBeNull();
    expect(made).toBe(2);
    expect(cache.through('a', make)).toBe('A');
    expect(made).toBe(3);
  });
});
