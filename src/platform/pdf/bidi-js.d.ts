// Minimal types for bidi-js 1.1.0, limited to what ./index.ts uses.
// The package ships src/bidi.d.ts, but as a CommonJS declaration whose default export is not callable
// from an ESM module under "moduleResolution": "NodeNext"; this ambient declaration takes precedence.
declare module 'bidi-js' {
  export interface EmbeddingLevels {
    /** One level per UTF-16 code unit; odd means right-to-left. */
    levels: Uint8Array;
    /** One entry per paragraph (indices inclusive); `level` is the paragraph's base level. */
    paragraphs: Array<{ start: number; end: number; level: number }>;
  }

  export interface Bidi {
    getEmbeddingLevels(text: string, baseDirection?: 'ltr' | 'rtl' | 'auto'): EmbeddingLevels;
    /** Code-unit index → mirrored character, for the mirrorable characters at odd levels. Takes `levels`, not the whole result. */
    getMirroredCharactersMap(text: string, levels: Uint8Array, start?: number, end?: number): Map<number, string>;
    /** A bidi character type name such as 'L', 'R', 'AL', 'EN', 'ON'. */
    getBidiCharTypeName(char: string): string;
  }

  export default function bidiFactory(): Bidi;
}
