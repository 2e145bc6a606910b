/**
 * The user's kernel settings (Settings → Kernel), in the units a person types: the run timeout in
 * seconds, the memory cap in MiB, the output caps per run (characters of output, displays, MiB of
 * images), the package source's URL. Their names are config.json's. A missing value means "the site's"
 * (config.json, else the defaults). They reach the kernel through `KernelHost.configure`.
 */
import type { KernelSettings } from "../kernel/launcher";
import type { Limits } from "../kernel/limits";

export interface UserKernelSettings {
  timeoutSeconds?: number;
  memoryMiB?: number;
  outputCharacters?: number;
  displays?: number;
  imageMiB?: number;
  packageBaseURL?: string;
}

/** What the user typed, field by field (empty: the site's value). */
export type KernelSettingsText = Record<keyof UserKernelSettings, string>;

/** A field's value (undefined when left empty), or one sentence saying what is wrong with it. */
export type Parsed<T> = { value: T | undefined; problem?: undefined } | { value?: undefined; problem: string };

// Wasm32 memory ends at 4 GiB; below 256 MiB Python has no room to start and load packages.
const MEMORY_MIB = { min: 256, max: 4096 };
const TIMEOUT_SECONDS = { min: 1, max: 86_400 };
// The page holds a run's output: past ten million characters it would hold hundreds of MB.
const OUTPUT_CHARACTERS = { min: 1000, max: 10_000_000 };
const DISPLAYS = { min: 1, max: 1000 };
const IMAGE_MIB = { min: 1, max: 256 };

function wholeNumber(text: string, { min, max }: { min: number; max: number }, problem: string): Parsed<number> {
  const trimmed = text.trim();
  if (!trimmed) return { value: undefined };
  const value = Number(trimmed);
  return /^\d+$/.test(trimmed) && value >= min && value <= max ? { value } : { problem };
}

export const parseTimeout = (text: string): Parsed<number> =>
  wholeNumber(text, TIMEOUT_SECONDS, `Run timeout must be a whole number of seconds from 1 to 86400.`);

export const parseMemory = (text: string): Parsed<number> =>
  wholeNumber(text, MEMORY_MIB, `Memory cap must be a whole number of MiB from 256 to 4096.`);

export const parseOutputCharacters = (text: string): Parsed<number> =>
  wholeNumber(text, OUTPUT_CHARACTERS, `Output limit must be a whole number of characters from 1000 to 10000000.`);

export const parseDisplays = (text: string): Parsed<number> =>
  wholeNumber(text, DISPLAYS, `Displays per run must be a whole number from 1 to 1000.`);

export const parseImageMiB = (text: string): Parsed<number> =>
  wholeNumber(text, IMAGE_MIB, `Image limit must be a whole number of MiB from 1 to 256.`);

/** An http(s) URL of a folder; the trailing "/" is added if missing (else its last segment would be dropped). */
export function parsePackageBase(text: string): Parsed<string> {
  const trimmed = text.trim();
  if (!trimmed) return { value: undefined };
  const problem = "Package source must be an http(s) URL of a folder, like https://example.org/pyodide-packages/.";
  try {
    const url = new URL(trimmed);
    if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username || url.password) return { problem };
    if (!url.pathname.endsWith("/")) url.pathname += "/";
    return { value: url.href };
  } catch {
    return { problem };
  }
}

/** Every field parsed; `problems` is empty when all are valid. */
export function parseKernelSettingsText(text: KernelSettingsText): {
  settings: UserKernelSettings;
  problems: Partial<Record<keyof KernelSettingsText, string>>;
} {
  const parsed = {
    timeoutSeconds: parseTimeout(text.timeoutSeconds),
    memoryMiB: parseMemory(text.memoryMiB),
    outputCharacters: parseOutputCharacters(text.outputCharacters),
    displays: parseDisplays(text.displays),
    imageMiB: parseImageMiB(text.imageMiB),
    packageBaseURL: parsePackageBase(text.packageBaseURL),
  };
  const settings: UserKernelSettings = {};
  const problems: Partial<Record<keyof KernelSettingsText, string>> = {};
  for (const [field, result] of Object.entries(parsed) as [keyof KernelSettingsText, Parsed<number | string>][]) {
    if (result.problem) problems[field] = result.problem;
    else if (result.value !== undefined) Object.assign(settings, { [field]: result.value });
  }
  return { settings, problems };
}

export const kernelSettingsText = (settings: UserKernelSettings): KernelSettingsText => ({
  timeoutSeconds: settings.timeoutSeconds?.toString() ?? "",
  memoryMiB: settings.memoryMiB?.toString() ?? "",
  outputCharacters: settings.outputCharacters?.toString() ?? "",
  displays: settings.displays?.toString() ?? "",
  imageMiB: settings.imageMiB?.toString() ?? "",
  packageBaseURL: settings.packageBaseURL ?? "",
});

/** Keeps only valid values from storage (which anything on this origin could have written). */
export function cleanUserKernelSettings(raw: unknown): UserKernelSettings {
  if (typeof raw !== "object" || raw === null) return {};
  const text = raw as Record<string, unknown>;
  const asText = (value: unknown) => (typeof value === "number" || typeof value === "string" ? String(value) : "");
  return parseKernelSettingsText({
    timeoutSeconds: asText(text.timeoutSeconds),
    memoryMiB: asText(text.memoryMiB),
    outputCharacters: asText(text.outputCharacters),
    displays: asText(text.displays),
    imageMiB: asText(text.imageMiB),
    packageBaseURL: asText(text.packageBaseURL),
  }).settings;
}

/** The user's layer for `KernelHost.configure`: limits in ms and bytes, the package source. */
export function toKernelSettings(user: UserKernelSettings): Partial<KernelSettings> {
  const limits: Partial<Limits> = {};
  if (user.timeoutSeconds !== undefined) limits.timeoutMs = user.timeoutSeconds * 1000;
  if (user.memoryMiB !== undefined) limits.memoryBytes = user.memoryMiB * 1024 ** 2;
  if (user.outputCharacters !== undefined) limits.outputChars = user.outputCharacters;
  if (user.displays !== undefined) limits.displays = user.displays;
  if (user.imageMiB !== undefined) limits.imageBytes = user.imageMiB * 1024 ** 2;
  return user.packageBaseURL ? { limits, packageSource: { baseURL: user.packageBaseURL } } : { limits };
}
