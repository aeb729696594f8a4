export default definePageConfig({ navigationBarTitleText: '评比表彰' });
