"""Thai normalisation: digits, text, Buddhist-Era dates, fiscal years, numbers and area names."""
