export default definePageConfig({ navigationBarTitleText: '证书验证' });
