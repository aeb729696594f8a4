export default definePageConfig({
  navigationBarTitleText: '本地消息',
});
