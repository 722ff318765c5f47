import { readFileSync } from 'fs';
import { join } from 'path';
import { readMarkdownDocument } from '../markdown';
import { buildEntitySnapshot } from '../snapshot/buildEntitySnapshot';
import { parseStandardsConfig } from './configStandard';
import { readDeclaredStandard } from './declaredStandard';

const fixture = (name: string) =>
  readFileSync(
    join(__dirname, '..', '__fixtures__', 'runbook-indexes', name),
    'utf8',
  );
const declared = (markdown: string) =>
  readDeclaredStandard(readMarkdownDocument(markdown), 'README.md');

describe('the standard an index declares', () => {
  it('reads pivotal-flow\'s "Runbook Structure" as its eight sections', () => {
    const standard = declared(fixture('pivotal-flow-README.md'));
    expect(standard?.declaredIn).toBe('3. Runbook Structure');
    expect(standard?.sections.map(s => s.name)).toEqual([
      'Overview',
      'Prerequisites',
      'Initial Response',
      'Investigation Steps',
      'Common Issues',
      'Recovery Procedures',
      'Escalation',
      'Post-Incident',
    ]);
    expect(standard?.requirements).toEqual(['steps', 'escalation', 'review']);
  });

  it('reads prodsprints\' "Quality Standards" as requirements', () => {
    const standard = declared(fixture('prodsprints-README.md'));
    expect(standard?.sections).toEqual([]);
    expect(standard?.requirements).toEqual([
      'steps',
      'outcomes',
      'rollback',
      'escalation',
      'monitoring',
      'review',
    ]);
  });

  it('does not take production-runbooks\' "Postmortem Template" for a runbook standard', () => {
    expect(declared(fixture('production-runbooks-README.md'))).toBeUndefined();
  });

  it('reads an inline "standardized format" list', () => {
    const standard = declared(
      '# Runbooks\n\nEach runbook follows a standardized format: Alert Information, Quick Assessment, Investigation Steps, Resolution Steps, Post-Resolution.\n',
    );
    expect(standard?.sections.map(s => s.name)).toEqual([
      'Alert Information',
      'Quick Assessment',
      'Investigation Steps',
      'Resolution Steps',
      'Post-Resolution',
    ]);
  });

  it('reads a "Runbook Template" of plain section names', () => {
    const standard = declared(
      '# Runbooks\n\n## 📋 Runbook Template\n\n1. Summary\n2. Steps\n3. Escalation path\n',
    );
    expect(standard?.sections.map(s => s.name)).toEqual([
      'Summary',
      'Steps',
      'Escalation path',
    ]);
  });
});

describe('which standard applies', () => {
  const runbook = {
    path: 'a.md',
    content: '# A\n\n## Overview\n\nx\n\n## Checks\n\ny\n',
  };
  const build = (files: Array<{ path: string; content: string }>) =>
    buildEntitySnapshot({
      entityRef: 'component:default/a',
      entityTitle: 'a',
      annotations: {},
      locations: [{ files }],
      problems: [],
      now: new Date('2025-01-01'),
      standard: parseStandardsConfig({ sections: ['Checks'] }).standard,
    });

  it('the index wins over config', () => {
    const snapshot = build([
      runbook,
      {
        path: 'README.md',
        content:
          '# R\n\n- [A](a.md)\n\n## Runbook Structure\n\n- **Overview**: what\n- **Rollback**: how\n',
      },
    ]);
    expect(snapshot.standard?.source).toBe('index');
    expect(snapshot.standard?.sourcePath).toBe('README.md');
    expect(snapshot.runbooks[0].standards?.checks.slice(0, 2)).toMatchObject([
      { id: 'section:Overview', passed: true },
      { id: 'section:Rollback', passed: false },
    ]);
  });

  it('config applies when the index declares nothing', () => {
    const snapshot = build([
      runbook,
      { path: 'README.md', content: '# R\n\n- [A](a.md)\n' },
    ]);
    expect(snapshot.standard?.source).toBe('config');
    expect(snapshot.runbooks[0].standards?.checks[0]).toMatchObject({
      id: 'section:Checks',
      passed: true,
    });
  });

  it('the default applies without index or config', () => {
    const snapshot = buildEntitySnapshot({
      entityRef: 'component:default/a',
      entityTitle: 'a',
      annotations: {},
      locations: [{ files: [runbook] }],
      problems: [],
      now: new Date('2025-01-01'),
    });
    expect(snapshot.standard?.source).toBe('default');
    expect(
      snapshot.runbooks[0].standards?.checks.map(c => c.id).slice(0, 4),
    ).toEqual([
      'section:Overview',
      'section:Investigation',
      'section:Resolution',
      'section:Escalation',
    ]);
  });

  it('refuses a bad config with a clear problem', () => {
    expect(parseStandardsConfig({ sections: [] }).problems[0].message).toMatch(
      /^Invalid config runbooks\.standards\.sections/,
    );
    expect(
      parseStandardsConfig({ sections: ['A'], requirements: ['dance'] })
        .problems[0].message,
    ).toMatch(/runbooks\.standards\.requirements\.0/);
  });
});
