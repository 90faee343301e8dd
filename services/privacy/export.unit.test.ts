import { describe, expect, it } from 'vitest';
import { type AllPersonalDataDeclarations, ERASED, noPersonalData } from './declarations';
import { subjectPart } from './export';
import { escapeHtml, renderSubjectExportHtml } from './export-html';

/** A shared event: a message from one person to another, each their own subject. */
const declarations: AllPersonalDataDeclarations = {
  MessageWritten: [
    { field: 'from', subject: (data) => `user:${data.senderId}` },
    { field: 'to', subject: (data) => `contact:${data.messageId}`, email: true },
  ],
  PersonalDataErased: noPersonalData,
};
const stored = {
  senderId: 's1',
  messageId: 'm1',
  from: { $pd: 1, s: 'user:s1', v: 'x' },
  to: { $pd: 1, s: 'contact:m1', v: 'y' },
  undeclared: { $pd: 1, s: 'user:s1', v: 'z' },
  subject: 'Bonjour',
};
const opened = {
  senderId: 's1',
  messageId: 'm1',
  from: 'Alice Sender',
  to: 'bob@example.fr',
  undeclared: 'alice@example.fr',
  subject: 'Bonjour',
};

describe('a subject’s part of an event', () => {
  it('keeps only this subject’s personal values, and never another’s (declared or sealed with their key)', () => {
    expect(subjectPart(declarations, 'contact:m1', { type: 'MessageWritten', stored, opened })).toEqual({
      personalData: { to: 'bob@example.fr' },
      details: { senderId: 's1', messageId: 'm1', subject: 'Bonjour' },
    });
    expect(subjectPart(declarations, 'user:s1', { type: 'MessageWritten', stored, opened })).toEqual({
      personalData: { from: 'Alice Sender', undeclared: 'alice@example.fr' },
      details: { senderId: 's1', messageId: 'm1', subject: 'Bonjour' },
    });
  });

  it('shows an erasure by its reason only (not who erased it, nor the other subjects)', () => {
    const data = { subjectId: 'user:s1', reason: 'subject_request', erasedBy: 'admin' };
    expect(
      subjectPart(declarations, 'user:s1', { type: 'PersonalDataErased', stored: data, opened: data }),
    ).toEqual({ personalData: {}, details: { reason: 'subject_request' } });
  });
});

describe('the readable export', () => {
  it('escapes every value and shows erased ones as such, dates in Paris time', () => {
    expect(escapeHtml(`<a href="x">l'été & co</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;',
    );
    const page = renderSubjectExportHtml({
      format: 'qualiopi-evidence.subject-export',
      version: 1,
      exportedAt: '2026-03-01T23:30:00.000Z',
      organisation: { id: 'o1', name: 'Organisme <Test>' },
      subjects: [
        {
          subjectId: 'user:s1',
          kind: 'user',
          erased: true,
          events: [
            {
              position: 3,
              type: 'UserRegistered',
              occurredAt: '2026-03-01T23:30:00.000Z',
              streamId: 'user-s1',
              personalData: { email: ERASED, displayName: '<script>alert(1)</script>' },
              details: { role: 'contributor' },
            },
          ],
          outsideLog: {},
        },
      ],
    });
    expect(page).toContain('Organisme &lt;Test&gt;');
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('<strong class="erased">Effacé</strong>');
    // 23:30 UTC on 1 March is 00:30 on 2 March in Paris.
    expect(page).toContain('2 mars 2026 à 00:30');
    expect(page).toContain('Utilisateur');
  });
});
