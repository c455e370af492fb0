# expect: error
import subprocess

def fizzbuzz(n):
    return subprocess.check_output(["id"]).decode()
