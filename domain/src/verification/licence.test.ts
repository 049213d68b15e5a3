import { describe, expect, it } from 'vitest';
import { licenceMaxBytes, sniffLicenceType } from './licence';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('licence image type by magic bytes', () => {
  it('recognises PNG and JPEG (JFIF and Exif)', () => {
    expect(sniffLicenceType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe(
      'image/png',
    );
    expect(sniffLicenceType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46))).toBe('image/jpeg');
    expect(sniffLicenceType(bytes(0xff, 0xd8, 0xff, 0xe1, 0, 16, 0x45, 0x78))).toBe('image/jpeg');
  });

  it('refuses GIF, EXE, PDF, text and truncated signatures', () => {
    expect(sniffLicenceType(new TextEncoder().encode('GIF89a\u0001\u0000'))).toBeNull();
    expect(sniffLicenceType(bytes(0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00))).toBeNull();
    expect(sniffLicenceType(new TextEncoder().encode('%PDF-1.7\n'))).toBeNull();
    expect(sniffLicenceType(new TextEncoder().encode('营业执照.png'))).toBeNull();
    expect(sniffLicenceType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a))).toBeNull();
    expect(sniffLicenceType(bytes(0xff, 0xd8, 0xff))).toBeNull();
    expect(sniffLicenceType(bytes())).toBeNull();
  });

  it('allows 5 MiB', () => {
    expect(licenceMaxBytes).toBe(5_242_880);
  });
});
