"""Built-in knowledge for topic extraction: word classes and well-known names.

Data only.  Every list is lower-case (compared with str.casefold), except
STOP_ACRONYMS, which are compared as written.  A site's topics.toml adds to
and overrides all of this (see docs/topics.md).
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that are never (part of) a name: a capitalised span is cut at them.
STOP = _words("""
a an the this that these those there here it its he him his she her hers they them their theirs
we me my mine you your yours our ours who whom whose which what when where why how whatever whoever
i i'm i've i'd we're we've they're you're it's let's let
and or but nor so yet if then than because although though while whereas unless until since as after before once
at by for from in into of off on onto out over per to toward towards under up upon via with within without
about above across against along amid amidst among around behind below beneath beside besides between beyond
despite during except inside near outside past through throughout till unlike like
all any both each either every few many more most much neither no none one other others own same several some
such another enough half less little lot lots plenty two three four five six seven eight nine ten dozens
hundreds thousands millions also already always almost again ago ahead just only even still very too quite rather
really now today tonight yesterday tomorrow soon later earlier meanwhile however moreover furthermore therefore
thus hence instead otherwise nevertheless nonetheless indeed perhaps maybe certainly clearly obviously probably
possibly apparently reportedly allegedly initially finally eventually recently currently previously
subsequently overnight elsewhere nearby yes not never nothing nobody someone somebody something anyone anybody
anything everyone everybody everything be is are was were been being am have has had having do does did done
doing will would shall should can could may might must according asked speaking writing citing adding noting
saying told said says say last next first second third final latest early late new old former top senior junior
major minor main key big small large great good bad best worst high low long short full whole local
breaking update updated live watch read click photo photos video note thanks please dear oh ok okay well
so-called fellow dear
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
january february march april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
morning afternoon evening night day days week weeks weekend month months year years hour hours minute minutes
officials authorities residents locals people police troops forces soldiers civilians voters workers experts
analysts critics sources reports witnesses observers families children women men survivors rescuers
""")

# Titles and roles: cut out of a span ("Defence Minister Oleksii Reznikov" -> "Oleksii Reznikov").
TITLES = _words("""
president presidents vice prime minister ministers deputy secretary general chief spokesman spokeswoman
spokesperson governor mayor ambassador envoy commander colonel lieutenant sergeant captain admiral marshal
mr mrs ms miss dr sir dame lord lady king queen prince princess duke duchess pope cardinal bishop archbishop
rabbi imam sheikh emir sultan chancellor premier senator sen rep representative congressman congresswoman
gov gen lt col sgt capt cmdr adm judge professor prof director chairman chairwoman chair ceo leader adviser
advisor aide editor correspondent reporter analyst pollster forecaster meteorologist coxswain skipper officer
inspector superintendent constable detective commissioner councillor councilor mp mep speaker taoiseach
tanaiste attorney sheriff president-elect outgoing incoming acting interim former late private corporal
major-general lieutenant-general brigadier father sister brother saint st
""")

# Heads of organisation names: a name with one of these plus another word is an
# organisation ("Ministry of Justice", "Environment Agency") even when every
# other word is generic, and "Meridian" alone can stand for "Meridian Research".
ORG_HEADS = _words("""
ministry department office agency commission council committee court parliament assembly bureau service
services authority institute institution university college school academy foundation fund trust association
union federation league party alliance coalition front movement forum group corporation company corps bank
network networks media news research international organisation organization society club centre center
guard force forces navy army command board observatory programme program project initiative mission
highways rail railway railways airlines airways ferries line lines
""")

# Heads of place and infrastructure names: a span ending in one of these is one
# name even if it holds a title word ("Prince of Wales Bridge").
PLACE_HEADS = _words("""
bridge tunnel airport street road avenue square hospital station stadium park palace cathedral church
hotel centre center building tower hall museum college university school port harbour harbor dam
""")

# Geographic heads: a non-initial span made of generic words plus one of these
# is still a name ("North Sea", "West Bank").
GEO_HEADS = _words("sea seas ocean coast bank gulf strait channel bay")

# Capitalisable common words: a span made only of these (and titles) is not a topic
# ("Defence", "Air Defense Systems"), unless it has an organisation head.
GENERIC = ORG_HEADS | PLACE_HEADS | GEO_HEADS | _words("""
defence defense foreign interior home justice commerce trade finance economy economic education health energy
environment transport culture security state states public national federal central regional general supreme
high constitutional civil military air naval nuclear atomic border emergency human rights affairs works
development agriculture industry science technology information communications social
river rivers lake mount mountain mountains island islands peninsula valley region regions province provinces
county counties district city town village north south east west northern southern eastern western upper
lower greater inner outer head point cape
system systems missile missiles launcher launchers rocket rockets artillery tank tanks drone drones jet jets
fighter fighters aircraft helicopter helicopters satellite satellites defense
storm hurricane typhoon cyclone election elections war wars summit conference games cup championship
government governments administration opposition parliament house cabinet embassy consulate regime
officials official troops soldiers army marines police
plan strategy operation offensive counteroffensive counter-offensive peace ceasefire deal treaty agreement
internet web online press
""")

# All-caps words that are not topics.
STOP_ACRONYMS = frozenset("""
TV GDP CEO CFO COO CTO AM PM GMT UTC BST CET CEST EST EDT ET PT PST PDT CT MEP MP OK ID PR DIY FAQ PS NB RSVP
KM KG MPH HQ VIP PHD CCTV PPE SUV VAT ATM DNA GPS SMS USB PDF URL BREAKING UPDATE LIVE NEW WATCH VIDEO
PHOTOS READ MORE EXCLUSIVE II III IV VI VII VIII IX XI XII NO YES AI A I
""".split())

# Small words that may join capitalised words into one name ("Bank of England", "Transport for
# Wales", "Unite to Remain", "Bosnia and Herzegovina") or sit between two names side by side
# ("Abuja for Congress", "Kherson and Mykolaiv").  topics/glue.py decides which, from evidence.
# Per language (a blog's language picks its own, issue 20), each word with its kind:
#   head    a generic word before it makes an organisation or place ("Bank of England")
#   phrase  a name may be a phrase around it ("Unite to Remain")
#   list    it mostly sits between two names ("Russia and Ukraine", "Kowalski in Abuja")
JOINING = {
    "en": {"of": "head", "for": "head", "to": "phrase", "and": "list", "in": "list"},
}

# Connector words allowed inside a run of capitalised words: the joining words (with "the"
# after the head kind: "Ankara for the IMF") and the particles of names ("Charles de Gaulle").
CONNECTORS = ("of the", "for the", *sorted({w for words in JOINING.values() for w in words}),
              "de", "du", "des", "del", "della", "di", "da", "do", "dos",
              "das", "van", "von", "der", "den", "la", "le", "al", "el", "bin", "ibn", "y")

# Hyphen suffixes that turn a demonym into a language ("Swedish-speaking").
LANGUAGE_SUFFIXES = _words("speaking speaker speakers language languages")

# Company suffixes dropped from names ("Twitter Inc" -> "Twitter").
COMPANY_SUFFIXES = _words("inc inc. ltd ltd. corp corp. llc plc ag gmbh co co.")

# Lower-case infrastructure nouns that make a name a named thing: "Kakhovka dam".
INFRASTRUCTURE = ("nuclear power plant", "nuclear power station", "nuclear plant", "nuclear station",
                  "power plant", "power station", "hydroelectric plant", "hydroelectric dam", "dam",
                  "pipeline", "reservoir", "refinery", "steelworks", "steel plant")

# Countries: "Canonical|alias|...;demonym|demonym|..."  Demonyms and plurals stand
# for the country ("Russian troops", "Ukrainians").  The countries of ISO 3166 (pycountry:
# gazetteer.py) are added to these; a line here is for what ISO does not hold: demonyms,
# the names news uses ("Ivory Coast", "Cape Verde"), the nations of the UK, continents.
COUNTRIES = """
Afghanistan;Afghan|Afghans
Albania;Albanian|Albanians
Algeria;Algerian|Algerians
Andorra;Andorran
Angola;Angolan|Angolans
Argentina;Argentine|Argentinian|Argentines|Argentinians
Armenia;Armenian|Armenians
Australia;Australian|Australians
Austria;Austrian|Austrians
Azerbaijan;Azerbaijani|Azerbaijanis|Azeri|Azeris
Bahrain;Bahraini|Bahrainis
Bangladesh;Bangladeshi|Bangladeshis
Belarus;Belarusian|Belarusians
Belgium;Belgian|Belgians
Benin;Beninese
Bhutan;Bhutanese
Bolivia;Bolivian|Bolivians
Bosnia and Herzegovina|Bosnia|Bosnia-Herzegovina;Bosnian|Bosnians
Brazil;Brazilian|Brazilians
Brunei
Bulgaria;Bulgarian|Bulgarians
Burundi;Burundian
Cambodia;Cambodian|Cambodians
Cameroon;Cameroonian|Cameroonians
Canada;Canadian|Canadians
Cape Verde
Chad;Chadian
Chile;Chilean|Chileans
China;Chinese
Colombia;Colombian|Colombians
Costa Rica;Costa Rican
Croatia;Croatian|Croatians
Cuba;Cuban|Cubans
Cyprus;Cypriot|Cypriots
Czech Republic|Czechia;Czech|Czechs
Democratic Republic of the Congo|DR Congo|DRC
Republic of the Congo
Denmark;Danish|Danes
Ecuador;Ecuadorian|Ecuadorians
Egypt;Egyptian|Egyptians
El Salvador;Salvadoran|Salvadorans
Eritrea;Eritrean|Eritreans
Estonia;Estonian|Estonians
Ethiopia;Ethiopian|Ethiopians
Fiji;Fijian
Finland;Finnish|Finns
France;French
Gabon;Gabonese
Georgia;Georgian|Georgians
Germany;German|Germans
Ghana;Ghanaian|Ghanaians
Greece;Greek|Greeks
Guatemala;Guatemalan|Guatemalans
Guinea;Guinean
Haiti;Haitian|Haitians
Honduras;Honduran|Hondurans
Hungary;Hungarian|Hungarians
Iceland;Icelandic|Icelanders
India;Indian|Indians
Indonesia;Indonesian|Indonesians
Iran;Iranian|Iranians
Iraq;Iraqi|Iraqis
Ireland|Republic of Ireland;Irish
Israel;Israeli|Israelis
Italy;Italian|Italians
Ivory Coast|Côte d'Ivoire;Ivorian|Ivorians
Jamaica;Jamaican|Jamaicans
Japan;Japanese
Jordan;Jordanian|Jordanians
Kazakhstan;Kazakh|Kazakhs
Kenya;Kenyan|Kenyans
Kosovo;Kosovar|Kosovars
Kuwait;Kuwaiti|Kuwaitis
Kyrgyzstan;Kyrgyz
Laos;Laotian
Latvia;Latvian|Latvians
Lebanon;Lebanese
Liberia;Liberian|Liberians
Libya;Libyan|Libyans
Lithuania;Lithuanian|Lithuanians
Madagascar;Malagasy
Malawi;Malawian
Malaysia;Malaysian|Malaysians
Mali;Malian|Malians
Malta;Maltese
Mauritania;Mauritanian
Mexico;Mexican|Mexicans
Moldova;Moldovan|Moldovans
Mongolia;Mongolian|Mongolians
Montenegro;Montenegrin
Morocco;Moroccan|Moroccans
Mozambique;Mozambican
Myanmar|Burma;Burmese
Namibia;Namibian
Nepal;Nepalese|Nepali
Netherlands|Holland;Dutch
New Zealand;New Zealanders
Nicaragua;Nicaraguan
Niger;Nigerien
Nigeria;Nigerian|Nigerians
North Korea;North Korean|North Koreans
North Macedonia|Macedonia;Macedonian
Norway;Norwegian|Norwegians
Oman;Omani
Pakistan;Pakistani|Pakistanis
Palestine|Palestinian territories;Palestinian|Palestinians
Panama;Panamanian
Paraguay;Paraguayan
Peru;Peruvian|Peruvians
Philippines;Filipino|Filipinos
Poland;Polish|Poles
Portugal;Portuguese
Qatar;Qatari|Qataris
Romania;Romanian|Romanians
Russia|Russian Federation;Russian|Russians
Rwanda;Rwandan|Rwandans
Saudi Arabia;Saudi|Saudis
Senegal;Senegalese
Serbia;Serbian|Serbians|Serb|Serbs
Singapore;Singaporean
Slovakia;Slovak|Slovakian|Slovaks
Slovenia;Slovenian|Slovene|Slovenians
Somalia;Somali|Somalis
South Africa;South African|South Africans
South Korea|Republic of Korea;South Korean|South Koreans
South Sudan;South Sudanese
Spain;Spanish|Spaniards
Sri Lanka;Sri Lankan|Sri Lankans
Sudan;Sudanese
Sweden;Swedish|Swedes
Switzerland;Swiss
Syria;Syrian|Syrians
Taiwan;Taiwanese
Tajikistan;Tajik
Tanzania;Tanzanian|Tanzanians
Thailand;Thai
Togo;Togolese
Tunisia;Tunisian|Tunisians
Turkey|Türkiye;Turkish|Turks
Turkmenistan;Turkmen
Uganda;Ugandan|Ugandans
Ukraine;Ukrainian|Ukrainians
United Arab Emirates|UAE;Emirati|Emiratis
United Kingdom|UK|U.K.|Britain|Great Britain;British|Briton|Britons
United States|US|U.S.|USA|U.S.A.|America|United States of America;American|Americans
Uruguay;Uruguayan
Uzbekistan;Uzbek|Uzbeks
Venezuela;Venezuelan|Venezuelans
Vietnam;Vietnamese
Yemen;Yemeni|Yemenis
Zambia;Zambian|Zambians
Zimbabwe;Zimbabwean|Zimbabweans
England
Scotland;Scottish|Scots
Wales;Welsh
Northern Ireland
Europe;European|Europeans
Africa;African|Africans
Asia;Asian|Asians
Middle East
Latin America;Latin American|Latin Americans
"""

# Cities, regions and waters that may start a sentence ("Madrid at the start of the month ...").
PLACES = """
Kabul, Tirana, Algiers, Luanda, Buenos Aires, Yerevan, Canberra, Sydney, Melbourne, Vienna, Baku, Dhaka, Minsk,
Brussels, Sofia, Ottawa, Toronto, Montreal, Beijing, Shanghai, Hong Kong, Bogota, Zagreb, Havana, Nicosia,
Prague, Copenhagen, Cairo, Tallinn, Addis Ababa, Helsinki, Paris, Marseille, Lyon, Tbilisi, Berlin, Munich,
Frankfurt, Hamburg, Accra, Athens, Budapest, Reykjavik, Delhi, New Delhi, Mumbai, Jakarta, Tehran, Baghdad,
Dublin, Jerusalem, Tel Aviv, Gaza, Rome, Milan, Naples, Tokyo, Amman, Astana, Nairobi, Pristina, Riga, Beirut,
Tripoli, Vilnius, Kuala Lumpur, Mexico City, Chisinau, Rabat, Amsterdam, The Hague, Rotterdam, Wellington,
Auckland, Abuja, Lagos, Pyongyang, Skopje, Oslo, Islamabad, Karachi, Lahore, Ramallah, Manila, Warsaw, Krakow,
Lisbon, Doha, Bucharest, Moscow, St Petersburg, Riyadh, Belgrade, Bratislava, Ljubljana, Mogadishu,
Johannesburg, Cape Town, Seoul, Madrid, Barcelona, Colombo, Khartoum, Stockholm, Geneva, Zurich, Bern,
Damascus, Taipei, Bangkok, Tunis, Ankara, Istanbul, Kampala, Kyiv, Kharkiv, Odesa, Lviv, Abu Dhabi, Dubai,
London, Manchester, Birmingham, Edinburgh, Glasgow, Cardiff, Belfast, Washington, New York, Los Angeles,
Chicago, San Francisco, Miami, Caracas, Hanoi, Sanaa, Lusaka, Harare, Crimea, Donbas, Siberia, Chechnya,
Kashmir, Tibet, Xinjiang, Catalonia, Bavaria, Brittany, Corsica, Sicily, Sardinia, Andalusia, Normandy,
Kurdistan, Gaza Strip, West Bank, Golan Heights, Sinai, Balkans, Caucasus, Scandinavia, Mediterranean,
Atlantic, Pacific, Arctic, Antarctica, North Sea, Baltic Sea, Black Sea, Red Sea, Irish Sea, Caspian Sea,
Dead Sea, Sea of Azov, English Channel, Indian Ocean, Persian Gulf, South China Sea, East China Sea,
Gulf of Mexico, Caribbean, Sahara, Sahel, Alps
"""

# Organisations and parties: "Canonical|alias|...".  Aliases are the short forms people write
# that no rule derives ("Amnesty", "Tories"), and the names other languages give them that no
# library holds (CLDR names countries and cities, not the UN's French acronym "ONU").  A party's
# members ("Republicans", "Democrat") and its first word ("Labour") are derived from its name
# (topics/merge.py, party_members).
ORGANISATIONS = """
United Nations|UN|U.N.|ONU
NATO|North Atlantic Treaty Organization|North Atlantic Treaty Organisation|Nato|OTAN
European Union|EU|E.U.|UE
European Commission
European Parliament
IAEA|International Atomic Energy Agency|AIEA
World Health Organization|WHO|World Health Organisation|OMS
Centers for Disease Control and Prevention|CDC|Centers for Disease Control
International Monetary Fund|IMF
World Bank
International Criminal Court|ICC
International Committee of the Red Cross|ICRC|Red Cross
Amnesty International|Amnesty
Human Rights Watch|HRW
OSCE|Organization for Security and Co-operation in Europe|Organisation for Security and Co-operation in Europe
OPEC|Organization of the Petroleum Exporting Countries
UNESCO
UNICEF
UNHCR
World Food Programme|WFP
G7|Group of Seven
G20|Group of 20
African Union|AU
Pentagon
Kremlin|Kreml|Cremlino
White House
Republican Party|GOP
Democratic Party
Conservative Party|Tories|Tory
Labour Party
"""
