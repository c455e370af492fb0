/** A nested document stored as text files: path -> content. */
export class DirectoryStore {
  /** Return the files of `document` (JSON text), e.g. {"name.str": "Ada"}. */
  toFiles(document) {
    // TODO
    return null;
  }

  /** Return the document stored in `files` as canonical JSON text. */
  fromFiles(files) {
    // TODO
    return null;
  }
}
