/** Run-length encoding: "AABCCC" <-> "2AB3C". */
export class RunLengthCodec {
  /** Return `text` with every run of 2+ repeated characters written as count and character. */
  encode(text) {
    // TODO
    return null;
  }

  /** Return the text whose run-length encoding is `encoded`. */
  decode(encoded) {
    // TODO
    return null;
  }
}
