import fs from 'fs';
import path from 'path';

/** Words that make msgSecCheck answer risky (v1: errcode 87014). */
export const DEFAULT_BLOCKED_WORDS_FILE = path.join(__dirname, 'blocked-words.txt');
/** Words that make msgSecCheck v2 answer suggest 'review' (WeChat is unsure: a person should look). */
export const DEFAULT_REVIEW_WORDS_FILE = path.join(__dirname, 'review-words.txt');

/** One word a line; blank lines and `#` comments are skipped. */
export function readBlockedWords(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

let reviewWords: string[] | null = null;

/** The review list: STRIVE_REVIEW_WORDS (a file like review-words.txt) or review-words.txt. */
export function defaultReviewWords(): string[] {
  reviewWords ??= readBlockedWords(process.env.STRIVE_REVIEW_WORDS || DEFAULT_REVIEW_WORDS_FILE);
  return reviewWords;
}

export function findBlockedWord(content: string, words: string[]): string | null {
  const text = content.toLowerCase();
  return words.find((w) => text.includes(w.toLowerCase())) ?? null;
}
