import {
  createSlugger,
  extractHeadings,
  extractTitle,
  MARKDOWN_INLINE_MARKER_BUDGET,
  markdownToPlainText,
  readMarkdownDocument,
  titleFromFileName,
} from './index';

const anchors = (markdown: string) =>
  extractHeadings(markdown).map(h => h.anchor);

describe('headings and anchors', () => {
  it('gives GitHub anchors: underscores kept, punctuation and emoji dropped, repeats numbered', () => {
    const slug = createSlugger();
    expect(slug('Step 1: Check the DB!')).toBe('step-1-check-the-db');
    expect(slug('Check node_exporter')).toBe('check-node_exporter');
    expect(slug('🚨 Incident Response')).toBe('-incident-response');
    expect(slug('Überprüfung & Neustart')).toBe('überprüfung--neustart');
    expect(slug('障害対応')).toBe('障害対応');
  });

  it('gives repeated headings distinct anchors, even when a later heading reads like a repeat', () => {
    expect(anchors('## Foo\n## Foo\n## Foo 1\n## Foo')).toEqual([
      'foo',
      'foo-1',
      'foo-1-1',
      'foo-2',
    ]);
  });

  it('lists headings as a reader sees them: ATX, setext, in block quotes and list items', () => {
    const markdown = [
      'Runbook title',
      '=============',
      '',
      '## `kubectl` [logs](https://k8s.io) ##',
      '',
      '> ### Quoted heading',
      '',
      '- ### Listed heading',
      '',
      'Sub section',
      '-----------',
    ].join('\n');
    expect(extractHeadings(markdown)).toEqual([
      { depth: 1, text: 'Runbook title', anchor: 'runbook-title' },
      { depth: 2, text: 'kubectl logs', anchor: 'kubectl-logs' },
      { depth: 3, text: 'Quoted heading', anchor: 'quoted-heading' },
      { depth: 3, text: 'Listed heading', anchor: 'listed-heading' },
      { depth: 2, text: 'Sub section', anchor: 'sub-section' },
    ]);
  });

  it('takes no heading from code blocks (four-backtick fences holding three) or HTML comments', () => {
    const markdown = [
      '````markdown',
      '```',
      '# not a heading',
      '```',
      '# still code',
      '````',
      '<!--',
      '# commented out',
      '-->',
      '    # indented code',
      '## Real',
    ].join('\n');
    expect(extractHeadings(markdown).map(h => h.text)).toEqual(['Real']);
    expect(readMarkdownDocument(markdown).fences).toEqual([
      {
        lang: 'markdown',
        content: '```\n# not a heading\n```\n# still code',
      },
      { lang: '', content: '# indented code' },
    ]);
  });

  it('keeps identifiers in titles and search text as written', () => {
    expect(extractTitle('# node_exporter_down\n\nbody')).toBe(
      'node_exporter_down',
    );
    expect(extractTitle('intro\n## Sub\n# Real title\n')).toBe('Real title');
    expect(extractTitle('no headings')).toBeUndefined();
    expect(
      markdownToPlainText('Check kube_pod_status_ready and `node_load1`'),
    ).toBe('Check kube_pod_status_ready and node_load1');
    expect(titleFromFileName('ops/high-cpu_usage.md')).toBe('High cpu usage');
  });
});

describe('markdownToPlainText', () => {
  it('keeps the words and code, drops markup and link targets', () => {
    const text = markdownToPlainText(
      [
        '# Kafka consumer lag',
        '',
        '| Step | Command |',
        '|---|---|',
        '| 1 | `kafka-consumer-groups --describe` |',
        '',
        '```bash',
        'kubectl rollout restart deploy/consumer',
        '```',
        '- See [the dashboard](https://grafana.example/d/kafka) **first**',
      ].join('\n'),
    );
    expect(text).toBe(
      [
        'Kafka consumer lag',
        'Step Command',
        '1 kafka-consumer-groups --describe',
        'kubectl rollout restart deploy/consumer',
        'See the dashboard first',
      ].join('\n'),
    );
  });
});

describe('the inline budget', () => {
  it('reads a file made of unclosed brackets as text past the budget, keeping the links before it', () => {
    const markdown = `[a](./a.md)\n\n${'['.repeat(
      MARKDOWN_INLINE_MARKER_BUDGET + 10,
    )}\n\n[b](./b.md)`;
    const document = readMarkdownDocument(markdown);
    expect(document.tree.truncated).toBe(true);
    expect(document.links.map(l => l.href)).toEqual(['./a.md']);
    expect(document.plainText).toContain('[[[[');
  });

  it('reads an ordinary long runbook whole', () => {
    const section =
      '## Step\n\nRun `kubectl get pods -n payments` and see [docs](./docs.md).\n\n';
    const document = readMarkdownDocument(section.repeat(2_000));
    expect(document.tree.truncated).toBe(false);
    expect(document.links).toHaveLength(2_000);
  });
});
