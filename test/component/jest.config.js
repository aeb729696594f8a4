/** Component tests: React pages and components in jsdom, Taro mapped to its React build and a small shim. */
const path = require('path');

const swcTs = [
  '@swc/jest',
  { jsc: { target: 'es2021', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } } },
];
const swcJs = [
  '@swc/jest',
  { jsc: { target: 'es2021', parser: { syntax: 'ecmascript', jsx: true }, transform: { react: { runtime: 'automatic' } } } },
];

module.exports = {
  displayName: 'component',
  rootDir: path.resolve(__dirname, '../..'),
  testEnvironment: '<rootDir>/test/component/environment.js',
  testMatch: ['<rootDir>/test/component/**/*.test.ts?(x)'],
  setupFiles: ['<rootDir>/test/component/setup.ts'],
  transform: { '^.+\\.tsx?$': swcTs, '^.+\\.m?jsx?$': swcJs },
  // Taro's React components and NutUI ship ES modules (with ESM deps nested inside their folders).
  transformIgnorePatterns: ['^(?!.*/node_modules/(@tarojs|@nutui|@stencil|swiper|ssr-window|dom7)/).*/node_modules/'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
  moduleNameMapper: {
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '<rootDir>/test/component/taro-shim.ts',
    '^@/(.*)$': '<rootDir>/src/$1',
    '^@contract/(.*)$': '<rootDir>/types/$1',
    '\\.(css|scss|sass|less)$': '<rootDir>/test/component/style-stub.js',
    '\\.(png|jpe?g|gif|svg)$': '<rootDir>/test/component/style-stub.js',
  },
};
