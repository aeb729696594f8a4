module.exports = require('../support/jest-node')('functions', { setupFilesAfterEnv: ['<rootDir>/test/functions/setup.ts'] });
