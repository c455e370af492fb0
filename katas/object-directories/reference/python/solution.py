import json


class DirectoryStore:
    def to_files(self, document):
        files = {}
        for key, value in json.loads(document).items():
            self._store(key, value, files)
        return files

    def _store(self, path, value, files):
        if isinstance(value, bool):  # before int: a bool is an int in Python
            files[path + ".bool"] = "true" if value else "false"
        elif isinstance(value, int):
            files[path + ".int"] = str(value)
        elif isinstance(value, str):
            files[path + ".str"] = value
        else:
            kind = "dict" if isinstance(value, dict) else "list"
            entries = value.items() if kind == "dict" else enumerate(value)
            if not value:
                files[path + "." + kind] = ""
            for key, item in entries:
                self._store("{}.{}/{}".format(path, kind, key), item, files)

    def from_files(self, files):
        root = {}
        for path, text in files.items():
            *folders, leaf = path.split("/")
            node = root
            for folder in folders:
                name, kind = folder.rsplit(".", 1)
                node = node.setdefault(name, {} if kind == "dict" else _Slots())
            name, kind = leaf.rsplit(".", 1)
            node[name] = _leaf(kind, text)
        return json.dumps(_finish(root), ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class _Slots(dict):
    """A list under construction: its items by index, in whatever order they arrive."""


def _leaf(kind, text):
    if kind == "str":
        return text
    if kind == "int":
        return int(text)
    if kind == "bool":
        return text == "true"
    return {} if kind == "dict" else _Slots()


def _finish(node):
    if isinstance(node, _Slots):
        return [_finish(node[i]) for i in sorted(node, key=int)]
    if isinstance(node, dict):
        return {key: _finish(value) for key, value in node.items()}
    return node
