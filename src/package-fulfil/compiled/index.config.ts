export default definePageConfig({
  navigationBarTitleText: '点评总结汇编',
});
