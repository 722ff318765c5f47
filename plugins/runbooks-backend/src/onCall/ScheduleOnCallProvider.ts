import { RUNBOOKS_ON_CALL_ANNOTATION } from '@runbooks-for-backstage/plugin-runbooks-common';
import {
  OnCallAnswer,
  OnCallProvider,
  OnCallRequest,
} from '@runbooks-for-backstage/plugin-runbooks-node';
import { RunbookSourceReader } from '../sources/readEntityRunbooks';
import { SourceBudget } from '../sources/budget';
import { isYamlPath } from '../sources/types';

const SCHEDULE_READ = {
  maxFilesPerEntity: 2,
  maxFileBytes: 65_536,
  maxBytesPerEntity: 131_072,
};
import { whoIsOnCall } from './rotation';
import { parseSchedule } from './schedule';

/**
 * The built-in provider: a rotation file next to the entity's
 * catalog-info.yaml (`runbooks/on-call: schedule:./oncall.yaml`).
 */
export class ScheduleOnCallProvider implements OnCallProvider {
  readonly id = 'schedule';

  constructor(private readonly sources: Pick<RunbookSourceReader, 'read'>) {}

  async getOnCall(request: OnCallRequest): Promise<OnCallAnswer> {
    const { entity, target, now, signal } = request;
    const read = await this.sources.read(
      entity,
      { type: 'dir', target },
      RUNBOOKS_ON_CALL_ANNOTATION,
      // Two files are enough to tell a folder from a file: a request never reads more.
      { accept: isYamlPath, signal, budget: new SourceBudget(SCHEDULE_READ) },
    );
    const problems = read.problems.map(problem => ({
      ...problem,
      message: problem.message.replace(`dir:${target}`, `schedule:${target}`),
    }));
    if (read.files.length !== 1) {
      if (read.files.length > 1) {
        problems.push({
          level: 'error',
          subject: RUNBOOKS_ON_CALL_ANNOTATION,
          message: `${RUNBOOKS_ON_CALL_ANNOTATION}: schedule:${target} is a folder; name the schedule file, like schedule:./oncall.yaml`,
        });
      }
      return { onCall: [], problems };
    }
    const [file] = read.files;
    const parsed = parseSchedule(file.content, file.path);
    problems.push(...parsed.problems);
    if (!parsed.schedule) return { onCall: [], problems };
    const answer = whoIsOnCall(parsed.schedule, now);
    if (!answer.member) {
      return {
        onCall: [],
        problems: [
          ...problems,
          {
            level: 'warning',
            subject: RUNBOOKS_ON_CALL_ANNOTATION,
            message: `${
              file.path
            }: nobody is on call at ${now.toISOString()}; the rotation starts at ${parsed.schedule.start.toISOString()}`,
          },
        ],
      };
    }
    return {
      onCall: [
        {
          level: 1,
          contacts: [answer.member],
          until: answer.until?.toISOString(),
          next: answer.next ? [answer.next] : undefined,
        },
      ],
      problems,
    };
  }
}
