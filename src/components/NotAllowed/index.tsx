/**
 * What a page shows a caller the server would refuse, instead of a form: a short reason and a way on.
 * Unbound callers (whoami.bound false) get 请先完成实名绑定 and 去绑定.
 * Stable ids: #not-allowed (the PageFrame empty state inside it), #not-allowed-onward (its button).
 */
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ERROR_MESSAGES } from '@contract/errors';
import { routes } from '@/routes';
import PageFrame from '../PageFrame';
import { Button } from '../nut';

export interface Onward {
  text: string;
  url: string;
  /** A tab page (opened with switchTab). */
  tab?: boolean;
}

export interface NotAllowedProps {
  title: string;
  hint: string;
  onward: Onward;
}

export default function NotAllowed({ title, hint, onward }: NotAllowedProps) {
  const go = () => void (onward.tab ? Taro.switchTab({ url: onward.url }) : Taro.navigateTo({ url: onward.url }));
  return (
    <View id="not-allowed">
      <PageFrame
        empty
        emptyIcon="!"
        emptyTitle={title}
        emptyHint={hint}
        emptyAction={
          <Button id="not-allowed-onward" type="primary" size="small" onClick={go}>
            {onward.text}
          </Button>
        }
      />
    </View>
  );
}

/** The state of a page for someone not yet bound: why binding matters here, and 去绑定. */
export function NotBound({ hint }: { hint: string }) {
  return <NotAllowed title={ERROR_MESSAGES.NOT_BOUND} hint={hint} onward={{ text: '去绑定', url: routes.bind() }} />;
}

/** The onward step most refusals offer: back to 我的, where each person's own entries are. */
export const TO_MINE: Onward = { text: '回到我的', url: routes.mine(), tab: true };
