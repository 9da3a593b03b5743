"""Bokmål messages. Short sentences, no blame, no jargon. First lines are neutral: they show
in notification previews on a phone someone else may read."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # Neutral first lines (notification previews).
    "lead_centre": "Her er det du spurte om.",
    "lead_emergency": "Her er numrene.",
    "lead_clarify": "Et lite spørsmål tilbake.",
    "lead_unknown": "Det fant jeg ikke.",
    "lead_help": "Her er informasjonen.",
    "lead_stats": "Her er tallene.",
    "lead_error": "Noe gikk galt her hos oss.",
    # On every reply.
    "footer": (
        "Er du i fare nå, ring <b>112</b>.\n"
        "Vil du snakke med noen, hele døgnet: <b>116 006</b> (gratis og anonymt)."
    ),
    # Danger now.
    "emergency_call_112": "<b>Er du i fare nå: ring 112.</b>",
    "emergency_call_113": "Er noen skadet eller syke: ring 113.",
    "emergency_116006": (
        "Når du kan: Vold- og overgrepslinjen, <b>116 006</b>, er gratis og anonym, hele døgnet."
    ),
    "emergency_more": "Skriv navnet på kommunen din når du vil, så finner jeg krisesenteret.",
    # How the place was understood.
    "via_postal_code": "Postnummer {code} ({place}) ligger i {muni}.",
    "via_municipality_number": "Kommunenummer {code} er {muni}.",
    "via_postal_place": "{term} ligger i {muni}.",
    "via_town": "{term} ligger i {muni}.",
    "via_former": "{term} er nå en del av {muni}.",
    "via_parallel": "{term} er {muni}.",
    "via_fuzzy": "Jeg tror du mente {muni}.",
    "via_location": "Posisjonen din er trolig i eller nær {muni} (ca.).",
    "muni_title": "<b>{muni} kommune</b>",
    # Agreement or not.
    "agreement_intro": "{muni} har avtale med:",
    "basis_stated": "Kilde: {source}.",
    "basis_derived": "Dette står ikke rett ut i kildene, men følger av dem. Kilde: {source}.",
    "basis_weak": ("Dette er usikkert. Ring 116 006 for å få det bekreftet. Kilde: {source}."),
    "source_old": "Kilden er fra {year}. Avtalen kan ha endret seg siden.",
    "source_undated": "Kilden er ikke datert.",
    "no_agreement": (
        "Vi har ingen kilde på hvilket krisesenter {muni} har avtale med. "
        "Du kan kontakte hvilket som helst krisesenter."
    ),
    "nearest_intro": "Disse er nærmest i luftlinje:",
    "nearest_others": "Du kan også kontakte et annet krisesenter. Nærmest:",
    "nearest_from_location": "Nærmest deg i luftlinje:",
    "nearest_line": "<b>{name}</b> – ca. {km} km",
    "vo_line_helps": "116 006 kan hjelpe deg å finne riktig sted.",
    # Centre card.
    "phone": "Telefon: {phone}",
    "phone_24h": "Telefon: {phone} (døgnåpen)",
    "phone_men": "Telefon for menn: {phone}",
    "phone_source": "Kilde for nummeret: {source}.",
    "phone_old": "Nummeret er fra en eldre kilde ({year}). Svarer ingen, ring 116 006.",
    "phone_secondary": "Nummeret er fra en usikker kilde. Svarer ingen, ring 116 006.",
    "phone_unknown": "Telefon: ikke kjent her. Ring 116 006, så hjelper de deg videre.",
    "phone_conflict": ("Telefon: kildene oppgir ulike numre, så vi viser ikke noe. Ring 116 006."),
    "website": "Nettside: {link}",
    "offers": "Tilbud til kvinner: {women} · menn: {men} · barn: {children}",
    "yes": "ja",
    "no": "nei",
    "unknown": "ukjent",
    "serves": "Kommuner med avtale ({count}): {names}",
    "serves_none": "Vi har ingen kilde på hvilke kommuner senteret har avtale med.",
    "status_unverified": (
        "Merk: Vi har ingen kilde fra 2019 eller senere som viser at senteret er i drift."
    ),
    "status_closed": "Dette senteret er lagt ned. Ring 116 006 for å finne et annet.",
    "facts_source": "Kilder: {sources}",
    "card_note": "Mange krisesentre har hemmelig adresse, så vi viser ingen adresse. Ring først.",
    # Clarify.
    "clarify_question": "Mente du en av disse?",
    "clarify_hint": "Velg kommune, eller skriv navnet på nytt.",
    "cand_postal_code": "{muni} (postnummer {code})",
    "cand_municipality_number": "{muni} (kommunenummer {code})",
    "cand_former": "{muni} (tidligere {term})",
    "cand_place": "{muni} ({term})",
    "cand_plain": "{muni}",
    # Not understood.
    "unknown_body": (
        "Jeg forsto ikke helt. Skriv navnet på kommunen eller stedet ditt, eller et "
        "postnummer – for eksempel «Bodø» eller «8006». Du kan også dele posisjonen din."
    ),
    "svalbard": (
        "Postnummer {code} er på {place}, som ikke hører til en kommune i listen vår. "
        "Vi har ingen kilde på krisesenter der."
    ),
    "error_body": "Prøv igjen om litt.",
    # Help.
    "help_title_overview": "<b>Hjelp som finnes</b>",
    "help_title_emergency_numbers": "<b>Viktige numre</b>",
    "help_title_krisesenter": "<b>Krisesenter</b>",
    "help_title_children": "<b>Barn og unge</b>",
    "help_title_sexual_assault": "<b>Voldtekt og seksuelle overgrep</b>",
    "help_title_friends_family": "<b>For venner og familie</b>",
    "help_title_violence_users": "<b>For deg som bruker vold</b>",
    "help_title_men": "<b>For menn</b>",
    "help_title_police_legal": "<b>Politiet</b>",
    "help_title_phone_safety": "<b>Trygg bruk av telefonen</b>",
    "help_find_centre": "Skriv navnet på kommunen din, så finner jeg krisesenteret.",
    "helpline": "<b>{name}</b>{number}{hours}\n{what}",
    "helpline_number": ": {number}",
    "helpline_hours": " ({hours})",
    "helpline_no_number": "Nummer: ikke kjent her.",
    "helpline_website": "Nettside: {link}",
    "helpline_source": "Kilde: {sources}",
    # Statistics (overview).
    "stats_intro": "Dette har vi tall om, fra SSB og Bufdir (år):",
    "stats_line": "• {measure}: {years}",
    "stats_hint": "Spør for eksempel: «kostnad per innbygger 2022».",
    # Buttons.
    "start_lead": "Hei.",
    "start_body": "Er du i fare nå: ring <b>112</b>.\nVil du snakke med noen, hele døgnet: <b>116 006</b> – gratis og anonymt.",
    "start_safe": "Er det trygt for deg å skrive nå? Trykk «Trygg telefon» for råd, og «Slett samtalen» når du vil.",
    "start_find": "Skriv navnet på kommunen din, et postnummer, eller del posisjonen din, så finner jeg krisesenteret.",
    "find_prompt": "Skriv navnet på kommunen eller stedet ditt, eller et postnummer. Du kan også dele posisjonen din.",
    "menu_find": "Finn krisesenter",
    "menu_now": "Jeg trenger hjelp nå",
    "menu_what": "Hva er et krisesenter?",
    "menu_family": "For venner og familie",
    "menu_users": "For deg som bruker vold",
    "menu_stats": "Statistikk",
    "menu_safety": "Trygg telefon",
    "menu_delete": "Slett samtalen",
    "menu_language": "English",
    "chat_chart": "(Diagrammet vises i Telegram. Her i terminalen: krisebot ask --chart diagram.png «kostnad per innbygger».)",
    "chat_choose": "Skriv et tall for å velge, /meny for menyen eller /avslutt for å avslutte.",
    "chat_bye": "Ha det. Ta vare på deg selv.",
    "chat_cleared": "Samtalen er fjernet fra skjermen.",
    "chat_forgot": "Jeg har glemt språkvalget og samtalen.",
    "fact_free": "Det er gratis. Har du ikke egen inntekt, kan NAV dekke oppholdet.",
    "fact_no_referral": "Du trenger ingen henvisning.",
    "fact_open_24h": "Krisesenteret er åpent hele døgnet.",
    "fact_not_acute": "Du trenger ikke være i akutt krise for å få hjelp.",
    "fact_day_offer": "Du kan få samtaler på dagtid uten å bo der.",
    "fact_what_they_do": "De tilbyr samtaler, ser på situasjonen din sammen med deg, og hjelper deg i kontakt med andre tjenester.",
    "fact_children": "Du kan ha med deg barna. Tilbudet skal være tilrettelagt for barn.",
    "fact_men_separate": "Det finnes tilbud til menn. Kvinner og menn bor adskilt.",
    "fact_interpreter": "Du kan få kvalifisert tolk.",
    "fact_choose_centre": "Du velger selv hvilket krisesenter du kontakter. Det trenger ikke være det i din kommune.",
    "fact_never_closed": "Krisesenteret er aldri stengt for deg som trenger hjelp, selv om det er fullt.",
    "fact_secret_address": "Sentrene har sikkerhetstiltak. Mange har hemmelig adresse.",
    "fact_tg_sessions": "Sjekk hvilke enheter som er logget inn på Telegram. Under «Privacy and Security» (personvern og sikkerhet) i innstillingene ser du innloggede enheter, og du kan logge ut dem du ikke kjenner. Navnene kan variere mellom versjoner av appen.",
    "fact_tg_passcode": "Du kan låse Telegram med en kode («Passcode Lock»), slik at andre ikke kan åpne appen.",
    "fact_bot_delete": "Trykk «Slett samtalen» (eller skriv /slett), så sletter jeg meldingene i denne samtalen som Telegram lar meg slette: det som er sendt de siste 48 timene.",
    "safety_more": "Du kan også slette hele chatten i Telegram-appen: hold inne chatten og velg «Slett». Slett samtalen automatisk:",
    "btn_auto_15": "Slett etter 15 min",
    "btn_auto_60": "Slett etter 1 time",
    "btn_auto_off": "Ikke slett automatisk",
    "chat_auto": "I terminalen lagres ingenting. Lukk vinduet når du er ferdig.",
    "btn_location": "Del posisjonen min",
    "input_placeholder": "Kommune, sted eller postnummer",
    "lead_settings": "Innstillingen er lagret.",
    "auto_on": "Meldingene i denne samtalen slettes automatisk etter {minutes} minutter.",
    "auto_off": "Meldingene slettes ikke automatisk.",
    "deleted_none": "Jeg fant ingen meldinger å slette.",
    "deleted_one": "Slettet {n} melding.",
    "deleted_n": "Slettet {n} meldinger.",
    "delete_refused": "{n} av meldingene kunne jeg ikke slette, fordi Telegram ikke tillot det. Slett samtalen i Telegram-appen for å få dem bort.",
    "delete_failed": "{n} av meldingene fikk jeg ikke slettet ennå, fordi Telegram ikke svarte. Jeg prøver igjen om litt.",
    "delete_maybe_copy": "Ett av svarene mine kan ha kommet to ganger, fordi Telegram svarte sent. Jeg prøvde å slette begge, men kan ikke se om det lyktes. Se over samtalen, og slett det som er igjen i appen.",
    "delete_incomplete": "Minnet mitt var utilgjengelig en stund, så jeg kan ha mistet oversikten over noen meldinger. Se over samtalen, og slett det som er igjen i appen.",
    "auto_refused": "{n} av meldingene kunne ikke slettes automatisk, fordi Telegram ikke tillot det. Slett samtalen i Telegram-appen for å få dem bort.",
    "forgotten": "Jeg har glemt språkvalget ditt og hva vi snakket om. Meldingene er ikke slettet: send /slett for å slette dem.",
    "forgotten_auto": "Automatisk sletting etter {minutes} minutter er fortsatt på.",
    "group_only_private": "Jeg svarer bare i private samtaler. Skriv til meg direkte.",
    "cmd_start": "Start og meny",
    "cmd_slett": "Slett samtalen",
    "cmd_glem": "Glem språkvalg og meldinger",
    "cmd_hjelp": "Hjelp som finnes",
    "inline_title": "{name}",
    "inline_ask": "Skriv en kommune, et sted eller et postnummer",
    "token_rejected": "Telegram avviste tokenet. Sjekk TELEGRAM_BOT_TOKEN og prøv igjen.",
    "telegram_unreachable": "Fikk ikke kontakt med Telegram. Sjekk nettverket (og --base-url) og prøv igjen.",
    "telegram_rate_limited": "Telegram ber oss vente {seconds} s. Start boten igjen etter det.",
    "telegram_error": "Telegram svarte med en feil ({error}). Prøv igjen om litt.",
    "no_token": "Ingen TELEGRAM_BOT_TOKEN er satt: starter samtalen i terminalen.",
    "unit_nok_per_inhabitant": "kr per innbygger",
    "unit_nok": "kr",
    "unit_percent": "%",
    "unit_percent_of_municipalities": "% av kommunene",
    "unit_percent_of_child_welfare_services": "% av barneverntjenestene",
    "unit_percent_of_nav_offices": "% av NAV-kontorene",
    "unit_percent_of_crisis_centre_offers": "% av krisesentertilbudene",
    "unit_persons": "personer",
    "unit_stays": "opphold",
    "unit_stays_dogn": "døgn",
    "unit_visits": "besøk",
    "unit_calls": "samtaler",
    "unit_centres": "sentre",
    "unit_days": "døgn",
    "unit_municipalities": "kommuner",
    "unit_contacts": "kontakter",
    "unit_text": "",
    "q_exact": "",
    "q_approx": "om lag ",
    "q_less_than": "under ",
    "q_more_than": "over ",
    "q_nearly": "nesten ",
    "q_derived": "beregnet ",
    "stats_topic_spending": "Kommunenes utgifter",
    "stats_topic_centre_cost": "Kostnad per innbygger per krisesenter",
    "stats_topic_stays": "Beboere og overnattinger",
    "stats_topic_day_users": "Dagbrukere og samtaler",
    "stats_topic_centres": "Antall krisesentre",
    "stats_topic_cooperation": "Samarbeid med andre tjenester",
    "stats_missing_year": "Vi har ikke tall om {topic} for {year}. Vi har tall for disse årene: {years}. Velg et år:",
    "stats_muni_centre": "Vi har ikke egne tall for hver kommune. {muni} har avtale med {centre}. Tallene under gjelder dette senteret.",
    "stats_muni_no_centre": "Vi har ikke egne tall for hver kommune, og ingen kilde på hvilket krisesenter {muni} har avtale med.",
    "stats_none_for_centre": "Vi har ingen tall om kostnad per innbygger for dette senteret.",
    "stats_muni_national": "Vi har ikke egne tall for hver kommune. Tallene under gjelder hele landet.",
    "stats_no_value": "ikke oppgitt",
    "stats_change_up": "{amount} {unit} mer enn året før",
    "stats_change_down": "{amount} {unit} mindre enn året før",
    "stats_of": "{amount} av {total} {unit}",
    "stats_centres_named": "Kildene navngir {count} sentre for {year}. Andre sentre har vi ikke tall for.",
    "stats_agencies_hint": "Trykk «Vis diagram» for hvor mange sentre som samarbeidet med hver tjeneste.",
    "src_ssb": "SSB, tabell {table}",
    "src_no_link": "(artikkel, lenke ikke kjent)",
    "btn_chart": "Vis diagram",
    "chart_spending": "Kommunenes utgifter til krisesentertilbudet per innbygger, hele landet (kr)",
    "chart_centre_cost": "Kostnad per innbygger per krisesenter, {year} (kr)",
    "chart_agencies": "Kvinnesentre som samarbeidet med andre tjenester, 2020 (av 43)",
    "chart_src_12130": "Kilde: SSB, tabell 12130 (som omtalt i SSBs artikler)",
    "chart_src_centres": "Kilde: SSB, tabell 11678, og Bufdir. Bare sentre som kildene navngir.",
    "chart_src_bufdir": "Kilde: Bufdir, krisesenterstatistikken 2020",
    "card_figures": "Tall for senteret:",
    "card_cost": "Kostnad per innbygger i kommunene: {items}",
    "card_measure": "{name} {year}: {value}",
    "btn_centre": "{name}",
    "btn_nearby": "Andre sentre i nærheten",
    "btn_not_mine": "Ikke riktig kommune?",
    "btn_website": "Nettside",
    "btn_menu": "Meny",
    # Help-line descriptions: the help-lines file's own words (data/raw/centres/helplines.csv).
    "hl_politi_nod": "Ring 112 når du eller andre er i akutt fare, eller når vold pågår.",
    "hl_medisinsk_nod": (
        "Ring 113 ved akutt skade, sykdom eller selvmordsfare når det står om liv."
    ),
    "hl_politi_ikke_akutt": (
        "Kontakt politiet når det ikke haster, for eksempel for å anmelde vold eller "
        "melde fra om bekymring."
    ),
    "hl_legevakt": (
        "Ring legevakten når du trenger legehjelp som ikke kan vente; de kan også henvise "
        "til overgrepsmottak."
    ),
    "hl_vo_linjen": (
        "Gratis og anonym hjelpelinje for deg som opplever vold eller overgrep i nære "
        "relasjoner, eller som er bekymret for noen."
    ),
    "hl_alarmtelefonen": (
        "Gratis nødtelefon for barn og unge som opplever vold, overgrep eller omsorgssvikt, "
        "også for voksne som er bekymret for et barn."
    ),
    "hl_mental_helse": (
        "Gratis samtaletjeneste for alle som trenger noen å snakke med; chat på sidetmedord.no."
    ),
    "hl_kirkens_sos": (
        "Døgnåpen krisetelefon og chat for alle som har det vanskelig og trenger noen å snakke med."
    ),
    "hl_kors_pa_halsen": (
        "Gratis telefon og chat der barn og unge kan snakke med en voksen om det de har på hjertet."
    ),
    "hl_hjelpetelefon_seksuelt_misbrukte": (
        "Gratis og anonym nasjonal hjelpetelefon for deg som har vært utsatt for seksuelle "
        "overgrep eller incest."
    ),
    "hl_smiso": (
        "Gratis selvhjelpstilbud uten henvisning med samtaler, grupper og rådgivning; "
        "22 sentre rundt i landet."
    ),
    "hl_statens_barnehus": (
        "Tilrettelagte avhør og oppfølging når saken er anmeldt; gir også råd og veiledning "
        "til privatpersoner og fagfolk."
    ),
    "hl_overgrepsmottak": (
        "Gratis medisinsk undersøkelse, sporsikring og oppfølging, uavhengig av om du anmelder."
    ),
    "hl_familievernet": (
        "Gratis samtaler og rådgivning ved vansker, konflikter, kriser eller vold i "
        "familien; ingen henvisning trengs."
    ),
    "hl_atv": (
        "Behandlingstilbud for deg som bruker vold mot partner eller familie og vil slutte, "
        "samt for utsatte og barn."
    ),
    "hl_reform_mannstelefonen": (
        "Gratis landsdekkende telefon der menn i krise kan få råd og snakke om samliv, vold "
        "og andre vansker."
    ),
    "hl_dinutvei": (
        "Myndighetenes nettportal med oversikt over krisesentre og andre hjelpetilbud, og en "
        "spørsmålstjeneste der fagfolk svarer."
    ),
    "hl_det_finnes_hjelp": (
        "Anonym chat og behandling for voksne som strever med seksuell interesse for barn, "
        "for å forebygge overgrep."
    ),
    "hl_stottesenter_kriminalitetsutsatte": (
        "Lavterskeltilbud i hvert politidistrikt som følger opp personer utsatt for blant "
        "annet vold i nære relasjoner."
    ),
}

# Opening hours: the help-lines file's own words.
MESSAGES.update(
    {
        "hlh_vo_linjen": "døgnåpen",
        "hlh_alarmtelefonen": (
            "telefon og e-post døgnåpent; chat og SMS kl. 16.15-22.45 (lørdag til 23.45)"
        ),
        "hlh_mental_helse": "døgnåpen",
        "hlh_kirkens_sos": "døgnåpen",
        "hlh_hjelpetelefon_seksuelt_misbrukte": "døgnåpen",
        "hlh_smiso": "varierer per senter",
        "hlh_overgrepsmottak": "døgnåpent ved mange legevakter",
        "hlh_reform_mannstelefonen": "hverdager kl. 17-20 (2018)",
        "hlh_dinutvei": "nettsted",
        "hlh_det_finnes_hjelp": "chat hverdager kl. 12-14 (2020)",
        "lead_kb": "Her er det jeg vet om dette.",
        "kb_source": "Kilde: {source}",
        "kb_more": "Mer om {title}",
        "kb_helpline": "{name}: {number}",
        "lead_kb_page": "Her er det jeg vet, kort fortalt.",
        "kb_page_title": "<b>{title}</b> ({page}/{pages})",
        "kb_show_more": "Vis mer",
        "lead_kb_not_sure": "Det har jeg ikke sikker informasjon om her.",
        "kb_not_sure": 'Ring gjerne Vold- og overgrepslinjen på <b>116 006</b> (gratis og anonymt, hele døgnet), eller les på <a href="https://dinutvei.no">dinutvei.no</a>. Dette er det jeg vet om temaet:',
        "lead_kb_index": "Her er temaene jeg kan svare på.",
        "kb_index_body": "Trykk på et tema, eller skriv spørsmålet ditt med egne ord. Alt jeg svarer har en kilde.",
        "menu_questions": "Spørsmål og svar",
    }
)
