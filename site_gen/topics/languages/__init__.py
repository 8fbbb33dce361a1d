"""Topics in every blog's language: what a blog's language says about its capitalised words.

    words.Words(lang)        which capitalised words are words of the language, not names:
                             sentence words ("Un", "Pour", "Dopo", "Die"), common nouns
                             ("Affaires", "Jahr", "Datenraum"), months and weekdays, elisions
                             ("L'AIEA" -> "AIEA"); from wordfreq, simplemma and CLDR (Babel)
    places.Places(lang)      country and city names, and the demonyms and adjectives of
                             countries, in the language (CLDR through Babel, simplemma for
                             inflections), each to the built-in name it stands for
                             ("Russie", "Russland" -> Russia; "ucraini" -> Ukraine)
    runs.LanguagePass(lang)  a blog's runs of capitalised words cleaned with both, and the
                             names of the language they hold (for scan.scan_blog)

English blogs are read as before (topics/known.py's word lists); every other language gets
this pass in the blog's worker, so the site-wide judge sees runs that may be names, and the
written forms of known names in each language (BlogScan.known) merge into one topic.
The libraries are imported on first use, by the functions here, once a blog in another
language is scanned.
"""
