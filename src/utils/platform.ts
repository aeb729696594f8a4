/**
 * Which build this is. The H5 build only ever runs against the local emulator (local mode); the weapp talks to
 * its CloudBase environment. The one place that reads TARO_ENV.
 */
export const isH5 = process.env.TARO_ENV === 'h5';
