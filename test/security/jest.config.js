module.exports = require('../support/jest-node')('security', { setupFilesAfterEnv: ['<rootDir>/test/functions/setup.ts'] });
