"""The read side: what the database holds, loaded once into frozen objects."""
