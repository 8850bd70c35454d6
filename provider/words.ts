// How messages name things: a noun with its article, and the name a misspelt one most likely
// meant ("did you mean POS_013?"), and the rule a schema issue states.
import type { z } from "zod";

/** "an org unit", "a user type": by the sound, so `u` of "user" and "unit" takes "a". */
export const withArticle = (noun: string): string => `${/^(?:[aeio]|u(?!s|ni))/i.test(noun) ? "an" : "a"} ${noun}`;

/** Levenshtein distance, one row at a time. */
export function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length];
}

/** Case and leading zeros of numbers aside: POS_0013 and pos_013 are one name written two ways. */
const loose = (s: string) => s.toLowerCase().replace(/\d+/g, (n) => String(Number(n)));

/**
 * The candidate `word` was most likely meant as, or undefined. One written the same but for case
 * and leading zeros wins; else the one closest by edit distance, when it is close (a quarter of
 * the word's length, at least 1, at most 3) and no other is as close: among keys numbered in
 * sequence (EMP_0001, EMP_0003) a removed EMP_0002 is near several, and none is suggested.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const unique = [...new Set(candidates)].filter((c) => c !== word);
  const same = unique.filter((c) => loose(c) === loose(word));
  if (same.length) return same.length === 1 ? same[0] : undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 4)));
  let best: string[] = [];
  let bestDistance = limit;
  for (const c of unique) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance || (d === bestDistance && !best.length)) [best, bestDistance] = [[c], d];
    else if (d === bestDistance) best.push(c);
  }
  return best.length === 1 ? best[0] : undefined;
}

const EXPECTED: Record<string, string> = { string: "a string", number: "a number", int: "an integer", boolean: "true or false", array: "a list", object: "an object" };

/**
 * The rule a schema issue states: zod's own wording ("Invalid input: expected string, received
 * number") rephrased, the schemas' messages ("must be an integer") kept. Check and the spec say it alike.
 */
export function ruleText(issue: z.core.$ZodIssue): string {
  const expected = issue.code === "invalid_type" ? issue.expected : undefined;
  return /^Invalid input/.test(issue.message) && expected ? `must be ${EXPECTED[expected] ?? expected}` : issue.message;
}
