-- The language of a quote's words and of a claim's sentence (ISO 639-1), kept as the article wrote them.
ALTER TABLE quotes ADD COLUMN language TEXT;
ALTER TABLE claims ADD COLUMN language TEXT;
