// Maps character offsets of a source text to 1-based line and column numbers.

export interface LineCol {
  line: number;
  col: number;
}

export class LineIndex {
  private readonly starts: number[];

  constructor(text: string) {
    const starts = [0];
    let at = text.indexOf("\n");
    while (at !== -1) {
      starts.push(at + 1);
      at = text.indexOf("\n", at + 1);
    }
    this.starts = starts;
  }

  locate(offset: number): LineCol {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - (starts[lo] as number) + 1 };
  }

  lineCount(): number {
    return this.starts.length;
  }
}
