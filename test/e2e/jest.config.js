module.exports = require('../support/jest-node')('e2e', { setupFilesAfterEnv: ['<rootDir>/test/e2e/setup.ts'] });
