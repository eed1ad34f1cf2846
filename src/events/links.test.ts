import { describe, expect, it } from 'vitest';
import { accountOfLink, canonicalUrl, itemKeyOfLink, matchKey, urlsInText } from './links.js';

describe('links', () => {
  it('canonicalizes scheme, www, tracking parameters, fragments and trailing slashes', () => {
    expect(canonicalUrl('http://www.Example.org/a/b/?utm_source=x&id=3#fn1')).toBe('example.org/a/b?id=3');
    expect(canonicalUrl('https://example.org/a/b')).toBe('example.org/a/b');
  });

  it('refuses home pages, shorteners and non-web links', () => {
    expect(canonicalUrl('https://example.org/')).toBeNull();
    expect(canonicalUrl('https://t.co/abc')).toBeNull();
    expect(canonicalUrl('mailto:a@b.c')).toBeNull();
    expect(canonicalUrl('not a url')).toBeNull();
  });

  it('maps post links to item keys and profile links to accounts', () => {
    expect(itemKeyOfLink(canonicalUrl('https://t.me/s/Fajr_Demo/812') ?? '')).toBe('telegram:fajr_demo/812');
    expect(itemKeyOfLink(canonicalUrl('https://twitter.com/someone/status/1349339958606997944') ?? '')).toBe('x:1349339958606997944');
    expect(itemKeyOfLink(canonicalUrl('https://x.com/someone/status/42?s=20') ?? '')).toBe('x:42');
    expect(accountOfLink(canonicalUrl('https://t.me/Fajr_Demo') ?? '')).toBe('telegram:fajr_demo');
    expect(accountOfLink(canonicalUrl('https://x.com/someone') ?? '')).toBe('x:someone');
    expect(matchKey('telegram:Fajr_Demo/3')).toBe('telegram:fajr_demo/3');
    expect(matchKey('x:ABC')).toBe('x:ABC');
  });

  it('finds URLs and bare t.me links in text', () => {
    expect(urlsInText('see t.me/fajr_demo/9, and https://example.org/x.')).toEqual(['https://t.me/fajr_demo/9', 'https://example.org/x']);
  });
});
