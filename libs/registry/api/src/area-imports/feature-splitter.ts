/**
 * Splits a JSON document, fed chunk by chunk, into the texts of the elements of its top-level
 * `features` array and the rest of the document (the "frame": the document with every such array
 * left empty). Each element is parsed with `JSON.parse` by the caller and the frame once at the
 * end, so the whole document is checked as JSON, as a streaming parser would check it.
 *
 * Why not a streaming JSON parser: stream-json tokenises with regular expressions and hands every
 * token through object-mode streams. For a 50,000-area level (14 MB) that took 1.6 s and left
 * ~2 GB of garbage behind (docs/benchmarks.md, fifteenth pass); `JSON.parse` of the same features
 * takes a tenth of that. This scanner only looks at the bytes that matter for structure (quotes,
 * backslashes, brackets, commas, colons) and copies nothing but slices.
 *
 * Memory: one element at a time, plus the frame, which holds whatever the document has besides its
 * features (a name, a `crs`, a `bbox`): small for any GeoJSON, and bounded by the upload limit
 * for a hostile one (as a streaming parser holds a whole string value).
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
/** A key longer than this is not `features` (escapes included: `\u0066…` is at most six bytes a letter). */
const LONGEST_KEY = 64;

const isSpace = (byte: number) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** The document is not valid JSON where the scanner can tell by itself (commas of the features array). */
export class JsonSyntaxError extends SyntaxError {}

export class FeatureSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private rootIsObject = false;
  /** At depth 1 of an object: the next string is a key. */
  private expectKey = false;
  private key: number[] | null = null;
  private lastKey = '';
  /** A top-level `features` key was followed by its colon: an array there is the one split. */
  private featuresNext = false;
  private inFeatures = false;
  private inElement = false;
  /** Inside the features array, between elements: a comma seen, or the array just opened. */
  private commaOrOpen = false;
  private afterOpen = false;
  private frame: Buffer[] = [];
  private element: Buffer[] = [];

  /** The elements completed by this chunk, as UTF-8 bytes, in order. */
  push(chunk: Buffer): Buffer[] {
    const done: Buffer[] = [];
    // Bytes from `start` go to the frame or to the current element, whichever is being written.
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.inString) {
        const closing = byte === QUOTE && !this.escaped;
        if (this.key && !closing && this.key.length <= LONGEST_KEY) this.key.push(byte);
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (closing) {
          this.inString = false;
          if (this.key) this.endKey();
        }
        continue;
      }
      if (this.inFeatures && this.depth === 2) {
        // Directly inside the features array: an element ends at its comma or the array's end.
        if (this.inElement && (byte === COMMA || byte === CLOSE_ARRAY)) {
          this.element.push(chunk.subarray(start, i));
          done.push(Buffer.concat(this.element));
          this.element = [];
          this.inElement = false;
          this.afterOpen = false;
          this.commaOrOpen = false;
          start = i;
        }
        if (!this.inElement) {
          if (byte === COMMA) {
            if (this.commaOrOpen)
              throw new JsonSyntaxError('a comma without an element before it in "features"');
            this.commaOrOpen = true;
            start = i + 1;
            continue;
          }
          if (byte === CLOSE_ARRAY) {
            if (this.commaOrOpen && !this.afterOpen)
              throw new JsonSyntaxError('a comma after the last element of "features"');
            this.inFeatures = false;
            this.depth--;
            continue;
          }
          if (isSpace(byte)) {
            start = i + 1;
            continue;
          }
          // Two elements without a comma between them stay one element, which JSON.parse refuses.
          this.inElement = true;
          start = i;
        }
      }
      if (byte === QUOTE) {
        this.inString = true;
        if (this.depth === 1) this.featuresNext = false;
        if (this.depth === 1 && this.expectKey) {
          this.key = [];
          this.expectKey = false;
        }
      } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
        if (this.depth === 1 && this.featuresNext && byte === OPEN_ARRAY) {
          // The frame keeps the brackets; the elements between them are handed out.
          this.frame.push(chunk.subarray(start, i + 1));
          start = i + 1;
          this.inFeatures = true;
          this.commaOrOpen = true;
          this.afterOpen = true;
        }
        this.featuresNext = false;
        this.depth++;
        if (this.depth === 1) this.rootIsObject = this.expectKey = byte === OPEN_OBJECT;
      } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
        this.depth--;
      } else if (this.depth === 1) {
        if (byte === COMMA) this.expectKey = this.rootIsObject;
        else if (byte === COLON) this.featuresNext = this.lastKey === 'features';
        else if (!isSpace(byte)) this.featuresNext = false;
      }
    }
    (this.inElement ? this.element : this.frame).push(chunk.subarray(start));
    return done;
  }

  /** The document without its features' elements (`"features":[]`), to be checked as JSON. */
  end(): string {
    const text = Buffer.concat(this.frame).toString('utf8');
    this.frame = [];
    return text;
  }

  private endKey(): void {
    const raw = Buffer.from(this.key as number[]);
    this.key = null;
    if (raw.length > LONGEST_KEY) {
      this.lastKey = '';
      return;
    }
    try {
      this.lastKey = raw.includes(BACKSLASH)
        ? (JSON.parse(`"${raw.toString('utf8')}"`) as string)
        : raw.toString('utf8');
    } catch {
      // A bad escape: the frame's check names it.
      this.lastKey = '';
    }
  }
}
