export class RunLengthCodec {
  encode(text) {
    // (.)\1* is one maximal run of a repeated character.
    return text.replace(/(.)\1*/gs, (run, char) => (run.length > 1 ? run.length + char : char));
  }

  decode(encoded) {
    // An optional count, then the character it applies to.
    return encoded.replace(/(\d*)(\D)/g, (_, count, char) => char.repeat(count === "" ? 1 : Number(count)));
  }
}
