// Photo processing: what comes out is an upright JPEG with no metadata at all (no EXIF, GPS,
// camera, XMP, IPTC, ICC, comment or embedded thumbnail), the HEIC a phone sends decodes, and
// everything that is not a photo we take, or is too big, or is broken, is refused with the
// reason. The inputs are made here, byte by byte where sharp cannot write them.
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { PHOTO_LIMITS } from "../../app/lib/photo-limits";
import { PhotoRejectedError, processPhoto, type PhotoRejectionReason } from "../../app/lib/photo-processing.server";

type Rgb = readonly [number, number, number];
const RED: Rgb = [220, 30, 30];
const GREEN: Rgb = [30, 180, 30];
const BLUE: Rgb = [30, 30, 220];
const YELLOW: Rgb = [240, 220, 20];
const WHITE: Rgb = [255, 255, 255];

const CAMERA_MAKE = "TousuTestCameraMaker";
const CAMERA_MODEL = "TousuCam X100";
const MAKER_NOTE = "TousuMakerNoteSerial0042";
const IPTC_BYLINE = "Tousu Test Photographer";
const COMMENT = "TousuCommentShotAtHome";
const XMP_TOOL = "TousuXmpCreatorTool";

/** Four flat quadrants, top-left red, top-right green, bottom-left blue, bottom-right yellow. */
function quadrants(width: number, height: number): sharp.Sharp {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) pixels.set([RED, GREEN, BLUE, YELLOW][(y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1)]!, (y * width + x) * 3);
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } });
}

/** A decoded image's colour at fractions of its width and height. */
async function colourAt(bytes: Buffer, fx: number, fy: number): Promise<Rgb> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (Math.floor(info.height * fy) * info.width + Math.floor(info.width * fx)) * 3;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

/** The colour at the centre of each quadrant of a decoded image. */
async function quadrantColours(bytes: Buffer) {
  const [topLeft, topRight, bottomLeft, bottomRight] = await Promise.all([
    colourAt(bytes, 0.25, 0.25),
    colourAt(bytes, 0.75, 0.25),
    colourAt(bytes, 0.25, 0.75),
    colourAt(bytes, 0.75, 0.75),
  ]);
  return { topLeft: topLeft!, topRight: topRight!, bottomLeft: bottomLeft!, bottomRight: bottomRight! };
}

function expectColour(actual: Rgb, expected: Rgb, tolerance = 40) {
  for (let c = 0; c < 3; c++) expect(Math.abs(actual[c]! - expected[c]!), `${actual.join(",")} vs ${expected.join(",")}`).toBeLessThanOrEqual(tolerance);
}

async function refusal(input: Buffer): Promise<PhotoRejectionReason | "accepted"> {
  try {
    await processPhoto(input);
    return "accepted";
  } catch (e) {
    if (e instanceof PhotoRejectedError) return e.reason;
    throw e;
  }
}

// --- JPEG segments sharp cannot write: a full EXIF block (GPS, maker note, thumbnail), IPTC, a comment.

const segment = (marker: number, payload: Buffer) => {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
};

type Tag = { tag: number; type: number; count: number; data: Buffer };
const ascii = (tag: number, s: string): Tag => ({ tag, type: 2, count: s.length + 1, data: Buffer.from(`${s}\0`, "latin1") });
const short = (tag: number, v: number): Tag => ({ tag, type: 3, count: 1, data: Buffer.from([v & 0xff, v >> 8]) });
const long = (tag: number, v: number): Tag => {
  const data = Buffer.alloc(4);
  data.writeUInt32LE(v);
  return { tag, type: 4, count: 1, data };
};
const rationals = (tag: number, values: [number, number][]): Tag => {
  const data = Buffer.alloc(values.length * 8);
  values.forEach(([n, d], i) => {
    data.writeUInt32LE(n, i * 8);
    data.writeUInt32LE(d, i * 8 + 4);
  });
  return { tag, type: 5, count: values.length, data };
};
const opaque = (tag: number, data: Buffer): Tag => ({ tag, type: 7, count: data.length, data });

/** One little-endian TIFF IFD placed at `offset`: entries, the next IFD's offset, then the longer values. */
function ifd(tags: Tag[], offset: number, next: number): Buffer {
  const sorted = [...tags].sort((a, b) => a.tag - b.tag);
  const head = Buffer.alloc(2 + sorted.length * 12 + 4);
  head.writeUInt16LE(sorted.length, 0);
  const values: Buffer[] = [];
  let valueAt = offset + head.length;
  sorted.forEach((t, i) => {
    const at = 2 + i * 12;
    head.writeUInt16LE(t.tag, at);
    head.writeUInt16LE(t.type, at + 2);
    head.writeUInt32LE(t.count, at + 4);
    if (t.data.length <= 4) t.data.copy(head, at + 8);
    else {
      const padded = t.data.length % 2 ? Buffer.concat([t.data, Buffer.alloc(1)]) : t.data;
      head.writeUInt32LE(valueAt, at + 8);
      values.push(padded);
      valueAt += padded.length;
    }
  });
  head.writeUInt32LE(next, 2 + sorted.length * 12);
  return Buffer.concat([head, ...values]);
}

/** APP1 Exif: camera, orientation, an Exif IFD with a maker note, GPS, and IFD1 with a JPEG thumbnail. */
function exifSegment(orientation: number, thumbnail: Buffer): Buffer {
  const ifd0 = (exifAt: number, gpsAt: number) => [
    ascii(0x010f, CAMERA_MAKE),
    ascii(0x0110, CAMERA_MODEL),
    short(0x0112, orientation),
    long(0x8769, exifAt),
    long(0x8825, gpsAt),
  ];
  const exif = [ascii(0x9003, "2026:05:01 10:00:00"), opaque(0x927c, Buffer.from(MAKER_NOTE, "latin1"))];
  const gps = [
    ascii(0x0001, "N"),
    rationals(0x0002, [
      [31, 1],
      [14, 1],
      [1234, 100],
    ]),
    ascii(0x0003, "E"),
    rationals(0x0004, [
      [121, 1],
      [28, 1],
      [5678, 100],
    ]),
  ];
  const ifd1 = (thumbAt: number) => [short(0x0103, 6), long(0x0201, thumbAt), long(0x0202, thumbnail.length)];
  const exifAt = 8 + ifd(ifd0(0, 0), 8, 0).length;
  const gpsAt = exifAt + ifd(exif, exifAt, 0).length;
  const ifd1At = gpsAt + ifd(gps, gpsAt, 0).length;
  const thumbAt = ifd1At + ifd(ifd1(0), ifd1At, 0).length;
  const tiff = Buffer.concat([
    Buffer.from([0x49, 0x49, 42, 0, 8, 0, 0, 0]),
    ifd(ifd0(exifAt, gpsAt), 8, ifd1At),
    ifd(exif, exifAt, 0),
    ifd(gps, gpsAt, 0),
    ifd(ifd1(thumbAt), ifd1At, 0),
    thumbnail,
  ]);
  return segment(0xe1, Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff]));
}

/** APP13 Photoshop IRB holding an IPTC-IIM By-line (2:80). */
function iptcSegment(): Buffer {
  const text = Buffer.from(IPTC_BYLINE, "latin1");
  const record = Buffer.concat([Buffer.from([0x1c, 0x02, 0x50, 0, text.length]), text]);
  const size = Buffer.alloc(4);
  size.writeUInt32BE(record.length);
  const pad = Buffer.alloc(record.length % 2);
  return segment(
    0xed,
    Buffer.concat([Buffer.from("Photoshop 3.0\0", "latin1"), Buffer.from("8BIM", "latin1"), Buffer.from([0x04, 0x04, 0, 0]), size, record, pad]),
  );
}

/** A phone-like JPEG: 800 × 600 stored, orientation 6, every kind of metadata a camera writes. */
async function phoneJpeg(): Promise<Buffer> {
  const xmp = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="${XMP_TOOL}"/></rdf:RDF></x:xmpmeta>`;
  // A Display P3 profile, so that the colours must be converted to sRGB and the profile dropped.
  const base = await quadrants(800, 600).jpeg({ quality: 95 }).withIccProfile("p3").withXmp(xmp).toBuffer();
  const thumbnail = await quadrants(160, 120).jpeg({ quality: 60 }).toBuffer();
  const extra = Buffer.concat([exifSegment(6, thumbnail), iptcSegment(), segment(0xfe, Buffer.from(COMMENT, "latin1"))]);
  return Buffer.concat([base.subarray(0, 2), extra, base.subarray(2)]);
}

/** The markers of a JPEG's header segments, up to the start of the scan. */
function headerMarkers(jpeg: Buffer): number[] {
  const markers: number[] = [];
  let at = 2;
  while (at + 4 <= jpeg.length && jpeg[at] === 0xff) {
    const marker = jpeg[at + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}

async function expectNoMetadata(jpeg: Buffer) {
  const meta = await sharp(jpeg).metadata();
  expect(meta.format).toBe("jpeg");
  expect(meta.exif).toBeUndefined();
  expect(meta.icc).toBeUndefined();
  expect(meta.hasProfile).toBe(false);
  expect(meta.xmp).toBeUndefined();
  expect(meta.iptc).toBeUndefined();
  expect(meta.orientation).toBeUndefined();
  expect(meta.space).toBe("srgb");
  // Only JFIF (APP0), quantisation and Huffman tables, the frame and the scan: no APP1–APP15, no comment.
  expect(headerMarkers(jpeg)).toContain(0xda);
  for (const marker of headerMarkers(jpeg)) expect([0xe0, 0xdb, 0xc4, 0xc0, 0xc2, 0xda, 0xdd]).toContain(marker);
  const text = jpeg.toString("latin1");
  for (const needle of [
    "Exif",
    "GPS",
    CAMERA_MAKE,
    CAMERA_MODEL,
    MAKER_NOTE,
    IPTC_BYLINE,
    COMMENT,
    XMP_TOOL,
    "http://ns.adobe.com/xap",
    "Photoshop",
    "8BIM",
    "ICC_PROFILE",
  ]) {
    expect(text, needle).not.toContain(needle);
  }
  // A JPEG's start-of-image marker cannot occur inside its coded data: a second one is an embedded thumbnail.
  expect(jpeg.indexOf(Buffer.from([0xff, 0xd8]), 2)).toBe(-1);
}

describe("a phone's JPEG", () => {
  it("carries every kind of metadata to begin with", async () => {
    const meta = await sharp(await phoneJpeg()).metadata();
    expect(meta).toMatchObject({ width: 800, height: 600, orientation: 6, hasProfile: true });
    expect(meta.exif?.toString("latin1")).toContain(CAMERA_MODEL);
    expect(meta.exif?.toString("latin1")).toContain(MAKER_NOTE);
    expect(meta.xmp?.toString("latin1")).toContain(XMP_TOOL);
    expect(meta.iptc?.toString("latin1")).toContain(IPTC_BYLINE);
  });

  it("comes out upright with no metadata at all, display and thumbnail", async () => {
    const photo = await processPhoto(await phoneJpeg());
    expect(photo.sourceType).toBe("jpeg");
    // Orientation 6 (turn 90° clockwise): 800 × 600 stored is 600 × 800 shown.
    expect(photo.display).toMatchObject({ width: 600, height: 800 });
    expect(photo.thumb).toMatchObject({ width: 240, height: 320 });
    for (const output of [photo.display, photo.thumb]) {
      await expectNoMetadata(output.bytes);
      expect(await sharp(output.bytes).metadata()).toMatchObject({ width: output.width, height: output.height });
      // Turned clockwise, the stored left column (red over blue) becomes the top row (blue, red).
      const colours = await quadrantColours(output.bytes);
      expectColour(colours.topLeft, BLUE);
      expectColour(colours.topRight, RED);
      expectColour(colours.bottomLeft, YELLOW);
      expectColour(colours.bottomRight, GREEN);
    }
  });
});

describe("a phone's HEIC", () => {
  const heic = fs.readFileSync(path.resolve("tests/fixtures/photos/phone.heic"));

  it("decodes with its size and colours, and without the EXIF it carries", async () => {
    expect(heic.toString("latin1")).toContain("FixturePhone 12");
    const photo = await processPhoto(heic);
    expect(photo.sourceType).toBe("heic");
    expect(photo.display).toMatchObject({ width: 320, height: 240 });
    expect(photo.thumb).toMatchObject({ width: 320, height: 240 });
    for (const output of [photo.display, photo.thumb]) {
      await expectNoMetadata(output.bytes);
      expect(output.bytes.toString("latin1")).not.toContain("FixturePhone");
      const colours = await quadrantColours(output.bytes);
      expectColour(colours.topLeft, RED);
      expectColour(colours.topRight, GREEN);
      expectColour(colours.bottomLeft, BLUE);
      expectColour(colours.bottomRight, YELLOW);
    }
  });

  it("is refused from its header when it claims too many pixels", async () => {
    // The image's spatial extent (ispe) says 10,000 × 10,000: the decoder must never be asked.
    const big = Buffer.from(heic);
    for (let at = big.indexOf("ispe"); at !== -1; at = big.indexOf("ispe", at + 4)) {
      big.writeUInt32BE(10_000, at + 8);
      big.writeUInt32BE(10_000, at + 12);
    }
    expect(await refusal(big)).toBe("tooManyPixels");
  });

  it("is unreadable when cut short, and the decoder carries on afterwards", async () => {
    const results = await Promise.all([refusal(heic.subarray(0, Math.floor(heic.length * 0.7))), refusal(heic)]);
    expect(results).toEqual(["unreadable", "accepted"]);
  });
});

/** A valid PNG header for a 1-bit greyscale image of width × height, with its all-black rows deflated. */
async function hugePng(width: number, height: number): Promise<Buffer> {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, adaptive filtering, no interlace
  const rowBytes = 1 + Math.ceil(width / 8); // filter type 0, then the row's zero bits
  const rowsPerChunk = 1000;
  const rows = function* () {
    const block = Buffer.alloc(rowBytes * rowsPerChunk);
    for (let y = 0; y < height; y += rowsPerChunk) yield block.subarray(0, rowBytes * Math.min(rowsPerChunk, height - y));
  };
  const deflated: Buffer[] = [];
  await pipeline(Readable.from(rows()), zlib.createDeflate({ level: 1 }), async (source: AsyncIterable<Buffer>) => {
    for await (const c of source) deflated.push(c);
  });
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk("IHDR", ihdr), chunk("IDAT", Buffer.concat(deflated)), chunk("IEND", Buffer.alloc(0))]);
}

describe("refusals", () => {
  it("a 30,000 × 30,000 PNG, from its header, without decoding it", async () => {
    const png = await hugePng(30_000, 30_000);
    expect(png.length).toBeLessThan(PHOTO_LIMITS.fileBytes);
    const started = performance.now();
    expect(await refusal(png)).toBe("tooManyPixels");
    // Decoding 900 megapixels would take many seconds and gigabytes.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("HTML and SVG, named .jpg or not: the bytes decide", async () => {
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert("x")</script><img src="x.jpg"></body></html>');
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
    );
    const bareSvg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="red"/></svg>');
    expect(await refusal(html)).toBe("type");
    expect(await refusal(svg)).toBe("type");
    expect(await refusal(bareSvg)).toBe("type");
  });

  it("GIF, AVIF (also when it calls itself plain HEIF) and TIFF", async () => {
    const image = () => quadrants(64, 48);
    expect(await refusal(await image().gif().toBuffer())).toBe("type");
    expect(await refusal(await image().tiff().toBuffer())).toBe("type");
    const avif = await image().avif().toBuffer();
    expect(await refusal(avif)).toBe("type");
    // A "mif1" major brand makes file-type say HEIC; the AV1 coding still shows in the other brands.
    const mif1 = Buffer.from(avif);
    mif1.write("mif1", 8, "latin1");
    expect(await refusal(mif1)).toBe("type");
  });

  it("bytes that nothing recognises, and nothing at all", async () => {
    expect(await refusal(Buffer.from("just some text, not a photo"))).toBe("type");
    expect(await refusal(Buffer.alloc(0))).toBe("type");
  });

  it("a file over the upload limit, before its type is looked at", async () => {
    const jpeg = await quadrants(64, 48).jpeg().toBuffer();
    const big = Buffer.concat([jpeg, Buffer.alloc(PHOTO_LIMITS.fileBytes + 1 - jpeg.length)]);
    expect(await refusal(big)).toBe("tooLarge");
    expect(await refusal(big.subarray(0, PHOTO_LIMITS.fileBytes))).not.toBe("tooLarge");
  });

  it("a truncated JPEG, a broken PNG and a WebP cut short are unreadable", async () => {
    const noise = Buffer.alloc(400 * 300 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 7919) % 251;
    const detailed = () => sharp(noise, { raw: { width: 400, height: 300, channels: 3 } });
    const jpeg = await detailed().jpeg({ quality: 90 }).toBuffer();
    const png = await detailed().png().toBuffer();
    const webp = await detailed().webp().toBuffer();
    expect(await refusal(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))).toBe("unreadable");
    expect(await refusal(png.subarray(0, Math.floor(png.length * 0.6)))).toBe("unreadable");
    expect(await refusal(webp.subarray(0, Math.floor(webp.length * 0.6)))).toBe("unreadable");
    const garbled = Buffer.from(png);
    garbled.fill(0x55, 100, 2000);
    expect(await refusal(garbled)).toBe("unreadable");
  });
});

describe("sizes and other formats", () => {
  it("a PNG with transparency is flattened onto white", async () => {
    const png = await sharp({ create: { width: 400, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: await quadrants(200, 150).png().toBuffer(), left: 0, top: 0 }])
      .png()
      .toBuffer();
    const photo = await processPhoto(png);
    expect(photo.sourceType).toBe("png");
    expect(photo.display).toMatchObject({ width: 400, height: 300 });
    const meta = await sharp(photo.display.bytes).metadata();
    expect(meta).toMatchObject({ format: "jpeg", channels: 3, hasAlpha: false });
    // The opaque picture covers the top-left quarter; the rest was transparent.
    expectColour(await colourAt(photo.display.bytes, 0.125, 0.125), RED);
    expectColour(await colourAt(photo.display.bytes, 0.375, 0.375), YELLOW);
    expectColour(await colourAt(photo.display.bytes, 0.75, 0.75), WHITE, 2);
    expectColour(await colourAt(photo.display.bytes, 0.75, 0.25), WHITE, 2);
  });

  it("16-bit, CMYK and greyscale-with-alpha inputs become 8-bit sRGB", async () => {
    const orange = { r: 200, g: 100, b: 50 };
    const inputs = [
      await sharp({ create: { width: 300, height: 200, channels: 4, background: { ...orange, alpha: 1 } } })
        .toColourspace("rgb16")
        .png()
        .toBuffer(),
      await sharp({ create: { width: 300, height: 200, channels: 3, background: orange } })
        .toColourspace("cmyk")
        .jpeg()
        .toBuffer(),
    ];
    expect((await sharp(inputs[0]).metadata()).depth).toBe("ushort");
    expect((await sharp(inputs[1]).metadata()).space).toBe("cmyk");
    for (const input of inputs) {
      const photo = await processPhoto(input);
      expect(await sharp(photo.display.bytes).metadata()).toMatchObject({ space: "srgb", channels: 3, depth: "uchar", width: 300, height: 200 });
      expectColour(await colourAt(photo.thumb.bytes, 0.5, 0.5), [200, 100, 50], 20);
    }
    const greyAlpha = await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } })
      .toColourspace("b-w")
      .png()
      .toBuffer();
    expect((await sharp(greyAlpha).metadata()).channels).toBe(2);
    const photo = await processPhoto(greyAlpha);
    expectColour(await colourAt(photo.display.bytes, 0.5, 0.5), [128, 128, 128], 3);
  });

  it("a WebP works", async () => {
    const photo = await processPhoto(await quadrants(600, 400).webp({ quality: 90 }).toBuffer());
    expect(photo.sourceType).toBe("webp");
    expect(photo.display).toMatchObject({ width: 600, height: 400 });
    expect(photo.thumb).toMatchObject({ width: 320, height: 213 });
    await expectNoMetadata(photo.display.bytes);
    expectColour((await quadrantColours(photo.thumb.bytes)).topRight, GREEN);
  });

  it("a large photo is fitted to the display and thumbnail sides, either way round", async () => {
    const wide = await processPhoto(await quadrants(4000, 1000).jpeg().toBuffer());
    expect(wide.display).toMatchObject({ width: PHOTO_LIMITS.displaySide, height: 400 });
    expect(wide.thumb).toMatchObject({ width: PHOTO_LIMITS.thumbSide, height: 80 });
    const tall = await processPhoto(await quadrants(1000, 3000).png().toBuffer());
    expect(tall.display).toMatchObject({ width: 533, height: PHOTO_LIMITS.displaySide });
    expect(tall.thumb).toMatchObject({ width: 107, height: PHOTO_LIMITS.thumbSide });
    for (const photo of [wide, tall]) {
      expect(await sharp(photo.display.bytes).metadata()).toMatchObject({ width: photo.display.width, height: photo.display.height });
      expect(await sharp(photo.thumb.bytes).metadata()).toMatchObject({ width: photo.thumb.width, height: photo.thumb.height });
    }
  });

  it("a small photo is never enlarged", async () => {
    const photo = await processPhoto(await quadrants(120, 80).jpeg().toBuffer());
    expect(photo.display).toMatchObject({ width: 120, height: 80 });
    expect(photo.thumb).toMatchObject({ width: 120, height: 80 });
  });
});
