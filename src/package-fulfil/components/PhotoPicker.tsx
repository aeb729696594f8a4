/**
 * Photos for a post: take or pick (weapp chooseMedia; H5 a file input), compressed on the phone, each
 * uploaded at once into the folder the server accepts, with its own progress bar; a failed one retries
 * on tap without picking again. The parent sees the tiles and submits only when every one is uploaded.
 * With `thumbFolder` (activities) each photo also gets a thumbnail made on the phone, uploaded beside it:
 * its bytes count in the tile's progress and a retry sends both again.
 * Stable ids/classes: #<id>-input (H5 file input), .photo-tile (+ .photo-tile-uploading/-done/-failed),
 * .photo-tile-progress, .photo-tile-retry, .photo-tile-remove, #<id>-add.
 */
import { useRef } from 'react';
import { Image, Text, View } from '@tarojs/components';
import FileInput from '@/package-admin/components/FileInput';
import { choosePhotos, compressPhoto, makeThumb, photoPath, uploadPhoto } from '@/services/photos';
import type { PickedFile } from '@/services/storage';

export interface PhotoTile {
  key: string;
  preview: string;
  status: 'uploading' | 'done' | 'failed';
  progress: number;
  fileID: string | null;
  /** The thumbnail's fileID (with `thumbFolder`); null when the phone could not make one. */
  thumbID?: string | null;
  /** Kept until uploaded, so a failed upload retries without picking again (not kept in drafts). */
  file?: PickedFile;
}

export const allUploaded = (tiles: PhotoTile[]): boolean => tiles.every((t) => t.status === 'done' && t.fileID);

/** The tiles' thumbnails in order, or undefined unless every photo has one (a post's thumbnails go together). */
export const thumbsOf = (tiles: PhotoTile[]): string[] | undefined => {
  const ids = tiles.map((t) => t.thumbID ?? '');
  return ids.length > 0 && ids.every(Boolean) ? ids : undefined;
};

interface Props {
  id: string;
  folder: string;
  /** Where thumbnails go; without it no thumbnail is made. */
  thumbFolder?: string;
  max: number;
  tiles: PhotoTile[];
  /** Receives an updater: uploads finish in any order. */
  onChange: (update: (tiles: PhotoTile[]) => PhotoTile[]) => void;
}

function previewOf(file: PickedFile): string {
  if (file.kind === 'path') return file.path;
  return typeof URL !== 'undefined' && typeof URL.createObjectURL === 'function' ? URL.createObjectURL(file.blob) : '';
}

export default function PhotoPicker({ id, folder, thumbFolder, max, tiles, onChange }: Props) {
  const seq = useRef(0);

  const patch = (key: string, change: Partial<PhotoTile>) => onChange((list) => list.map((t) => (t.key === key ? { ...t, ...change } : t)));

  const upload = async (key: string, file: PickedFile) => {
    patch(key, { status: 'uploading', progress: 0 });
    try {
      const [small, thumb] = await Promise.all([compressPhoto(file), thumbFolder ? makeThumb(file).catch(() => null) : null]);
      // One bar for both files, weighed by their bytes.
      const total = small.size + (thumb?.size ?? 0) || 1;
      const done = [0, 0];
      const progress = (i: number, bytes: number) => (fraction: number) => {
        done[i] = fraction * bytes;
        patch(key, { progress: Math.round(((done[0] + done[1]) / total) * 100) });
      };
      const [fileID, thumbID] = await Promise.all([
        uploadPhoto(photoPath(folder, small), small, progress(0, small.size)),
        thumb && thumbFolder ? uploadPhoto(photoPath(thumbFolder, thumb), thumb, progress(1, thumb.size)) : null,
      ]);
      patch(key, { status: 'done', progress: 100, fileID, thumbID, file: undefined });
    } catch {
      patch(key, { status: 'failed' });
    }
  };

  const add = (files: PickedFile[]) => {
    const room = Math.max(0, max - tiles.length);
    const fresh = files.slice(0, room).map((file) => ({
      key: `p${Date.now()}-${++seq.current}`,
      preview: previewOf(file),
      status: 'uploading' as const,
      progress: 0,
      fileID: null,
      file,
    }));
    onChange((list) => [...list, ...fresh]);
    for (const t of fresh) void upload(t.key, t.file);
  };

  const pick = async () => {
    if (IS_H5) return; // the file input laid over the button picks on the web
    add(await choosePhotos(max - tiles.length));
  };

  return (
    <View className="photo-picker">
      {tiles.map((t, i) => (
        <View key={t.key} className={`photo-tile photo-tile-${t.status}`} id={`${id}-tile-${i}`}>
          {t.preview ? <Image className="photo-tile-image" mode="aspectFill" src={t.preview} /> : <View className="photo-tile-image" />}
          {t.status === 'uploading' ? (
            <View className="photo-tile-progress">
              <View className="photo-tile-bar" style={{ width: `${t.progress}%` }} />
              <Text className="photo-tile-label">{t.progress}%</Text>
            </View>
          ) : null}
          {t.status === 'failed' ? (
            <Text className="photo-tile-retry" onClick={() => t.file && void upload(t.key, t.file)}>
              上传失败，点按重试
            </Text>
          ) : null}
          {t.status === 'done' ? <Text className="photo-tile-ok">已上传</Text> : null}
          <Text className="photo-tile-remove" onClick={() => onChange((list) => list.filter((x) => x.key !== t.key))}>
            ×
          </Text>
        </View>
      ))}
      {tiles.length < max ? (
        <View id={`${id}-add`} className="photo-add" onClick={() => void pick()}>
          <Text className="photo-add-plus">+</Text>
          <Text className="photo-add-text">
            {tiles.length}/{max}
          </Text>
          {IS_H5 ? <FileInput id={`${id}-input`} accept="image/*" multiple classPrefix="photo" onFiles={add} /> : null}
        </View>
      ) : null}
    </View>
  );
}
