// The one live connection every screen shares: /api/v1/ws with the session cookie.
// It remembers the last position it saw and reconnects with `after=<position>`, so a
// dropped connection (network, server restart, 4008 "too slow") loses nothing and
// repeats nothing.

export type LiveMessage = { type: string; position: number; at: string; data: Record<string, unknown> };
type Listener = (message: LiveMessage) => void;
type StateListener = (connected: boolean) => void;

export class LiveFeed {
  private socket: WebSocket | null = null;
  private listeners = new Set<Listener>();
  private stateListeners = new Set<StateListener>();
  private retry = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  connected = false;
  last: number | null = null;

  constructor(private readonly url: () => string) {
    if (typeof window === "undefined") return;
    // The browser knows first when the network is gone or back: don't wait for a timeout.
    window.addEventListener("offline", () => this.socket?.close());
    window.addEventListener("online", () => {
      if (this.stopped || this.socket) return;
      if (this.timer) clearTimeout(this.timer);
      this.retry = 0;
      this.open();
    });
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    this.start();
    return () => {
      this.listeners.delete(listener);
    };
  }

  onState(listener: StateListener): () => void {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  /** Sign-out: close and forget the position (the next user starts afresh). */
  stop(): void {
    this.stopped = true;
    this.last = null;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
    this.setConnected(false);
  }

  private open(): void {
    const after = this.last === null ? "" : `?after=${this.last}`;
    const socket = new WebSocket(this.url() + after);
    this.socket = socket;
    socket.onopen = () => {
      this.retry = 0;
      this.setConnected(true);
    };
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data as string) as LiveMessage;
      if (this.last !== null && message.position <= this.last) return; // already seen
      this.last = message.position;
      for (const listener of this.listeners) listener(message);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.setConnected(false);
      if (this.stopped) return;
      const wait = Math.min(10_000, 250 * 2 ** this.retry++);
      this.timer = setTimeout(() => this.open(), wait);
    };
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    for (const listener of this.stateListeners) listener(connected);
  }
}

export const feed = new LiveFeed(() => {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/api/v1/ws`;
});
