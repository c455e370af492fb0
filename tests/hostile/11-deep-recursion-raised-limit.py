# expect: error|timed_out|out_of_memory
import sys
sys.setrecursionlimit(10 ** 8)

def down(n):
    return down(n + 1) + 1

def fizzbuzz(n):
    return str(down(0))
