"""English: the shells' messages (terminal chat; Telegram settings, deletion, commands, start-up),
the same keys in the same order as ``shell_nb.py``."""

from __future__ import annotations

from typing import Final

MESSAGES: Final[dict[str, str]] = {
    # -- terminal.py: krisebot chat
    "chat_chart": '(The chart shows in Telegram. Here in the terminal: krisebot ask --chart chart.png "cost per inhabitant".)',
    "chat_choose": "Type a number to choose, /menu for the menu or /quit to leave.",
    "chat_bye": "Goodbye. Take care of yourself.",
    "chat_cleared": "The conversation has been removed from the screen.",
    "chat_forgot": "I have forgotten the language choice and the conversation.",
    "chat_auto": "Nothing is stored in the terminal. Close the window when you are done.",
    # -- tg/ and state/: settings, deletion, commands, start-up
    "btn_auto_15": "Delete after 15 min",
    "btn_auto_60": "Delete after 1 hour",
    "btn_auto_off": "Do not delete automatically",
    "btn_location": "Share my location",
    "input_placeholder": "Municipality, town or postal code",
    "lead_settings": "The setting is saved.",
    "auto_on": "The messages in this chat are deleted automatically after {minutes} minutes.",
    "auto_off": "Messages are not deleted automatically.",
    "deleted_none": "I found no messages to delete.",
    "deleted_one": "Deleted {n} message.",
    "deleted_n": "Deleted {n} messages.",
    "delete_refused": "I could not delete {n} of the messages, because Telegram did not allow it. Delete the chat in the Telegram app to remove them.",
    "delete_failed": "I could not delete {n} of the messages yet, because Telegram did not answer. I will try again shortly.",
    "delete_maybe_copy": "One of my replies may have arrived twice, because Telegram answered late. I tried to delete both, but I cannot see whether it worked. Look over the chat, and delete what is left in the app.",
    "delete_incomplete": "My memory was unavailable for a while, so I may have lost track of some messages. Look over the chat, and delete what is left in the app.",
    "auto_refused": "{n} of the messages could not be deleted automatically, because Telegram did not allow it. Delete the chat in the Telegram app to remove them.",
    "forgotten": "I have forgotten your language choice and what we talked about. The messages are not deleted: send /slett to delete them.",
    "forgotten_auto": "Automatic deletion after {minutes} minutes is still on.",
    "group_only_private": "I only answer in private chats. Write to me directly.",
    "cmd_start": "Start and menu",
    "cmd_slett": "Delete this conversation",
    "cmd_glem": "Forget language and topic (deletes no messages)",
    "cmd_hjelp": "Help that exists",
    "token_rejected": "Telegram rejected the token. Check TELEGRAM_BOT_TOKEN and try again.",
    "telegram_unreachable": "Could not reach Telegram. Check the network (and --base-url) and try again.",
    "telegram_rate_limited": "Telegram asks us to wait {seconds} s. Start the bot again after that.",
    "telegram_error": "Telegram answered with an error ({error}). Try again in a moment.",
    "no_token": "No TELEGRAM_BOT_TOKEN is set: starting the conversation in the terminal.",
}
