import { describe, expect, it } from 'vitest';
import { cleanAttachmentName, sniffAttachmentType } from './attachments';

const bytes = (text: string, prefix: number[] = []) =>
  new Uint8Array([...prefix, ...new TextEncoder().encode(text)]);

describe('sniffAttachmentType', () => {
  it('reads PDF, PNG and JPEG from their signatures', () => {
    expect(sniffAttachmentType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffAttachmentType(bytes('IHDR', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    expect(sniffAttachmentType(bytes('JFIF', [0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
  });

  it('tells the Office packages apart by their entry names, and refuses any other ZIP', () => {
    const zip = (names: string) => bytes(names, [0x50, 0x4b, 0x03, 0x04]);
    expect(sniffAttachmentType(zip('[Content_Types].xml word/document.xml'))).toMatch(/wordprocessingml/);
    expect(sniffAttachmentType(zip('[Content_Types].xml xl/workbook.xml'))).toMatch(/spreadsheetml/);
    expect(sniffAttachmentType(zip('[Content_Types].xml ppt/presentation.xml'))).toMatch(/presentationml/);
    expect(sniffAttachmentType(zip('payload.exe'))).toBeNull();
  });

  it('refuses HTML, scripts and executables whatever they are called', () => {
    expect(sniffAttachmentType(bytes('<html><script>alert(1)</script>'))).toBeNull();
    expect(sniffAttachmentType(bytes('MZ\x90\x00'))).toBeNull();
    expect(sniffAttachmentType(new Uint8Array())).toBeNull();
  });
});

describe('cleanAttachmentName', () => {
  it('keeps the base name without control or reserved characters', () => {
    expect(cleanAttachmentName('C:\\Users\\a\\中试报告.pdf')).toBe('中试报告.pdf');
    expect(cleanAttachmentName('../../etc/测试<1>.pdf')).toBe('测试1.pdf');
    expect(cleanAttachmentName('a\u0000b\nc.pdf')).toBe('abc.pdf');
    expect(cleanAttachmentName('..')).toBe('附件');
  });
});
