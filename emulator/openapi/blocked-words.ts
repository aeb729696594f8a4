import fs from 'fs';
import path from 'path';

export const DEFAULT_BLOCKED_WORDS_FILE = path.join(__dirname, 'blocked-words.txt');

/** One word a line; blank lines and `#` comments are skipped. */
export function readBlockedWords(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

export function findBlockedWord(content: string, words: string[]): string | null {
  const text = content.toLowerCase();
  return words.find((w) => text.includes(w.toLowerCase())) ?? null;
}
