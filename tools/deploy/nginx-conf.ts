/**
 * Parser for nginx configuration syntax (directives, arguments, blocks, quotes, comments), so
 * tests can ask the gateway config which location proxies where instead of grepping text.
 */

export interface NginxDirective {
  name: string;
  args: string[];
  /** Present for block directives (`server { … }`), even when empty. */
  block?: NginxDirective[];
  line: number;
}

export class NginxSyntaxError extends Error {
  constructor(message: string, line: number) {
    super(`line ${line}: ${message}`);
    this.name = 'NginxSyntaxError';
  }
}

interface Token {
  text: string;
  /** `{`, `}` and `;` outside quotes are structure; everything else is a word. */
  structural: boolean;
  line: number;
}

export function parseNginxConf(source: string): NginxDirective[] {
  const tokens = tokenize(source);
  let position = 0;

  function parseBlock(closing: boolean): NginxDirective[] {
    const directives: NginxDirective[] = [];
    let words: Token[] = [];
    while (position < tokens.length) {
      const token = tokens[position++]!;
      if (!token.structural) {
        words.push(token);
        continue;
      }
      if (token.text === '}') {
        if (!closing) throw new NginxSyntaxError('unexpected "}"', token.line);
        if (words.length > 0)
          throw new NginxSyntaxError(`directive "${words[0]!.text}" lacks ";"`, token.line);
        return directives;
      }
      if (words.length === 0) throw new NginxSyntaxError(`unexpected "${token.text}"`, token.line);
      const [name, ...args] = words;
      const directive: NginxDirective = { name: name!.text, args: args.map((a) => a.text), line: name!.line };
      if (token.text === '{') directive.block = parseBlock(true);
      directives.push(directive);
      words = [];
    }
    if (closing)
      throw new NginxSyntaxError('unexpected end of file, expecting "}"', tokens.at(-1)?.line ?? 1);
    if (words.length > 0)
      throw new NginxSyntaxError(`directive "${words[0]!.text}" lacks ";"`, words[0]!.line);
    return directives;
  }

  return parseBlock(false);
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let line = 1;
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (char === '\n') {
      line++;
      i++;
    } else if (/\s/.test(char)) {
      i++;
    } else if (char === '#') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (char === '{' || char === '}' || char === ';') {
      tokens.push({ text: char, structural: true, line });
      i++;
    } else if (char === '"' || char === "'") {
      const start = line;
      let text = '';
      i++;
      while (i < source.length && source[i] !== char) {
        if (source[i] === '\\' && i + 1 < source.length) {
          // nginx turns \n, \r and \t into the control characters and keeps any other escaped one.
          const escaped = source[i + 1]!;
          text += ESCAPES[escaped] ?? escaped;
          i += 2;
          continue;
        }
        if (source[i] === '\n') line++;
        text += source[i++];
      }
      if (i >= source.length) throw new NginxSyntaxError('unterminated string', start);
      i++;
      tokens.push({ text, structural: false, line: start });
    } else {
      let text = '';
      while (i < source.length && !/[\s{};]/.test(source[i]!)) {
        // `${var}` braces belong to the word, not to the block structure.
        if (source[i] === '$' && source[i + 1] === '{') {
          const end = source.indexOf('}', i);
          if (end === -1) throw new NginxSyntaxError('unterminated ${…}', line);
          text += source.slice(i, end + 1);
          i = end + 1;
          continue;
        }
        text += source[i++];
      }
      tokens.push({ text, structural: false, line });
    }
  }
  return tokens;
}

/** Every directive named `name`, at any depth, in document order. */
export function findDirectives(directives: NginxDirective[], name: string): NginxDirective[] {
  return directives.flatMap((d) => [...(d.name === name ? [d] : []), ...findDirectives(d.block ?? [], name)]);
}

/** The first direct child directive named `name`. */
export function child(directive: NginxDirective, name: string): NginxDirective | undefined {
  return directive.block?.find((d) => d.name === name);
}
