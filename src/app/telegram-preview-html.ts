/**
 * Pages in the markup of Telegram's public web preview (`t.me/s/<channel>` and the single-post
 * embed), rendered from posts held in memory. They serve `rasad demo`'s local stand-in for t.me
 * (the demo runs offline) and the loopback platform server of the tests and `bench:collect`.
 * Only the structure the collector reads is reproduced; the text is whatever the caller gives.
 */

export interface PreviewPost {
  id: number;
  text: string;
  /** ISO-8601 with offset, as `<time datetime>` carries it. */
  date: string;
  views: number;
  edited?: boolean;
  forwardedFrom?: { name: string; handle: string; id: number };
  link?: string;
  /** URL of a photo shown with the post. */
  photo?: string;
}

export interface PreviewChannel {
  handle: string;
  title: string;
  /** The numeric channel id that `data-view` carries (as minus the id). */
  channelId: number;
  posts: PreviewPost[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const b64url = (s: string): string => Buffer.from(s).toString('base64url');

function messageHtml(c: PreviewChannel, p: PreviewPost): string {
  const view = b64url(JSON.stringify({ c: -c.channelId, p: p.id, t: 1_760_000_000, h: 'a1b2c3d4e5' }));
  const fwd = p.forwardedFrom
    ? `<div class="tgme_widget_message_forwarded_from accent_color">Forwarded from&nbsp;<a class="tgme_widget_message_forwarded_from_name" href="https://t.me/${p.forwardedFrom.handle}/${p.forwardedFrom.id}"><span dir="auto">${esc(p.forwardedFrom.name)}</span></a></div>`
    : '';
  const link = p.link ? ` <a href="${esc(p.link)}" target="_blank" rel="noopener">${esc(p.link)}</a>` : '';
  const photo = p.photo
    ? `<a class="tgme_widget_message_photo_wrap" href="https://t.me/${c.handle}/${p.id}" style="width:800px;background-image:url('${esc(p.photo)}')"><div class="tgme_widget_message_photo" style="padding-top:56%"></div></a>\n`
    : '';
  return `<div class="tgme_widget_message_wrap js-widget_message_wrap"><div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${c.handle}/${p.id}" data-view="${view}">
  <div class="tgme_widget_message_user"><a href="https://t.me/${c.handle}"><i class="tgme_widget_message_user_photo bgcolor1" data-content="R"></i></a></div>
  <div class="tgme_widget_message_bubble">
    <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/${c.handle}"><span dir="auto">${esc(c.title)}</span></a></div>
${fwd}${photo}<div class="tgme_widget_message_text js-message_text" dir="auto">${esc(p.text).replace(/\n/g, '<br/>')}${link}</div>
<div class="tgme_widget_message_footer compact js-message_footer">
  <div class="tgme_widget_message_info short js-message_info">
    <span class="tgme_widget_message_views">${p.views}</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta">${p.edited ? 'edited &nbsp;' : ''}<a class="tgme_widget_message_date" href="https://t.me/${c.handle}/${p.id}"><time datetime="${p.date}" class="time">${p.date.slice(11, 16)}</time></a></span>
  </div>
</div>
  </div>
</div></div>`;
}

/** A `t.me/s` page: the 20 newest posts with id < before (all when before is null), oldest first. */
export function channelPageHtml(c: PreviewChannel, before: number | null): string {
  const visible = c.posts.filter((p) => before === null || p.id < before);
  const page = visible.slice(-20);
  const oldest = page[0]?.id ?? null;
  const more = oldest !== null && oldest > 1 ? oldest : null;
  return `<!DOCTYPE html>
<html>
  <head>
    <meta charset="utf-8">
    <title>${esc(c.title)} – Telegram</title>
    <meta property="og:title" content="${esc(c.title)}">
    <meta property="og:description" content="A synthetic channel served locally by Rasad.">
    ${more ? `<link rel="prev" href="/s/${c.handle}?before=${more}">` : ''}
    <link rel="canonical" href="/s/${c.handle}${before ? `?before=${before}` : ''}">
  </head>
  <body class="widget_frame_base tgme_webpreview emoji_image thin_box_shadow tme_mode no_transitions">
<header class="tgme_header search_collapsed"><div class="tgme_container"><div class="tgme_header_right_column"><section class="tgme_right_column">
  <div class="tgme_channel_info">
    <div class="tgme_channel_info_header">
      <div class="tgme_channel_info_header_title_wrap"><div class="tgme_channel_info_header_title"><span dir="auto">${esc(c.title)}</span></div></div>
      <div class="tgme_channel_info_header_username"><a href="https://t.me/${c.handle}">@${c.handle}</a></div>
    </div>
    <div class="tgme_channel_info_counters"><div class="tgme_channel_info_counter"><span class="counter_value">1.2K</span> <span class="counter_type">subscribers</span></div></div>
    <div class="tgme_channel_info_description">A synthetic channel served locally by Rasad.</div>
  </div>
</section></div></div></header>
<main class="tgme_main" data-url="/${c.handle}">
  <div class="tgme_container">
    <section class="tgme_channel_history js-message_history">
${more ? `<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/${c.handle}?before=${more}" class="tme_messages_more js-messages_more" data-before="${more}"></a></div>` : ''}
${page.map((p) => messageHtml(c, p)).join('\n')}
    </section>
  </div>
</main>
  </body>
</html>`;
}

/** The single-post embed (`t.me/<channel>/<id>?embed=1`) of a post that exists. */
export function embedHtml(c: PreviewChannel, p: PreviewPost): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram Widget</title></head>
<body class="widget_frame_base tgme_widget body_widget_post emoji_image nodark">
${messageHtml(c, p).replace('<div class="tgme_widget_message_wrap js-widget_message_wrap">', '<div class="tgme_widget_message_wrap js-widget_message_wrap" id="widget_message">')}
</body></html>`;
}

/** The embed Telegram answers for a post that does not exist (HTTP 200, "Post not found"). */
export function postNotFoundHtml(): string {
  return `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Telegram Widget</title></head>
<body class="widget_frame_base tgme_widget body_widget_post emoji_image nodark">
<div class="tgme_widget_message_wrap js-widget_message_wrap" id="widget_message"><div class="tgme_widget_message text_not_supported_wrap err_message js-widget_message">
  <div class="tgme_widget_message_user"><i class="tgme_widget_message_user_photo" data-content="!"></i></div>
  <div class="tgme_widget_message_bubble"><div class="tgme_widget_message_error" dir="auto">Post not found</div></div>
</div></div>
</body></html>`;
}
