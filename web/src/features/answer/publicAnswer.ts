/**
 * The campaign survey's read, write and draft. Plain React state like the feedback form (`publicFeedback.ts`):
 * the page must stay light on a phone.
 */
import { useState } from 'react';
import { command } from '../../api';
import type { PublicOrganisation } from '../../components/PublicFrame';
import { usePublicRead } from '../../hooks/usePublicRead';
import { newSubmissionId } from '../feedback/publicFeedback';

export interface Localised {
  fr: string;
  en: string | null;
}

export type QuestionKind = 'rating' | 'nps' | 'single_choice' | 'multiple_choice' | 'yes_no' | 'free_text';

export interface SurveyQuestion {
  id: string;
  kind: QuestionKind;
  label: Localised;
  help: Localised | null;
  required: boolean;
  options: { id: string; label: Localised }[];
}

/** `GET /api/public/answers/:token`. */
export interface SurveyForm {
  organisation: PublicOrganisation;
  link: 'personal' | 'shared';
  anonymous: boolean;
  targetLabel: string;
  closesOn: string;
  questionnaire: { title: Localised; introduction: Localised | null; questions: SurveyQuestion[] };
}

/** One answer per question: a number, yes/no, an option id, option ids, or text. */
export type AnswerValue = number | boolean | string | string[];
export type Answers = Record<string, AnswerValue>;

export const TEXT_MAX_LENGTH = 2000;

export const formPath = (token: string) => `/api/public/answers/${encodeURIComponent(token)}`;

/** A text in the page's language, French where the English is missing. */
export const inLanguage = (text: Localised, language: string) =>
  language.startsWith('en') && text.en ? text.en : text.fr;

export const isAnswered = (value: AnswerValue | undefined) =>
  value !== undefined &&
  !(typeof value === 'string' && value.trim() === '') &&
  !(Array.isArray(value) && value.length === 0);

/** The survey for a link; `retry` reads it again. */
export const useSurveyForm = (token: string) => usePublicRead<SurveyForm>(formPath(token));

interface Draft {
  submissionId: string;
  answers: Answers;
}

/**
 * What the respondent has chosen and typed, kept in this browser until the answer is recorded: a network error,
 * a refusal or a closed tab never loses it, and the submission id it keeps makes a later retry the same answer.
 * Stored under a hash of the token, never the token itself.
 */
export function useDraft(token: string) {
  const [key] = useState(() => `qualiopi.survey.${hashKey(token)}`);
  const [draft, setDraft] = useState<Draft & { restored: boolean }>(() => {
    try {
      const stored = JSON.parse(localStorage.getItem(key) ?? 'null') as Draft | null;
      if (stored && typeof stored.submissionId === 'string' && typeof stored.answers === 'object') {
        return { ...stored, restored: Object.keys(stored.answers).length > 0 };
      }
    } catch {
      // Storage forbidden or unreadable: start afresh.
    }
    return { submissionId: newSubmissionId(), answers: {}, restored: false };
  });
  const save = (answers: Answers) => {
    setDraft((current) => ({ ...current, answers }));
    try {
      localStorage.setItem(key, JSON.stringify({ submissionId: draft.submissionId, answers }));
    } catch {
      // Private browsing may forbid storage: the draft then lives as long as the page.
    }
  };
  const clear = () => {
    try {
      localStorage.removeItem(key);
    } catch {
      // Nothing kept.
    }
  };
  return { ...draft, save, clear };
}

/** A short, stable, non-reversible name for a token (FNV-1a): the draft's storage key. */
function hashKey(token: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < token.length; index++) {
    hash ^= token.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}

/** Sends the answers: `pending` while they travel, `sent` once recorded; a failure goes to `onError`. */
export function useSendAnswers(token: string, onError: (error: unknown) => void, onSent: () => void) {
  const [state, setState] = useState<'idle' | 'pending' | 'sent'>('idle');
  const send = (submissionId: string, answers: Answers) => {
    setState('pending');
    command(formPath(token), { submissionId, answers }).then(
      () => {
        setState('sent');
        onSent();
      },
      (error: unknown) => {
        setState('idle');
        onError(error);
      },
    );
  };
  return { pending: state === 'pending', sent: state === 'sent', send };
}
