// Plain-English descriptions of the common serial formats, for messages to associates.
// Only an anchored pattern made of one character class and one count is described in
// words, for example `^[A-Z0-9]{14}$`. Anything else is quoted as it is.

// Character classes by their sorted parts. `\d` and `0-9` are the same part.
const CLASS_NAMES: Readonly<Record<string, { one: string; many: string }>> = {
  '0-9': { one: 'digit', many: 'digits' },
  'A-Z': { one: 'capital letter', many: 'capital letters' },
  'a-z': { one: 'lowercase letter', many: 'lowercase letters' },
  '0-9 A-Z': { one: 'capital letter or digit', many: 'capital letters or digits' },
  '0-9 a-z': { one: 'lowercase letter or digit', many: 'lowercase letters or digits' },
  'A-Z a-z': { one: 'letter', many: 'letters' },
  '0-9 A-Z a-z': { one: 'letter or digit', many: 'letters or digits' },
  '0-9 A-F': { one: 'digit or capital letter A-F', many: 'digits or capital letters A-F' },
  '0-9 a-f': { one: 'digit or lowercase letter a-f', many: 'digits or lowercase letters a-f' },
};

const SIMPLE_PATTERN = /^(?:\^|\\A)(\[[^\]]+\]|\\d)(\{\d+\}|\{\d+,\d*\}|\+)(?:\$|\\z)$/;
const CLASS_PART = /\\d|[0-9A-Za-z]-[0-9A-Za-z]/g;

/**
 * Describes `pattern` for a message, such as "14 capital letters or digits" for
 * `^[A-Z0-9]{14}$`. Returns `pattern "<pattern>"` when there is no short description,
 * and "any serial that is not empty" when no pattern is set.
 */
export function describeSerialPattern(pattern: string | undefined): string {
  if (pattern === undefined || pattern === '') {
    return 'any serial that is not empty';
  }

  const match = SIMPLE_PATTERN.exec(pattern);
  const names = match?.[1] === undefined ? undefined : nameCharacterClass(match[1]);
  const count = match?.[2];
  if (names === undefined || count === undefined) {
    return `pattern "${pattern}"`;
  }
  return describeCount(count, names);
}

function nameCharacterClass(characterClass: string): { one: string; many: string } | undefined {
  if (characterClass === '\\d') {
    return CLASS_NAMES['0-9'];
  }

  const inner = characterClass.slice(1, -1);
  const parts = inner.match(CLASS_PART) ?? [];
  // Anything left over, such as a `^` negation or a single extra character, has no name.
  if (parts.join('') !== inner) {
    return undefined;
  }

  const key = Array.from(new Set(parts.map((part) => (part === '\\d' ? '0-9' : part))))
    .sort()
    .join(' ');
  return CLASS_NAMES[key];
}

function describeCount(count: string, names: { one: string; many: string }): string {
  if (count === '+') {
    return `one or more ${names.many}`;
  }

  const [minText, maxText] = count.slice(1, -1).split(',');
  const min = Number(minText);
  if (maxText === undefined) {
    return `${min} ${min === 1 ? names.one : names.many}`;
  }
  if (maxText === '') {
    return `at least ${min} ${names.many}`;
  }

  const max = Number(maxText);
  if (max === min) {
    return `${min} ${min === 1 ? names.one : names.many}`;
  }
  return `${min} to ${max} ${names.many}`;
}
