/**
 * H5 only: a real <input type="file"> laid over a button (Taro has no file picker on the web).
 * The input gets id `id` and classes file-input, `<classPrefix>-file-input`; its host View file-host, `<classPrefix>-file-host`
 * (admin.scss lays the input over the button).
 */
import { useEffect, useRef } from 'react';
import { View } from '@tarojs/components';
import type { PickedFile } from '@/services/storage';

export interface FileInputProps {
  id: string;
  accept: string;
  multiple?: boolean;
  classPrefix: string;
  onFiles: (files: PickedFile[]) => void;
}

export default function FileInput({ id, accept, multiple = false, classPrefix, onFiles }: FileInputProps) {
  const host = useRef<HTMLElement | null>(null);
  // The latest callback, without re-creating the input on every render.
  const callback = useRef(onFiles);
  callback.current = onFiles;
  useEffect(() => {
    const parent = host.current;
    if (!IS_H5 || !parent || typeof document === 'undefined') return undefined;
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.id = id;
    input.className = `file-input ${classPrefix}-file-input`;
    const onChange = () => {
      const list = Array.from(input.files ?? []).map((f): PickedFile => ({ kind: 'blob', blob: f, name: f.name, size: f.size }));
      if (list.length) callback.current(list);
      input.value = '';
    };
    input.addEventListener('change', onChange);
    parent.appendChild(input);
    return () => {
      input.removeEventListener('change', onChange);
      input.remove();
    };
  }, [accept, classPrefix, id, multiple]);
  return <View ref={host} className={`file-host ${classPrefix}-file-host`} />;
}
