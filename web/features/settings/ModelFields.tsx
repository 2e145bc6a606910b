import { useQuery } from "@tanstack/react-query";
import { useId } from "react";
import { listModels } from "../../agent/client";
import { PRESETS, presetById } from "../../agent/presets";
import type { ModelSettings } from "../../storage/settings";

interface Props {
  draft: ModelSettings;
  onChange: (draft: ModelSettings) => void;
  /** The site's key for this base URL (config.json, a same-origin proxy's), or "". */
  siteKey: string;
  onForgetKey: () => void;
}

/** Endpoint preset, base URL, key (remembered or session-only, forgettable) and model. */
export function ModelFields({ draft, onChange, siteKey, onForgetKey }: Props) {
  const modelsId = useId();
  const apiKey = draft.apiKey || siteKey;
  const endpoint = { ...draft.options, baseURL: draft.baseURL, apiKey, model: draft.model };
  const models = useQuery({
    queryKey: ["models", draft.baseURL, apiKey],
    queryFn: () => listModels(endpoint),
    // Asked only where it can answer: an endpoint that needs a key is not called without one.
    enabled: /^https?:\/\//.test(draft.baseURL) && (!!apiKey || draft.options.keyless),
    staleTime: 60_000,
  });
  const choosePreset = (id: string) => {
    const preset = presetById(id);
    onChange({ ...draft, presetId: id, baseURL: preset.baseURL || draft.baseURL, options: preset });
  };
  const note = presetById(draft.presetId).note;
  const keyPlaceholder = siteKey
    ? "provided by this site"
    : draft.options.keyless
      ? "not needed for this endpoint"
      : "sk-…";

  return (
    <>
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
          onChange={(e) => onChange({ ...draft, baseURL: e.target.value.trim() })}
          placeholder="https://api.openai.com/v1"
        />
      </label>
      <label>
        API key
        <input
          type="password"
          autoComplete="off"
          value={draft.apiKey}
          onChange={(e) => onChange({ ...draft, apiKey: e.target.value.trim() })}
          placeholder={keyPlaceholder}
        />
      </label>
      <label className="inline">
        <input
          type="checkbox"
          checked={!draft.rememberKey}
          onChange={(e) => onChange({ ...draft, rememberKey: !e.target.checked })}
        />
        Keep the key for this session only
      </label>
      <button type="button" className="secondary" onClick={onForgetKey}>
        Forget key
      </button>
      <label>
        Model
        <input
          list={modelsId}
          value={draft.model}
          onChange={(e) => onChange({ ...draft, model: e.target.value.trim() })}
          placeholder={models.data?.[0] ?? "model name"}
        />
        <datalist id={modelsId}>
          {models.data?.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </label>
      {models.isError && <p className="hint">No model list from this endpoint; type the model name.</p>}
    </>
  );
}
