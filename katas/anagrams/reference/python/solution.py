def find_anagrams(word, candidates):
    target = word.lower()
    fingerprint = sorted(target)
    return [
        candidate
        for candidate in candidates
        if candidate.lower() != target and sorted(candidate.lower()) == fingerprint
    ]
