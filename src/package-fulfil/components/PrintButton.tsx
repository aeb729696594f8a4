/** The 打印 / 另存为 PDF button under a report (hidden when printing). #report-print for e2e. */
import { View } from '@tarojs/components';
import { Button } from '@/components/nut';
import { printReport } from './print';

export default function PrintButton() {
  return (
    <View className="fulfil-actions fulfil-no-print">
      <Button id="report-print" type="default" block onClick={printReport}>
        打印 / 另存为 PDF
      </Button>
    </View>
  );
}
