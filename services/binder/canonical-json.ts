/**
 * Canonical JSON, the form every hashed or signed JSON of a binder takes (RFC 8785 in practice for our data):
 * object keys sorted by UTF-16 code units, no whitespace, strings and numbers as JSON.stringify writes them,
 * `undefined` members left out. The same value always gives the same bytes, on any machine.
 *
 * It runs for every event of a binder, so it lets the engine's JSON.stringify do the writing, handing it each
 * object with its keys in order (a copy when they are not). An object whose keys look like array indexes cannot be
 * reordered that way (the engine lists such keys first, by number): a value holding one is written member by
 * member instead, the slower way to the same bytes.
 */
export const canonicalJson = (value: unknown): string => {
  let indexKeys = false;
  const text = JSON.stringify(value, (_key, member: unknown) => {
    if (typeof member === 'number' && !Number.isFinite(member)) {
      throw new TypeError(`Canonical JSON: ${member} has no JSON form`);
    }
    if (member === null || typeof member !== 'object' || Array.isArray(member) || indexKeys) return member;
    const keys = Object.keys(member);
    let ordered = true;
    for (let i = 1; i < keys.length; i++) {
      if ((keys[i - 1] as string) > (keys[i] as string)) {
        ordered = false;
        break;
      }
    }
    if (ordered) return member;
    if (keys.some(isIndexKey)) {
      indexKeys = true;
      return member;
    }
    const copy: Record<string, unknown> = {};
    for (const key of keys.sort()) copy[key] = (member as Record<string, unknown>)[key];
    return copy;
  }) as string | undefined;
  const canonical = indexKeys ? write(value) : text;
  if (canonical === undefined) throw new TypeError('Canonical JSON: the value has no JSON form');
  return canonical;
};

/** A key the engine lists before the others, in numeric order: "0", "7", "42" (an array index). */
const isIndexKey = (key: string): boolean => /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 2 ** 32 - 1;

const write = (value: unknown): string | undefined => {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`Canonical JSON: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('Canonical JSON: a bigint has no JSON form');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  const object = value as { toJSON?: () => unknown };
  if (typeof object.toJSON === 'function') return write(object.toJSON());
  // Strings built by concatenation, not arrays joined: this runs for every event of a binder.
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += `${i === 0 ? '' : ','}${write(value[i]) ?? 'null'}`;
    return `${text}]`;
  }
  const keys = Object.keys(value as object);
  if (keys.length > 1) keys.sort();
  let text = '{';
  for (const key of keys) {
    const member = write((value as Record<string, unknown>)[key]);
    if (member !== undefined) text += `${text.length === 1 ? '' : ','}${JSON.stringify(key)}:${member}`;
  }
  return `${text}}`;
};
