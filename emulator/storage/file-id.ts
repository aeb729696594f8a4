import path from 'path';

/** The environment and bucket part of every fileID the emulator hands out. */
export const FILE_ID_PREFIX = 'cloud://local.6c6f-local-1300000000/';

export function toFileId(cloudPath: string): string {
  return FILE_ID_PREFIX + cloudPath;
}

/** The cloud path of a fileID, or null when it is not one of ours or is not a safe path. */
export function cloudPathOf(fileId: string): string | null {
  if (!fileId.startsWith(FILE_ID_PREFIX)) return null;
  const cloudPath = fileId.slice(FILE_ID_PREFIX.length);
  return isSafeCloudPath(cloudPath) ? cloudPath : null;
}

/** Relative, no `..`, no empty segments, no backslashes or NULs. */
export function isSafeCloudPath(cloudPath: string): boolean {
  if (!cloudPath || cloudPath.length > 1024 || /[\\\0]/.test(cloudPath)) return false;
  const segments = cloudPath.split('/');
  return segments.every((s) => s !== '' && s !== '.' && s !== '..');
}

export function diskPath(root: string, cloudPath: string): string {
  return path.join(root, ...cloudPath.split('/'));
}
