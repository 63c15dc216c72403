"""Danish texts of the demo cascade: the seed's own goals verbatim, and fictional goals.

An indicator spec is (navn, maaleenhed, retning, frekvens, baseline, maalvaerdi).
"""

from __future__ import annotations

Ind = tuple[str, str, str, str, float, float | None]

# --- the seed's cascade (Sorø Kommune → Demo Kommune), verbatim -------------------------

SEED_SUNDHEDSPOLITIK_MAAL_ID = "M-POL-SUNDHED"
SEED_SUNDHED_PO_MAAL_ID = "M-PO-SUN-1"
SEED_SUNDHED_DIREKTION_MAAL_ID = "M-DIR-SUN-1"
SEED_BU_SUNDHED_MAAL_ID = "M-C-BU-SUN"
SEED_PEDERSBORG_MAAL_ID = "M-I-BU-001-SUN"
SEED_PEDERSBORG_INDIKATOR_ID = "IND-I-BU-001-SUN-1"
SEED_DIGITAL_PO_MAAL_ID = "M-PO-ADM-1"
SEED_DIGITALISERING_MAAL_ID = "M-POL-DIGITAL"

SEED_SUNDHEDSPOLITIK_TITEL = "Sundhedspolitik 2008–2012"
SEED_SUNDHED_VISION = (
    "Demo Kommune skaber attraktive rammer, som giver dig (borgeren) lyst til at leve et "
    "sundt og aktivt liv."
)
SEED_SUNDHED_MOTIVATION = (
    "De strukturelle og formelle ændringer, samt den demografiske udvikling og det øgede "
    "fokus på sundhed og forebyggelse betyder, at Demo Kommune fremover må arbejde mere "
    "systematisk med forebyggelse og sundhedsfremme."
)
SEED_SUNDHED_MAAL = (
    "Alle områder og institutioner arbejder aktivt med holdninger og tilbud der fremmer "
    "sundheden således, at alle aktiviteter inden for det enkelte område vurderes i forhold "
    "til sundhedsfremmende og forebyggende aspekter."
)
SEED_SUNDHED_SUCCESKRITERIE = (
    "Decentrale enheder har mindst én aktivitet rettet mod hver af følgende målgrupper: "
    "1. Medarbejdere 2. Borgere/brugere"
)
SEED_SUNDHED_INDIKATOR = (
    "Sundhed indgår som aspekt i alle aftaler, dels medarbejderrettet dels borger/brugerrettet"
)
SEED_PEDERSBORG_TITEL = (
    "At udarbejde en Sundhedspolitik, der tager højde for sukkerforbrug, sund kost, motion, "
    "hygiejne, sociale aspekt i personalegruppen og personalet går forrest"
)
SEED_PEDERSBORG_SUCCESKRITERIE = "\n".join(
    (
        "At der udarbejdes en Sundhedspolitik i Børnehuset Pedersborg, indeholdende de 6 "
        "punkter under mål",
        "At Forældre Bestyrelsen er med til at udarbejde en sundhedspolitik for Børnehuset "
        "Pedersborg.",
        "At 90 % af forældrene støtter op om vores sundhedspolitik",
    )
)
SEED_PEDERSBORG_INDIKATOR = "Andel forældre der støtter op om sundhedspolitikken"
SEED_DIGITAL_VISION = (
    "Demo Kommune ønsker at realisere de muligheder, som ligger i digital forvaltning. Ikke "
    "for digitaliseringens skyld, men fordi vi ser det som en mulighed for effektiviseringer "
    "og kvalitetsforbedringer i kommunen gennem IT."
)
SEED_DIGITAL_MAAL = (
    "En del af effektiviseringen på det administrative område skal bl.a. findes via øget "
    "brugeranvendelse af de til rådighed værende digitale løsninger, ligesom der skal "
    "sættes fokus på anvendelsen af borgerserviceløsninger."
)
SEED_DIGITAL_INDIKATOR = (
    "Arbejdet gennemføres indenfor rammerne af den vedtagne digitaliseringsstrategi samt den "
    "fællesoffentlige digitaliseringsstrategi og partnerskabsaftalen med KMD. I 2009 sættes "
    "særligt fokus på Strategisk aftalestyring Opus Administrativ styring Ledelsesinformation "
    "Borgerservice"
)

VISION_ID = "M-VISION"
VISION_TITEL = "Demo Kommune – et godt sted at leve, lære og arbejde"
VISION_BESKRIVELSE = (
    "Byrådets vision: en attraktiv kommune med borgeren i centrum, helhed i "
    "opgaveløsningen og stærke lokale fællesskaber."
)

# maal_id, titel, beskrivelse
POLITIKKER: tuple[tuple[str, str, str], ...] = (
    (
        SEED_SUNDHEDSPOLITIK_MAAL_ID,
        SEED_SUNDHEDSPOLITIK_TITEL,
        "Sundhedspolitik for Demo Kommune 2008-2012, udviklet i en proces med stor grad af "
        "borgerinvolvering og direkte dialog mellem borgere og medlemmer af "
        "Sundhedsudvalget/byrådet.",
    ),
    ("M-POL-BOERN", "Børne- og ungepolitik", "En sammenhængende børne- og ungepolitik."),
    (
        SEED_DIGITALISERING_MAAL_ID,
        "Digitaliseringsstrategi",
        "Digital forvaltning til gavn for borgere og effektivitet.",
    ),
    ("M-POL-AELDRE", "Ældrepolitik", "Et aktivt og værdigt ældreliv."),
    (
        "M-POL-ERHVERV",
        "Erhvervs- og beskæftigelsespolitik",
        "Flere i job og et stærkt lokalt erhvervsliv.",
    ),
    (
        "M-POL-HANDICAP",
        "Handicap- og psykiatripolitik",
        "Lige muligheder og et selvstændigt liv.",
    ),
    ("M-POL-KULTUR", "Kultur- og fritidspolitik", "Et aktivt kultur- og fritidsliv for alle."),
    ("M-POL-KLIMA", "Klima- og miljøpolitik", "Grøn omstilling og trygge, sikre veje."),
    ("M-POL-PERSONALE", "Personalepolitik", "En attraktiv og sund arbejdsplads."),
    ("M-POL-DEMOKRATI", "Demokratistrategi", "Borgerinddragelse og politisk dialog."),
)

POLITIK_PERIODE: dict[str, tuple[int, int]] = {
    SEED_SUNDHEDSPOLITIK_MAAL_ID: (2008, 2012),
}
"""A politik's period (aar_fra, aar_til); others run from two years before to two after."""
FORLAENGET = (
    " Politikken blev vedtaget for 2008–2012; byrådet har siden forlænget den, senest i "
    "{aar}, så den gælder til og med {til}."
)
MAALTYPE_BESKRIVELSE: dict[str, str] = {
    "serviceniveau": "Serviceniveau fastlagt af byrådet",
    "resultatkrav": "Særligt resultatkrav fastlagt af byrådet",
    "indsatsomraade": "Indsatsområde fastlagt af byrådet",
}

# maal_id, politikomraade_id, politik maal_id, titel, beskrivelse, succeskriterie, indikator
PO_MAAL: tuple[tuple[str, str, str, str, str, str, Ind | None], ...] = (
    (
        SEED_DIGITAL_PO_MAAL_ID,
        "P-ADM",
        SEED_DIGITALISERING_MAAL_ID,
        SEED_DIGITAL_MAAL,
        f"Vision: {SEED_DIGITAL_VISION}\n\nMålet blev formuleret i budget 2009 og er "
        "videreført i de følgende budgetter.",
        f"Indikator: {SEED_DIGITAL_INDIKATOR}",
        ("Digital selvbetjeningsgrad", "%", "op", "kvartal", 72.0, 90.0),
    ),
    (
        "M-PO-ADM-2",
        "P-ADM",
        "M-POL-PERSONALE",
        "Sygefraværet nedbringes i hele organisationen",
        "Et lavt sygefravær er et udtryk for en god arbejdsplads.",
        "Sygefraværet er under 10 dage pr. fuldtidsansat.",
        ("Sygefravær pr. fuldtidsansat", "dage", "ned", "kvartal", 12.5, 10.0),
    ),
    (
        "M-PO-POL-1",
        "P-POL",
        "M-POL-DEMOKRATI",
        "Borgerne inddrages i de politiske beslutninger",
        "Politiske dialogmøder skal finde nye former i den større kommune.",
        "Mindst 20 borgermøder og høringer om året.",
        ("Antal borgermøder og høringer", "antal", "op", "aar", 14.0, 20.0),
    ),
    (
        "M-PO-DAG-1",
        "P-DAG",
        "M-POL-BOERN",
        "Alle børn i dagtilbud udvikler sig alderssvarende",
        "Tidlig indsats i dagtilbud giver børnene et godt afsæt for skolen.",
        "85 % af de 5-årige har et alderssvarende sprog.",
        ("Andel 5-årige med alderssvarende sprog", "%", "op", "aar", 76.0, 85.0),
    ),
    (
        "M-PO-SKO-1",
        "P-SKO",
        "M-POL-BOERN",
        "Alle elever bliver så dygtige, som de kan",
        "Faglighed og inklusion går hånd i hånd.",
        "Karaktergennemsnittet ved afgangsprøven ligger over landsgennemsnittet.",
        ("Gennemsnitlig karakter ved 9. klasses afgangsprøve", "antal", "op", "aar", 6.8, 7.3),
    ),
    (
        "M-PO-FAM-1",
        "P-FAM",
        "M-POL-BOERN",
        "Flere udsatte børn og unge trives i eget hjem og nærmiljø",
        "Forebyggelse frem for anbringelse.",
        "Antallet af anbragte børn og unge falder.",
        ("Antal anbragte børn og unge", "antal", "ned", "kvartal", 85.0, 72.0),
    ),
    (
        SEED_SUNDHED_PO_MAAL_ID,
        "P-SUN",
        SEED_SUNDHEDSPOLITIK_MAAL_ID,
        SEED_SUNDHED_MAAL,
        f"Vision: {SEED_SUNDHED_VISION}\n\nMotivation: {SEED_SUNDHED_MOTIVATION}",
        SEED_SUNDHED_SUCCESKRITERIE,
        (SEED_SUNDHED_INDIKATOR, "%", "op", "aar", 40.0, 100.0),
    ),
    (
        "M-PO-AEL-1",
        "P-AEL",
        "M-POL-AELDRE",
        "Ældre borgere lever et aktivt og selvhjulpent liv",
        "Rehabilitering og forebyggelse før kompenserende hjælp.",
        "Andelen af ældre med hjemmehjælp falder.",
        ("Andel 67+-årige med hjemmehjælp", "%", "ned", "aar", 11.0, 9.0),
    ),
    (
        "M-PO-HAN-1",
        "P-HAN",
        "M-POL-HANDICAP",
        "Borgere med handicap deltager aktivt i samfundslivet",
        "Beskæftigelse og meningsfulde aktiviteter for alle.",
        "65 % af borgerne i botilbud har beskæftigelse eller dagtilbud.",
        (
            "Andel borgere i botilbud med beskæftigelse eller dagtilbud",
            "%",
            "op",
            "aar",
            55.0,
            65.0,
        ),
    ),
    (
        "M-PO-BES-1",
        "P-BES",
        "M-POL-ERHVERV",
        "Flere ledige kommer hurtigt i job",
        "En virksomhedsrettet beskæftigelsesindsats.",
        "Ledigheden er under landsgennemsnittet.",
        ("Ledighed (pct. af arbejdsstyrken)", "%", "ned", "maaned", 3.6, 3.0),
    ),
    (
        "M-PO-FOR-1",
        "P-FOR",
        "M-POL-ERHVERV",
        "Færre borgere på varig offentlig forsørgelse",
        "Tværgående indsats for borgere på kanten af arbejdsmarkedet.",
        "Antallet af borgere på varig forsørgelse falder.",
        ("Antal borgere på førtidspension og fleksjob", "antal", "ned", "kvartal", 1900.0, 1800.0),
    ),
    (
        "M-PO-VEJ-1",
        "P-VEJ",
        "M-POL-KLIMA",
        "Trafiksikre veje og stier",
        "Trafiksikkerhedsplanen gennemføres.",
        "Færre trafikuheld med personskade.",
        ("Antal trafikuheld med personskade", "antal", "ned", "aar", 24.0, 15.0),
    ),
    (
        "M-PO-NAT-1",
        "P-NAT",
        "M-POL-KLIMA",
        "Mindre CO2-udledning fra kommunen som virksomhed",
        "Kommunen går forrest i den grønne omstilling.",
        "CO2-udledningen falder med 20 %.",
        ("CO2-udledning (ton)", "antal", "ned", "aar", 5200.0, 4200.0),
    ),
    (
        "M-PO-EJD-1",
        "P-EJD",
        "M-POL-KLIMA",
        "Energirigtige kommunale bygninger",
        "Kun ejendomsrelaterede udgifter holdes samlet centralt.",
        "Energiudgiften pr. m² falder.",
        ("Energiudgift pr. m²", "kr.", "ned", "aar", 155.0, 125.0),
    ),
    (
        "M-PO-KUL-1",
        "P-KUL",
        "M-POL-KULTUR",
        "Et levende kulturliv for alle",
        "Kulturtilbud i hele kommunen, også uden for byerne.",
        "Flere kulturarrangementer end året før.",
        ("Antal kulturarrangementer", "antal", "op", "kvartal", 180.0, None),
    ),
    (
        "M-PO-FRI-1",
        "P-FRI",
        "M-POL-KULTUR",
        "Flere borgere er fysisk aktive i fritiden",
        "Samarbejde med foreningslivet om mere bevægelse.",
        "70 % af borgerne dyrker motion hver uge.",
        ("Andel borgere der dyrker motion ugentligt", "%", "op", "aar", 64.0, 70.0),
    ),
)

# maal_id, parent PO maal_id, titel
DIREKTION_MAAL: tuple[tuple[str, str, str], ...] = (
    (
        "M-DIR-ADM-1",
        SEED_DIGITAL_PO_MAAL_ID,
        "Digitale løsninger og borgerservice udbredes i alle centre",
    ),
    ("M-DIR-ADM-2", "M-PO-ADM-2", "Nærværende ledelse og systematisk fraværsopfølgning"),
    ("M-DIR-POL-1", "M-PO-POL-1", "Dialogmøder mellem udvalg og institutioner i nye former"),
    ("M-DIR-DAG-1", "M-PO-DAG-1", "Sprogindsatsen indgår i alle dagtilbudsaftaler"),
    ("M-DIR-SKO-1", "M-PO-SKO-1", "Faglighed og inklusion styrkes på alle skoler"),
    ("M-DIR-FAM-1", "M-PO-FAM-1", "Tidlig indsats og forebyggelse prioriteres"),
    (
        SEED_SUNDHED_DIREKTION_MAAL_ID,
        SEED_SUNDHED_PO_MAAL_ID,
        "Sundhed indgår som aspekt i alle aftaler på niveau 2 og 3",
    ),
    ("M-DIR-AEL-1", "M-PO-AEL-1", "Rehabilitering er første tilbud til alle ældre"),
    ("M-DIR-HAN-1", "M-PO-HAN-1", "Flere borgere med handicap får tilbud om beskæftigelse"),
    ("M-DIR-BES-1", "M-PO-BES-1", "Virksomhedsrettet indsats i alle ledighedsforløb"),
    ("M-DIR-FOR-1", "M-PO-FOR-1", "Tværgående indsats for borgere på kanten af arbejdsmarkedet"),
    ("M-DIR-VEJ-1", "M-PO-VEJ-1", "Trafiksikkerhedsplanen gennemføres"),
    ("M-DIR-NAT-1", "M-PO-NAT-1", "Klimaplanen omsættes i alle centre"),
    ("M-DIR-EJD-1", "M-PO-EJD-1", "Energirenovering af kommunens bygninger"),
    ("M-DIR-KUL-1", "M-PO-KUL-1", "Kulturtilbud i hele kommunen"),
    ("M-DIR-FRI-1", "M-PO-FRI-1", "Samarbejde med foreningslivet om mere bevægelse"),
)
DIREKTION_SUNDHED = SEED_SUNDHED_DIREKTION_MAAL_ID
DIREKTION_PERSONALE = "M-DIR-ADM-2"
DIREKTION_DIGITAL = "M-DIR-ADM-1"

# (centre code, area) -> parent direktion goal, titel, indikator
CENTER_FAGLIGE: dict[tuple[str, str], tuple[str, str, Ind]] = {
    ("BU", "dagtilbud"): (
        "M-DIR-DAG-1",
        "Alle børn i dagtilbud trives, lærer og udvikler sig",
        ("Andel børn med alderssvarende sprog", "%", "op", "aar", 78, 86),
    ),
    ("BU", "skole"): (
        "M-DIR-SKO-1",
        "Alle elever trives og bliver fagligt dygtigere",
        ("Andel elever med høj trivsel", "%", "op", "aar", 80, 88),
    ),
    ("KF", "kultur"): (
        "M-DIR-KUL-1",
        "Flere borgere bruger kultur- og fritidstilbuddene",
        (
            "Antal besøgende i kultur- og fritidsinstitutioner",
            "antal",
            "op",
            "kvartal",
            90000,
            105000,
        ),
    ),
    ("FR", "familie"): (
        "M-DIR-FAM-1",
        "Tidlig indsats over for udsatte børn og familier",
        ("Andel underretninger behandlet inden for 24 timer", "%", "op", "maaned", 88, 100),
    ),
    ("SU", "sundhed"): (
        SEED_SUNDHED_DIREKTION_MAAL_ID,
        "Flere borgere lever et sundt og aktivt liv",
        ("Andel voksne der ryger dagligt", "%", "ned", "aar", 17, 13),
    ),
    ("AE", "aeldre"): (
        "M-DIR-AEL-1",
        "Ældre borgere klarer sig selv længst muligt",
        ("Andel 80+-årige uden hjemmehjælp", "%", "op", "aar", 62, 68),
    ),
    ("HS", "handicap"): (
        "M-DIR-HAN-1",
        "Borgere med handicap og sindslidelser lever et selvstændigt liv",
        ("Andel handleplaner fulgt op rettidigt", "%", "op", "kvartal", 70, 95),
    ),
    ("JC", "job"): (
        "M-DIR-BES-1",
        "Flere borgere i job og uddannelse",
        ("Antal fuldtidspersoner på offentlig forsørgelse", "antal", "ned", "maaned", 2400, 2150),
    ),
    ("TF", "teknik"): (
        "M-DIR-VEJ-1",
        "Sikre og velholdte veje og grønne områder",
        ("Andel af vejnettet i god stand", "%", "op", "aar", 71, 80),
    ),
    ("PM", "teknik"): (
        "M-DIR-NAT-1",
        "Hurtig og sikker myndighedsbehandling",
        ("Sagsbehandlingstid for byggesager", "dage", "ned", "maaned", 45, 30),
    ),
    ("EC", "teknik"): (
        "M-DIR-EJD-1",
        "Bæredygtig og effektiv ejendomsdrift",
        ("Energiudgift pr. m²", "kr.", "ned", "aar", 150, 125),
    ),
    ("BS", "admin"): (
        "M-DIR-ADM-1",
        "Borgerservice i øjenhøjde – digitalt og personligt",
        ("Digital selvbetjeningsgrad", "%", "op", "maaned", 80, 92),
    ),
    ("OP", "admin"): (
        "M-DIR-ADM-2",
        "Effektiv administration og god økonomistyring",
        ("Andel regninger betalt rettidigt", "%", "op", "maaned", 93, 98),
    ),
    ("BR", "admin"): (
        "M-DIR-POL-1",
        "Godt grundlag for den politiske beslutningsproces",
        ("Andel dagsordener udsendt rettidigt", "%", "op", "maaned", 90, 100),
    ),
}
SEED_BU_SUNDHED_TITEL = (
    "Alle dagtilbud og skoler udarbejder en sundhedspolitik med aktiviteter for både "
    "medarbejdere og børn"
)
DIGITALE_CENTRE = ("BS", "OP", "JC")

OMRAADE: dict[str, str] = {
    "dagtilbud": "dagtilbud",
    "dagpleje": "dagtilbud",
    "skole": "skole",
    "ungdomsskole": "skole",
    "sfo": "skole",
    "familie": "familie",
    "sundhed": "sundhed",
    "plejecenter": "aeldre",
    "hjemmepleje": "aeldre",
    "aeldre": "aeldre",
    "bosted": "handicap",
    "handicap": "handicap",
    "vaerksted": "handicap",
    "job": "job",
    "ydelse": "job",
    "bibliotek": "kultur",
    "kultur": "kultur",
    "fritid": "kultur",
    "teknik": "teknik",
    "miljoe": "teknik",
    "ejendom": "teknik",
    "admin": "admin",
    "politisk": "admin",
}
"""Institution art -> goal area (selects templates and the centre goal above)."""

# area -> (titel, succeskriterie, indikator)
FAGLIGE_SKABELONER: dict[str, tuple[tuple[str, str, Ind], ...]] = {
    "dagtilbud": (
        (
            "Styrke børnenes sproglige udvikling",
            "Flere børn har alderssvarende sprog ved overgangen til skole.",
            ("Andel børn med alderssvarende sprog", "%", "op", "aar", 74, 85),
        ),
        (
            "Øge forældretilfredsheden",
            "Forældretilfredsheden ligger over kommunens gennemsnit.",
            ("Andel tilfredse forældre", "%", "op", "aar", 82, 90),
        ),
        (
            "Flere børn i bevægelse hver dag",
            "Alle børn er fysisk aktive mindst en time dagligt.",
            ("Minutter med fysisk aktivitet pr. barn pr. dag", "antal", "op", "maaned", 45, 60),
        ),
    ),
    "skole": (
        (
            "Styrke elevernes trivsel",
            "Andelen af elever med høj trivsel stiger.",
            ("Andel elever med høj trivsel", "%", "op", "aar", 82, 88),
        ),
        (
            "Nedbringe elevfraværet",
            "Elevfraværet falder til under 8 dage pr. elev.",
            ("Elevfravær pr. elev", "dage", "ned", "kvartal", 11, 8),
        ),
        (
            "Flere elever består dansk og matematik",
            "Mindst 94 % af eleverne får 02 eller derover i dansk og matematik.",
            ("Andel elever med mindst 02 i dansk og matematik", "%", "op", "aar", 88, 94),
        ),
    ),
    "familie": (
        (
            "Flere forebyggende indsatser frem for anbringelser",
            "Flere sager løses med forebyggende foranstaltninger.",
            ("Andel sager med forebyggende foranstaltning", "%", "op", "kvartal", 55, 65),
        ),
        (
            "Kortere sagsbehandlingstid i børnefaglige undersøgelser",
            "Undersøgelserne afsluttes inden for lovens frist.",
            ("Sagsbehandlingstid", "dage", "ned", "maaned", 140, 120),
        ),
    ),
    "sundhed": (
        (
            "Flere borgere gennemfører forebyggelsesforløb",
            "Flere gennemførte forløb end året før.",
            ("Gennemførte forebyggelsesforløb", "antal", "op", "kvartal", 40, 60),
        ),
        (
            "Kortere ventetid på genoptræning",
            "Ventetiden er under 14 dage.",
            ("Ventetid på genoptræning", "dage", "ned", "maaned", 21, 14),
        ),
    ),
    "aeldre": (
        (
            "Styrke rehabilitering, så flere klarer sig selv",
            "Halvdelen af rehabiliteringsforløbene afsluttes uden behov for hjælp.",
            ("Andel borgere selvhjulpne efter rehabiliteringsforløb", "%", "op", "kvartal", 35, 50),
        ),
        (
            "Færre forebyggelige indlæggelser",
            "Antallet af forebyggelige indlæggelser falder.",
            ("Forebyggelige indlæggelser", "antal", "ned", "kvartal", 28, 22),
        ),
        (
            "Høj tilfredshed blandt beboere og pårørende",
            "Mindst 92 % af beboere og pårørende er tilfredse.",
            ("Andel tilfredse beboere og pårørende", "%", "op", "aar", 85, 92),
        ),
    ),
    "handicap": (
        (
            "Flere borgere i beskæftigelse eller aktivitet",
            "60 % af borgerne har beskæftigelse eller dagtilbud.",
            ("Andel borgere i beskæftigelse eller dagtilbud", "%", "op", "kvartal", 45, 60),
        ),
        (
            "Færre magtanvendelser",
            "Antallet af magtanvendelser halveres.",
            ("Registrerede magtanvendelser", "antal", "ned", "kvartal", 12, 6),
        ),
    ),
    "job": (
        (
            "Flere unge i uddannelse eller job",
            "88 % af de unge under 25 år er i uddannelse eller job.",
            ("Andel unge under 25 i uddannelse eller job", "%", "op", "maaned", 82, 88),
        ),
        (
            "Kortere sygedagpengeforløb",
            "Den gennemsnitlige varighed falder til 90 dage.",
            ("Gennemsnitlig varighed af sygedagpengeforløb", "dage", "ned", "maaned", 110, 90),
        ),
    ),
    "kultur": (
        (
            "Flere besøgende",
            "Besøgstallet stiger med 15 %.",
            ("Antal besøgende", "antal", "op", "maaned", 6000, 7000),
        ),
        (
            "Flere børn og unge i foreningslivet",
            "70 % af børn og unge er aktive i en forening.",
            ("Andel børn og unge aktive i foreninger", "%", "op", "aar", 62, 70),
        ),
    ),
    "teknik": (
        (
            "Hurtigere behandling af sager og henvendelser",
            "Sagsbehandlingstiden er under 28 dage.",
            ("Sagsbehandlingstid", "dage", "ned", "maaned", 40, 28),
        ),
        (
            "Lavere energiforbrug i bygninger og drift",
            "Energiudgiften falder med 15 %.",
            ("Energiudgift pr. m²", "kr.", "ned", "aar", 145, 120),
        ),
        (
            "Flere tilfredse borgere",
            "Mindst 78 % af borgerne er tilfredse.",
            ("Andel tilfredse borgere", "%", "op", "aar", 68, 78),
        ),
    ),
    "admin": (
        (
            "Flere borgere bruger digital selvbetjening",
            "90 % af ansøgningerne kommer digitalt.",
            ("Digital selvbetjeningsgrad", "%", "op", "maaned", 78, 90),
        ),
        (
            "Kortere svartid på henvendelser",
            "Svartiden er under 5 arbejdsdage.",
            ("Svartid på henvendelser", "dage", "ned", "maaned", 8, 5),
        ),
    ),
}

SUNDHED_SKABELON: tuple[str, str, Ind] = (
    "Sundhed i hverdagen for både medarbejdere og brugere",
    "Mindst én sundhedsfremmende aktivitet for medarbejdere og én for borgere/brugere.",
    ("Antal sundhedsfremmende aktiviteter", "antal", "op", "kvartal", 1, 4),
)
PERSONALE_SKABELON: tuple[str, str, Ind] = (
    "Nedbringe sygefraværet",
    "Sygefraværet falder til under 10 dage pr. medarbejder.",
    ("Sygefravær pr. medarbejder", "dage", "ned", "kvartal", 13, 10),
)
EKSTRA_INDIKATOR: Ind = ("Brugertilfredshed", "%", "op", "aar", 80, 88)

VURDERING_KOMMENTARER: dict[str, tuple[str, ...]] = {
    "opfyldt": ("Målet er nået – succeskriteriet er opfyldt.", "Målet er indfriet før tiden."),
    "paa_sporet": (
        "Udviklingen følger planen.",
        "Indsatsen er i gang og virker efter hensigten.",
    ),
    "i_risiko": (
        "Fremdriften er langsommere end planlagt; der følges op på næste dialogmøde.",
        "Rekrutteringsudfordringer forsinker indsatsen.",
    ),
    "ikke_paa_sporet": (
        "Udviklingen går den forkerte vej; der udarbejdes en handleplan.",
        "Målet nås ikke uden en ekstra indsats.",
    ),
    "ikke_vurderet": (
        "Ikke vurderet endnu – afventer data.",
        "Vurderingen udskydes til næste opfølgning.",
    ),
}

# --- the budget's other goal types per politikområde (issue 16) -------------------------
# The seed: "I budgettet fastlægger byrådet mål, serviceniveau, særlige resultatkrav og
# indsatsområder samt økonomiske rammer pr. politikområde". Per politikområde:
# (maaltype, titel, succeskriterie, indikator), in the order serviceniveau, resultatkrav,
# indsatsomraade. The ids are "M-PO-<kode>-SN", "-RK", "-IO".
BUDGETMAAL: dict[str, tuple[tuple[str, str, str, Ind], ...]] = {
    "P-ADM": (
        (
            "serviceniveau",
            "Borgerservice besvarer henvendelser hurtigt",
            "Telefoner besvares inden for 3 minutter, breve og mails inden for 5 arbejdsdage.",
            ("Andel henvendelser besvaret inden for servicemålet", "%", "op", "kvartal", 82, 95),
        ),
        (
            "resultatkrav",
            "Administrationens udgifter holdes inden for effektiviseringskravet",
            "Udgiften til administration pr. indbygger falder 1 % om året.",
            ("Administrationsudgift pr. indbygger", "kr.", "ned", "aar", 6900, 6700),
        ),
        (
            "indsatsomraade",
            "Strategisk aftalestyring og ledelsesinformation",
            "Alle aftaleholdere følger op på aftalen i det digitale ledelsesinformationssystem.",
            ("Andel aftaler fulgt op digitalt", "%", "op", "kvartal", 40, 100),
        ),
    ),
    "P-POL": (
        (
            "serviceniveau",
            "Dagsordener og referater offentliggøres rettidigt",
            "Dagsordener offentliggøres senest 4 dage før mødet.",
            ("Andel dagsordener offentliggjort rettidigt", "%", "op", "kvartal", 90, 100),
        ),
        (
            "resultatkrav",
            "Borgerhenvendelser til byrådet besvares inden for 14 dage",
            "Alle henvendelser besvares inden for 14 dage.",
            ("Andel henvendelser besvaret inden for 14 dage", "%", "op", "kvartal", 85, 98),
        ),
        (
            "indsatsomraade",
            "Nye former for politisk dialog med institutionerne",
            "Hvert fagudvalg holder mindst to dialogmøder om året ude på institutionerne.",
            ("Antal dialogmøder mellem udvalg og institutioner", "antal", "op", "aar", 6, 14),
        ),
    ),
    "P-DAG": (
        (
            "serviceniveau",
            "Pladsgaranti: alle børn tilbydes plads senest 3 måneder efter opskrivning",
            "Pladsgarantien overholdes for alle børn.",
            ("Andel børn tilbudt plads inden for pladsgarantien", "%", "op", "maaned", 96, 100),
        ),
        (
            "resultatkrav",
            "Minimumsnormeringerne overholdes i alle dagtilbud",
            "Mindst 1 voksen pr. 3 vuggestuebørn og 1 voksen pr. 6 børnehavebørn.",
            ("Andel dagtilbud der overholder minimumsnormeringen", "%", "op", "kvartal", 85, 100),
        ),
        (
            "indsatsomraade",
            "Sprog og tidlig indsats i de første 1.000 dage",
            "Alle 3-årige sprogvurderes, og børn med behov får en indsats inden for en måned.",
            ("Andel 3-årige der er sprogvurderet", "%", "op", "aar", 80, 95),
        ),
    ),
    "P-SKO": (
        (
            "serviceniveau",
            "Undervisningstimetallet følger Fælles Mål",
            "Alle elever får det vejledende timetal i alle fag.",
            ("Andel planlagte timer gennemført", "%", "op", "kvartal", 95, 99),
        ),
        (
            "resultatkrav",
            "Linjefagsdækningen er mindst 95 %",
            "Mindst 95 % af timerne gives af lærere med kompetence i faget.",
            ("Kompetencedækning", "%", "op", "aar", 89, 95),
        ),
        (
            "indsatsomraade",
            "Inklusion: flere elever i den almene undervisning",
            "Andelen af elever i specialtilbud falder til under 4 %.",
            ("Andel elever i specialtilbud", "%", "ned", "aar", 5.2, 4.0),
        ),
    ),
    "P-FAM": (
        (
            "serviceniveau",
            "Underretninger vurderes inden for 24 timer",
            "Alle underretninger vurderes inden for 24 timer.",
            ("Andel underretninger vurderet inden for 24 timer", "%", "op", "maaned", 90, 100),
        ),
        (
            "resultatkrav",
            "Børnefaglige undersøgelser afsluttes inden for 4 måneder",
            "Lovens frist på 4 måneder overholdes i alle sager.",
            ("Andel undersøgelser afsluttet inden for fristen", "%", "op", "kvartal", 72, 95),
        ),
        (
            "indsatsomraade",
            "Flere børn i plejefamilier frem for på institution",
            "Mindst 65 % af de anbragte bor i plejefamilie.",
            ("Andel anbragte i plejefamilie", "%", "op", "aar", 55, 65),
        ),
    ),
    "P-SUN": (
        (
            "serviceniveau",
            "Genoptræning starter inden for 7 dage efter udskrivning",
            "Genoptræningen starter inden for 7 dage.",
            ("Andel genoptræningsforløb startet inden for 7 dage", "%", "op", "maaned", 80, 95),
        ),
        (
            "resultatkrav",
            "Alle nyfødte får besøg af sundhedsplejen",
            "Alle familier får tilbudt 5 besøg i barnets første leveår.",
            ("Andel familier der har fået 5 besøg", "%", "op", "kvartal", 90, 100),
        ),
        (
            "indsatsomraade",
            "Røgfri fremtid og forebyggelse for voksne",
            "Flere gennemfører et rygestopforløb.",
            ("Antal gennemførte rygestopforløb", "antal", "op", "kvartal", 30, 50),
        ),
    ),
    "P-AEL": (
        (
            "serviceniveau",
            "Rengøring i hjemmet hver anden uge",
            "Alle visiterede borgere får rengøring hver anden uge som aftalt.",
            ("Andel planlagte rengøringsbesøg gennemført", "%", "op", "maaned", 94, 99),
        ),
        (
            "resultatkrav",
            "Ventetiden på plejebolig er under 2 måneder",
            "Plejeboliggarantien overholdes for alle borgere.",
            ("Andel tilbudt plejebolig inden for garantien", "%", "op", "kvartal", 88, 100),
        ),
        (
            "indsatsomraade",
            "Rehabilitering før hjemmehjælp",
            "Alle nye borgere tilbydes et rehabiliteringsforløb før varig hjælp.",
            ("Andel nye borgere der starter i rehabilitering", "%", "op", "kvartal", 60, 85),
        ),
    ),
    "P-HAN": (
        (
            "serviceniveau",
            "Alle beboere har en opdateret pædagogisk plan",
            "Planerne opdateres mindst én gang om året.",
            ("Andel beboere med opdateret plan", "%", "op", "kvartal", 78, 100),
        ),
        (
            "resultatkrav",
            "Sager afgøres inden for de udmeldte sagsbehandlingsfrister",
            "Mindst 90 % af sagerne afgøres inden for fristen.",
            ("Andel sager afgjort inden for fristen", "%", "op", "kvartal", 76, 90),
        ),
        (
            "indsatsomraade",
            "Recovery og netværk i socialpsykiatrien",
            "Flere borgere afslutter deres forløb med eget netværk.",
            ("Andel afsluttede forløb med netværk", "%", "op", "aar", 45, 60),
        ),
    ),
    "P-BES": (
        (
            "serviceniveau",
            "Ledige har samtale med jobcentret hver måned de første 6 måneder",
            "Alle samtaler afholdes rettidigt.",
            ("Andel rettidige samtaler", "%", "op", "maaned", 88, 98),
        ),
        (
            "resultatkrav",
            "Mindst 40 % af de ledige er i virksomhedsrettet aktivering",
            "Andelen i virksomhedsrettede tilbud er mindst 40 %.",
            ("Andel i virksomhedsrettet aktivering", "%", "op", "maaned", 31, 40),
        ),
        (
            "indsatsomraade",
            "Unge uden uddannelse i job eller uddannelse",
            "Flere unge under 30 starter på en uddannelse.",
            ("Antal unge der er startet på uddannelse", "antal", "op", "kvartal", 40, 60),
        ),
    ),
    "P-FOR": (
        (
            "serviceniveau",
            "Ydelser udbetales rettidigt",
            "Alle ydelser udbetales til tiden.",
            ("Andel ydelser udbetalt rettidigt", "%", "op", "maaned", 97, 100),
        ),
        (
            "resultatkrav",
            "Antallet af fuldtidspersoner på kontanthjælp falder 5 %",
            "Fald på 5 % i forhold til året før.",
            ("Fuldtidspersoner på kontanthjælp", "antal", "ned", "maaned", 620, 590),
        ),
        (
            "indsatsomraade",
            "Fleksjob til borgere på kanten af arbejdsmarkedet",
            "Flere borgere i ressourceforløb kommer i fleksjob.",
            ("Antal borgere fra ressourceforløb til fleksjob", "antal", "op", "kvartal", 10, 20),
        ),
    ),
    "P-VEJ": (
        (
            "serviceniveau",
            "Glatførebekæmpelse på hovedveje inden kl. 6",
            "Hovedveje og skoleveje er saltet inden kl. 6.",
            ("Andel udkald gennemført inden kl. 6", "%", "op", "kvartal", 90, 98),
        ),
        (
            "resultatkrav",
            "Huller i vejene lappes inden for 5 arbejdsdage",
            "Alle anmeldte huller lappes inden for 5 arbejdsdage.",
            ("Andel huller lappet inden for 5 dage", "%", "op", "maaned", 75, 95),
        ),
        (
            "indsatsomraade",
            "Sikre skoleveje",
            "Alle skoler har en gennemgået skolevejsanalyse.",
            ("Andel skoler med skolevejsanalyse", "%", "op", "aar", 40, 100),
        ),
    ),
    "P-NAT": (
        (
            "serviceniveau",
            "Byggesager afgøres inden for 40 dage",
            "Den gennemsnitlige sagsbehandlingstid er under 40 dage.",
            ("Sagsbehandlingstid for byggesager", "dage", "ned", "kvartal", 52, 40),
        ),
        (
            "resultatkrav",
            "Alle miljøtilsyn gennemføres efter tilsynsplanen",
            "100 % af de planlagte tilsyn gennemføres.",
            ("Andel planlagte tilsyn gennemført", "%", "op", "kvartal", 85, 100),
        ),
        (
            "indsatsomraade",
            "Klimatilpasning og renere vandløb",
            "Flere vandløb opfylder miljømålet.",
            ("Andel vandløb der opfylder miljømålet", "%", "op", "aar", 42, 55),
        ),
    ),
    "P-EJD": (
        (
            "serviceniveau",
            "Akutte fejl i bygningerne udbedres inden for 24 timer",
            "Alle akutte fejl udbedres inden for 24 timer.",
            ("Andel akutte fejl udbedret inden for 24 timer", "%", "op", "maaned", 85, 98),
        ),
        (
            "resultatkrav",
            "Energiforbruget i kommunens bygninger falder 3 % om året",
            "Fald i energiforbruget på 3 % om året.",
            ("Energiforbrug (MWh)", "antal", "ned", "aar", 14800, 13900),
        ),
        (
            "indsatsomraade",
            "Færre kvadratmeter og bedre udnyttelse",
            "Kommunens bygningsareal reduceres med 5.000 m².",
            ("Samlet bygningsareal (m²)", "antal", "ned", "aar", 152000, 147000),
        ),
    ),
    "P-KUL": (
        (
            "serviceniveau",
            "Bibliotekerne har åbent alle ugens dage",
            "Alle biblioteker har åbent (med eller uden betjening) alle ugens dage.",
            ("Åbningstimer om ugen på bibliotekerne", "antal", "op", "aar", 240, 300),
        ),
        (
            "resultatkrav",
            "Flere børn og unge bruger musikskolen",
            "Mindst 10 % af eleverne går på musikskolen.",
            ("Andel elever på musikskolen", "%", "op", "aar", 8, 10),
        ),
        (
            "indsatsomraade",
            "Kultur i hele kommunen",
            "Flere arrangementer uden for byerne.",
            ("Antal arrangementer uden for byerne", "antal", "op", "kvartal", 20, 35),
        ),
    ),
    "P-FRI": (
        (
            "serviceniveau",
            "Foreningerne får lokaler inden for 4 uger",
            "Ansøgninger om lokaler behandles inden for 4 uger.",
            ("Andel lokaleansøgninger behandlet inden for 4 uger", "%", "op", "kvartal", 80, 95),
        ),
        (
            "resultatkrav",
            "Haller og baner er udnyttet mindst 75 %",
            "Belægningen i hallerne er mindst 75 % i sæsonen.",
            ("Belægningsprocent i hallerne", "%", "op", "kvartal", 66, 75),
        ),
        (
            "indsatsomraade",
            "Bevægelse for inaktive borgere",
            "Flere inaktive borgere deltager i motionstilbud.",
            ("Antal deltagere i motionstilbud for inaktive", "antal", "op", "kvartal", 150, 250),
        ),
    ),
}
BUDGETMAAL_KODE: dict[str, str] = {
    "serviceniveau": "SN",
    "resultatkrav": "RK",
    "indsatsomraade": "IO",
}
