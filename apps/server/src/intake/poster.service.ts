/**
 * "码上见代表" posters: an A5 printable page per station or deputy with a QR code that
 * opens the citizen submit page with that station or deputy filled in. The SVG is built
 * as a string (every piece of text escaped); the PNG is rendered from it by sharp.
 */
import { LABELS, type DeputyLevel } from '@lianxin/core';
import QRCode from 'qrcode';
import { loadSharp } from '../platform/lazy-modules';

/** What a poster shows. */
export interface PosterContent {
  /** Large heading: the station's or the deputy's name. */
  name: string;
  /** Line under the name (deputy levels, or the kind of unit). */
  subtitle: string | null;
  /** The deep link the QR code encodes. */
  url: string;
  /** Lines at the bottom: station, address, opening hours, phone. */
  details: Array<{ label: string; value: string }>;
}

const WIDTH = 1480; // A5 portrait, 0.1 mm per unit: 148 × 210 mm
const HEIGHT = 2100;
const FONT = 'Noto Sans CJK SC, Noto Sans SC, sans-serif';
const RED = '#b71c1c';
/** 148 × 210 mm at 300 dpi. */
const PNG_WIDTH = 1748;
const PNG_HEIGHT = 2480;

/** Escapes text for SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Text safe inside an XML comment (no `--`, no control characters). */
function commentSafe(text: string): string {
  const printable = Array.from(text)
    .filter((c) => c.charCodeAt(0) >= 0x20)
    .join('');
  return printable.replace(/-{2,}/g, (m) => m.split('').join('\u200b'));
}

/** Rough rendered width in em: CJK and full-width characters 1, others about 0.55. */
function emWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += /[\u1100-\uffff]/.test(ch) ? 1 : 0.55;
  return width;
}

/** Breaks text into at most `maxLines` lines of `maxEm` em each, ending with … when cut. */
export function wrapText(text: string, maxEm: number, maxLines: number): string[] {
  const lines: string[] = [];
  let line = '';
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (emWidth(line + ch) > maxEm) {
      if (lines.length === maxLines - 1) {
        lines.push(`${Array.from(line).slice(0, -1).join('')}…`);
        return lines;
      }
      lines.push(line);
      line = ch === ' ' ? '' : ch;
    } else {
      line += ch;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** The QR code of `text` as one SVG path (runs of dark modules), in module units. */
export function qrPath(text: string): { size: number; d: string } {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const { size, data } = qr.modules;
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!data[y * size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && data[y * size + x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h-${x - start}z`);
    }
  }
  return { size, d: parts.join('') };
}

/** The poster as an SVG document. */
export function posterSvg(content: PosterContent): string {
  const { size, d } = qrPath(content.url);
  const qrBox = 860;
  const quiet = 4;
  const scale = qrBox / (size + quiet * 2);
  const qrX = (WIDTH - qrBox) / 2;
  const qrY = 700;
  const text = (x: number, y: number, value: string, attrs: string) => `<text x="${x}" y="${y}" ${attrs}>${escapeXml(value)}</text>`;

  const nameLines = wrapText(content.name, 13, 2);
  const nameSize = nameLines.length > 1 ? 84 : 100;
  const nameSvg = nameLines
    .map((l, i) => text(WIDTH / 2, 330 + i * (nameSize + 16), l, `font-size="${nameSize}" font-weight="700" text-anchor="middle" fill="#1a1a1a"`))
    .join('');
  const subtitleY = 330 + nameLines.length * (nameSize + 16) + 20;
  const subtitle = content.subtitle
    ? text(WIDTH / 2, subtitleY, wrapText(content.subtitle, 24, 1)[0] ?? '', `font-size="50" text-anchor="middle" fill="#555"`)
    : '';

  let y = qrY + qrBox + 150;
  const details: string[] = [];
  for (const item of content.details) {
    const lines = wrapText(`${item.label}：${item.value}`, 26, 2);
    for (const line of lines) {
      if (y > HEIGHT - 200) break;
      details.push(text(140, y, line, `font-size="46" fill="#333"`));
      y += 62;
    }
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- qr: ${commentSafe(content.url)} -->`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="148mm" height="210mm" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="${escapeXml(FONT)}" role="img" aria-labelledby="poster-title poster-desc">`,
    `<title id="poster-title">${escapeXml(`${content.name} · 扫码反映意见 · 码上见代表`)}</title>`,
    `<desc id="poster-desc">${escapeXml(`二维码链接：${content.url}`)}</desc>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<rect width="${WIDTH}" height="170" fill="${RED}"/>`,
    text(WIDTH / 2, 112, '人大代表联络站 · 连心', `font-size="64" font-weight="700" text-anchor="middle" fill="#ffffff" letter-spacing="6"`),
    nameSvg,
    subtitle,
    text(WIDTH / 2, qrY - 50, '扫码反映意见 · 码上见代表', `font-size="64" font-weight="700" text-anchor="middle" fill="${RED}"`),
    `<rect x="${qrX - 12}" y="${qrY - 12}" width="${qrBox + 24}" height="${qrBox + 24}" rx="24" fill="#ffffff" stroke="${RED}" stroke-width="6"/>`,
    `<g transform="translate(${qrX} ${qrY}) scale(${scale.toFixed(5)}) translate(${quiet} ${quiet})">`,
    `<path id="qr" d="${d}" fill="#000000" shape-rendering="crispEdges"/>`,
    '</g>',
    text(WIDTH / 2, qrY + qrBox + 70, '微信或手机相机扫一扫，无需注册', `font-size="40" text-anchor="middle" fill="#666"`),
    ...details,
    `<rect y="${HEIGHT - 110}" width="${WIDTH}" height="110" fill="${RED}"/>`,
    text(WIDTH / 2, HEIGHT - 42, wrapText(content.url, 44, 1)[0] ?? '', `font-size="30" text-anchor="middle" fill="#ffffff"`),
    '</svg>',
    '',
  ].join('\n');
}

/** The poster as a PNG (300 dpi, 1748 × 2480 px). */
export async function posterPng(svg: string): Promise<Buffer> {
  // Pixel size instead of millimetres, so the rasteriser's own dpi does not matter.
  const sized = svg.replace('width="148mm" height="210mm"', `width="${PNG_WIDTH}" height="${PNG_HEIGHT}"`);
  const sharp = await loadSharp();
  return sharp(Buffer.from(sized)).png({ compressionLevel: 9, palette: true }).toBuffer();
}

/** Chinese names of deputy levels, highest first. */
export function deputyLevelNames(levels: readonly DeputyLevel[]): string {
  return levels.map((l) => LABELS.deputyLevel[l]?.zh ?? l).join('、');
}
