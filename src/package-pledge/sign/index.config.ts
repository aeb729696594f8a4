export default definePageConfig({
  navigationBarTitleText: '签署四带头承诺',
});
