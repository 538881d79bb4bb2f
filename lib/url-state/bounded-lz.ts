/**
 * lz-string's `decompressFromEncodedURIComponent`, with a bound on what it may produce.
 *
 * A link is untrusted input, and LZ output grows quadratically with its input: a 15 KB `z=`
 * decompresses to 30 M characters through the library, which has no limit. This is the
 * library's algorithm (lz-string 1.5.0, MIT) with one change: it gives up, returning null, as
 * soon as the output would pass `maxChars`. The links themselves are still written by
 * lz-string's `compressToEncodedURIComponent`; a test round-trips the two.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE_OF = new Map([...ALPHABET].map((c, i) => [c, i]));
const BITS_PER_CHAR = 6;

export function decompressBounded(input: string, maxChars: number): string | null {
  if (input === '') return null;
  // A '+' that went through form decoding arrives as a space.
  const text = input.replaceAll(' ', '+');
  const values: number[] = [];
  for (const c of text) {
    const v = VALUE_OF.get(c);
    if (v === undefined) return null;
    values.push(v);
  }

  let index = 0;
  let position = 1 << (BITS_PER_CHAR - 1);
  let value = values[0]!;
  const read = (count: number): number | null => {
    let bits = 0;
    for (let power = 1; power !== 1 << count; power <<= 1) {
      if (index >= values.length) return null;
      if (value & position) bits |= power;
      position >>= 1;
      if (position === 0) {
        position = 1 << (BITS_PER_CHAR - 1);
        index += 1;
        value = values[index] ?? 0;
      }
    }
    return bits;
  };

  const dictionary: string[] = ['', '', ''];
  let enlargeIn = 4;
  let numBits = 3;
  const literal = (kind: number | null): string | null => {
    if (kind === 0 || kind === 1) {
      const code = read(kind === 0 ? 8 : 16);
      return code === null ? null : String.fromCharCode(code);
    }
    return null;
  };

  const first = read(2);
  if (first === 2) return '';
  const c0 = literal(first);
  if (c0 === null) return null;
  dictionary.push(c0);
  let w = c0;
  const out: string[] = [c0];
  let length = c0.length;

  for (;;) {
    const code = read(numBits);
    if (code === null) return null;
    let entryIndex = code;
    if (code === 0 || code === 1) {
      const c = literal(code);
      if (c === null) return null;
      dictionary.push(c);
      entryIndex = dictionary.length - 1;
      enlargeIn -= 1;
    } else if (code === 2) {
      return out.join('');
    }
    if (enlargeIn === 0) {
      enlargeIn = 1 << numBits;
      numBits += 1;
    }
    let entry: string;
    if (entryIndex < dictionary.length && entryIndex > 2) entry = dictionary[entryIndex]!;
    else if (entryIndex === dictionary.length) entry = w + w.charAt(0);
    else return null;
    length += entry.length;
    if (length > maxChars) return null;
    out.push(entry);
    dictionary.push(w + entry.charAt(0));
    enlargeIn -= 1;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 1 << numBits;
      numBits += 1;
    }
  }
}
