export default definePageConfig({
  navigationBarTitleText: '四带头签名',
});
