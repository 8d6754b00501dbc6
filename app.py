"""The web page (issue: web page). Until it exists, `make demo` runs `xxgk analyze` on the seed."""
