/** Messages of one part of the app, in sections of keys (`errors.rate_limited`). French is the source. */
export type MessageSections = Record<string, Record<string, string>>;

/** The messages of a French fragment in another language: the same sections and keys, any text. */
type Translation<French extends MessageSections> = {
  [Section in keyof French]: { [Key in keyof French[Section]]: string };
};

/** A fragment of messages in every language of the app. */
export interface Messages<French extends MessageSections> {
  fr: French;
  en: Translation<French>;
}

/**
 * The app's messages from its fragments, merged section by section: features may add keys to a shared section
 * (`errors`). A key defined twice would be silently overwritten; a test forbids it.
 */
export function mergeMessages(fragments: readonly MessageSections[]): MessageSections {
  const merged: MessageSections = {};
  for (const fragment of fragments) {
    for (const [section, keys] of Object.entries(fragment)) merged[section] = { ...merged[section], ...keys };
  }
  return merged;
}
