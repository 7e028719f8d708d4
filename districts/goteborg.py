"""Göteborg's real structure: reference data, usable in production.

The ten district committees (stadsdelsnämnder) existed from 2011-01-01 to 2020-12-31; the
local police areas of Polisområde Storgöteborg since the police reform of 2015-01-01. Each
district's collaboration with its police area is open-ended here: a reorganisation (the
2021 plan) ends it and names its successor.
"""

import datetime as dt

DISTRICTS_FROM = dt.date(2011, 1, 1)
DISTRICTS_TO = dt.date(2020, 12, 31)
POLICE_AREAS_FROM = dt.date(2015, 1, 1)

# (code, slug, name, municipalities beyond Göteborg)
POLICE_AREAS = [
    ("LPO-CITY", "lpo-city", "Storgöteborg City", ""),
    ("LPO-NORDOST", "lpo-nordost", "Nordost", "Partille"),
    ("LPO-SYD", "lpo-syd", "Syd", "Mölndal, Härryda"),
    ("LPO-HISINGEN", "lpo-hisingen", "Hisingen", "Öckerö"),
    ("LPO-KUNGALV-ALE", "lpo-kungalv-ale", "Kungälv-Ale", "Kungälv, Ale"),
]

# (code, slug, name, police area code)
DISTRICTS = [
    ("SDN-ANGERED", "angered", "Angered", "LPO-NORDOST"),
    ("SDN-OSTRA-GOTEBORG", "ostra-goteborg", "Östra Göteborg", "LPO-NORDOST"),
    ("SDN-ORGRYTE-HARLANDA", "orgryte-harlanda", "Örgryte-Härlanda", "LPO-CITY"),
    ("SDN-CENTRUM", "centrum", "Centrum", "LPO-CITY"),
    ("SDN-MAJORNA-LINNE", "majorna-linne", "Majorna-Linné", "LPO-CITY"),
    ("SDN-AFH", "askim-frolunda-hogsbo", "Askim-Frölunda-Högsbo", "LPO-SYD"),
    ("SDN-VASTRA-GOTEBORG", "vastra-goteborg", "Västra Göteborg", "LPO-SYD"),
    ("SDN-VASTRA-HISINGEN", "vastra-hisingen", "Västra Hisingen", "LPO-HISINGEN"),
    ("SDN-LUNDBY", "lundby", "Lundby", "LPO-HISINGEN"),
    ("SDN-NORRA-HISINGEN", "norra-hisingen", "Norra Hisingen", "LPO-HISINGEN"),
]
