def speeding_tickets(sightings, limit):
    """Return a ticket [plate, from_km, to_km, speed] per section driven over `limit` km/h."""
    # TODO
    return None
