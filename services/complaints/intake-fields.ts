import { z } from 'zod';
import { optionalText, text } from '../kernel/validation';
import { COMPLAINANT_GROUPS } from './events';

export const longText = (max: number) => text(max);

/** What a complaint says, whoever files it (the public page leaves out the channel, the date and the owner). */
export const intakeFields = {
  group: z.enum(COMPLAINANT_GROUPS),
  anonymous: z.boolean(),
  name: optionalText(200),
  email: z
    .string()
    .trim()
    .email()
    .max(254)
    .nullish()
    .transform((value) => value ?? null),
  phone: optionalText(40),
  site: optionalText(200),
  text: longText(10_000),
};
