import { describe, expect, it } from 'vitest';
import {
  jpegStart,
  odfOf,
  ooxmlOf,
  tinyPdf,
  tinyPng,
  webpStart,
  zipOf,
} from '../../test/support/file-fixtures';
import { sniffFile } from './sniff';

const kindOf = (bytes: Uint8Array) => {
  const sniffed = sniffFile(bytes);
  return sniffed.accepted ? sniffed.kind : `refused:${sniffed.kind}`;
};

describe('sniffing a file by its content', () => {
  it('recognises PDF documents and PNG, JPEG and WebP images by their signatures', () => {
    expect(kindOf(tinyPdf())).toBe('pdf');
    expect(kindOf(tinyPng())).toBe('png');
    expect(kindOf(jpegStart())).toBe('jpeg');
    expect(kindOf(webpStart())).toBe('webp');
    expect(sniffFile(tinyPdf())).toMatchObject({ mediaType: 'application/pdf' });
  });

  it('recognises Word, Excel and PowerPoint files by their content types entry and part folder', () => {
    expect(kindOf(ooxmlOf('word'))).toBe('docx');
    expect(kindOf(ooxmlOf('xl'))).toBe('xlsx');
    expect(kindOf(ooxmlOf('ppt'))).toBe('pptx');
  });

  it('recognises OpenDocument texts and spreadsheets by their mimetype entry', () => {
    expect(kindOf(odfOf('application/vnd.oasis.opendocument.text'))).toBe('odt');
    expect(kindOf(odfOf('application/vnd.oasis.opendocument.spreadsheet'))).toBe('ods');
  });

  it('accepts plain UTF-8 text, accents and a byte-order mark included', () => {
    expect(kindOf(Buffer.from('Réclamation : la salle était fermée.\n', 'utf8'))).toBe('text');
    expect(kindOf(Buffer.from('\uFEFFBonjour', 'utf8'))).toBe('text');
    expect(sniffFile(Buffer.from('a'))).toMatchObject({ mediaType: 'text/plain; charset=utf-8' });
  });

  it('refuses text that is not UTF-8 or holds a NUL', () => {
    expect(kindOf(Buffer.from('r\xe9clamation', 'latin1'))).toBe('refused:unknown');
    expect(kindOf(Buffer.from('abc\u0000def', 'utf8'))).toBe('refused:unknown');
  });

  it('refuses executables and scripts, whatever their name', () => {
    const pe = Buffer.concat([Buffer.from('MZ'), Buffer.from([0x90, 0x00, 0x03, 0x00, 0xff, 0xff])]);
    expect(kindOf(pe)).toBe('refused:executable');
    expect(kindOf(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]))).toBe('refused:executable');
    expect(kindOf(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toBe('refused:executable');
    expect(kindOf(Buffer.from('#!/bin/sh\nrm -rf /\n'))).toBe('refused:executable');
  });

  it('keeps a text that merely starts with the letters MZ', () => {
    expect(kindOf(Buffer.from('MZ Formation : compte rendu'))).toBe('text');
  });

  it('refuses SVG images and HTML pages, which a browser would run', () => {
    expect(kindOf(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(
      'refused:svg',
    );
    expect(kindOf(Buffer.from('  <!DOCTYPE html><html><body>x</body></html>'))).toBe('refused:html');
    expect(kindOf(Buffer.from('<script>alert(1)</script>'))).toBe('refused:html');
  });

  it('refuses other ZIP archives and macro-enabled office documents', () => {
    expect(kindOf(zipOf({ 'photo.jpg': jpegStart() }))).toBe('refused:zip');
    expect(kindOf(zipOf({ '[Content_Types].xml': '<Types/>', 'other/x.xml': '<x/>' }))).toBe('refused:zip');
    expect(kindOf(odfOf('application/vnd.oasis.opendocument.graphics'))).toBe('refused:zip');
    expect(kindOf(ooxmlOf('word', { 'word/vbaProject.bin': 'macros' }))).toBe('refused:office_with_macros');
  });

  it('refuses empty files, truncated archives and unknown binaries', () => {
    expect(kindOf(new Uint8Array(0))).toBe('refused:empty');
    expect(kindOf(ooxmlOf('word').subarray(0, 60))).toBe('refused:unknown');
    expect(kindOf(Buffer.from([0x00, 0x01, 0x02, 0xfe]))).toBe('refused:unknown');
  });
});
