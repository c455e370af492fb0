class DirectoryStore:
    """A nested document stored as text files: path -> content."""

    def to_files(self, document):
        """Return the files of `document` (JSON text), e.g. {"name.str": "Ada"}."""
        # TODO
        return None

    def from_files(self, files):
        """Return the document stored in `files` as canonical JSON text."""
        # TODO
        return None
