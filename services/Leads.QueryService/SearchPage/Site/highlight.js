// Which part of a matched value the query matched, as [start, end) ranges, for <mark>.

const fold = (text) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Ranges of value to mark for a hit found by query in field (MATCHED_FIELD_NAME | _EMAIL | _PHONE). */
export function matchRanges(value, query, field) {
  if (!value) {
    return [];
  }
  if (field === 'MATCHED_FIELD_EMAIL') {
    return [[0, value.length]];
  }
  if (field === 'MATCHED_FIELD_PHONE') {
    return phoneRanges(value, query);
  }
  return nameRanges(value, query);
}

// The query's digits as they appear in the value, separators in between included.
function phoneRanges(value, query) {
  const wanted = query.replace(/\D/g, '');
  if (!wanted) {
    return [];
  }
  const digitsAt = [];
  for (let i = 0; i < value.length; i++) {
    if (value[i] >= '0' && value[i] <= '9') {
      digitsAt.push(i);
    }
  }
  const digits = digitsAt.map((i) => value[i]).join('');
  const found = digits.indexOf(wanted);
  return found < 0 ? [] : [[digitsAt[found], digitsAt[found + wanted.length - 1] + 1]];
}

// Every word of the value that starts with a word of the query (case- and accent-insensitive): its matching prefix.
function nameRanges(value, query) {
  const terms = fold(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const ranges = [];
  for (const word of value.matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
    const folded = fold(word[0]);
    const longest = terms.filter((t) => folded.startsWith(t)).reduce((a, t) => Math.max(a, t.length), 0);
    if (longest > 0) {
      ranges.push([word.index, word.index + prefixLength(word[0], longest)]);
    }
  }
  return ranges;
}

// How many characters of word fold to the first n folded characters.
function prefixLength(word, n) {
  let length = 0;
  let folded = 0;
  for (const ch of word) {
    if (folded >= n) {
      break;
    }
    folded += fold(ch).length;
    length += ch.length;
  }
  return length;
}

/** value as text nodes with the ranges wrapped in <mark>. */
export function highlighted(el, value, ranges) {
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (start > at) {
      parts.push(value.slice(at, start));
    }
    parts.push(el('mark', null, value.slice(start, end)));
    at = end;
  }
  if (at < value.length) {
    parts.push(value.slice(at));
  }
  return parts;
}
