import { useRouter } from '@tarojs/taro';

/** A query parameter of the current page, decoded once; '' when absent, as it came when it is not valid %-encoding. */
export function useParam(name: string): string {
  const value = useRouter().params[name];
  if (typeof value !== 'string') return '';
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
