def diamond(letter):
    size = ord(letter) - ord("A")
    top = []
    for i in range(size + 1):
        row_letter = chr(ord("A") + i)
        outside = " " * (size - i)
        if i == 0:
            middle = row_letter
        else:
            middle = row_letter + " " * (2 * i - 1) + row_letter
        top.append(outside + middle + outside)
    return top + top[-2::-1]
