/**
 * Every CSS selector and class name the Telegram web-preview parser reads, in one table: when
 * Telegram changes its markup, this is the one place to edit. Facts behind each entry are in
 * `shared/design/COLLECTION.md` §1.2–1.9 (t.me/s pages, message blocks, media, states).
 */
export const SEL = {
  // ── page skeleton of t.me/s/<channel> ─────────────────────────────────────────────────────
  history: '.tgme_channel_history',
  channelInfo: '.tgme_channel_info',
  channelTitle: '.tgme_channel_info_header_title',
  channelUsernameLink: '.tgme_channel_info_header_username a[href]',
  channelPhoto: '.tgme_channel_info_header .tgme_page_photo_image img[src]',
  channelVerified: '.tgme_channel_info_header_labels .verified-icon',
  channelCounter: '.tgme_channel_info_counter',
  counterValue: '.counter_value',
  counterType: '.counter_type',
  channelDescription: '.tgme_channel_info_description',
  headerCounter: '.tgme_header_counter',
  /** Older-page cursor, first choice (`href="/s/<name>?before=N"`). Never `rel=canonical`: it is the page itself. */
  prevLink: 'link[rel="prev"][href]',
  /** Older-page cursor, second choice. */
  moreBefore: 'a.tme_messages_more[data-before]',
  /** "No posts found": served for zero search hits AND when throttled. */
  noMessages: '.tme_no_messages_found',
  ogTitle: 'meta[property="og:title"]',
  ogDescription: 'meta[property="og:description"]',
  ogImage: 'meta[property="og:image"]',
  title: 'title',

  // ── landing card t.me/<name> (where unknown usernames and groups are redirected) ──────────
  landingPage: '.tgme_page',
  landingWrap: '.tgme_page_wrap',
  landingTitle: '.tgme_page_title',
  landingExtra: '.tgme_page_extra',
  landingDescription: '.tgme_page_description',
  landingPhoto: 'img.tgme_page_photo_image[src]',

  // ── one message block ─────────────────────────────────────────────────────────────────────
  /** Every block; the ones without `data-post` are not messages ("load more", errors). */
  message: '.tgme_widget_message',
  /** Class on the message div of service messages ("Channel created", pins). Not `text_not_supported_wrap`. */
  serviceClass: 'service_message',
  bubble: 'tgme_widget_message_bubble',
  ownerName: '.tgme_widget_message_owner_name',
  messageUserPhoto: '.tgme_widget_message_user img[src]',
  /** Sender name on group embeds and the actor inside pinned-service texts. */
  authorName: 'tgme_widget_message_author_name',
  signature: '.tgme_widget_message_from_author',
  /** The post body. Its twin inside a reply block has `js-message_reply_text` instead. */
  text: '.js-message_text',
  replyTextClass: 'js-message_reply_text',
  date: 'a.tgme_widget_message_date',
  time: 'time[datetime]',
  views: '.tgme_widget_message_views',
  meta: '.tgme_widget_message_meta',
  forwarded: '.tgme_widget_message_forwarded_from',
  forwardedName: '.tgme_widget_message_forwarded_from_name',
  forwardedAuthor: '.tgme_widget_message_forwarded_from_author',
  /** Reply block (an `a[href=…/<id>]`, or a div when the replied-to post is gone). */
  replyClass: 'tgme_widget_message_reply',
  replyAuthor: '.tgme_widget_message_author_name',
  replyText: '.js-message_reply_text, .tgme_widget_message_metatext',
  viaBot: '.tgme_widget_message_via_bot',
  reactions: '.tgme_widget_message_reactions .tgme_reaction',
  reactionPaidClass: 'tgme_reaction_paid',
  emojiChar: 'i.emoji b',
  customEmoji: 'tg-emoji[emoji-id]',
  inlineButton: '.tgme_widget_message_inline_button_text',
  /** A whole-message "Please open Telegram to view this post", when a direct child of the bubble. */
  notSupportedWrap: 'message_media_not_supported_wrap',
  notSupportedLabel: '.message_media_not_supported_label',
  supportedCont: '.media_supported_cont',
  /** Pinned-message service text: the quoted text of the pinned post. */
  serviceStrong: '.tgme_widget_service_strong_text',
  servicePhoto: '.tgme_widget_message_service_photo',

  // ── media ─────────────────────────────────────────────────────────────────────────────────
  groupedSingle: '.tgme_widget_message_grouped_wrap a[href]',
  photo: 'a.tgme_widget_message_photo_wrap',
  video: '.tgme_widget_message_video_player',
  videoThumb: '.tgme_widget_message_video_thumb',
  videoSrc: 'video[src]',
  videoDuration: '.message_video_duration',
  videoPlay: '.message_video_play',
  roundVideo: '.tgme_widget_message_roundvideo_player',
  roundVideoThumb: '.tgme_widget_message_roundvideo_thumb',
  roundVideoDuration: '.tgme_widget_message_roundvideo_duration',
  voice: '.tgme_widget_message_voice_player',
  voiceAudio: 'audio[src]',
  voiceDuration: '.tgme_widget_message_voice_duration',
  document: '.tgme_widget_message_document_wrap',
  documentTitle: '.tgme_widget_message_document_title',
  documentAudioClass: 'audio',
  sticker: '.tgme_widget_message_sticker_wrap',
  stickerImage: '.tgme_widget_message_sticker[data-webp]',
  stickerAnimated: 'source[type="application/x-tgsticker"][srcset]',
  stickerVideo: '.js-videosticker_video[src], video[src]',
  location: 'a.tgme_widget_message_location_wrap',
  locationTitle: '.tgme_widget_message_location_title',
  locationAddress: '.tgme_widget_message_location_address',
  contact: '.tgme_widget_message_contact_wrap',
  contactName: '.tgme_widget_message_contact_name',
  poll: '.tgme_widget_message_poll',
  pollQuestion: '.tgme_widget_message_poll_question',
  pollType: '.tgme_widget_message_poll_type',
  pollOption: '.tgme_widget_message_poll_option',
  pollOptionText: '.tgme_widget_message_poll_option_text',
  pollOptionPercent: '.tgme_widget_message_poll_option_percent',
  pollVoters: '.tgme_widget_message_voters',
  linkPreview: 'a.tgme_widget_message_link_preview',
  linkPreviewSite: '.link_preview_site_name',
  linkPreviewTitle: '.link_preview_title',
  linkPreviewDescription: '.link_preview_description',
  linkPreviewImage: '.link_preview_image, .link_preview_right_image, .link_preview_video_thumb',

  // ── single-post embed t.me/<name>/<id>?embed=1 ────────────────────────────────────────────
  embedErrorMessage: '.err_message',
  embedError: '.tgme_widget_message_error',
} as const;

/** Marks of a Cloudflare-style interstitial; trusted only when no Telegram structure is present. */
export const CHALLENGE_MARKERS = ['cdn-cgi/challenge-platform', 'cf_chl_opt', 'cf-browser-verification', 'challenge-form'] as const;

/** Any of these means the page is Telegram's own markup (channel page, landing card, embed). */
export const TGME_STRUCTURE = [
  SEL.history, SEL.channelInfo, SEL.landingWrap, SEL.landingPage, '[data-post]', SEL.message, SEL.noMessages,
].join(', ');
