/**
 * Figures for vision models are downscaled first: a full-size PNG costs many tokens and some
 * endpoints cap image size. Browser only (createImageBitmap, OffscreenCanvas).
 */
export const MAX_IMAGE_SIDE = 768;

export async function downscalePng(base64: string, maxSide = MAX_IMAGE_SIDE): Promise<string> {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const bitmap = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  if (scale === 1) return base64;
  const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
  canvas.getContext("2d")!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  const blob = await canvas.convertToBlob({ type: "image/png" });
  const out = new Uint8Array(await blob.arrayBuffer());
  let binary = "";
  for (let i = 0; i < out.length; i += 0x8000) binary += String.fromCharCode(...out.subarray(i, i + 0x8000));
  return btoa(binary);
}
