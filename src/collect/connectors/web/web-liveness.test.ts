import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../../../core/fetcher.js';
import { fakeIo, fileReply, type Reply } from '../../../../test/fixtures/web/fake-io.js';
import { isHomeRedirect, webLiveness } from './web-liveness.js';

const ARTICLE = 'https://monitor.example.com/briefs/2024/07/road-reopens';

async function exchange(reply: Reply, url = ARTICLE) {
  const { io } = fakeIo(() => reply);
  return io.fetch({ url });
}
const html = (body: string, headers: HeaderList = []): Reply => ({ status: 200, headers: [['Content-Type', 'text/html; charset=utf-8'], ...headers], body });

describe('webLiveness', () => {
  it('reads 404, 410 and 451 as gone, 429 as throttled and 5xx as unreachable', async () => {
    expect(webLiveness(await exchange({ status: 404 }), ARTICLE)).toEqual({ verdict: 'gone', reason: 'web_404', status: 404, captureId: 'cap-1' });
    expect(webLiveness(await exchange({ status: 410 }), ARTICLE)).toMatchObject({ verdict: 'gone', reason: 'web_410' });
    expect(webLiveness(await exchange({ status: 451 }), ARTICLE)).toMatchObject({ verdict: 'gone', reason: 'web_451' });
    expect(webLiveness(await exchange({ status: 429 }), ARTICLE)).toMatchObject({ verdict: 'throttled', reason: 'http_429' });
    expect(webLiveness(await exchange({ status: 503 }), ARTICLE)).toMatchObject({ verdict: 'unreachable', reason: 'http_503' });
    expect(webLiveness(await exchange({ status: 403 }), ARTICLE)).toMatchObject({ verdict: 'unreachable', reason: 'http_403' });
  });

  it('reads a redirect to the site`s home page as gone', async () => {
    const home = html('<html><body><h1>Desk Monitor</h1></body></html>');
    const redirected = await exchange({ ...home, finalUrl: 'https://monitor.example.com/' });
    expect(webLiveness(redirected, ARTICLE)).toMatchObject({ verdict: 'gone', reason: 'web_redirect_home' });
    const unfollowed = await exchange({ status: 301, headers: [['Location', '/ar/']] });
    expect(webLiveness(unfollowed, ARTICLE)).toMatchObject({ verdict: 'gone', reason: 'web_redirect_home' });
    const moved = await exchange({ status: 301, headers: [['Location', '/briefs/2024/07/road-reopened']] });
    expect(webLiveness(moved, ARTICLE)).toMatchObject({ verdict: 'unreachable', reason: 'http_301' });
  });

  it('does not call a moved article or a watched home page gone', () => {
    expect(isHomeRedirect(ARTICLE, 'https://monitor.example.com/briefs/2024/07/road-reopens-update')).toBe(false);
    expect(isHomeRedirect('https://monitor.example.com/', 'https://www.monitor.example.com/')).toBe(false);
    expect(isHomeRedirect(ARTICLE, 'https://monitor.example.com/index.php')).toBe(true);
    expect(isHomeRedirect(ARTICLE, 'https://monitor.example.com/?page=2')).toBe(false);
  });

  it('reads a live article as live', async () => {
    expect(webLiveness(await exchange(fileReply('web/article.html', 'text/html')), ARTICLE)).toEqual({
      verdict: 'live',
      reason: 'ok',
      status: 200,
      captureId: 'cap-1',
    });
  });

  it('reads a short "page not found" page served with 200 as a soft 404', async () => {
    expect(webLiveness(await exchange(fileReply('web/soft-404.html', 'text/html')), ARTICLE)).toMatchObject({
      verdict: 'gone',
      reason: 'web_soft404',
      status: 200,
    });
    const arabic = html('<html lang="ar"><head><title>خطأ</title></head><body><h1>عذراً، الصفحة المطلوبة غير موجودة</h1><p><a href="/">الرئيسية</a></p></body></html>');
    expect(webLiveness(await exchange(arabic), ARTICLE).reason).toBe('web_soft404');
  });

  it('is not fooled by articles that mention 404 or "not found"', async () => {
    const story = `<html><head><title>Highway 404 closed; missing convoy not found</title></head><body><article>${'<p>A long report on the closure of the highway and the search for the convoy, with details from officials. </p>'.repeat(30)}</article></body></html>`;
    expect(webLiveness(await exchange(html(story)), ARTICLE).verdict).toBe('live');
    const longErrorTitle = `<html><head><title>Page not found</title></head><body>${'<p>Related stories and a long list of links from the site navigation. </p>'.repeat(40)}</body></html>`;
    expect(webLiveness(await exchange(html(longErrorTitle)), ARTICLE).verdict).toBe('live');
    const pdf: Reply = { status: 200, headers: [['Content-Type', 'application/pdf']], body: '404' };
    expect(webLiveness(await exchange(pdf), ARTICLE).verdict).toBe('live');
  });
});
