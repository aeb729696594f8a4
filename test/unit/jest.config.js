module.exports = require('../support/jest-node')('unit');
