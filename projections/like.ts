/** An ILIKE pattern finding `text` anywhere, its `%`, `_` and `\` taken literally (PostgreSQL's default escape). */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
