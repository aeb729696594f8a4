export default definePageConfig({
  navigationBarTitleText: '承诺践诺报告',
});
