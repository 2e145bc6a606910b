import { useId } from "react";
import { DEFAULT_LIMITS } from "../../kernel/limits";
import { DEFAULT_PACKAGE_BASE } from "../../kernel/packages";
import type { KernelSettingsText } from "../../storage/kernel-settings";
import type { SiteDefaults } from "../../storage/settings";

interface Props {
  text: KernelSettingsText;
  problems: Partial<Record<keyof KernelSettingsText, string>>;
  onChange: (text: KernelSettingsText) => void;
  /** The site's values, shown as placeholders: an empty field means "the site's". */
  site: SiteDefaults | null;
}

/** The "Kernel" section: run timeout, memory cap, output caps, package source, each checked as it is typed. */
export function KernelFields({ text, problems, onChange, site }: Props) {
  const limits = { ...DEFAULT_LIMITS, ...site?.limits };
  const field = (name: keyof KernelSettingsText, label: string, placeholder: string, inputMode: "numeric" | "url") => (
    <Field
      label={label}
      value={text[name]}
      placeholder={placeholder}
      inputMode={inputMode}
      problem={problems[name]}
      onChange={(value) => onChange({ ...text, [name]: value })}
    />
  );
  return (
    <fieldset>
      <legend>Kernel</legend>
      {field("timeoutSeconds", "Run timeout (seconds)", String(Math.round(limits.timeoutMs / 1000)), "numeric")}
      {field("memoryMiB", "Memory cap (MiB)", String(Math.round(limits.memoryBytes / 1024 ** 2)), "numeric")}
      {field("outputCharacters", "Output limit (characters per run)", String(limits.outputChars), "numeric")}
      {field("displays", "Displays per run", String(limits.displays), "numeric")}
      {field("imageMiB", "Image limit (MiB per run)", String(Math.round(limits.imageBytes / 1024 ** 2)), "numeric")}
      {field("packageBaseURL", "Package source", site?.packageSource.baseURL ?? DEFAULT_PACKAGE_BASE, "url")}
      <p className="hint">
        Empty fields use this site&apos;s values. The run timeout applies from the next run; the others after Restart
        kernel.
      </p>
    </fieldset>
  );
}

interface FieldProps {
  label: string;
  value: string;
  placeholder: string;
  inputMode: "numeric" | "url";
  problem: string | undefined;
  onChange: (value: string) => void;
}

function Field({ label, value, placeholder, inputMode, problem, onChange }: FieldProps) {
  const problemId = useId();
  return (
    <div className="field">
      <label>
        {label}
        <input
          inputMode={inputMode}
          value={value}
          placeholder={placeholder}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      <p id={problemId} className="field-problem" aria-live="polite">
        {problem}
      </p>
    </div>
  );
}
