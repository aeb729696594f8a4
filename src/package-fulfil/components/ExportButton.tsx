/**
 * 导出表格 (xlsx) under the 承诺–践诺 report: the server writes the .xlsx to private storage and answers a temporary URL;
 * H5 opens it (the browser downloads it), weapp downloads it and opens it with openDocument (showMenu: 转发/保存).
 * Stable ids: #report-export, #report-export-error
 */
import { Text, View } from '@tarojs/components';
import { Button } from '@/components/nut';
import { useAction } from '@/hooks/useAction';
import { call } from '@/services/cloud';
import { openFileLink } from '@/services/storage';

export default function ExportButton({ orgId, roundKey }: { orgId: string; roundKey: string }) {
  const { busy, error, run } = useAction();
  const exportXlsx = () => void run(async () => openFileLink(await call('fulfil', 'exportOrgReport', { orgId, roundKey })));
  return (
    <View className="fulfil-actions fulfil-no-print">
      <Button id="report-export" type="default" block loading={busy} disabled={busy} onClick={exportXlsx}>
        导出表格
      </Button>
      {error ? (
        <Text id="report-export-error" className="form-error">
          {error.message}
        </Text>
      ) : null}
    </View>
  );
}
