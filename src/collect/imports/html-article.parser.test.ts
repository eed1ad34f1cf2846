import { describe, expect, it } from 'vitest';
import { itemDraftSchema } from '../../core/item.js';
import { loadFixture, parseErrorOf } from '../../../test/fixtures/imports/load-fixture.js';
import { parseHtmlArticle } from './html-article.parser.js';

describe('parseHtmlArticle', () => {
  const page = parseHtmlArticle(loadFixture('web/article.html'));
  const article = page.items[0];

  it('keys the article on its canonical URL and reads its metadata', () => {
    expect(page.items).toHaveLength(1);
    itemDraftSchema.parse(article);
    expect(article).toMatchObject({
      key: 'web:https://monitor.example.com/analysis/anniversary-posts',
      kind: 'article',
      url: 'https://monitor.example.com/analysis/anniversary-posts',
      title: "What a fictional militia's anniversary posts tell us",
      author: { name: 'Sara Klein' },
      publishedAt: '2024-06-05T07:30:00.000Z',
      editedAt: '2024-06-06T09:00:00.000Z',
      langHint: 'en',
    });
    expect(page.sources).toEqual([
      { kind: 'web', handle: 'monitor.example.com', title: 'Desk Monitor', url: 'https://monitor.example.com/' },
    ]);
  });

  it('keeps the article body as paragraphs, without navigation or footer', () => {
    expect(article?.text).toContain(
      'None of it was new, but the volume was.\n\nResearchers compared the posts with last year\'s and found that most of the wording was recycled.',
    );
    expect(article?.text).not.toContain('Home');
    expect(article?.text).not.toContain('synthetic page for tests');
  });

  it('lists the body`s links as absolute URLs', () => {
    expect(article?.links).toEqual([
      'https://research.example.org/notes/new-dawn',
      'https://monitor.example.com/analysis/earlier-campaigns',
    ]);
  });

  it('reads an Arabic RTL page without canonical URL, keeping its text exact', () => {
    const arabic = parseHtmlArticle(loadFixture('web/arabic-article.html'));
    const item = arabic.items[0];
    itemDraftSchema.parse(item);
    expect(item).toMatchObject({ key: 'web:file:arabic-article.html', langHint: 'ar', author: { name: 'فريق الرصد' }, extra: { dir: 'rtl' } });
    expect(item?.text).toContain(
      'نَشَرَتْ قَنَاةُ «سرايا الفجر الجديد» الخيالية سلسلةً من المنشورات في ذكرى تأسيسها، تضمّنت شعاراتٍ وتعازيَ وتعهّداً بمواصلة إصدار البيانات.',
    );
    expect(item?.text).not.toContain('الرئيسية');
    expect(arabic.sources[0]).toMatchObject({ kind: 'web', handle: 'files' });
  });

  it('fails a page with no article content, and binary junk', () => {
    const e = parseErrorOf(() => parseHtmlArticle(loadFixture('web/empty-page.html')));
    expect(e.message).toBe('no article content found');
    expect(() => parseHtmlArticle(loadFixture('junk.bin'))).toThrow('binary data, not an HTML file');
  });
});
