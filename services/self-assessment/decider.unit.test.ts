import { describe, expect, it } from 'vitest';
import { deciderSpec } from '../../test/support/decider-spec';
import { type SelfAssessmentCommand, selfAssessmentDecider } from './decider';
import type { SelfAssessmentEvent } from './events';
import { parseFormattedText, plainText } from './formatted-text';

const spec = deciderSpec(selfAssessmentDecider);
const APPLICABLE = [1, 2, 30, 31, 32];
const on = { indicator: 30, applicable: APPLICABLE, by: 'u1' };

const write = (text: string) => ({ type: 'WriteApproach', text, ...on }) satisfies SelfAssessmentCommand;
const written = (version: number, text: string): SelfAssessmentEvent => ({
  type: 'ApproachWritten',
  data: { indicator: 30, version, text, writtenBy: 'u1' },
});
const document = { kind: 'document', id: 'd1' } as const;
const linked: SelfAssessmentEvent = {
  type: 'SelfAssessmentEvidenceLinked',
  data: { indicator: 30, target: document, linkedBy: 'u1' },
};

describe('self-assessment decider', () => {
  it('numbers each change of the approach as a new version carrying the whole text', () => {
    spec
      .given([])
      .when(write('Nous recueillons…'))
      .thenEmits([written(1, 'Nous recueillons…')]);
    spec
      .given([written(1, 'Nous recueillons…')])
      .when(write('Nous recueillons et analysons…'))
      .thenEmits([written(2, 'Nous recueillons et analysons…')]);
  });

  it('writes no new version when the text is the same', () => {
    spec
      .given([written(1, 'Texte')])
      .when(write('Texte'))
      .thenNothing();
  });

  it('refuses an indicator that does not apply to the organisation', () => {
    spec
      .given([])
      .when({ ...write('Texte'), indicator: 13 })
      .thenRejects('indicator_not_applicable', 400);
  });

  it('links a piece of evidence once, and unlinks only what is linked', () => {
    const link = { type: 'LinkEvidence', target: document, ...on } satisfies SelfAssessmentCommand;
    const unlink = { ...link, type: 'UnlinkEvidence' } satisfies SelfAssessmentCommand;
    spec.given([]).when(link).thenEmits([linked]);
    spec.given([linked]).when(link).thenNothing();
    spec
      .given([linked])
      .when(unlink)
      .thenEmits([
        {
          type: 'SelfAssessmentEvidenceUnlinked',
          data: { indicator: 30, target: document, unlinkedBy: 'u1' },
        },
      ]);
    spec.given([]).when(unlink).thenRejects('evidence_link_not_found', 404);
  });

  it('rates with a note, and a same rating changes nothing', () => {
    const rate = {
      type: 'RateSelf',
      rating: 'partly',
      note: 'À compléter',
      ...on,
    } satisfies SelfAssessmentCommand;
    const rated: SelfAssessmentEvent = {
      type: 'SelfRated',
      data: { indicator: 30, rating: 'partly', note: 'À compléter', ratedBy: 'u1' },
    };
    spec.given([]).when(rate).thenEmits([rated]);
    spec.given([rated]).when(rate).thenNothing();
    spec
      .given([rated])
      .when({ ...rate, rating: 'conform' })
      .thenMatches([{ type: 'SelfRated', data: { rating: 'conform' } }]);
  });
});

describe('formatted text', () => {
  it('reads paragraphs, bullet lists and bold, and nothing else as markup', () => {
    const blocks = parseFormattedText(
      'Nous **recueillons** les avis.\n\n- des stagiaires\n- des <b>financeurs</b>',
    );
    expect(blocks).toEqual([
      {
        kind: 'paragraph',
        lines: [
          [
            { text: 'Nous ', bold: false },
            { text: 'recueillons', bold: true },
            { text: ' les avis.', bold: false },
          ],
        ],
      },
      {
        kind: 'list',
        items: [[{ text: 'des stagiaires', bold: false }], [{ text: 'des <b>financeurs</b>', bold: false }]],
      },
    ]);
  });

  it('keeps an unpaired ** as typed', () => {
    expect(parseFormattedText('3 ** 2')).toEqual([
      { kind: 'paragraph', lines: [[{ text: '3 ** 2', bold: false }]] },
    ]);
    expect(plainText('**A**\n- b')).toBe('A\n\n• b');
  });
});
