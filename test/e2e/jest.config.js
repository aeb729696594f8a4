module.exports = require('../support/jest-node')('e2e', { testTimeout: 120000 });
