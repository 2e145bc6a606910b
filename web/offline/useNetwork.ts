import { useSyncExternalStore } from "react";

const onEvents = (events: string[], target: EventTarget | undefined) => (listener: () => void) => {
  for (const event of events) target?.addEventListener(event, listener);
  return () => events.forEach((event) => target?.removeEventListener(event, listener));
};

const subscribeOnline = onEvents(["online", "offline"], window);
const subscribeController = onEvents(["controllerchange"], navigator.serviceWorker);

/** Whether the browser says it has a network (navigator.onLine, with its online/offline events). */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/** Whether a service worker serves this page: its install finished, so the app also starts offline. */
export function useOfflineReady(): boolean {
  return useSyncExternalStore(subscribeController, () => Boolean(navigator.serviceWorker?.controller));
}
