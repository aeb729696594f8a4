/**
 * miniprogram-simulate tests: the COMPILED weapp pages (dist/weapp) rendered by j-component with the
 * official WXML compiler. Build first: npm run build:weapp (scripts/test.mjs does).
 */
const path = require('path');

module.exports = {
  displayName: 'simulate',
  rootDir: path.resolve(__dirname, '../..'),
  // jsdom, plus the emulator for files that ask for it (@strive-emulator).
  testEnvironment: '<rootDir>/test/simulate/environment.ts',
  testMatch: ['<rootDir>/test/simulate/**/*.test.ts'],
  transform: { '^.+\\.tsx?$': ['@swc/jest', { jsc: { target: 'es2021', parser: { syntax: 'typescript' } } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
};
