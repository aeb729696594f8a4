module.exports = require('../support/jest-node')('emulator');
