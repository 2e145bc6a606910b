declare module "virtual:kernel-assets" {
  /** The kernel worker bundle, relative to the app's base URL. */
  export const workerPath: string;
}
