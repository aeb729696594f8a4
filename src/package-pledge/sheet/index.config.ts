export default definePageConfig({
  navigationBarTitleText: '集体承诺书',
});
