import { X509Certificate } from 'node:crypto';
import { generateTls } from './generateTls';

describe('generateTls', () => {
  it('issues a server certificate for 127.0.0.1 and localhost signed by a fresh CA', () => {
    const tls = generateTls();
    const ca = new X509Certificate(tls.caCert);
    const server = new X509Certificate(tls.serverCert);
    expect(ca.ca).toBe(true);
    expect(server.ca).toBe(false);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(tls.serverKey).toContain('PRIVATE KEY');
  });
});
