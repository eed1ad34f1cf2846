import type { Evidence, ThreatAssessment } from '../../src/analyze/threat/taxonomy.js';

// Invented posts with hand-written assessments, so that review, export and UI tests do not move
// when the stage's lexicons change (measurement tests run the real stage instead).

/** An Arabic support offer against a named country, with a glossed evidence word. */
export const AR_OFFER_TEXT = 'يعلن المستشارون في سرايا الفجر استعدادهم لتدريب «حركات التحرر» داخل أمريكا.\nتابعونا';

/** An English news report of a threat. */
export const EN_REPORT_TEXT = 'A militia commander said on Telegram that his fighters "will strike the embassy" within days.';

/** The span of `part` in `text` as evidence of `rule`. */
export function evidence(text: string, part: string, rule: string, gloss?: string): Evidence {
  const start = text.indexOf(part);
  if (start < 0) throw new Error(`fixture: ${part} is not in the text`);
  return { start, end: start + part.length, text: part, rule, ...(gloss ? { gloss } : {}) };
}

/** The assessment of AR_OFFER_TEXT: a high support offer, original voice, target United States. */
export function arOfferAssessment(): ThreatAssessment {
  const t = AR_OFFER_TEXT;
  const usa = t.indexOf('أمريكا');
  return {
    score: 73,
    severity: 'high',
    is_threat: true,
    stance: 'original',
    categories: [
      {
        label: 'support_offer',
        score: 0.85,
        evidence: [
          evidence(t, 'استعدادهم', 'ar.support_offer.offer_beneficiary', 'readiness'),
          evidence(t, 'لتدريب', 'ar.support_offer.offer_beneficiary', 'training'),
          evidence(t, 'حركات التحرر', 'ar.support_offer.offer_beneficiary', 'liberation movements'),
          evidence(t, 'أمريكا', 'ar.support_offer.offer_enemy'),
        ],
      },
    ],
    targets: [{ type: 'country', name: 'United States', start: usa, end: usa + 'أمريكا'.length }],
    reported: [],
    reasons: [],
  };
}

/** The assessment of EN_REPORT_TEXT: reporting, the threat moved to `reported`. */
export function enReportAssessment(): ThreatAssessment {
  const t = EN_REPORT_TEXT;
  return {
    score: 12,
    severity: 'low',
    is_threat: false,
    stance: 'reporting',
    categories: [],
    targets: [],
    reported: [{ label: 'threat', score: 0.8, evidence: [evidence(t, 'will strike', 'en.threat.we_will_violence'), evidence(t, 'the embassy', 'en.threat.future_violence_enemy')] }],
    reasons: [{ kind: 'reporting', ...evidence(t, 'said', 'report_verb:said') }],
  };
}
