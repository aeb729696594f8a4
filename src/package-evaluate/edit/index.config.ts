export default definePageConfig({
  navigationBarTitleText: '发起群众评议',
});
