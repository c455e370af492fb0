# expect: error
import socket

def fizzbuzz(n):
    socket.create_connection(("127.0.0.1", 8080))
    return str(n)
