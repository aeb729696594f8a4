/**
 * Thumbnails of photos the caller may see (the small copy when the photo has one); tap opens them full size
 * (previewImage with the full URLs). Photos still being checked carry 审核中 (or 人工审核中, sent to manual review): only their author and the org's secretaries see them.
 * Classes: .photo-grid, .photo-thumb (+ .photo-thumb-pending/-review), .photo-badge, .photo-removed.
 */
import { Image, Text, View } from '@tarojs/components';
import { PHOTO_CHECK_NAMES, type PhotoView, type Removed } from '@contract/fulfil';
import { previewPhotos } from '@/services/photos';

export default function PhotoGrid({ photos, removed }: { photos: PhotoView[]; removed?: Removed | null }) {
  const urls = photos.map((p) => p.url).filter(Boolean);
  return (
    <View>
      {photos.length > 0 ? (
        <View className="photo-grid">
          {photos.map((p) => (
            <View key={p.fileID} className={`photo-thumb photo-thumb-${p.check}`} onClick={() => p.url && previewPhotos(urls, p.url)}>
              <Image className="photo-thumb-image" mode="aspectFill" lazyLoad src={p.thumbUrl || p.url} />
              {p.check !== 'pass' ? <Text className="photo-badge">{PHOTO_CHECK_NAMES[p.check]}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
      {removed ? (
        <Text className="photo-removed">
          {removed.count} 张照片未通过内容安全检测，已删除（{removed.reasons.join('、')}）。
        </Text>
      ) : null}
    </View>
  );
}
