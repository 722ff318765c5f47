import { RunbookProblem } from '@runbooks-for-backstage/plugin-runbooks-common';
import { SourceLimits } from './types';

/**
 * What one entity may still read, across all its locations and annotations:
 * files and bytes. Readers ask before keeping a file, so a location repeated
 * two hundred times reads no more than one.
 */
export class SourceBudget {
  private files = 0;
  private bytes = 0;
  private readonly refused = { files: false, bytes: false };

  constructor(readonly limits: SourceLimits) {}

  /** Bytes one more file may have: the per-file cap or what is left of the entity's. */
  get maxNextFileBytes(): number {
    return Math.max(
      0,
      Math.min(
        this.limits.maxFileBytes,
        this.limits.maxBytesPerEntity - this.bytes,
      ),
    );
  }

  /** True (and remembered for the problem) when no further file can be kept. */
  exhausted(): boolean {
    if (this.files >= this.limits.maxFilesPerEntity) {
      this.refused.files = true;
      return true;
    }
    if (this.bytes >= this.limits.maxBytesPerEntity) {
      this.refused.bytes = true;
      return true;
    }
    return false;
  }

  /** Records that a file did not fit in what is left of the entity's bytes. */
  refuseBytes(): void {
    this.refused.bytes = true;
  }

  /**
   * Takes room for a file of `size` bytes (0 when not known yet; call
   * {@link SourceBudget.addBytes} once read). False when it does not fit.
   */
  take(size = 0): boolean {
    if (this.files >= this.limits.maxFilesPerEntity) {
      this.refused.files = true;
      return false;
    }
    if (this.bytes + size > this.limits.maxBytesPerEntity) {
      this.refused.bytes = true;
      return false;
    }
    this.files++;
    this.bytes += size;
    return true;
  }

  /** Counts bytes of a file taken before its size was known; false when they do not fit. */
  addBytes(size: number): boolean {
    if (this.bytes + size > this.limits.maxBytesPerEntity) {
      this.refused.bytes = true;
      this.files--;
      return false;
    }
    this.bytes += size;
    return true;
  }

  /** One problem per limit that left files unread. */
  problems(subject: string): RunbookProblem[] {
    const problems: RunbookProblem[] = [];
    if (this.refused.files) {
      problems.push({
        level: 'warning',
        subject,
        message: `More than ${this.limits.maxFilesPerEntity} files across this entity's locations; the rest were not read (runbooks.limits.maxFilesPerEntity)`,
      });
    }
    if (this.refused.bytes) {
      problems.push({
        level: 'warning',
        subject,
        message: `This entity's files add up to more than ${this.limits.maxBytesPerEntity} bytes; the rest were not read (runbooks.limits.maxBytesPerEntity)`,
      });
    }
    return problems;
  }
}
