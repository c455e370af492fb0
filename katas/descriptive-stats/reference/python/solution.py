import math


def describe(values):
    if not values:
        raise ValueError("values must not be empty")
    ordered = sorted(float(v) for v in values)
    n = len(ordered)
    mean = math.fsum(ordered) / n
    middle = n // 2
    if n % 2 == 1:
        median = ordered[middle]
    else:
        median = (ordered[middle - 1] + ordered[middle]) / 2
    variance = math.fsum((v - mean) ** 2 for v in ordered) / n
    return {
        "min": ordered[0],
        "max": ordered[-1],
        "mean": mean,
        "median": median,
        "stdev": math.sqrt(variance),
    }
