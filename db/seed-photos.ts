// Demo photos: drawn here (a cracked wall, a stained ceiling, a flooded garage, a repaired
// ceiling...) and put through the same processing and store as an owner's upload, so that
// the demo site's galleries, viewer and feeds show real files. Each picture is drawn and
// processed once; every photo made from it is a row of its own over the same stored bytes.
import sharp from "sharp";
import { processPhoto, type ProcessedPhoto } from "../app/lib/photo-processing.server";
import { storePendingPhoto, type AttachedPhoto } from "../app/models/photos.server";

type Picture = { key: string; caption: string; svg: string };

const W = 1200;
const H = 900;
const frame = (body: string, background: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><rect width="${W}" height="${H}" fill="${background}"/>${body}</svg>`;

const PICTURES: Picture[] = [
  {
    key: "crack",
    caption: "客厅墙面的斜向裂缝",
    svg: frame(
      `<rect x="0" y="700" width="${W}" height="200" fill="#b9ad9c"/><polyline points="380,80 430,210 410,320 480,430 460,560 530,690" fill="none" stroke="#3c3a36" stroke-width="9" stroke-linecap="round"/><polyline points="430,210 520,250" fill="none" stroke="#3c3a36" stroke-width="5"/>`,
      "#e8e3da",
    ),
  },
  {
    key: "stain",
    caption: "卧室天花板的水渍",
    svg: frame(
      `<defs><radialGradient id="s"><stop offset="0" stop-color="#8a6a3e" stop-opacity="0.85"/><stop offset="1" stop-color="#c9b48c" stop-opacity="0"/></radialGradient></defs><ellipse cx="640" cy="420" rx="380" ry="250" fill="url(#s)"/><ellipse cx="560" cy="380" rx="150" ry="90" fill="#7a5a30" fill-opacity="0.35"/>`,
      "#f1ede4",
    ),
  },
  {
    key: "garage",
    caption: "地下车库积水",
    svg: frame(
      `<rect x="0" y="520" width="${W}" height="380" fill="#5e7c8f" fill-opacity="0.8"/><rect x="180" y="360" width="300" height="200" rx="30" fill="#30343a"/><rect x="700" y="380" width="320" height="190" rx="30" fill="#8d1f1f"/><rect x="0" y="0" width="${W}" height="60" fill="#9a9a9a"/>`,
      "#6d6f72",
    ),
  },
  {
    key: "tiles",
    caption: "卫生间地砖空鼓、开裂",
    svg: frame(
      Array.from({ length: 6 }, (_, r) =>
        Array.from(
          { length: 8 },
          (_, c) => `<rect x="${c * 150 + 4}" y="${r * 150 + 4}" width="142" height="142" fill="${(r + c) % 5 === 2 ? "#cfc7b8" : "#e9e6df"}"/>`,
        ).join(""),
      ).join("") + `<polyline points="610,300 660,380 640,450" fill="none" stroke="#444" stroke-width="6"/>`,
      "#9e968a",
    ),
  },
  {
    key: "repaired",
    caption: "维修后的天花板(已重新找平、粉刷)",
    svg: frame(
      `<rect x="0" y="640" width="${W}" height="260" fill="#d8d2c6"/><rect x="520" y="120" width="160" height="40" rx="8" fill="#f7f7f2" stroke="#ddd"/>`,
      "#fbfaf7",
    ),
  },
  {
    key: "fire-exit",
    caption: "消防通道已清理通畅",
    svg: frame(
      `<rect x="420" y="160" width="360" height="600" fill="#c9d6c2"/><rect x="480" y="60" width="240" height="70" fill="#1e7b3c"/><rect x="505" y="80" width="190" height="30" fill="#f4f4f4"/><rect x="0" y="760" width="${W}" height="140" fill="#8f8f8f"/>`,
      "#e4e4e0",
    ),
  },
];

const processed = new Map<string, { photo: ProcessedPhoto; bytes: number }>();

async function draw(key: string) {
  const cached = processed.get(key);
  if (cached) return cached;
  const picture = PICTURES.find((p) => p.key === key)!;
  // A JPEG as a phone would send it; processing then makes the display size and thumbnail.
  const upload = await sharp(Buffer.from(picture.svg)).jpeg({ quality: 85 }).toBuffer();
  const made = { photo: await processPhoto(upload), bytes: upload.length };
  processed.set(key, made);
  return made;
}

/** Which demo pictures suit a complaint about `topicKey` (none for most topics). */
export function demoPicturesFor(topicKey: string): string[] {
  switch (topicKey) {
    case "crack":
    case "wall-leak":
      return ["crack", "stain"];
    case "ceiling-uneven":
    case "bathroom-waterproof":
      return ["stain"];
    case "garage-leak":
      return ["garage"];
    case "tile-hollow":
      return ["tiles", "crack"];
    default:
      return [];
  }
}

/** Pictures for a "promise kept" record: the proof of the repair. */
export const keptPictures = (topicKey: string) => (topicKey === "garage-leak" || topicKey === "security" ? ["fire-exit"] : ["repaired"]);

/** Keeps the pictures as the uploader's pending photos and answers them ready to attach. */
export async function demoPhotos(uploaderId: string, keys: string[], now: number): Promise<AttachedPhoto[]> {
  const out: AttachedPhoto[] = [];
  for (const key of keys) {
    const { photo, bytes } = await draw(key);
    const stored = await storePendingPhoto(uploaderId, photo, bytes, now);
    if (stored.ok) out.push({ id: stored.photo.id, caption: PICTURES.find((p) => p.key === key)!.caption });
  }
  return out;
}
