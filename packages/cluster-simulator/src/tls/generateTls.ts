import { generateKeyPairSync, sign } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

/** A CA and a server certificate signed by it, all PEM. */
export interface GeneratedTls {
  caCert: string;
  serverKey: string;
  serverCert: string;
}

interface KeyPair {
  pem: string;
  publicKey: forge.pki.rsa.PublicKey;
}

/**
 * RSA keys and signatures come from Node's native crypto: node-forge's pure-JS RSA is slow
 * (seconds per signature under jest); forge only builds the certificate structures.
 */
function rsaKeyPair(): KeyPair {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(
    privateKey,
  ) as forge.pki.rsa.PrivateKey;
  return {
    pem: privateKey,
    publicKey: forge.pki.setRsaPublicKey(key.n, key.e),
  };
}

function signCertificate(
  cert: forge.pki.Certificate,
  issuerKeyPem: string,
): void {
  const oid = forge.pki.oids.sha256WithRSAEncryption;
  cert.signatureOid = oid;
  cert.siginfo.algorithmOid = oid;
  // getTBSCertificate exists in node-forge but is missing from its type definitions.
  const pki = forge.pki as unknown as {
    getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1;
  };
  const tbs = forge.asn1.toDer(pki.getTBSCertificate(cert)).getBytes();
  const signature = sign('sha256', Buffer.from(tbs, 'binary'), issuerKeyPem);
  cert.signature = signature.toString('binary');
}

function serialNumber(): string {
  // Positive (leading nibble < 8) random 128-bit serial, as RFC 5280 asks.
  const hex = forge.util.bytesToHex(forge.random.getBytesSync(16));
  return `0${hex.slice(1)}`;
}

function validity(cert: forge.pki.Certificate, years: number): void {
  const now = Date.now();
  // Backdated a little so clock skew between processes never makes it "not yet valid".
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + years * 365 * 24 * 60 * 60 * 1000);
}

/**
 * Generates a fresh CA and a server certificate for the given hosts (always including
 * 127.0.0.1 and localhost).
 */
export function generateTls(extraHosts: string[] = []): GeneratedTls {
  const caKeys = rsaKeyPair();
  const ca = forge.pki.createCertificate();
  ca.publicKey = caKeys.publicKey;
  ca.serialNumber = serialNumber();
  validity(ca, 10);
  const caSubject = [
    { name: 'commonName', value: 'cluster-simulator-ca' },
    { name: 'organizationName', value: 'pdelivery cluster simulator' },
  ];
  ca.setSubject(caSubject);
  ca.setIssuer(caSubject);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    {
      name: 'keyUsage',
      keyCertSign: true,
      cRLSign: true,
      digitalSignature: true,
      critical: true,
    },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(ca, caKeys.pem);

  const hosts = [...new Set(['127.0.0.1', 'localhost', ...extraHosts])];
  const serverKeys = rsaKeyPair();
  const cert = forge.pki.createCertificate();
  cert.publicKey = serverKeys.publicKey;
  cert.serialNumber = serialNumber();
  validity(cert, 1);
  cert.setSubject([{ name: 'commonName', value: 'kube-apiserver' }]);
  cert.setIssuer(caSubject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: hosts.map(h =>
        isIP(h) ? { type: 7, ip: h } : { type: 2, value: h },
      ),
    },
    {
      name: 'authorityKeyIdentifier',
      keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes(),
    },
  ]);
  signCertificate(cert, caKeys.pem);

  return {
    caCert: forge.pki.certificateToPem(ca),
    serverKey: serverKeys.pem,
    serverCert: forge.pki.certificateToPem(cert),
  };
}
