// The till's connection and its queue: online or offline, how many sales wait to be
// sent, and any the server refused (shown to the cashier until dismissed).
import { useEffect, useState } from "react";
import { queued, type QueuedSale, remove } from "./store";
import { changed, onQueueChange, startSync } from "./sync";

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener("online", up);
    window.addEventListener("offline", down);
    return () => {
      window.removeEventListener("online", up);
      window.removeEventListener("offline", down);
    };
  }, []);
  return online;
}

export function OfflineBar() {
  const online = useOnline();
  const [sales, setSales] = useState<QueuedSale[]>([]);
  useEffect(() => {
    const read = () => void queued().then(setSales);
    read();
    const stop = onQueueChange(read);
    const stopSync = startSync();
    return () => {
      stop();
      stopSync();
    };
  }, []);
  const waiting = sales.filter((s) => !s.flagged);
  const flagged = sales.filter((s) => s.flagged);
  return (
    <div className="offline-bar" role="status" aria-live="polite">
      <span className={online ? "status ok" : "status"} data-testid="connection">{online ? "Online" : "Offline"}</span>
      <span data-testid="queue">{waiting.length === 0 ? "All sales sent" : `${waiting.length} sale(s) waiting to be sent`}</span>
      {flagged.map((s) => (
        <p key={s.key} className="error">
          A sale of {s.total} made at {new Date(s.queuedAt).toLocaleTimeString()} was refused: {s.flagged!.message}
          <button type="button" onClick={async () => { await remove(s.key); changed(); }}>Dismiss</button>
        </p>
      ))}
    </div>
  );
}
