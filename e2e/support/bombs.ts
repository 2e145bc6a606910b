/**
 * Decompression bombs for uploads: a ZIP and a gzip file of about a megabyte that expand to a
 * gibibyte of zeros. Built by streaming one zero chunk through zlib, so the test process never
 * holds the expanded bytes.
 */
import { constants, crc32, createDeflateRaw, createGzip, type Deflate, type Gzip } from "node:zlib";

const CHUNK = Buffer.alloc(1024 ** 2);

async function squeeze(stream: Deflate | Gzip, mebibytes: number): Promise<{ bytes: Buffer; crc: number }> {
  const parts: Buffer[] = [];
  stream.on("data", (part: Buffer) => parts.push(part));
  const done = new Promise((resolve, reject) => stream.on("end", resolve).on("error", reject));
  let crc = 0;
  for (let i = 0; i < mebibytes; i++) {
    crc = crc32(CHUNK, crc);
    if (!stream.write(CHUNK)) await new Promise((resolve) => stream.once("drain", resolve));
  }
  stream.end();
  await done;
  return { bytes: Buffer.concat(parts), crc };
}

/** A gzip file that expands to `mebibytes` MiB. */
export async function gzipBomb(mebibytes = 1024): Promise<Buffer> {
  return (await squeeze(createGzip({ level: constants.Z_BEST_COMPRESSION }), mebibytes)).bytes;
}

/** A ZIP with one entry, `name`, that expands to `mebibytes` MiB (below 4 GiB: no ZIP64 needed). */
export async function zipBomb(name = "zeros.bin", mebibytes = 1024): Promise<Buffer> {
  const { bytes, crc } = await squeeze(createDeflateRaw({ level: constants.Z_BEST_COMPRESSION }), mebibytes);
  const size = mebibytes * 1024 ** 2;
  const file = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(bytes.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(file.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4); // version made by
  central.writeUInt16LE(20, 6); // version needed
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(bytes.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(file.length, 28);
  const centralOffset = local.length + file.length + bytes.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + file.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, file, bytes, central, file, end]);
}
