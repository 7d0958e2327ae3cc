// A certificate as its holder and the Ministry see it in the portal: its number, the PDF the server renders, and the
// address of its public verification page with the same address as a QR code (the `qrcode` library, drawn as SVG and
// shown as a data: image, which the portal's CSP allows).
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { routeHref } from '../../route.ts';
import { useSession } from '../../session.tsx';

export function verifyAddress(number: string): string {
  return `${location.origin}${routeHref({ name: 'verify', number })}`;
}

export function CertificatePanel({ number }: { number: string }) {
  const { t } = useSession();
  const [qr, setQr] = useState<string | null>(null);
  const address = verifyAddress(number);
  useEffect(() => {
    let live = true;
    QRCode.toString(address, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }).then(
      (svg) => live && setQr(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`),
      () => live && setQr(null),
    );
    return () => {
      live = false;
    };
  }, [address]);
  return (
    <section className="card certificate-panel" aria-labelledby="cert-h" data-testid="certificate-panel">
      <h2 id="cert-h">{t('certificateTitle')}</h2>
      <div className="certificate-body">
        {qr && <img src={qr} width={160} height={160} alt={t('qrAlt', { address })} data-testid="certificate-qr" />}
        <dl className="facts">
          <dt>{t('verifyNumber')}</dt>
          <dd data-testid="certificate-number">{number}</dd>
          <dt>{t('certificatePdf')}</dt>
          <dd>
            <a href={`/api/v1/certificates/${encodeURIComponent(number)}.pdf`} data-testid="certificate-pdf">
              {t('downloadPdf', { number })}
            </a>
          </dd>
          <dt>{t('verificationLink')}</dt>
          <dd>
            <a href={address} data-testid="certificate-verify">
              {address}
            </a>
          </dd>
        </dl>
      </div>
    </section>
  );
}
