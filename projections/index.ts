import { feedbackEvidence } from '../services/feedback/events';
import { trainingEvidence } from '../services/training/events';
import { evidenceProjection } from './evidence/projection';
import { feedbackProjection } from './feedback/projection';
import { organisationsProjection } from './organisations/projection';
import type { Projection } from './runner/projection';
import { trainingProjection } from './training/projection';

/** Every read model the application runs. A new slice adds its projection and evidence declarations here. */
export const allProjections: readonly Projection[] = [
  organisationsProjection,
  trainingProjection,
  feedbackProjection,
  evidenceProjection({ ...trainingEvidence, ...feedbackEvidence }),
];
