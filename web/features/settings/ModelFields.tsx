import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { baseURLProblem, normalizeBaseURL } from "../../agent/base-url";
import { listModels } from "../../agent/client";
import { PRESETS, presetById } from "../../agent/presets";
import type { ModelSettings } from "../../storage/settings";

interface Props {
  draft: ModelSettings;
  onChange: (draft: ModelSettings) => void;
  /** The site's key for a base URL (config.json, a same-origin proxy's), or "". */
  siteKeyFor: (baseURL: string) => string;
  onForgetKey: () => void;
}

/** Endpoint preset, base URL, key (remembered or session-only, forgettable), model, and whether it sees charts. */
export function ModelFields({ draft, onChange, siteKeyFor, onForgetKey }: Props) {
  const modelsId = useId();
  const urlProblemId = useId();
  const urlProblem = baseURLProblem(normalizeBaseURL(draft.baseURL));
  const siteKey = siteKeyFor(draft.baseURL);
  const keyOf = (settings: ModelSettings) => settings.apiKey || siteKeyFor(settings.baseURL);
  // The endpoint is asked for its models once its URL is in (the field left, a preset chosen, the
  // Model field entered), never as it is typed: a key must not go to every prefix of a URL on its
  // way in ("https://api.gr", a real domain).
  const [asked, setAsked] = useState({ baseURL: draft.baseURL, apiKey: keyOf(draft) });
  const ask = (next: ModelSettings) => setAsked({ baseURL: next.baseURL, apiKey: keyOf(next) });
  const models = useQuery({
    queryKey: ["models", asked.baseURL, asked.apiKey],
    queryFn: () => listModels({ ...draft.options, ...asked, model: draft.model }),
    // Asked only where it can answer: an endpoint that needs a key is not called without one.
    enabled: /^https?:\/\//.test(asked.baseURL) && (!!asked.apiKey || draft.options.keyless),
    staleTime: 60_000,
    retry: false, // a refusal (401, no /models) says so at once; the list is optional
  });
  const change = (next: ModelSettings, leaving = false) => {
    onChange(next);
    if (leaving) ask(next);
  };
  // The key as saved belongs to the saved endpoint: it is not taken to another provider's, and
  // comes back with its own. A key typed in this dialog goes with the provider then picked (people
  // paste it first), asked for models only once the Model field is entered.
  const [savedKey] = useState(draft.apiKey);
  const [keys, setKeys] = useState<Record<string, string>>({});
  const choosePreset = (id: string) => {
    const preset = presetById(id);
    const baseURL = preset.baseURL || draft.baseURL;
    const remembered = { ...keys, [draft.baseURL]: draft.apiKey };
    setKeys(remembered);
    const carried = baseURL !== draft.baseURL && draft.apiKey !== "" && draft.apiKey !== savedKey;
    const apiKey = baseURL === draft.baseURL ? draft.apiKey : (remembered[baseURL] ?? (carried ? draft.apiKey : ""));
    // "Custom" keeps the URL there was, to be typed over: not one to ask until it is. Nor is the
    // last endpoint asked again with this preset's options (a keyless one's, say).
    const next = { ...draft, presetId: id, baseURL, options: preset, apiKey };
    onChange(next);
    if (preset.baseURL !== "" && (!carried || apiKey !== draft.apiKey)) ask(next);
    else setAsked({ baseURL: "", apiKey: "" });
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
          type="text"
          inputMode="url"
          spellCheck={false}
          autoCapitalize="off"
          value={draft.baseURL}
          onChange={(e) => change({ ...draft, baseURL: e.target.value.trim() })}
          onBlur={() => change({ ...draft, baseURL: normalizeBaseURL(draft.baseURL) }, true)}
          placeholder="https://api.openai.com/v1"
          aria-invalid={urlProblem ? true : undefined}
          aria-describedby={urlProblem ? urlProblemId : undefined}
        />
      </label>
      <p id={urlProblemId} className="field-problem" aria-live="polite">
        {urlProblem}
      </p>
      <label>
        API key
        <input
          type="password"
          autoComplete="off"
          value={draft.apiKey}
          onChange={(e) => change({ ...draft, apiKey: e.target.value.trim() })}
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
          onFocus={() => ask(draft)}
          placeholder={models.data?.[0] ? `e.g. ${models.data[0]}` : "model name"}
        />
        <datalist id={modelsId}>
          {models.data?.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
      </label>
      {models.isError && <p className="hint">No model list from this endpoint; type the model name.</p>}
      <label className="inline">
        <input
          type="checkbox"
          checked={draft.options.vision}
          onChange={(e) => onChange({ ...draft, options: { ...draft.options, vision: e.target.checked } })}
        />
        Send charts as images (vision)
      </label>
    </>
  );
}
