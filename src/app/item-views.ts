import { SECOND_OPINION_STAGE, storedSecondOpinionSchema } from '../analyze/threat-second-opinion.runner.js';
import { mentionsOfItems } from '../store/actor-query.repository.js';
import { stageOutputsOfItems } from '../store/stage-result.repository.js';
import type { Db } from '../store/database.js';
import type { StoredItem } from '../store/item.repository.js';
import { labelsOfItems, threatsOfItems } from '../store/threat-label.repository.js';
import { translationsOfItems } from '../store/translation.repository.js';
import { eventsOfItems } from './events.service.js';
import { type ItemView, presentItem } from './item.presenter.js';

/**
 * Presents a page of items with everything the views show beside the item itself (translation,
 * mentions, threat assessment, labels and second opinion), each loaded for the whole page in one query.
 */
export async function presentItems(db: Db, items: readonly StoredItem[], targetLang: string): Promise<ItemView[]> {
  const ids = items.map((i) => i.id);
  const [translations, mentions, threats, labels, seconds, events] = await Promise.all([
    translationsOfItems(db, ids, targetLang),
    mentionsOfItems(db, ids),
    threatsOfItems(db, ids),
    labelsOfItems(db, ids),
    stageOutputsOfItems(db, ids, SECOND_OPINION_STAGE.name),
    eventsOfItems(db, ids),
  ]);
  return items.map((i) => {
    const second = storedSecondOpinionSchema.safeParse(seconds.get(i.id));
    return presentItem(i, translations.get(i.id), mentions.get(i.id), {
      assessment: threats.get(i.id),
      labels: labels.get(i.id),
      secondOpinion: second.success ? second.data : null,
      event: events.get(i.id) ?? null,
    });
  });
}
