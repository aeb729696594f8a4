/**
 * Webpack loader: compiles TypeScript/TSX/JS with @swc/core (React automatic runtime).
 *
 * Used by config/index.ts in place of babel-loader only when babel-preset-taro cannot load because its
 * peer dependency @babel/preset-react is not installed. Output keeps ES modules so webpack still
 * tree-shakes; the target matches what the WeChat base library and current browsers run.
 */
const path = require('path');
const swc = require('@swc/core');

module.exports = function swcLoader(source, inputSourceMap) {
  const callback = this.async();
  const filename = this.resourcePath;
  const ext = path.extname(filename);
  const isTs = ext === '.ts' || ext === '.tsx' || ext === '.mts' || ext === '.cts';
  const parser = isTs
    ? { syntax: 'typescript', tsx: ext === '.tsx', decorators: true }
    : { syntax: 'ecmascript', jsx: ext === '.jsx' || ext === '.js', decorators: true };
  swc
    .transform(source, {
      filename,
      sourceMaps: this.sourceMap,
      inputSourceMap: typeof inputSourceMap === 'string' ? inputSourceMap : inputSourceMap ? JSON.stringify(inputSourceMap) : undefined,
      swcrc: false,
      configFile: false,
      jsc: {
        parser,
        target: 'es2017',
        loose: false,
        externalHelpers: false,
        transform: {
          react: { runtime: 'automatic', importSource: 'react', development: false, refresh: false },
        },
      },
      module: { type: 'es6' },
    })
    .then(
      (out) => callback(null, out.code, out.map ? JSON.parse(out.map) : undefined),
      (err) => callback(err),
    );
};
