// Preact hook: the chat client's state, re-rendering on every change.
import { useEffect, useState } from 'preact/hooks';
import type { ChatState, VisitorChatClient } from '@palique/client';

export function useClientState(client: VisitorChatClient): ChatState {
  const [state, setState] = useState(client.getState());
  useEffect(() => {
    setState(client.getState());
    return client.subscribe(setState);
  }, [client]);
  return state;
}
