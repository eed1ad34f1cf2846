import type { RegistryActor } from '../../store/actor.repository.js';

type Alias = RegistryActor['aliases'][number];

function alias(name: string, kind = 'aka', confidence = 1): Alias {
  return { alias: name, kind, confidence, script: /[\u0600-\u06ff]/.test(name) ? 'Arab' : 'Latn' };
}

/**
 * A small synthetic registry for matcher tests: the demo's public actors as news name them, and
 * invented list entries (people with common names, decoys sharing one word) so that precision
 * and ambiguity are tested, not only recall.
 */
export function testRegistry(): RegistryActor[] {
  const actor = (id: string, kind: RegistryActor['kind'], canonical: string, aliases: Alias[], designations: string[] = [], affiliated: string[] = []): RegistryActor => ({
    id,
    kind,
    canonicalName: canonical,
    designations,
    aliases,
    affiliated,
  });
  return [
    actor('kh', 'group', "Kata'ib Hizballah", [alias('كتائب حزب الله', 'native'), alias('Kataib Hezbollah', 'romanization'), alias('Hizballah Brigades', 'calque'), alias('KH', 'acronym')], ['ofac:11462', 'rasad:kh'], ['askari']),
    actor('askari', 'person', "Abu 'Ali al-'Askari", [alias('أبو علي العسكري', 'native'), alias('Abu Ali al-Askari', 'romanization'), alias('al-Askari', 'nisba'), alias('Abu Ali', 'kunya')], ['rasad:askari'], ['kh']),
    actor('hizballah', 'group', 'Hizballah', [alias('حزب الله', 'native'), alias('Hezbollah', 'romanization'), alias('Party of God', 'calque')], ['ofac:4697']),
    actor('khazali', 'person', 'Qais al-Khazali', [alias('قيس الخزعلي', 'native'), alias('AL-KHAZALI, Qais', 'romanization')], ['ofac:28004']),
    actor('soleimani', 'person', 'Qasem Soleimani', [alias('قاسم سليماني', 'native'), alias('Qassem Soleimani')], ['ofac:10481']),
    actor('aah', 'group', "Asa'ib Ahl al-Haq", [alias('عصائب أهل الحق', 'native'), alias('AAH', 'acronym')], ['ofac:28283']),
    // invented list entries
    actor('p1', 'person', 'HADDAD, Karim Nasser', [alias('Abu Yasin al-Basri'), alias('Karim Nasir Haddad')], ['ofac:90001']),
    actor('p2', 'person', 'Muhammad Hasan Ali', [alias('Mohammed Hassan Ali')], ['un:QDi.901']),
    actor('p3', 'person', 'Muhammad Ali Farouk', [alias('Mohamed Ali Farouq')], ['un:QDi.902']),
    actor('p4', 'person', 'Ahmad Hasan Jabir', [], ['ofac:90002']),
    actor('p5', 'person', 'Ayoub Soleimani', [], ['ofac:90003']),
    actor('p6', 'person', 'Oscar Hernandez Vela', [], ['ofac:90004']),
    actor('p7', 'person', 'Salman Yusuf Souleiman', [alias('Souleiman', 'weak', 0.5)], ['un:QDi.903']),
    actor('o1', 'organization', 'Northbridge Trading Company', [alias('NTC', 'acronym')], ['ofac:90005']),
    actor('o2', 'group', 'Martyrs Brigade of the North', [], ['eu:test/1']),
  ];
}
