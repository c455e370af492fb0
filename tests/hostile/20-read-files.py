# expect: error
def fizzbuzz(n):
    with open("/etc/passwd") as f:
        return f.read()
