import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

// Synthetic vocabulary (Arabic and English news/monitoring register; no operational content).
const AR = 'بيان المقاومة الإسلامية العراق بغداد الحكومة السفارة الذكرى الشهداء القادة الولايات المتحدة الأمريكية الفصائل الحشد الشعبي المستشارون الأمنيون حركات التحرر القناة الرسمية تلغرام تويتر الكهرباء المواطنين الانتخابات البرلمان الاقتصاد المحافظة الأمن الوطني الأحداث الأخيرة التصريحات المسؤول رسالة اليوم غدا الأسبوع نعلن نؤكد نرفض ندعو'.split(' ');
const EN = 'the statement militia Iraq Baghdad government embassy anniversary commanders United States advisers security movements channel official Telegram Twitter analysts report monitoring coverage week offer training claim denied said according to sources officials media election parliament economy province national recent events remarks today tomorrow'.split(' ');
const TASHKEEL = ['\u064e', '\u064f', '\u0650', '\u0651', ''];

/** Deterministic pseudo-random numbers (mulberry32), so every run benchmarks the same corpus. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes `n` JSONL items: 60% Arabic, 40% English; tweet-, post- and article-length texts. */
export async function writeCorpus(file: string, n: number, seed = 42): Promise<void> {
  const rand = rng(seed);
  const out = createWriteStream(file);
  const start = Date.UTC(2021, 0, 1);
  for (let i = 0; i < n; i++) {
    const arabic = rand() < 0.6;
    const words = arabic ? AR : EN;
    const r = rand();
    const length = r < 0.5 ? 12 + Math.floor(rand() * 30) : r < 0.9 ? 40 + Math.floor(rand() * 80) : 200 + Math.floor(rand() * 300);
    const parts: string[] = [];
    for (let w = 0; w < length; w++) {
      let word = words[Math.floor(rand() * words.length)] ?? '';
      if (arabic && rand() < 0.1) word += TASHKEEL[Math.floor(rand() * TASHKEEL.length)] ?? '';
      parts.push(word);
    }
    if (rand() < 0.2) parts.push(arabic ? '#العراق_أولا' : '#Iraq');
    const line = JSON.stringify({
      id: `bench-${i}`,
      platform: 'telegram',
      source: `bench-channel-${i % 50}`,
      author: `author ${i % 500}`,
      published_at: new Date(start + i * 37_000).toISOString(),
      text: parts.join(' '),
    });
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
