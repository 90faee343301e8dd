import { features } from './features';
import type { commonMessages } from './locales/common';
import { startI18n } from './locales/startI18n';

type UnionToIntersection<Union> = (Union extends unknown ? (from: Union) => void : never) extends (
  from: infer Intersection,
) => void
  ? Intersection
  : never;

/** All messages: the frame's and every feature's; features may add keys to shared sections (`errors`). */
type AppMessages = typeof commonMessages.fr &
  UnionToIntersection<(typeof features)[number]['messages']['fr']>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: AppMessages };
  }
}

startI18n(features.map((feature) => feature.messages));
