import {
  headingElementId,
  readMarkdownDocument,
} from '@runbooks-for-backstage/plugin-runbooks-common';
import { renderInTestApp } from '@backstage/test-utils';
// The test reads the same fixture files the backend's tests read.
// eslint-disable-next-line no-restricted-imports
import fs from 'fs';
// eslint-disable-next-line no-restricted-imports
import path from 'path';
import { RunbookMarkdown } from './RunbookMarkdown';

const repo = path.resolve(__dirname, '../../../../..');
const read = (file: string) => fs.readFileSync(path.join(repo, file), 'utf8');

const SAMPLES: Array<[string, string]> = [
  ...[
    'plugins/runbooks-common/src/__fixtures__/runbook-indexes/pivotal-flow-README.md',
    'plugins/runbooks-common/src/__fixtures__/runbook-indexes/prodsprints-README.md',
    'plugins/runbooks-common/src/__fixtures__/runbook-indexes/production-runbooks-README.md',
    'runbooks/README.md',
    'runbooks/backend-down.md',
    'demo/kube-prometheus/node-exporter/runbooks/NodeFilesystemSpaceFillingUp.md',
  ].map((file): [string, string] => [file, read(file)]),
  [
    'underscores, emoji, punctuation, duplicates, non-Latin text, setext, quotes and lists',
    [
      '# node_exporter_down',
      '## Check node_exporter',
      '## 🚨 Page the on-call!',
      '## Foo',
      '## Foo',
      '## Foo 1',
      '## `kube_pod_status_ready` is *false*',
      '## Überprüfung & Neustart',
      '## 障害対応 (本番)',
      '## [Linked](https://example.com) heading with ![an image](https://x.example/i.png)',
      'Setext heading',
      '--------------',
      '> ## Quoted',
      '- ### Listed',
      '```',
      '## not a heading',
      '```',
    ].join('\n'),
  ],
];

describe('RunbookMarkdown headings', () => {
  it.each(SAMPLES)(
    'gives every heading of %s the id of the anchor the backend lists',
    async (_name, markdown) => {
      await renderInTestApp(<RunbookMarkdown markdown={markdown} />);
      const rendered = [
        ...document.querySelectorAll('h1, h2, h3, h4, h5, h6'),
      ].map(h => h.id);
      const listed = readMarkdownDocument(markdown).headings.map(h =>
        headingElementId(h.anchor),
      );
      expect(rendered.length).toBeGreaterThan(0);
      expect(rendered).toEqual(listed);
    },
  );

  it('anchors headings as GitHub does', async () => {
    await renderInTestApp(<RunbookMarkdown markdown={SAMPLES[6][1]} />);
    const ids = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map(
      h => h.id.replace(/^runbook-/, ''),
    );
    expect(ids).toEqual([
      'node_exporter_down',
      'check-node_exporter',
      '-page-the-on-call',
      'foo',
      'foo-1',
      'foo-1-1',
      'kube_pod_status_ready-is-false',
      'überprüfung--neustart',
      '障害対応-本番',
      'linked-heading-with',
      'setext-heading',
      'quoted',
      'listed',
    ]);
    expect(document.getElementById('root')).toBeNull();
  });
});

const LINKS =
  'Dashboards: https://grafana.example/d/abc and [run](javascript:alert(1)) [x](JaVaScRiPt:alert(1))';

describe('RunbookMarkdown links and images', () => {
  it('shows images over https or from the portal, and drops data:, javascript: and http: ones', async () => {
    await renderInTestApp(
      <RunbookMarkdown
        markdown={[
          '![graph](https://grafana.example/render.png)',
          '![local](/static/diagram.png)',
          '![tracker](http://tracker.example/p.gif)',
          '![inline](data:image/png;base64,AAAA)',
          '![script](javascript:alert(1))',
          '![elsewhere](//cdn.example/x.png)',
        ].join('\n\n')}
      />,
    );
    expect([...document.querySelectorAll('img')].map(i => i.src)).toEqual([
      'https://grafana.example/render.png',
      'http://localhost/static/diagram.png',
    ]);
    expect(document.body).toHaveTextContent('tracker');
  });

  it('links bare URLs and never links javascript:', async () => {
    await renderInTestApp(<RunbookMarkdown markdown={LINKS} />);
    const hrefs = [...document.querySelectorAll('a')].map(a =>
      a.getAttribute('href'),
    );
    expect(hrefs).toEqual(['https://grafana.example/d/abc']);
  });
});
