export default definePageConfig({ navigationBarTitleText: '发布先进典型' });
