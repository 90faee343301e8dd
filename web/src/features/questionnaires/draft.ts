import type { Audience, QuestionKind, QuestionPurpose } from '../../data/graphql';
import type { QuestionnaireContentView } from './questionnaires';

/** A text being edited: both languages as typed (empty English: the French shows). */
export interface DraftText {
  fr: string;
  en: string;
}

export interface DraftOption {
  id: string;
  label: DraftText;
}

export interface DraftQuestion {
  id: string;
  kind: QuestionKind;
  purpose: QuestionPurpose;
  required: boolean;
  label: DraftText;
  help: DraftText;
  options: DraftOption[];
}

export interface Draft {
  title: DraftText;
  introduction: DraftText;
  audience: Audience;
  questions: DraftQuestion[];
}

export const CHOICE_KINDS: readonly QuestionKind[] = ['single_choice', 'multiple_choice'];

const draftText = (text: { fr: string; en: string | null } | null): DraftText => ({
  fr: text?.fr ?? '',
  en: text?.en ?? '',
});

/** An id for a new question or choice: short, lower case, unlikely to repeat within a questionnaire. */
export const newSlug = (prefix: 'q' | 'o') => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

export const newOption = (): DraftOption => ({ id: newSlug('o'), label: { fr: '', en: '' } });

export const newQuestion = (): DraftQuestion => ({
  id: newSlug('q'),
  kind: 'rating',
  purpose: 'satisfaction',
  required: true,
  label: { fr: '', en: '' },
  help: { fr: '', en: '' },
  options: [],
});

export const toDraft = (content: QuestionnaireContentView): Draft => ({
  title: draftText(content.title),
  introduction: draftText(content.introduction),
  audience: content.audience,
  questions: content.questions.map((question) => ({
    id: question.id,
    kind: question.kind,
    purpose: question.purpose,
    required: question.required,
    label: draftText(question.label),
    help: draftText(question.help),
    options: question.options.map((option) => ({ id: option.id, label: draftText(option.label) })),
  })),
});

const localised = (text: DraftText) => ({ fr: text.fr.trim(), en: text.en.trim() || null });
const optionalLocalised = (text: DraftText) => (text.fr.trim() ? localised(text) : null);

/** What the server is sent, and the preview shows: trimmed, empty English as null, choices only where asked. */
export const toContent = (draft: Draft): QuestionnaireContentView => ({
  title: localised(draft.title),
  introduction: optionalLocalised(draft.introduction),
  audience: draft.audience,
  questions: draft.questions.map((question) => ({
    id: question.id,
    kind: question.kind,
    purpose: question.kind === 'nps' ? 'satisfaction' : question.purpose,
    required: question.required,
    label: localised(question.label),
    help: optionalLocalised(question.help),
    options: CHOICE_KINDS.includes(question.kind)
      ? question.options.map((option) => ({ id: option.id, label: localised(option.label) }))
      : [],
  })),
});

/** The draft's missing French texts, by input id, before anything is sent. */
export const missingTexts = (draft: Draft): string[] => {
  const missing: string[] = [];
  if (!draft.title.fr.trim()) missing.push('questionnaire-title-fr');
  draft.questions.forEach((question, index) => {
    if (!question.label.fr.trim()) missing.push(`question-${index}-label-fr`);
    if (!CHOICE_KINDS.includes(question.kind)) return;
    question.options.forEach((option, optionIndex) => {
      if (!option.label.fr.trim()) missing.push(`question-${index}-option-${optionIndex}-fr`);
    });
  });
  return missing;
};
