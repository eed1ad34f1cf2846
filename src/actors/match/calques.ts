import { skeletonKey } from '../../text/name-skeleton.js';

/**
 * Translations (calques) of the words that militant and political group names are built from,
 * so that "Hizbullah Brigades" meets "Kata'ib Hizballah" and "League of the Righteous" meets
 * "Asa'ib Ahl al-Haq" even when the registry lacks that exact alias. Each entry is an Arabic word
 * and the English and French words news and designation lists translate it with; the Arabic
 * word's consonant skeleton is the shared key (so Kata'ib, Kataeb and كتائب need no entry of
 * their own). Sources: the translations the OFAC, UN and EU lists themselves give for group
 * names ("KATA'IB HIZBALLAH (a.k.a. HIZBALLAH BRIGADES)", "ASA'IB AHL AL-HAQ (a.k.a. LEAGUE OF
 * THE RIGHTEOUS)", "AL-QA'IDA (a.k.a. THE BASE)") and standard dictionaries.
 *
 * Words that mean the same but share no skeleton with a different word are safe here; a
 * translation is matched with a lower similarity than a spelling, and `why` says "translation".
 */
const ENTRIES: ReadonlyArray<readonly [arabic: string, translations: readonly string[]]> = [
  ['كتائب', ['brigades', 'battalions', 'phalanges']],
  ['لواء', ['brigade', 'banner']],
  ['سرايا', ['companies', 'detachments', 'squadrons']],
  ['جيش', ['army', 'armee']],
  ['حركة', ['movement', 'mouvement']],
  ['جبهة', ['front']],
  ['حزب', ['party', 'parti']],
  ['أنصار', ['supporters', 'partisans', 'helpers']],
  ['عصائب', ['league', 'leagues', 'ligue']],
  ['أهل', ['people', 'peuple']],
  ['الحق', ['righteous', 'truth']],
  ['دولة', ['state', 'etat']],
  ['إسلامية', ['islamic', 'islamique', 'islamischer', 'islamische']],
  ['مقاومة', ['resistance']],
  ['تنظيم', ['organization', 'organisation']],
  ['جماعة', ['group', 'groupe', 'congregation']],
  ['قاعدة', ['base']],
  ['شهداء', ['martyrs', 'martyr']],
  ['حرس', ['guard', 'guards', 'guardians', 'garde', 'gardiens']],
  ['قوات', ['forces', 'force']],
  ['حشد', ['mobilization', 'mobilisation']],
  ['وحدات', ['units', 'unites']],
  ['مجلس', ['council', 'conseil']],
  ['ثورية', ['revolutionary', 'revolutionnaire', 'revolution']],
  ['عراقي', ['iraqi', 'irakien', 'irakienne', 'irakische', 'irakischen', 'iraki']],
  ['لبناني', ['lebanese', 'libanais', 'libanaise']],
  ['إيراني', ['iranian', 'iranien', 'iranienne']],
  ['سوري', ['syrian', 'syrien', 'syrienne']],
  ['فلسطيني', ['palestinian', 'palestinien', 'palestinienne']],
  ['يمني', ['yemeni', 'yemenite']],
  ['أفغاني', ['afghan', 'afghane']],
  ['باكستاني', ['pakistani', 'pakistanais']],
];

const BY_WORD: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const [arabic, translations] of ENTRIES) {
    const key = skeletonKey(arabic);
    for (const t of translations) m.set(t, key);
  }
  return m;
})();

/** The skeleton key of the Arabic word a normalized Latin word translates, or undefined. */
export function calqueKey(normalizedWord: string): string | undefined {
  return BY_WORD.get(normalizedWord);
}
