/** Printing a report: H5 opens the browser's print dialog (A4 stylesheet in fulfil.scss, 另存为 PDF works). */
import Taro from '@tarojs/taro';

export function printReport(): void {
  if (IS_H5 && typeof window !== 'undefined' && typeof window.print === 'function') {
    window.print();
    return;
  }
  // weapp: the system screenshot of this page is the export for now (see the report page's note).
  void Taro.showToast({ title: '请在电脑端打开后打印', icon: 'none' });
}
