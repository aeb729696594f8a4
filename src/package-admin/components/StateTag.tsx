import { Text } from '@tarojs/components';

/** A two-state tag (.tag of admin.scss): green with `yes` when on, grey with `no` when off. */
export default function StateTag({ on, yes, no, className }: { on: boolean; yes: string; no: string; className: string }) {
  return <Text className={`tag ${on ? 'tag-green' : 'tag-grey'} ${className}`}>{on ? yes : no}</Text>;
}
