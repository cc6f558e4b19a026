// A body's bytes as text, or the first line a person must re-save: every upload (feed batches, outreach files) is
// UTF-8, and a file saved in another encoding is named by its line rather than read as garbage.

/** A problem with one line of an upload (a feed batch, an outreach file), as a 422's `details` lists it. */
export interface LineProblem {
  line: number;
  field: string;
  message: string;
}

/** The text, or the first line that is not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | LineProblem {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, i));
        } catch {
          return { line, field: '', message: 'this line is not valid UTF-8: save the file as UTF-8 and send it again' };
        }
        line += 1;
        start = i + 1;
      }
    }
    return { line: 1, field: '', message: 'the body is not valid UTF-8' };
  }
}
