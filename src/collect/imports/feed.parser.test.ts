import { describe, expect, it } from 'vitest';
import { itemDraftSchema } from '../../core/item.js';
import { loadFixture, parseErrorOf } from '../../../test/fixtures/imports/load-fixture.js';
import { parseFeedFile } from './feed.parser.js';

describe('parseFeedFile: RSS 2.0', () => {
  const rss = parseFeedFile(loadFixture('feeds/rss2.xml'));
  const [first, second, third] = rss.items;

  it('returns valid entries keyed on guid, else link, else a content hash', () => {
    for (const item of rss.items) itemDraftSchema.parse(item);
    expect(first?.key).toBe('rss:demo-feed-0001');
    expect(second?.key).toBe('rss:https://news.example.org/ar/2024/06/statement');
    expect(third?.key).toMatch(/^rss:sha256:[0-9a-f]{64}$/);
    // Deterministic: a re-import gives the same key.
    expect(parseFeedFile(loadFixture('feeds/rss2.xml')).items[2]?.key).toBe(third?.key);
  });

  it('prefers the longer content:encoded and keeps its paragraphs as plain text', () => {
    expect(first?.text).toBe(
      'The fictional "New Dawn Companies" posted slogans and a condolence list on its channel.\n\n' +
        'Analysts at the research desk said the statement repeated earlier pledges. Read background.',
    );
    expect(first?.links).toEqual(['https://research.example.org/notes', 'https://news.example.org/2024/05/background']);
  });

  it('reads author, dates (to UTC; unparseable → null), categories and the feed as source', () => {
    expect(first).toMatchObject({
      kind: 'entry',
      title: 'Fictional group marks founding anniversary',
      url: 'https://news.example.org/2024/06/anniversary',
      author: { name: 'Layla Haddad' },
      publishedAt: '2024-06-01T09:30:00.000Z',
      langHint: 'en',
      extra: { categories: ['Iraq', 'Armed groups'] },
    });
    expect(third?.publishedAt).toBeNull();
    expect(rss.sources).toEqual([
      {
        kind: 'rss',
        handle: 'https://news.example.org/feed.xml',
        title: 'Regional Monitor (demo feed)',
        url: 'https://news.example.org/',
        language: 'en-US',
      },
    ]);
    expect(second?.text).toBe('نشرت القناة بياناً يُجدّد فيه «العهد» بمواصلة النشاط السياسي.');
  });
});

describe('parseFeedFile: Atom, RDF and RSS 0.91', () => {
  it('reads Atom: html titles stripped, text content left as written, feed author inherited', () => {
    const atom = parseFeedFile(loadFixture('feeds/atom.xml'));
    for (const item of atom.items) itemDraftSchema.parse(item);
    expect(atom.items[0]).toMatchObject({
      key: 'rss:urn:uuid:0d6f3c1e-0000-4000-8000-000000000101',
      title: 'Weekly review: anniversary posts',
      text: 'First paragraph of the review.\n\nSecond paragraph, with a source.',
      author: { name: 'Research Desk' },
      publishedAt: '2024-06-03T07:00:00.000Z',
      langHint: 'en',
      links: ['https://example.org/source'],
      extra: { categories: ['Weekly review'] },
    });
    expect(atom.items[1]).toMatchObject({ text: 'Text content keeps <angle brackets> as written.', author: { name: 'Guest Author' } });
    expect(atom.sources[0]?.handle).toBe('https://desk.example.org/atom.xml');
  });

  it('decodes an ISO-8859-1 RDF feed with accented French', () => {
    const rdf = parseFeedFile(loadFixture('feeds/rdf-latin1.rdf'));
    expect(rdf.items).toHaveLength(1);
    expect(rdf.items[0]).toMatchObject({
      key: 'rss:https://veille.example.fr/2024/anniversaire',
      title: 'Un groupe fictif célèbre son anniversaire',
      author: { name: 'Élodie Marchand' },
      publishedAt: '2024-06-01T12:00:00.000Z',
      langHint: 'fr',
    });
    expect(rdf.items[0]?.text).toContain('condoléances ; les analystes évoquent une déclaration « déjà entendue »');
    expect(rdf.sources[0]).toMatchObject({ title: 'Veille régionale (démo)', language: 'fr-FR' });
  });

  it('reads RSS 0.91', () => {
    const old = parseFeedFile(loadFixture('feeds/rss091.xml'));
    expect(old.items[0]).toMatchObject({ key: 'rss:http://bulletin.example.net/1', text: 'خبر قصير.', langHint: 'ar', publishedAt: null });
  });
});

describe('parseFeedFile: not a feed', () => {
  it('rejects an HTML page and binary junk', () => {
    const html = parseErrorOf(() => parseFeedFile(loadFixture('web/article.html')));
    expect(html.message).toBe('not an RSS/Atom/RDF feed');
    expect(html.location.file).toBe('web/article.html');
    expect(() => parseFeedFile(loadFixture('junk.bin'))).toThrow('binary data, not a feed file');
  });
});
