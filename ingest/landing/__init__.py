"""Landing: type a file's cells by its registry entry and store it in the raw layer."""
