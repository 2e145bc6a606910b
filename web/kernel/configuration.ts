/**
 * What kernels are configured with: the site's settings (config.json, read once at start-up)
 * under the user's own, and the limits they come to over the defaults.
 */
import type { KernelSettings } from "./launcher";
import { DEFAULT_LIMITS, type Limits } from "./limits";

export class KernelConfiguration {
  /** The settings' limits over the defaults; final once the site's arrive (before any kernel boots). */
  limits: Limits = DEFAULT_LIMITS;
  #user: Partial<KernelSettings> = {};

  constructor(private readonly site: Promise<KernelSettings>) {}

  get settings(): Promise<KernelSettings> {
    const user = this.#user;
    return this.site.then((s) => ({
      packageSource: user.packageSource ?? s.packageSource,
      limits: { ...s.limits, ...user.limits },
    }));
  }

  /** Replaces the user's settings; says whether that changed the package source. */
  configure(user: Partial<KernelSettings>): { packagesChanged: boolean } {
    const packagesChanged = user.packageSource?.baseURL !== this.#user.packageSource?.baseURL;
    this.#user = user;
    void this.applyLimits();
    return { packagesChanged };
  }

  /** The settings' limits over the defaults, kept in `limits` as they arrive. */
  applyLimits(): Promise<Limits> {
    return this.settings.then((s) => (this.limits = { ...DEFAULT_LIMITS, ...s.limits }));
  }
}
