export default definePageConfig({
  navigationBarTitleText: '抽查验证',
});
