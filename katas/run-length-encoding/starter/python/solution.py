class RunLengthCodec:
    """Run-length encoding: "AABCCC" <-> "2AB3C"."""

    def encode(self, text):
        """Return `text` with every run of 2+ repeated characters written as count and character."""
        # TODO
        return None

    def decode(self, encoded):
        """Return the text whose run-length encoding is `encoded`."""
        # TODO
        return None
