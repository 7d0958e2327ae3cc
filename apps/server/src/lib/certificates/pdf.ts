// The certificate as a Vietnamese PDF (pdfkit): enterprise and tax code, overall and pillar levels with their names
// from the pinned index version, the index id, version and content hash, dates of issue and validity, issuer,
// number, and a QR code (qrcode, drawn as vector squares) to the public verification page /verify/{number}.
// Text is set in Noto Sans (OFL-1.1, from @expo-google-fonts/noto-sans: full TTFs with every Vietnamese letter;
// pdfkit embeds the subset it uses). A certificate no longer standing says so across its page.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CertificateRecord } from '@dbi/storage';
import { vietnameseDate, type CertificateSettings } from './settings.js';

const require = createRequire(import.meta.url);
const FONT = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
};

type Text = { vi: string; en: string };

/** What the pinned index version says about the levels and pillars a certificate names. */
export interface CertificateNames {
  title: Text;
  levels: ReadonlyArray<{ level: number; name: Text }>;
  pillars: ReadonlyArray<{ id: string; name: Text }>;
  /** The version is a group index: the points are a roll-up's weighted mean level (storage keeps it in thousandths
   * of Mức 5, of 5000), printed as that mean (Đth, Appendix III). */
  rollUp?: boolean;
}

/** Where the certificate stands now: printed on the PDF and answered by the verification route. */
export type CertificateState = 'valid' | 'expired' | 'superseded' | 'revoked';

export function certificateState(c: CertificateRecord, today: string): CertificateState {
  if (c.status === 'revoked') return 'revoked';
  if (c.supersededBy) return 'superseded';
  if (c.validUntil !== null && today > c.validUntil) return 'expired';
  return 'valid';
}

/** Thousandths as a Vietnamese decimal, exactly: 2200 → "2,2", 3333 → "3,333", 3000 → "3". */
const thousandths = (n: number) => {
  const fraction = String(n % 1000)
    .padStart(3, '0')
    .replace(/0+$/, '');
  return fraction ? `${Math.floor(n / 1000)},${fraction}` : String(Math.floor(n / 1000));
};

/** Points as printed: x/max, or for a group roll-up its weighted mean level of 5. */
const pointsText = (names: CertificateNames, points: number, max: number) =>
  names.rollUp ? `${thousandths(points)}/5` : `${points}/${max}`;

const levelName = (names: CertificateNames, level: number) =>
  names.levels.find((l) => l.level === level)?.name ?? { vi: `Mức ${level}`, en: `Level ${level}` };

const STATE_BANNER: Record<Exclude<CertificateState, 'valid'>, (c: CertificateRecord) => string> = {
  revoked: (c) =>
    `ĐÃ THU HỒI${c.revokedAt ? ` ngày ${vietnameseDate(c.revokedAt.slice(0, 10))}` : ''}: ${c.revocationReason}`,
  superseded: (c) => `ĐÃ ĐƯỢC THAY THẾ bởi chứng nhận số ${c.supersededBy}`,
  expired: (c) => `ĐÃ HẾT HIỆU LỰC từ ngày ${vietnameseDate(c.validUntil!)}`,
};

/**
 * Noto Sans's `ccmp` feature splits ụ, ọ, ị… into a base letter and a combining mark; pdfkit then maps the base
 * letter's glyph to the whole letter, so text copied or searched in the PDF comes out wrong ("dung" as "dụng"). The
 * font has every Vietnamese letter precomposed: with ccmp off, each letter is its own glyph and reads back exactly.
 */
function keepPrecomposed(doc: PDFKit.PDFDocument): void {
  const features = { ccmp: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[];
  const text = doc.text.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  doc.text = ((...args: unknown[]) => {
    const last = args[args.length - 1];
    if (args.length > 1 && last !== null && typeof last === 'object')
      args[args.length - 1] = { ...(last as object), features };
    else args.push({ features });
    return text(...args);
  }) as typeof doc.text;
}

/** Renders the certificate; `verifyUrl` is the absolute address of its public verification page. */
export async function certificatePdf(
  c: CertificateRecord,
  names: CertificateNames,
  state: CertificateState,
  verifyUrl: string,
  settings: Pick<CertificateSettings, 'issuer'>,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 48, left: 56, right: 56 },
    info: {
      Title: `Chứng nhận mức độ chuyển đổi số ${c.number}`,
      Author: settings.issuer.vi,
      Subject: `${c.enterpriseName} — ${c.taxCode}`,
      Creator: 'DBI',
      CreationDate: new Date(c.issuedAt),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  keepPrecomposed(doc);
  doc.registerFont('regular', FONT.regular);
  doc.registerFont('bold', FONT.bold);
  const width = doc.page.width - 112;
  const left = 56;

  // Frame
  doc
    .lineWidth(2)
    .strokeColor('#9a1b1b')
    .rect(28, 28, doc.page.width - 56, doc.page.height - 56)
    .stroke();
  doc
    .lineWidth(0.5)
    .rect(34, 34, doc.page.width - 68, doc.page.height - 68)
    .stroke();

  doc.fillColor('#000').font('bold').fontSize(11).text('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center' });
  doc.font('regular').fontSize(11).text('Độc lập - Tự do - Hạnh phúc', { align: 'center' });
  doc.moveDown(0.6).font('bold').fontSize(12).text(settings.issuer.vi.toUpperCase(), { align: 'center' });
  doc.moveDown(1.2).fillColor('#9a1b1b').font('bold').fontSize(20);
  doc
    .text('CHỨNG NHẬN', { align: 'center' })
    .fontSize(15)
    .text('MỨC ĐỘ CHUYỂN ĐỔI SỐ DOANH NGHIỆP', { align: 'center' });
  doc.fillColor('#000').font('regular').fontSize(11).moveDown(0.3).text(`Số: ${c.number}`, { align: 'center' });

  doc.moveDown(1.2).fontSize(12).text('Chứng nhận doanh nghiệp', left, doc.y, { width, align: 'center' });
  doc.font('bold').fontSize(17).text(c.enterpriseName, { width, align: 'center' });
  doc.font('regular').fontSize(12).text(`Mã số thuế: ${c.taxCode}`, { width, align: 'center' });

  const overall = levelName(names, c.level);
  doc.moveDown(0.8).text('đạt mức độ chuyển đổi số', { width, align: 'center' });
  doc.font('bold').fontSize(22).fillColor('#9a1b1b').text(`Mức ${c.level}: ${overall.vi}`, { width, align: 'center' });
  doc.fillColor('#000').font('regular').fontSize(11);
  doc.text(
    names.rollUp
      ? `Điểm bình quân gia quyền theo số lao động (Đth): ${pointsText(names, c.total, c.max)}`
      : `Tổng điểm: ${c.total}/${c.max}`,
    { width, align: 'center' },
  );

  // Pillars
  doc.moveDown(0.8).font('bold').fontSize(11).text('Mức độ theo từng trụ cột', left, doc.y);
  doc.moveDown(0.3);
  const cols = [left, left + 30, left + width - 170, left + width - 110];
  let y = doc.y;
  doc.fontSize(10).text('TT', cols[0], y).text('Trụ cột', cols[1], y).text('Điểm', cols[2], y).text('Mức', cols[3], y);
  y = doc.y + 2;
  doc
    .lineWidth(0.5)
    .strokeColor('#777')
    .moveTo(left, y)
    .lineTo(left + width, y)
    .stroke();
  doc.font('regular');
  for (const p of c.pillars) {
    y += 4;
    const name = names.pillars.find((x) => x.id === p.id)?.name.vi ?? p.id;
    const lvl = levelName(names, p.level).vi;
    doc.text(p.id, cols[0], y, { width: 28 });
    doc.text(name, cols[1]!, y, { width: cols[2]! - cols[1]! - 8 });
    const rowEnd = doc.y;
    doc.text(pointsText(names, p.points, p.max), cols[2], y, { width: 56 });
    doc.text(`${p.level} – ${lvl}`, cols[3], y, { width: 110 });
    y = Math.max(rowEnd, doc.y);
  }
  doc
    .moveTo(left, y + 2)
    .lineTo(left + width, y + 2)
    .stroke();

  // Index, dates, issuer
  doc.y = y + 12;
  const line = (label: string, value: string) => {
    doc.font('bold').fontSize(10).text(`${label}: `, left, doc.y, { continued: true, width });
    doc.font('regular').text(value, { width });
  };
  line('Bộ chỉ số', `${names.title.vi} (${c.index.id}, phiên bản ${c.index.version})`);
  line('Mã băm nội dung (SHA-256)', c.index.hash);
  line('Ngày cấp', vietnameseDate(c.issuedOn));
  line(
    'Thời hạn hiệu lực',
    c.validUntil ? `từ ${vietnameseDate(c.issuedOn)} đến hết ${vietnameseDate(c.validUntil)}` : 'không ghi thời hạn',
  );
  line('Đơn vị cấp', `${settings.issuer.vi} (người cấp: ${c.issuedBy})`);

  // A certificate that no longer stands says so in a red box below its facts (horizontal: text tools read it).
  if (state !== 'valid') {
    const by = doc.y + 12;
    doc.lineWidth(1.5).strokeColor('#c00000').rect(left, by, width, 34).stroke();
    doc.font('bold').fontSize(12).fillColor('#c00000');
    doc.text(STATE_BANNER[state](c), left + 8, by + 9, {
      width: width - 16,
      align: 'center',
      height: 20,
      ellipsis: true,
    });
    doc.fillColor('#000');
  }

  // QR code to the verification page, bottom right; the address written beside it.
  const qr = QRCode.create(verifyUrl, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const box = 110;
  const cell = box / (size + 8);
  const qx = left + width - box;
  const qy = doc.page.height - 56 - box - 24;
  doc.rect(qx, qy, box, box).fill('#fff');
  doc.fillColor('#000');
  for (let r = 0; r < size; r++)
    for (let k = 0; k < size; k++)
      if (qr.modules.get(r, k)) doc.rect(qx + (k + 4) * cell, qy + (r + 4) * cell, cell, cell).fill();
  doc.font('regular').fontSize(9).fillColor('#000');
  doc.text('Quét mã QR hoặc truy cập địa chỉ dưới đây để kiểm tra tính hợp lệ của chứng nhận:', left, qy + 20, {
    width: width - box - 16,
  });
  doc.fillColor('#1a4f9a').text(verifyUrl, { width: width - box - 16, link: verifyUrl, underline: true });

  doc.end();
  return done;
}
