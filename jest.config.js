/** One jest run, one project per kind of test; each project's config sits in its folder under test/. */
const { existsSync } = require('fs');
const path = require('path');

const kinds = ['unit', 'emulator', 'functions', 'security', 'component', 'simulate', 'e2e'];

module.exports = {
  projects: kinds.map((kind) => path.join(__dirname, 'test', kind, 'jest.config.js')).filter((file) => existsSync(file)),
};
