import {
  createSlugger,
  extractHeadings,
  extractTitle,
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
