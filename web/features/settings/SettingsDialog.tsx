import { useEffect, useId, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { baseURLProblem, normalizeBaseURL } from "../../agent/base-url";
import { kernelSettingsText, parseKernelSettingsText } from "../../storage/kernel-settings";
import type { SettingsStore } from "../../storage/settings";
import { KernelFields } from "./KernelFields";
import { ModelFields } from "./ModelFields";
import "./settings.css";

/**
 * The "Settings" dialog: the model (endpoint, key, model) and the kernel (run timeout, memory
 * cap, package source). Mounted while open, so every opening starts from the saved settings;
 * nothing is kept until Save, and Save refuses while a field is invalid.
 */
export function SettingsDialog({ store, onClose }: { store: SettingsStore; onClose: () => void }) {
  const [initial] = useState(() => store.draft());
  const [model, setModel] = useState(initial.model);
  const [kernelText, setKernelText] = useState(() => kernelSettingsText(initial.kernel));
  const site = useSyncExternalStore(store.subscribe, store.getSite);
  const kernel = parseKernelSettingsText(kernelText);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    // Focus goes back where it came from when the dialog goes (Save, Cancel); where that is gone
    // (the first-run panel's button, once a model is connected), to the Message box.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.current?.showModal();
    return () => {
      const message = document.querySelector<HTMLElement>('textarea[aria-label="Message"]');
      (opener?.isConnected ? opener : message)?.focus();
    };
  }, []);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // Enter in the URL field submits without leaving it: what it would have become on leaving.
    const baseURL = normalizeBaseURL(model.baseURL);
    if (baseURL !== model.baseURL) setModel({ ...model, baseURL });
    if (Object.keys(kernel.problems).length || baseURLProblem(baseURL)) {
      event.currentTarget.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    store.save({ model: { ...model, baseURL }, kernel: kernel.settings });
    onClose();
  };

  return (
    <dialog ref={dialog} className="settings" aria-labelledby={titleId} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>Settings</h2>
        <ModelFields
          draft={model}
          onChange={setModel}
          siteKeyFor={(baseURL) => store.siteKeyFor(baseURL)}
          onForgetKey={() => (store.forgetKey(), setModel({ ...model, apiKey: "" }))}
        />
        <KernelFields text={kernelText} problems={kernel.problems} onChange={setKernelText} site={site} />
        <div className="actions">
          <button type="submit">Save</button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </dialog>
  );
}
