/** Text a spreadsheet must show as text, never run (OWASP "CSV injection"): a leading apostrophe makes it plain text. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** The one neutraliser of every export; free of exceljs so a function that only sometimes exports loads it cheaply. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
