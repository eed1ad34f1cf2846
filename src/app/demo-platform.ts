import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { channelPageHtml, embedHtml, postNotFoundHtml, type PreviewChannel, type PreviewPost } from './telegram-preview-html.js';

/** A local stand-in for t.me serving one channel's web preview, for the offline demo. */
export interface DemoPlatform {
  /** Base URL (`RASAD_TELEGRAM_WEB_URL` for the collector). */
  url: string;
  post(post: PreviewPost): void;
  edit(id: number, text: string): void;
  remove(id: number): void;
  close(): Promise<void>;
}

/** Serves `/s/<channel>` (with `?before=`) and `/<channel>/<id>?embed=1` on 127.0.0.1. */
export async function startDemoPlatform(channel: PreviewChannel): Promise<DemoPlatform> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://local');
    const page = /^\/s\/([A-Za-z0-9_]+)$/.exec(url.pathname);
    const single = /^\/([A-Za-z0-9_]+)\/(\d+)$/.exec(url.pathname);
    const send = (status: number, body: string, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(body);
    };
    if (page && page[1]?.toLowerCase() === channel.handle.toLowerCase()) {
      const before = url.searchParams.get('before');
      return send(200, channelPageHtml(channel, before ? Number(before) : null));
    }
    if (single && single[1]?.toLowerCase() === channel.handle.toLowerCase()) {
      const post = channel.posts.find((p) => p.id === Number(single[2]));
      return send(200, post ? embedHtml(channel, post) : postNotFoundHtml());
    }
    return send(404, '<html><body>Not found</body></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    post: (p) => void channel.posts.push(p),
    edit(id, text) {
      const p = channel.posts.find((x) => x.id === id);
      if (p) Object.assign(p, { text, edited: true });
    },
    remove(id) {
      channel.posts = channel.posts.filter((p) => p.id !== id);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
