/** One jest run, one project per kind of test (see test/README.md). */
module.exports = {
  projects: [
    '<rootDir>/test/unit/jest.config.js',
    '<rootDir>/test/emulator/jest.config.js',
    '<rootDir>/test/functions/jest.config.js',
    '<rootDir>/test/component/jest.config.js',
    '<rootDir>/test/simulate/jest.config.js',
    '<rootDir>/test/e2e/jest.config.js',
  ],
};
