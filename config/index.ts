import path from 'path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin';
import devConfig from './dev';
import prodConfig from './prod';

/** The CloudBase environment the weapp talks to; the H5 build ignores it (it calls the emulator). */
const cloudEnv = process.env.STRIVE_CLOUD_ENV || 'strive-dev';

/** The shared contract lives outside src/ and must go through the script rule too. */
const typesDir = path.resolve(__dirname, '..', 'types');

/** NutUI React Taro is drawn for a 375 design width; our own styles use 750. */
function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' && input !== null ? (input.file ?? '').replace(/\\+/g, '/') : '';
  return file.includes('@nutui') ? 375 : 750;
}

/**
 * Taro turns off most of terser's compress passes for mini-programs, writes ES5 and escapes every non-ASCII
 * character (a Han character becomes 6 bytes). The weapp's files are UTF-8, the phones run ES2017
 * (.browserslistrc), and terser's defaults are what webpack ships with; all three keep the main package within
 * its budget. The H5 build keeps Taro's settings.
 */
const weappTerser = {
  enable: true,
  config: {
    compress: {
      ecma: 2017,
      arrows: true,
      passes: 2,
      collapse_vars: true,
      comparisons: true,
      computed_props: true,
      hoist_props: true,
      inline: true,
      loops: true,
      negate_iife: true,
      properties: true,
      reduce_funcs: true,
      reduce_vars: true,
      switches: true,
      typeofs: true,
    },
    output: { ascii_only: false, ecma: 2017 },
  },
};

// https://docs.taro.zone/docs/config-detail
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'strive',
    date: '2026-11-24',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // NutUI React Taro renders HTML-ish tags inside its components.
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {
      CLOUD_ENV: JSON.stringify(cloudEnv),
      // The one test of the platform (the H5 build is local mode). A constant, so each build drops the other's code.
      IS_H5: JSON.stringify(process.env.TARO_ENV === 'h5'),
    },
    // The app imports its own code as @/… and the contract it shares with the functions (types/) as @contract/…;
    // tsconfig.json paths and test/component/jest.config.js say the same.
    alias: {
      '@': path.resolve(__dirname, '..', 'src'),
      '@contract': typesDir,
    },
    // sitemap.json is app.json's sitemapLocation: the weapp needs it beside app.json.
    copy: { patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: 'dist/weapp/sitemap.json' }] : [], options: {} },
    terser: process.env.TARO_ENV === 'weapp' ? weappTerser : undefined,
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: [typesDir] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [typesDir] },
      output: {
        filename: 'js/[name].[hash:8].js',
        chunkFilename: 'js/[name].[chunkhash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[hash].css',
        chunkFilename: 'css/[name].[chunkhash].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin);
        // Pages are lazy chunks; share what several of them use (PageFrame, NutUI) instead of copying it.
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              shared: { name: 'shared', chunks: 'async', minChunks: 2, priority: 5, reuseExistingChunk: true, enforce: true },
            },
          },
        });
      },
    },
  };

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig);
  }
  return merge({}, baseConfig, prodConfig);
});
