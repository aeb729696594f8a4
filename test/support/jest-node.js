/** Shared settings for the projects that run in Node (unit, emulator, functions, e2e). */
const path = require('path');

module.exports = function nodeProject(name, extra = {}) {
  return {
    displayName: name,
    rootDir: path.resolve(__dirname, '../..'),
    testEnvironment: 'node',
    testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
    transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2021' } }] },
    moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
    ...extra,
  };
};
