"""Files people download: CSV and Excel made safe for spreadsheets, and the PDF brief."""
