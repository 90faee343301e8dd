/**
 * Canonical JSON, the form every hashed or signed JSON of a binder takes (RFC 8785 in practice for our data):
 * object keys sorted by UTF-16 code units, no whitespace, strings and numbers as JSON.stringify writes them,
 * `undefined` members left out. The same value always gives the same bytes, on any machine.
 */
export const canonicalJson = (value: unknown): string => {
  const text = write(value);
  if (text === undefined) throw new TypeError('Canonical JSON: the value has no JSON form');
  return text;
};

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
