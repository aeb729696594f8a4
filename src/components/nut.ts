/**
 * The NutUI components this app uses, imported one by one with their own styles so the weapp main
 * package carries only these (the package root would pull in every component).
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';

export { default as Button } from '@nutui/nutui-react-taro/dist/es/packages/button/index';
