module.exports = require('../support/jest-node')('functions');
