/** Names under which the simulate environment (environment.ts) hands things to the test sandbox. */

/** The URL of this test file's emulator (a string), when the file asked for one (@strive-emulator). */
export const EMULATOR_URL_GLOBAL = '__STRIVE_EMULATOR_URL__';
