"""English messages: the same keys and placeholders as ``nb``. Help-line descriptions are
translations of the help-lines file's Norwegian text."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    "lead_centre": "Here is what you asked for.",
    "lead_emergency": "Here are the numbers.",
    "lead_clarify": "A quick question back.",
    "lead_unknown": "I could not find that.",
    "lead_help": "Here is the information.",
    "lead_stats": "Here are the figures.",
    "lead_error": "Something went wrong on our side.",
    "footer": (
        "If you are in danger now, call <b>112</b>.\n"
        "To talk to someone, day and night: <b>116 006</b> (free and anonymous)."
    ),
    "emergency_call_112": "<b>If you are in danger now: call 112.</b>",
    "emergency_call_113": "If someone is injured or ill: call 113.",
    "emergency_116006": (
        "When you can: the Violence and Abuse Line, <b>116 006</b>, is free and anonymous, "
        "day and night."
    ),
    "emergency_more": "Write the name of your municipality when you want, and I will find "
    "the crisis centre.",
    "via_postal_code": "Postal code {code} ({place}) is in {muni}.",
    "via_municipality_number": "Municipality number {code} is {muni}.",
    "via_postal_place": "{term} is in {muni}.",
    "via_town": "{term} is in {muni}.",
    "via_former": "{term} is now part of {muni}.",
    "via_parallel": "{term} is {muni}.",
    "via_fuzzy": "I think you meant {muni}.",
    "via_location": "Your location is probably in or near {muni} (approx.).",
    "muni_title": "<b>{muni} municipality</b>",
    "agreement_intro": "{muni} has an agreement with:",
    "basis_stated": "Source: {source}.",
    "basis_derived": "The sources do not say this in so many words, but it follows from them. "
    "Source: {source}.",
    "basis_weak": "This is uncertain. Call 116 006 to have it confirmed. Source: {source}.",
    "source_old": "The source is from {year}. The agreement may have changed since.",
    "source_undated": "The source is not dated.",
    "no_agreement": (
        "We have no source saying which crisis centre {muni} has an agreement with. "
        "You may contact any crisis centre."
    ),
    "nearest_intro": "These are the nearest, as the crow flies:",
    "nearest_others": "You may also contact another crisis centre. Nearest:",
    "nearest_from_location": "Nearest to you, as the crow flies:",
    "nearest_line": "<b>{name}</b> – approx. {km} km",
    "vo_line_helps": "116 006 can help you find the right place.",
    "phone": "Phone: {phone}",
    "phone_24h": "Phone: {phone} (open day and night)",
    "phone_men": "Phone for men: {phone}",
    "phone_source": "Source of the number: {source}.",
    "phone_old": "The number comes from an older source ({year}). If nobody answers, call 116 006.",
    "phone_secondary": "The number comes from an uncertain source. If nobody answers, "
    "call 116 006.",
    "phone_unknown": "Phone: not known here. Call 116 006 and they will help you further.",
    "phone_conflict": "Phone: the sources give different numbers, so we show none. Call 116 006.",
    "website": "Website: {link}",
    "offers": "Offers for women: {women} · men: {men} · children: {children}",
    "yes": "yes",
    "no": "no",
    "unknown": "unknown",
    "serves": "Municipalities with an agreement ({count}): {names}",
    "serves_none": "We have no source on which municipalities the centre has agreements with.",
    "status_unverified": (
        "Note: we have no source from 2019 or later showing that the centre is operating."
    ),
    "status_closed": "This centre has closed. Call 116 006 to find another.",
    "facts_source": "Sources: {sources}",
    "card_note": "Many crisis centres keep their address secret, so we show none. Call first.",
    "clarify_question": "Did you mean one of these?",
    "clarify_hint": "Choose a municipality, or write the name again.",
    "cand_postal_code": "{muni} (postal code {code})",
    "cand_municipality_number": "{muni} (municipality number {code})",
    "cand_former": "{muni} (formerly {term})",
    "cand_place": "{muni} ({term})",
    "cand_plain": "{muni}",
    "unknown_body": (
        "I did not quite understand. Write the name of your municipality or town, or a "
        "postal code – for example “Bodø” or “8006”. You can also share your location."
    ),
    "svalbard": (
        "Postal code {code} is on {place}, which is not a municipality in our list. "
        "We have no source on a crisis centre there."
    ),
    "error_body": "Please try again in a moment.",
    "help_title_overview": "<b>Help that exists</b>",
    "help_title_emergency_numbers": "<b>Important numbers</b>",
    "help_title_krisesenter": "<b>Crisis centres</b>",
    "help_title_children": "<b>Children and young people</b>",
    "help_title_sexual_assault": "<b>Rape and sexual abuse</b>",
    "help_title_friends_family": "<b>For friends and family</b>",
    "help_title_violence_users": "<b>For people who use violence</b>",
    "help_title_men": "<b>For men</b>",
    "help_title_police_legal": "<b>The police</b>",
    "help_title_phone_safety": "<b>Using your phone safely</b>",
    "help_find_centre": "Write the name of your municipality and I will find the crisis centre.",
    "helpline": "<b>{name}</b>{number}{hours}\n{what}",
    "helpline_number": ": {number}",
    "helpline_hours": " ({hours})",
    "helpline_no_number": "Number: not known here.",
    "helpline_website": "Website: {link}",
    "helpline_source": "Source: {sources}",
    "stats_intro": "We hold figures on this, from SSB and Bufdir:",
    "stats_line": "• {measure}: {count} figures, {years}",
    "stats_hint": "Ask for example: “cost per inhabitant 2022”.",
    "stats_table_11678": "SSB 11678: municipal expenditure and overnight stays per centre",
    "stats_table_12130": "SSB 12130: municipalities' spending on the crisis-centre service",
    "stats_table_12991": "SSB 12991: cooperation with other services",
    "stats_table_bufdir_okonomi_og_organisering": "Bufdir: finances and capacity per centre",
    "stats_table_krisesenterstatistikk_national": "Bufdir: residents, stays and day users, national",
    "stats_table_krisesenterstatistikk_samarbeid": "Bufdir: the centres' cooperation with other agencies",
    "start_lead": "Hi.",
    "start_body": "If you are in danger now: call <b>112</b>.\nTo talk to someone, day and night: <b>116 006</b> – free and anonymous.",
    "start_safe": "Is it safe for you to write now? Tap “Phone safety” for advice, and “Delete this conversation” whenever you want.",
    "start_find": "Write the name of your municipality, a postal code, or share your location, and I will find the crisis centre.",
    "find_prompt": "Write the name of your municipality or town, or a postal code. You can also share your location.",
    "menu_find": "Find a crisis centre",
    "menu_now": "I need help now",
    "menu_what": "What is a krisesenter?",
    "menu_family": "For friends and family",
    "menu_users": "For people who use violence",
    "menu_stats": "Statistics",
    "menu_safety": "Phone safety",
    "menu_delete": "Delete this conversation",
    "menu_language": "Norsk",
    "chat_choose": "Type a number to choose, /menu for the menu or /quit to leave.",
    "chat_bye": "Goodbye. Take care of yourself.",
    "chat_cleared": "The conversation has been removed from the screen.",
    "chat_forgot": "I have forgotten the language choice and the conversation.",
    "fact_free": "It is free. If you have no income of your own, NAV can cover your stay.",
    "fact_no_referral": "You do not need a referral.",
    "fact_open_24h": "The crisis centre is open day and night.",
    "fact_not_acute": "You do not have to be in an acute crisis to get help.",
    "fact_day_offer": "You can have conversations in the daytime without staying there.",
    "fact_what_they_do": "They offer conversations, look at your situation with you, and help you contact other services.",
    "fact_children": "You can bring your children. The service must be adapted for children.",
    "fact_men_separate": "There are services for men. Women and men stay apart.",
    "fact_interpreter": "You can get a qualified interpreter.",
    "fact_choose_centre": "You choose which crisis centre to contact. It does not have to be the one in your municipality.",
    "fact_never_closed": "The crisis centre is never closed to someone who needs help, even when it is full.",
    "fact_secret_address": "The centres have safety measures. Many keep their address secret.",
    "fact_tg_sessions": "Check which devices are logged in to Telegram. Under “Privacy and Security” in the settings you see the logged-in devices, and you can log out those you do not know. The names may vary between versions of the app.",
    "fact_tg_passcode": "You can lock Telegram with a code (“Passcode Lock”), so that others cannot open the app.",
    "fact_bot_delete": "Tap “Delete this conversation” (or send /slett) and I delete the messages in this chat that Telegram lets me delete: those sent in the last 48 hours.",
    "safety_more": "You can also delete the whole chat in the Telegram app: press and hold the chat and choose “Delete”. Delete the conversation automatically:",
    "btn_auto_15": "Delete after 15 min",
    "btn_auto_60": "Delete after 1 hour",
    "btn_auto_off": "Do not delete automatically",
    "chat_auto": "Nothing is stored in the terminal. Close the window when you are done.",
    "btn_location": "Share my location",
    "input_placeholder": "Municipality, town or postal code",
    "lead_settings": "The setting is saved.",
    "auto_on": "The messages in this chat are deleted automatically after {minutes} minutes.",
    "auto_off": "Messages are not deleted automatically.",
    "deleted": "Done.",
    "forgotten": "Done. I have forgotten the language choice and the messages.",
    "group_only_private": "I only answer in private chats. Write to me directly.",
    "cmd_start": "Start and menu",
    "cmd_slett": "Delete this conversation",
    "cmd_glem": "Forget language choice and messages",
    "cmd_hjelp": "Help that exists",
    "inline_title": "{name}",
    "inline_ask": "Type a municipality, town or postal code",
    "token_rejected": "Telegram rejected the token. Check TELEGRAM_BOT_TOKEN and try again.",
    "no_token": "No TELEGRAM_BOT_TOKEN is set: starting the conversation in the terminal.",
    "btn_centre": "{name}",
    "btn_nearby": "Other centres nearby",
    "btn_not_mine": "Not my municipality?",
    "btn_website": "Website",
    "btn_menu": "Menu",
    "hl_politi_nod": "Call 112 when you or others are in acute danger, or when violence is "
    "happening.",
    "hl_medisinsk_nod": "Call 113 for acute injury, illness or risk of suicide when life is "
    "at stake.",
    "hl_politi_ikke_akutt": "Contact the police when it is not urgent, for example to report "
    "violence or a concern.",
    "hl_legevakt": "Call the emergency clinic (legevakt) when you need a doctor and it cannot "
    "wait; they can also refer you to a sexual assault centre.",
    "hl_vo_linjen": "Free and anonymous helpline for you who experience violence or abuse in "
    "close relationships, or who are worried about someone.",
    "hl_alarmtelefonen": "Free emergency line for children and young people who experience "
    "violence, abuse or neglect, also for adults worried about a child.",
    "hl_mental_helse": "Free listening service for anyone who needs someone to talk to; chat "
    "at sidetmedord.no.",
    "hl_kirkens_sos": "Crisis line and chat, day and night, for anyone who is struggling and "
    "needs someone to talk to.",
    "hl_kors_pa_halsen": "Free phone and chat where children and young people can talk to an "
    "adult about what is on their mind.",
    "hl_hjelpetelefon_seksuelt_misbrukte": "Free and anonymous national helpline for you who "
    "have been subjected to sexual abuse or incest.",
    "hl_smiso": "Free self-help service without referral, with conversations, groups and "
    "advice; 22 centres around the country.",
    "hl_statens_barnehus": "Adapted interviews and follow-up when a case has been reported; "
    "also advice to private persons and professionals.",
    "hl_overgrepsmottak": "Free medical examination, evidence collection and follow-up, "
    "whether or not you report to the police.",
    "hl_familievernet": "Free conversations and advice on difficulties, conflicts, crises or "
    "violence in the family; no referral needed.",
    "hl_atv": "Treatment for you who use violence against a partner or family and want to "
    "stop, and for those exposed and children.",
    "hl_reform_mannstelefonen": "Free nationwide phone where men in crisis can get advice and "
    "talk about relationships, violence and other difficulties.",
    "hl_dinutvei": "The authorities' web portal with an overview of crisis centres and other "
    "help, and a question service answered by professionals.",
    "hl_det_finnes_hjelp": "Anonymous chat and treatment for adults who struggle with sexual "
    "interest in children, to prevent abuse.",
    "hl_stottesenter_kriminalitetsutsatte": "Low-threshold service in every police district "
    "that follows up people exposed to, among other things, violence in close relationships.",
    "hlh_vo_linjen": "open day and night",
    "hlh_alarmtelefonen": "phone and e-mail day and night; chat and SMS 16:15-22:45 "
    "(Saturday to 23:45)",
    "hlh_mental_helse": "open day and night",
    "hlh_kirkens_sos": "open day and night",
    "hlh_hjelpetelefon_seksuelt_misbrukte": "open day and night",
    "hlh_smiso": "varies by centre",
    "hlh_overgrepsmottak": "open day and night at many emergency clinics",
    "hlh_reform_mannstelefonen": "weekdays 17-20 (2018)",
    "hlh_dinutvei": "website",
    "hlh_det_finnes_hjelp": "chat weekdays 12-14 (2020)",
}
