#!/usr/bin/env node
// Inclusion Portal front-end build helper (node built-ins only).
//
//   node frontend/build.mjs clean  -> empty inclusion/static/dist/
//   node frontend/build.mjs copy   -> copy JS + assets, generate PNG/ICO icons
//
// CSS is compiled by the `build:css` npm script (sass CLI) between the two.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'frontend')
const dist = join(root, 'inclusion', 'static', 'dist')
const govuk = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk')

function clean () {
  rmSync(dist, { recursive: true, force: true })
  mkdirSync(join(dist, 'assets', 'images'), { recursive: true })
}

function copy () {
  mkdirSync(join(dist, 'assets', 'images'), { recursive: true })
  // GOV.UK Frontend ES module bundle (+ source map) and our entry module
  for (const f of ['govuk-frontend.min.js', 'govuk-frontend.min.js.map']) {
    cpSync(join(govuk, f), join(dist, f))
  }
  for (const f of ['app.js', 'autosave.js', 'sortable.js', 'school-picker.js']) {
    cpSync(join(src, 'js', f), join(dist, f))
  }
  // Our own brand assets. Nothing is taken from govuk-frontend's assets/:
  // no GDS Transport fonts, no crown/crest images, no GOV.UK icons.
  cpSync(join(src, 'images'), join(dist, 'assets', 'images'), { recursive: true })
  cpSync(join(src, 'manifest.json'), join(dist, 'assets', 'manifest.json'))
  writeIcons()
}

// ---------------------------------------------------------------------------
// Rasterise frontend/images/favicon.svg (rounded square + stroked "S" path)
// into PNG icons and a PNG-in-ICO favicon, so there is a single source.
// ---------------------------------------------------------------------------
function readFavicon () {
  const svg = readFileSync(join(src, 'images', 'favicon.svg'), 'utf8')
  const attr = (tag, name) => {
    const m = svg.match(new RegExp(`<${tag}\\b[^>]*\\s${name}="([^"]*)"`))
    if (!m) throw new Error(`favicon.svg: missing ${tag}@${name}`)
    return m[1]
  }
  const nums = attr('path', 'd').match(/-?\d*\.?\d+/g).map(Number)
  const cmds = attr('path', 'd').match(/[MC]/g)
  if (cmds[0] !== 'M' || cmds.slice(1).some(c => c !== 'C') || nums.length !== 2 + 6 * (cmds.length - 1)) {
    throw new Error('favicon.svg: path must be "M x y" followed by absolute "C" segments')
  }
  // Flatten cubic Béziers into a polyline
  const pts = [[nums[0], nums[1]]]
  for (let i = 2; i < nums.length; i += 6) {
    const [x0, y0] = pts[pts.length - 1]
    const [x1, y1, x2, y2, x3, y3] = nums.slice(i, i + 6)
    for (let t = 1 / 32; t <= 1.0001; t += 1 / 32) {
      const u = 1 - t
      pts.push([
        u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
        u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3
      ])
    }
  }
  const hex = c => [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16))
  return {
    size: Number(attr('rect', 'width')),
    radius: Number(attr('rect', 'rx')),
    fill: hex(attr('rect', 'fill')),
    stroke: hex(attr('path', 'stroke')),
    strokeWidth: Number(attr('path', 'stroke-width')),
    pts
  }
}

function rasterise (icon, px, { fullBleed = false } = {}) {
  const scale = px / icon.size
  const half = icon.size / 2
  const r = fullBleed ? 0 : icon.radius
  const rgba = Buffer.alloc(px * px * 4)
  const clamp = v => Math.min(1, Math.max(0, v))
  for (let y = 0; y < px; y++) {
    for (let x = 0; x < px; x++) {
      const p = [(x + 0.5) / scale, (y + 0.5) / scale]
      // signed distance to the rounded square
      const qx = Math.abs(p[0] - half) - (half - r)
      const qy = Math.abs(p[1] - half) - (half - r)
      const dRect = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
      // distance to the stroked path (round caps/joins)
      let dLine = Infinity
      for (let i = 1; i < icon.pts.length; i++) {
        const [ax, ay] = icon.pts[i - 1]
        const [bx, by] = icon.pts[i]
        const vx = bx - ax; const vy = by - ay
        const t = clamp(((p[0] - ax) * vx + (p[1] - ay) * vy) / (vx * vx + vy * vy || 1))
        dLine = Math.min(dLine, Math.hypot(p[0] - ax - t * vx, p[1] - ay - t * vy))
      }
      const a = clamp(0.5 - dRect * scale)
      const s = clamp(0.5 - (dLine - icon.strokeWidth / 2) * scale)
      const o = (y * px + x) * 4
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(icon.fill[c] * (1 - s) + icon.stroke[c] * s)
      rgba[o + 3] = Math.round(a * 255)
    }
  }
  return encodePng(px, rgba)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32 (buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk (type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length)
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td))
  return Buffer.concat([len, td, crc])
}
function encodePng (px, rgba) {
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(px, 0); ihdr.writeUInt32BE(px, 4)
  ihdr[8] = 8; ihdr[9] = 6 // 8-bit RGBA
  const raw = Buffer.alloc(px * (px * 4 + 1))
  for (let y = 0; y < px; y++) rgba.copy(raw, y * (px * 4 + 1) + 1, y * px * 4, (y + 1) * px * 4)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))
  ])
}
function encodeIco (png, px) {
  const head = Buffer.alloc(22)
  head.writeUInt16LE(0, 0); head.writeUInt16LE(1, 2); head.writeUInt16LE(1, 4)
  head[6] = px; head[7] = px // width/height (<256)
  head.writeUInt16LE(1, 10); head.writeUInt16LE(32, 12)
  head.writeUInt32LE(png.length, 14); head.writeUInt32LE(22, 18)
  return Buffer.concat([head, png])
}

function writeIcons () {
  const icon = readFavicon()
  const out = f => join(dist, 'assets', 'images', f)
  writeFileSync(out('favicon.ico'), encodeIco(rasterise(icon, 48), 48))
  // apple-touch-icon: iOS rounds corners itself, so fill the whole square
  writeFileSync(out('icon-180.png'), rasterise(icon, 180, { fullBleed: true }))
  writeFileSync(out('icon-192.png'), rasterise(icon, 192))
  writeFileSync(out('icon-512.png'), rasterise(icon, 512))
}

const task = process.argv[2]
if (task === 'clean') clean()
else if (task === 'copy') copy()
else {
  console.error('usage: node frontend/build.mjs clean|copy')
  process.exit(2)
}
