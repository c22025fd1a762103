import { describe, expect, it } from 'vitest';
import { AppError } from '../../http/app-error.js';
import { SNIFF_BYTES, findHtmlMarker, sniffFileType } from './sniff.js';

function refusal(head: Uint8Array): string | undefined {
  try {
    sniffFileType(head);
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
}

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('sniffFileType', () => {
  it('recognises PDF, JPEG and PNG by their magic numbers', () => {
    expect(sniffFileType(bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj'))).toBe('application/pdf');
    expect(sniffFileType(bytes([0xff, 0xd8, 0xff, 0xe1], 'Exif\0\0<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/>'))).toBe('image/jpeg');
    expect(sniffFileType(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR'))).toBe('image/png');
  });

  it('ignores what the name or the client claims: only the bytes count', () => {
    for (const head of [
      bytes('<!DOCTYPE html><html>'),
      bytes('<html><body>'),
      bytes('<script>alert(1)</script>'),
      bytes('<'),
      bytes('GIF89a'),
      bytes([0x50, 0x4b, 0x03, 0x04]),
      bytes('MZ\x90\x00'),
      bytes('\x7fELF'),
      bytes(' %PDF-1.4'),
      bytes('%PDF'),
      bytes([0xff, 0xd8]),
      bytes([0x89, 0x50, 0x4e, 0x47]),
      bytes(''),
    ]) {
      expect(refusal(head), head.toString('latin1')).toBe('FILE_TYPE_NOT_ALLOWED');
    }
  });

  it('refuses a PDF or image carrying HTML or script in its first KiB', () => {
    const padding = 'x'.repeat(SNIFF_BYTES - 40);
    expect(refusal(bytes('%PDF-1.4\n<html>'))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(refusal(bytes('%PDF-1.4\n', padding, '<ScRiPt src=//evil>'))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(refusal(bytes('%PDF-1.4\n<!doctype html>'))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(refusal(bytes([0xff, 0xd8, 0xff, 0xe0], '<svg onload=alert(1)>'))).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(refusal(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], '<iframe src=x>'))).toBe('FILE_TYPE_NOT_ALLOWED');
  });

  it('accepts PDF dictionaries and XMP metadata, which also use angle brackets', () => {
    expect(refusal(bytes('%PDF-1.6\n1 0 obj\n<< /Length 2 0 R >>\nstream\n<?xpacket begin=""?><x:xmpmeta><rdf:RDF>'))).toBeUndefined();
  });

  it('scans only the first KiB (later content is not interpreted, and never served inline)', () => {
    const late = bytes('%PDF-1.4\n', 'x'.repeat(SNIFF_BYTES), '<script>');
    expect(findHtmlMarker(late)).toBeUndefined();
    expect(refusal(late)).toBeUndefined();
  });
});
