import { useEffect, useState } from "react";
import { feed, type LiveMessage } from "./feed";

/** Call `on` for every live message while the component is shown. */
export function useLive(on: (message: LiveMessage) => void): void {
  useEffect(() => feed.subscribe(on), [on]);
}

/** Whether the live connection is up (shown on live screens). */
export function useLiveState(): boolean {
  const [connected, setConnected] = useState(feed.connected);
  useEffect(() => feed.onState(setConnected), []);
  return connected;
}
