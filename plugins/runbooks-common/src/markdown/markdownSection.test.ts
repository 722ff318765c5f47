import { markdownSection } from './markdownSection';

const runbook = [
  '# Disk full',
  '',
  '## Steps',
  '',
  'On the primary: `df -h`.',
  '',
  '## Replica',
  '',
  '### Steps',
  '',
  'On the replica: `du -sh /var/lib`.',
  '',
  '```sh',
  '## not a heading',
  '```',
  '',
  '## Afterwards',
  '',
  'Close the incident.',
].join('\n');

const section = (anchor: string) => markdownSection(runbook, anchor);

describe('markdownSection', () => {
  it('cuts from the heading to the next one of the same or a higher level', () => {
    expect(section('steps')).toBe('## Steps\n\nOn the primary: `df -h`.');
  });

  it('finds the second of two headings with the same text by its GitHub-style anchor', () => {
    expect(section('steps-1')).toBe(
      '### Steps\n\nOn the replica: `du -sh /var/lib`.\n\n```sh\n## not a heading\n```',
    );
  });

  it('keeps sub-sections, ignores headings in code blocks, and runs to the end', () => {
    expect(section('replica')).toContain('### Steps');
    expect(section('replica')).toContain('## not a heading');
    expect(section('#afterwards')).toBe('## Afterwards\n\nClose the incident.');
  });

  it('ends a section at a setext heading too', () => {
    expect(
      markdownSection('Steps\n-----\n\nDo it.\n\nAfter\n-----\nDone.', 'steps'),
    ).toBe('Steps\n-----\n\nDo it.');
  });

  it('answers nothing for an anchor no heading has', () => {
    expect(section('rollback')).toBeUndefined();
  });
});
