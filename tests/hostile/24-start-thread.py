# expect: error
import threading

def fizzbuzz(n):
    threading.Thread(target=print).start()
    return str(n)
