"""Corpus for tests/test_identity_numbers.py: texts with and without identity numbers.

Every identity number here is one of Skatteverket's published examples, typed in different
ways: 121212-1212 (also 19121212-1212, and 121212+1212 for the same person past 100) and the
samordningsnummer 701063-2391 (19701063-2391). No other personal numbers, and no invented ones.
"""

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, Word's digit grouping
THIN = "\u2009"
EN_DASH = "\u2013"
EM_DASH = "\u2014"
MINUS = "\u2212"
NB_HYPHEN = "\u2011"
HYPHEN = "\u2010"
SOFT_HYPHEN = "\u00ad"

# The ways people type the two numbers.
TYPINGS = [
    "121212-1212",
    "1212121212",
    "121212+1212",
    "121212 1212",
    f"121212{NBSP}1212",
    f"121212{NNBSP}1212",
    f"121212{THIN}1212",
    "121212 - 1212",
    "121212 -1212",
    "121212- 1212",
    f"121212{EN_DASH}1212",
    f"121212 {EN_DASH} 1212",
    f"121212{EM_DASH}1212",
    f"121212{MINUS}1212",
    f"121212{NB_HYPHEN}1212",
    f"121212{HYPHEN}1212",
    f"121212{SOFT_HYPHEN}1212",
    f"121212{NBSP}-{NBSP}1212",
    "121212 + 1212",
    "12 12 12-1212",
    "12 12 12 1212",
    f"12{NBSP}12{NBSP}12-1212",
    "19121212-1212",
    "191212121212",
    "19121212 1212",
    f"19121212{NBSP}1212",
    f"19121212{EN_DASH}1212",
    "19121212 - 1212",
    "1912 12 12-1212",
    "1912 12 12 1212",
    "19 12 12 12-1212",
    "701063-2391",
    "7010632391",
    "701063+2391",
    "701063 2391",
    f"701063{EN_DASH}2391",
    f"701063{MINUS}2391",
    "70 10 63-2391",
    "19701063-2391",
    "197010632391",
    "19701063 2391",
    "1970 10 63-2391",
    f"1970 10 63 {EN_DASH} 2391",
]

# Where they stand in a text: `{}` is the number.
CONTEXTS = [
    "Sågs vid torget, {}, igår.",
    "{} sågs vid torget.",
    "Anmälare {}",
    "{}",
    "Personen ({}) var där.",
    "Personen (pnr {}) var där.",
    "Ref-{}",
    "pnr:{}",
    "pnr {}.",
    "Är det {}?",
    "Kontakta {}!",
    "Uppgift: {}; se bilaga.",
    "”{}”",
    "\n{}\n",
    "<p>{}</p>",
    "rad 1\npersonnummer\t{}\trad 3",
]


def _each_typing_in_one_context() -> list[tuple[str, list[str]]]:
    # Typing i in context i modulo the contexts, so every typing and every context is met.
    return [
        (CONTEXTS[i % len(CONTEXTS)].format(number), [number]) for i, number in enumerate(TYPINGS)
    ]


# (text, the numbers find_identity_numbers must return, as typed)
TRUE_POSITIVES = [
    *_each_typing_in_one_context(),
    *[(context.format("121212 1212"), ["121212 1212"]) for context in CONTEXTS],
    *[
        (context.format(f"19121212{EN_DASH}1212"), [f"19121212{EN_DASH}1212"])
        for context in CONTEXTS
    ],
    ("121212-1212, 701063-2391", ["121212-1212", "701063-2391"]),
    ("121212-1212 701063-2391", ["121212-1212", "701063-2391"]),
    ("121212-1212,701063-2391", ["121212-1212", "701063-2391"]),
    ("121212-1212 och 19701063-2391 syntes", ["121212-1212", "19701063-2391"]),
    # A valid number right after an unrelated six-digit group and a space.
    ("Ärende 123456 121212-1212", ["121212-1212"]),
    # Nordea's personkonto is the account holder's personnummer.
    ("Konto 3300 121212-1212", ["121212-1212"]),
    ("Konto 3300-1212121212", ["1212121212"]),
    ("?pnr=191212121212&x=1", ["191212121212"]),
    ("Tel 031-365 00 00, pnr 121212-1212", ["121212-1212"]),
    ("Fullbredd １２１２１２-１２１２", ["１２１２１２-１２１２"]),
]

NEAR_MISSES = [
    # Telephone numbers
    "070-123 45 67",
    "070 123 45 67",
    "070-1234567",
    "0701234567",
    "+46 70 123 45 67",
    "+46701234567",
    "+46 (0)70-123 45 67",
    "031-123 45 67",
    "031-365 00 00",
    "031 - 365 00 00",
    "+46 31 365 00 00",
    "0046 31 365 00 00",
    "031-12 34 56",
    "0701-12 12 12",
    "08-123 456 78",
    "114 14",
    "Ring 112",
    # Dates and times
    "2026-12-02",
    "2026-12-02 14:30",
    "2026-12-02T14:30:00",
    "02.12.2026",
    "2/12 2026",
    "12/12/12",
    "20261202",
    "den 12 12 12",
    "kl 12:12",
    # ISO weeks
    "2026-W49",
    "2026-W49-3",
    "v. 49 2026",
    "vecka 49, 2026",
    # Police and city case numbers
    "5000-K123456-24",
    "K123456-24",
    "0500-K12345-26",
    "Dnr 2026-1234",
    "Dnr KS 2026-00123",
    # Organisation numbers (month digits 20 or more: no valid date)
    "212000-1355",
    "2120001355",
    "212000 1355",
    "16212000-1355",
    "556036-0793",
    "202100-5489",
    # Postcodes
    "415 05",
    "SE-411 04",
    "411 04 Göteborg",
    "424 65 Angered",
    # Amounts; the first two read 1212121212 without their spaces
    "1 212 121 212 kr",
    "12 121 212,12",
    "1 212 121,21 kr",
    "SEK 1 212 121 212",
    "12 121 212 kr",
    "121 212 kr",
    # Wrong check digit
    "121212-1213",
    "121212-1211",
    "1212121213",
    "121212 1213",
    f"121212{EN_DASH}1213",
    "12 12 12-1213",
    "19121212-1213",
    "701063-2390",
    # Impossible dates, and serial 000
    "19121232-1212",
    "121232-1212",
    "121312-1212",
    "19121200-1212",
    "701093-2391",
    "000000-0000",
    "121212-0001",
    # Bank and payment numbers
    "SE45 5000 0000 0583 9825 7466",
    "SE4550000000058398257466",
    "Bankgiro 5402-9681",
    "Plusgiro 90 20 03-4",
    "Swish 123 456 78 90",
    # Long digit runs with a valid ten- or twelve-digit window inside
    "12345121212121234",
    "12121212121212",
    "9912121212121234",
    "OCR 001212121212",
    "1212121212121",
    "Ordernr 99121212-1212",
    # Other numbers
    "12 12 12",
    "121212",
    "1212 deltagare",
    "version 12.12.12-1212",
    "57.7089, 11.9746",
    "ABC 123",
    "200 patruller",
]
