export default definePageConfig({
  navigationBarTitleText: '导入花名册',
});
