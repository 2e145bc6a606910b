import { describe, expect, it } from "vitest";
import {
  cleanUserKernelSettings,
  kernelSettingsText,
  parseKernelSettingsText,
  parseDisplays,
  parseImageMiB,
  parseMemory,
  parseOutputCharacters,
  parsePackageBase,
  parseTimeout,
  toKernelSettings,
} from "./kernel-settings";

describe("kernel settings as typed", () => {
  it("treats an empty field as the site's value", () => {
    expect(parseTimeout("  ")).toEqual({ value: undefined });
    expect(parseMemory("")).toEqual({ value: undefined });
    expect(parsePackageBase("")).toEqual({ value: undefined });
  });

  it("takes whole seconds from 1 to 86400", () => {
    expect(parseTimeout(" 2 ")).toEqual({ value: 2 });
    expect(parseTimeout("86400")).toEqual({ value: 86_400 });
    for (const text of ["0", "1.5", "-3", "2s", "1e3", "86401"]) {
      expect(parseTimeout(text)).toEqual({
        problem: "Run timeout must be a whole number of seconds from 1 to 86400.",
      });
    }
  });

  it("takes a memory cap from 256 to 4096 MiB", () => {
    expect(parseMemory("512")).toEqual({ value: 512 });
    for (const text of ["255", "4097", "1 GiB"]) {
      expect(parseMemory(text).problem).toBe("Memory cap must be a whole number of MiB from 256 to 4096.");
    }
  });

  it("takes output caps per run in whole characters, displays and MiB, within bounds", () => {
    expect(parseOutputCharacters("1000")).toEqual({ value: 1000 });
    expect(parseOutputCharacters("999").problem).toMatch(/^Output limit must be a whole number of characters/);
    expect(parseDisplays("1000")).toEqual({ value: 1000 });
    expect(parseDisplays("1001").problem).toMatch(/^Displays per run must be/);
    expect(parseImageMiB("256")).toEqual({ value: 256 });
    expect(parseImageMiB("0.5").problem).toMatch(/^Image limit must be/);
  });

  it("takes an http(s) folder URL as the package source, adding the final slash", () => {
    expect(parsePackageBase("https://example.org/wheels")).toEqual({ value: "https://example.org/wheels/" });
    expect(parsePackageBase("http://localhost:9000/")).toEqual({ value: "http://localhost:9000/" });
    for (const text of ["example.org/wheels", "file:///wheels/", "https://example.org/w/?v=1", "javascript:alert(1)"]) {
      expect(parsePackageBase(text).problem).toMatch(/^Package source must be an http\(s\) URL of a folder/);
    }
  });

  it("parses a whole form, field by field", () => {
    const { settings, problems } = parseKernelSettingsText({
      timeoutSeconds: "30",
      memoryMiB: "lots",
      outputCharacters: "5000",
      displays: "0",
      imageMiB: "",
      packageBaseURL: "",
    });
    expect(settings).toEqual({ timeoutSeconds: 30, outputCharacters: 5000 });
    expect(problems).toEqual({
      memoryMiB: "Memory cap must be a whole number of MiB from 256 to 4096.",
      displays: "Displays per run must be a whole number from 1 to 1000.",
    });
    expect(kernelSettingsText({ timeoutSeconds: 30 })).toEqual({
      timeoutSeconds: "30",
      memoryMiB: "",
      outputCharacters: "",
      displays: "",
      imageMiB: "",
      packageBaseURL: "",
    });
  });
});

describe("kernel settings from storage and to the kernel", () => {
  it("keeps only valid stored values", () => {
    expect(cleanUserKernelSettings({ timeoutSeconds: 5, memoryMiB: 10, packageBaseURL: "https://x.org/p/" })).toEqual({
      timeoutSeconds: 5,
      packageBaseURL: "https://x.org/p/",
    });
    expect(cleanUserKernelSettings("junk")).toEqual({});
    expect(cleanUserKernelSettings({ timeoutSeconds: { toString: null } })).toEqual({});
  });

  it("converts to the kernel's units", () => {
    expect(toKernelSettings({})).toEqual({ limits: {} });
    const user = { timeoutSeconds: 2, memoryMiB: 512, outputCharacters: 9000, displays: 3, imageMiB: 4 };
    expect(toKernelSettings({ ...user, packageBaseURL: "https://x.org/p/" })).toEqual({
      limits: {
        timeoutMs: 2000,
        memoryBytes: 512 * 1024 ** 2,
        outputChars: 9000,
        displays: 3,
        imageBytes: 4 * 1024 ** 2,
      },
      packageSource: { baseURL: "https://x.org/p/" },
    });
  });
});
