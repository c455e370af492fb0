# expect: out_of_memory
def fizzbuzz(n):
    hoard = []
    while True:
        hoard.append(bytearray(1 << 20))
