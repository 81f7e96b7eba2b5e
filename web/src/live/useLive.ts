import { useEffect, useState } from "react";
import { feed, type LiveMessage } from "./feed";

/** Call `on` for every live message while the component is shown (and `enabled`: a
guest has no live feed). */
export function useLive(on: (message: LiveMessage) => void, enabled = true): void {
  useEffect(() => (enabled ? feed.subscribe(on) : undefined), [on, enabled]);
}

/** Whether the live connection is up (shown on live screens). */
export function useLiveState(): boolean {
  const [connected, setConnected] = useState(feed.connected);
  useEffect(() => feed.onState(setConnected), []);
  return connected;
}
