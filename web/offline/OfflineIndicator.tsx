import "./offline.css";
import { useOfflineReady, useOnline } from "./useNetwork";

/**
 * The network in a word, in the header: "Offline" with no network (Python and the files keep
 * working; the model needs a server this browser can still reach, such as one on this machine),
 * "Works offline" once the service worker is installed, nothing before that.
 */
export function OfflineIndicator() {
  const online = useOnline();
  const ready = useOfflineReady();
  const title = online
    ? "This app is stored in your browser and starts without a network."
    : "No network: Python and your files keep working; the model needs a server you can still reach.";
  return (
    <span role="status" aria-label="Network" className="offline-indicator" data-online={online} title={title}>
      {!online ? "Offline" : ready ? "Works offline" : ""}
    </span>
  );
}
