import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { listModels } from "../../agent/client";
import { PRESETS, presetById } from "../../agent/presets";
import type { ModelSettings, SettingsStore } from "../../storage/settings";

const blank = (): ModelSettings => {
  const preset = presetById("openai");
  return { presetId: preset.id, baseURL: preset.baseURL, model: "", apiKey: "", rememberKey: true, options: preset };
};

/**
 * The "Settings" dialog: endpoint preset, base URL, key (remembered or session-only), model.
 * Mounted while open, so every opening starts from the saved settings.
 */
export function SettingsDialog({ store, onClose }: { store: SettingsStore; onClose: () => void }) {
  const [draft, setDraft] = useState<ModelSettings>(() => store.get() ?? blank());
  const dialog = useRef<HTMLDialogElement>(null);
  const modelsId = useId();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const endpoint = { ...draft.options, baseURL: draft.baseURL, apiKey: draft.apiKey, model: draft.model };
  const models = useQuery({
    queryKey: ["models", draft.baseURL, draft.apiKey],
    queryFn: () => listModels(endpoint),
    enabled: /^https?:\/\//.test(draft.baseURL),
    staleTime: 60_000,
  });

  const choosePreset = (id: string) => {
    const preset = presetById(id);
    setDraft({ ...draft, presetId: id, baseURL: preset.baseURL || draft.baseURL, options: preset });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    store.save(draft);
    onClose();
  };
  const note = presetById(draft.presetId).note;

  return (
    <dialog ref={dialog} className="settings" aria-labelledby={`${modelsId}-title`} onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id={`${modelsId}-title`}>Settings</h2>
        <label>
          Endpoint
          <select value={draft.presetId} onChange={(e) => choosePreset(e.target.value)}>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        {note && <p className="hint">{note}</p>}
        <label>
          API base URL
          <input
            type="url"
            value={draft.baseURL}
            onChange={(e) => setDraft({ ...draft, baseURL: e.target.value.trim() })}
            placeholder="https://api.openai.com/v1"
          />
        </label>
        <label>
          API key
          <input
            type="password"
            autoComplete="off"
            value={draft.apiKey}
            onChange={(e) => setDraft({ ...draft, apiKey: e.target.value.trim() })}
            placeholder={draft.options.keyless ? "not needed for this endpoint" : "sk-…"}
          />
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={!draft.rememberKey}
            onChange={(e) => setDraft({ ...draft, rememberKey: !e.target.checked })}
          />
          Keep the key for this session only
        </label>
        <button
          type="button"
          className="secondary"
          onClick={() => (store.forgetKey(), setDraft({ ...draft, apiKey: "" }))}
        >
          Forget key
        </button>
        <label>
          Model
          <input
            list={modelsId}
            value={draft.model}
            onChange={(e) => setDraft({ ...draft, model: e.target.value.trim() })}
            placeholder={models.data?.[0] ?? "model name"}
          />
          <datalist id={modelsId}>
            {models.data?.map((m) => (
              <option key={m} value={m} />
            ))}
          </datalist>
        </label>
        {models.isError && <p className="hint">No model list from this endpoint; type the model name.</p>}
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
