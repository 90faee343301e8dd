import { describe, expect, it } from 'vitest';
import type { Question } from '../questionnaire/events';
import { checkAnswers } from './answers';
import { campaignLinkToken, verifyCampaignLinkToken } from './links';

const question = (id: string, kind: Question['kind'], extra: Partial<Question> = {}): Question => ({
  id,
  kind,
  label: { fr: id, en: null },
  help: null,
  required: true,
  purpose: 'satisfaction',
  options: [],
  ...extra,
});
const options = [
  { id: 'a', label: { fr: 'A', en: null } },
  { id: 'b', label: { fr: 'B', en: null } },
];
const questions = [
  question('overall', 'rating'),
  question('nps', 'nps', { required: false }),
  question('pace', 'single_choice', { options }),
  question('tools', 'multiple_choice', { options, required: false, purpose: 'learning_assessment' }),
  question('applied', 'yes_no', { required: false, purpose: 'learning_assessment' }),
  question('comment', 'free_text', { required: false }),
];

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'accepted';
};

describe('checking answers against the questionnaire version', () => {
  it('keeps closed answers, sets free text apart and names the purposes answered', () => {
    expect(
      checkAnswers(questions, { overall: 4, nps: 0, pace: 'b', tools: ['b', 'a'], comment: '  Très bien  ' }),
    ).toEqual({
      answers: { overall: 4, nps: 0, pace: 'b', tools: ['b', 'a'] },
      comments: { comment: 'Très bien' },
      commentedQuestionIds: ['comment'],
      purposes: ['learning_assessment', 'satisfaction'],
    });
    expect(checkAnswers(questions, { overall: 1, pace: 'a', comment: ' ' })).toEqual({
      answers: { overall: 1, pace: 'a' },
      comments: null,
      commentedQuestionIds: [],
      purposes: ['satisfaction'],
    });
  });

  it.each([
    ['an unknown question', { overall: 3, pace: 'a', other: 1 }, 'unknown_question'],
    ['a required question left out', { pace: 'a' }, 'answer_required'],
    ['a rating of 0', { overall: 0, pace: 'a' }, 'invalid_answer'],
    ['a rating of 3.5', { overall: 3.5, pace: 'a' }, 'invalid_answer'],
    ['an NPS of 11', { overall: 3, pace: 'a', nps: 11 }, 'invalid_answer'],
    ['a rating sent as text', { overall: '3', pace: 'a' }, 'invalid_answer'],
    ['an unknown option', { overall: 3, pace: 'c' }, 'invalid_answer'],
    ['an option twice', { overall: 3, pace: 'a', tools: ['a', 'a'] }, 'invalid_answer'],
    ['yes/no as text', { overall: 3, pace: 'a', applied: 'oui' }, 'invalid_answer'],
    ['a control character in text', { overall: 3, pace: 'a', comment: 'a\u0000b' }, 'invalid_answer'],
    ['nothing at all', {}, 'answer_required'],
  ])('refuses %s', (_, given, code) => {
    expect(codeOf(() => checkAnswers(questions, given))).toBe(code);
  });

  it('refuses an answer with nothing answered', () => {
    expect(codeOf(() => checkAnswers([question('c', 'free_text', { required: false })], {}))).toBe(
      'empty_answer',
    );
  });
});

describe('campaign link tokens', () => {
  const key = Buffer.alloc(32, 7);
  const id = '0b1c2d3e-4f50-4617-8899-aabbccddeeff';

  it('derive the same token for the same link, and check it', () => {
    const token = campaignLinkToken(key, 'personal', id);
    expect(campaignLinkToken(key, 'personal', id)).toBe(token);
    expect(verifyCampaignLinkToken(key, token)).toEqual({ kind: 'personal', id });
    expect(verifyCampaignLinkToken(key, campaignLinkToken(key, 'shared', id))).toEqual({
      kind: 'shared',
      id,
    });
    // 256 bits of secret, base64url.
    expect(token.split('.')[2]).toHaveLength(43);
  });

  it('refuse another key, another kind, an altered secret or a malformed token', () => {
    const token = campaignLinkToken(key, 'personal', id);
    expect(verifyCampaignLinkToken(Buffer.alloc(32, 8), token)).toBeUndefined();
    expect(verifyCampaignLinkToken(key, `s${token.slice(1)}`)).toBeUndefined();
    const last = token.at(-2) === 'A' ? 'B' : 'A';
    expect(verifyCampaignLinkToken(key, `${token.slice(0, -2)}${last}${token.at(-1)}`)).toBeUndefined();
    expect(verifyCampaignLinkToken(key, 'p.abc.def')).toBeUndefined();
  });
});
