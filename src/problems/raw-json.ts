/**
 * The exact source text of the members of a JSON object or the elements of a JSON array, without
 * parsing the values: EvalPlus inputs hold integers beyond 2^53 that a JavaScript number would round,
 * so they travel as their text and Python reads them. Assumes valid JSON (the caller parsed it once).
 */

/** Index just past the JSON value starting at `i` (whitespace before it skipped). */
function skipJsonValue(text: string, i: number): number {
  i = skipSpace(text, i);
  const c = text[i];
  if (c === '"') return skipJsonString(text, i);
  if (c === '[' || c === '{') {
    let depth = 0;
    for (; i < text.length; i++) {
      const d = text[i];
      if (d === '"') {
        i = skipJsonString(text, i) - 1;
      } else if (d === '[' || d === '{') depth++;
      else if (d === ']' || d === '}') {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    throw new Error('unterminated JSON container');
  }
  while (i < text.length && !',]} \t\r\n'.includes(text[i])) i++;
  return i;
}

function skipJsonString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++;
    else if (text[j] === '"') return j + 1;
  }
  throw new Error('unterminated JSON string');
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  return i;
}

/** The exact source text of each member of a top-level JSON object, by key. */
export function rawJsonMembers(text: string): Map<string, string> {
  const members = new Map<string, string>();
  let i = skipSpace(text, 0);
  if (text[i] !== '{') throw new Error('not a JSON object');
  i = skipSpace(text, i + 1);
  if (text[i] === '}') return members;
  for (;;) {
    const keyEnd = skipJsonString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text[i] !== ':') throw new Error(`expected ":" after key ${JSON.stringify(key)}`);
    const start = skipSpace(text, i + 1);
    const end = skipJsonValue(text, start);
    members.set(key, text.slice(start, end));
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (text[i] === '}') return members;
    else throw new Error(`expected "," or "}" after member ${JSON.stringify(key)}`);
  }
}

/** The exact source text of each element of a JSON array text. */
export function rawJsonElements(text: string): string[] {
  const out: string[] = [];
  let i = skipSpace(text, 0);
  if (text[i] !== '[') throw new Error('not a JSON array');
  i = skipSpace(text, i + 1);
  if (text[i] === ']') return out;
  for (;;) {
    const end = skipJsonValue(text, i);
    out.push(text.slice(i, end));
    i = skipSpace(text, end);
    if (text[i] === ',') i = skipSpace(text, i + 1);
    else if (text[i] === ']') return out;
    else throw new Error('expected "," or "]" in array');
  }
}

