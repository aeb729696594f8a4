export default definePageConfig({
  navigationBarTitleText: '本地工具',
});
