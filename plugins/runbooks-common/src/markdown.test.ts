import {
  createSlugger,
  extractHeadings,
  extractTitle,
  markdownToPlainText,
  titleFromFileName,
} from './markdown';

describe('headings and anchors', () => {
  it('gives GitHub-style anchors, numbering repeats', () => {
    const slug = createSlugger();
    expect(slug('Step 1: Check the DB!')).toBe('step-1-check-the-db');
    expect(slug('Mitigation')).toBe('mitigation');
    expect(slug('Mitigation')).toBe('mitigation-1');
    expect(slug('Überprüfung & Neustart')).toBe('überprüfung--neustart');
  });

  it('lists headings outside code blocks with their text as a reader sees it', () => {
    const markdown = [
      '# KubePodCrashLooping',
      '## `kubectl` [logs](https://k8s.io)',
      '```bash',
      '# not a heading',
      '```',
      '### Impact ###',
    ].join('\n');
    expect(extractHeadings(markdown)).toEqual([
      { depth: 1, text: 'KubePodCrashLooping', anchor: 'kubepodcrashlooping' },
      { depth: 2, text: 'kubectl logs', anchor: 'kubectl-logs' },
      { depth: 3, text: 'Impact', anchor: 'impact' },
    ]);
  });

  it('takes the first level-one heading as the title, else makes one from the file name', () => {
    expect(extractTitle('intro\n## Sub\n# Real title\n')).toBe('Real title');
    expect(extractTitle('no headings')).toBeUndefined();
    expect(titleFromFileName('ops/high-cpu_usage.md')).toBe('High cpu usage');
  });
});

describe('markdownToPlainText', () => {
  it('keeps the words and code, drops markup', () => {
    const text = markdownToPlainText(
      [
        '# Kafka consumer lag',
        '',
        '| Step | Command |',
        '|---|---|',
        '| 1 | `kafka-consumer-groups --describe` |',
        '```bash',
        'kubectl rollout restart deploy/consumer',
        '```',
        '- See [the dashboard](https://grafana.example/d/kafka) **first**',
      ].join('\n'),
    );
    expect(text).toBe(
      [
        'Kafka consumer lag',
        'Step   Command',
        '1   kafka-consumer-groups --describe',
        'kubectl rollout restart deploy/consumer',
        'See the dashboard first',
      ].join('\n'),
    );
  });
});
