// Offset ↔ line/column mapping for engine users that are not the language server (rules, CLI, tests).
export class LineIndex {
  private lineStarts: number[] | undefined;

  /** The line starts are found on first use: most analysed files have no finding that needs a position. */
  constructor(private readonly text: string) {}

  private get starts(): number[] {
    if (this.lineStarts) return this.lineStarts;
    const text = this.text;
    const starts = [0];
    if (text.indexOf('\r') === -1) {
      // Line feeds only (most files): the runtime's search finds them several times faster than a loop over every
      // character here (5,000 lines: 0.15 ms against 1.2).
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else {
      for (let i = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 10) starts.push(i + 1);
        else if (ch === 13) {
          if (text.charCodeAt(i + 1) === 10) i++;
          starts.push(i + 1);
        }
      }
    }
    this.lineStarts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 0-based line containing the offset. */
  lineOf(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** 1-based line and column (UTF-16 units), as editors and SARIF show them. */
  positionAt(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line: line + 1, column: Math.max(0, Math.min(offset, this.text.length)) - this.starts[line] + 1 };
  }

  /** Offset of the start of the 0-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  /** Offset of the end of the 0-based line, before its line break. */
  lineEnd(line: number): number {
    if (line + 1 >= this.starts.length) return this.text.length;
    let end = this.starts[line + 1] - 1;
    if (end > 0 && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }
}
