import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../web/src/api';
import { errorMessage, fieldErrorsFrom } from '../web/src/errorMessages';
import { features } from '../web/src/features';
import { formatDateTime, formatNumber, formatRating } from '../web/src/format';
import '../web/src/i18n';
import { commonMessages } from '../web/src/locales/common';

const NARROW_NO_BREAK_SPACE = '\u202f';
const t = i18next.getFixedT('fr');
const tEn = i18next.getFixedT('en');

describe("the web app's messages", () => {
  it('no two features define the same message key (merging would silently drop one)', () => {
    const fragments = [commonMessages, ...features.map((feature) => feature.messages)];
    for (const language of ['fr', 'en'] as const) {
      const seen = new Map<string, number>();
      for (const fragment of fragments) {
        for (const [section, keys] of Object.entries(fragment[language])) {
          for (const key of Object.keys(keys))
            seen.set(`${section}.${key}`, (seen.get(`${section}.${key}`) ?? 0) + 1);
        }
      }
      expect([...seen].filter(([, count]) => count > 1).map(([key]) => key)).toEqual([]);
    }
  });

  it('every page of the route table has a distinct path, and every navigation label is translated', () => {
    const routes = features.flatMap((feature) => feature.routes);
    expect(new Set(routes.map((route) => route.path)).size).toBe(routes.length);
    for (const route of routes.filter((candidate) => candidate.navLabel)) {
      expect(i18next.exists(route.navLabel!, { lng: 'fr' })).toBe(true);
      expect(i18next.exists(route.navLabel!, { lng: 'en' })).toBe(true);
    }
  });
});

describe('numbers and dates in French', () => {
  it('writes counts with a narrow no-break space and ratings with a decimal comma', () => {
    expect(formatNumber(18_000, 'fr')).toBe(`18${NARROW_NO_BREAK_SPACE}000`);
    expect(formatRating(4.25, 'fr')).toBe('4,3');
    expect(t('evidence.total', { count: 18_000, indicator: 30 })).toBe(
      `18${NARROW_NO_BREAK_SPACE}000 preuves pour l'indicateur 30`,
    );
    expect(t('app.ratingOutOf', { value: 4.2 })).toBe('4,2 / 5');
    expect(tEn('evidence.total', { count: 18_000, indicator: 30 })).toBe(
      '18,000 pieces of evidence for indicator 30',
    );
  });

  it('shows instants in Paris time, whatever the machine’s time zone', () => {
    // 23:30 UTC on 1 March is 00:30 on 2 March in Paris (UTC+1 in winter).
    expect(formatDateTime('2026-03-01T23:30:00Z', 'fr')).toBe('2 mars 2026, 00:30');
  });
});

describe('error messages', () => {
  it('names the organisation to contact when a link is closed, expired or full', () => {
    const closed = new ApiError(409, 'feedback_link_closed', 'closed', {
      organisationName: 'Formations Dupont',
    });
    expect(errorMessage(t, closed)).toContain('contactez Formations Dupont.');
    expect(errorMessage(tEn, closed)).toContain('contact Formations Dupont.');
    const anonymous = new ApiError(409, 'feedback_link_full', 'full');
    expect(errorMessage(t, anonymous)).toContain('votre organisme de formation');
  });

  it('says when to try again after a 503 or a 429, from details.retryAfterSeconds or Retry-After', () => {
    const unavailable = new ApiError(503, 'database_unavailable', 'down', { retryAfterSeconds: 5 });
    expect(errorMessage(t, unavailable)).toBe(
      'Le service est momentanément indisponible. Réessayez dans 5 secondes.',
    );
    const limited = new ApiError(429, 'rate_limited', 'slow down', undefined, 120);
    expect(limited.retryAfterSeconds).toBe(120);
    expect(errorMessage(tEn, limited)).toBe('Too many requests in a short time. Try again in 2 minutes.');
    const overloaded = new ApiError(503, 'overloaded', 'busy');
    expect(errorMessage(t, overloaded)).toBe(
      'Le service est très sollicité en ce moment. Réessayez dans un instant.',
    );
  });

  it('puts an invalid_characters issue on its field, in French, and keeps the rest for the form', () => {
    const refused = new ApiError(400, 'invalid_characters', 'unstorable', {
      issues: [
        {
          path: 'comment',
          message: 'Contains a character that cannot be stored',
          code: 'invalid_characters',
        },
        { path: 'other', message: 'Unknown field' },
      ],
    });
    const { fieldErrors, unmatched } = fieldErrorsFrom(t, refused, ['rating', 'comment'] as const);
    expect(fieldErrors).toEqual({ comment: t('validation.invalidCharacters') });
    expect(fieldErrors.comment).toContain('ne peut pas être enregistré');
    expect(unmatched).toBe(true);
  });
});
