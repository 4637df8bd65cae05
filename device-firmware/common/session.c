/* Sessions: one owner at a time (session.h, docs/protocol.md §5). */
#include "session.h"

#include <stdio.h>
#include <string.h>

#include "pt_error.h"

typedef struct {
    const pt_link *link;  /* NULL: nobody */
    uint32_t generation;  /* link->generation when it claimed */
    uint32_t since_ms;    /* claimed at */
    uint32_t last_ms;     /* last request admitted */
    char name[PT_SESSION_NAME_MAX + 1];
} owner;

static owner s_board;    /* who may change the board */
static owner s_staging;  /* who fed the staging transfer last */

uint32_t pt_session_timeout_ms(void)
{
    uint32_t t = pt_hal_board()->session_timeout_ms;
    return t ? t : PT_SESSION_TIMEOUT_MS;
}

bool pt_session_command_changes(uint8_t command)
{
    switch (command) {
    case PT_CMD_PING:
    case PT_CMD_INFO:
    case PT_CMD_REGIONS:
    case PT_CMD_READ:
    case PT_CMD_HASH:
    case PT_CMD_CONFIG_READ:
    case PT_CMD_CONFIG_GET:
    case PT_CMD_UPDATE_STATUS:
    case PT_CMD_AUTH_HELLO: /* a handshake is per link; it changes nothing on the board */
    case PT_CMD_AUTH_PROOF:
    case PT_CMD_AUTH_NONCE:
    case PT_CMD_AUTH_SIGNED:
        return false;
    default:
        return true; /* unknown commands are refused later; admitting them changes nothing */
    }
}

static bool same_session(const owner *o, const pt_link *link)
{
    return o->link == link && o->generation == link->generation;
}

/* An owner is live while its peer is still connected and it sent something recently. */
static bool live(const owner *o, uint32_t now)
{
    return o->link && o->link->generation == o->generation && (uint32_t)(now - o->last_ms) < pt_session_timeout_ms();
}

static void take(owner *o, const pt_link *link, uint32_t now)
{
    o->link = link;
    o->generation = link->generation;
    o->since_ms = now;
    o->last_ms = now;
    o->name[0] = '\0';
}

static const char *link_name(const pt_link *l)
{
    return l && l->name ? l->name : "a link";
}

static enum pt_status busy(const owner *o, uint32_t now)
{
    uint32_t idle = now - o->last_ms;
    return pt_fail(PT_E_BUSY,
                   "the board is busy with another session over %s%s%s%s, since %lu s; it is released when "
                   "that session disconnects or after %lu s without requests (idle %lu ms)",
                   link_name(o->link), o->name[0] ? " (" : "", o->name, o->name[0] ? ")" : "",
                   (unsigned long)((now - o->since_ms) / 1000u), (unsigned long)(pt_session_timeout_ms() / 1000u),
                   (unsigned long)idle);
}

enum pt_status pt_session_admit(pt_link *link, uint8_t command)
{
    uint32_t now = pt_hal_millis();
    if (same_session(&s_board, link) && live(&s_board, now)) {
        s_board.last_ms = now;
        return PT_OK;
    }
    if (!pt_session_command_changes(command) || command == PT_CMD_SESSION)
        return PT_OK; /* SESSION decides in pt_session_claim() (it may take over) */
    if (live(&s_board, now))
        return busy(&s_board, now);
    take(&s_board, link, now);
    return PT_OK;
}

void pt_session_touch(const pt_link *link)
{
    if (same_session(&s_board, link))
        s_board.last_ms = pt_hal_millis();
}

enum pt_status pt_session_claim(pt_link *link, const uint8_t *name, uint32_t name_len, bool take_over,
                                bool *displaced)
{
    uint32_t now = pt_hal_millis();
    *displaced = false;
    char who[PT_SESSION_NAME_MAX + 1];
    uint32_t n = name_len < PT_SESSION_NAME_MAX ? name_len : PT_SESSION_NAME_MAX;
    for (uint32_t i = 0; i < n; i++) /* shown in other sessions' messages: printable only */
        who[i] = (name[i] >= 0x20 && name[i] != 0x7F) ? (char)name[i] : '?';
    who[n] = '\0';
    bool mine = same_session(&s_board, link) && live(&s_board, now);
    if (!mine && live(&s_board, now)) {
        if (!take_over)
            return busy(&s_board, now);
#ifdef PT_TERSE_MESSAGES
        pt_hal_log("session: taken over");
#else
        char line[200];
        snprintf(line, sizeof line, "session: %s%s%s%s took the board over from %s%s%s%s (held %lu s, idle %lu ms)",
                 link_name(link), who[0] ? " (" : "", who, who[0] ? ")" : "", link_name(s_board.link),
                 s_board.name[0] ? " (" : "", s_board.name, s_board.name[0] ? ")" : "",
                 (unsigned long)((now - s_board.since_ms) / 1000u), (unsigned long)(now - s_board.last_ms));
        pt_hal_log(line);
#endif
        *displaced = true;
        pt_session_forget_staging(); /* the new owner may abort or restart the transfer */
    }
    if (!mine)
        take(&s_board, link, now);
    s_board.last_ms = now;
    memcpy(s_board.name, who, n + 1);
    return PT_OK;
}

enum pt_status pt_session_release(const pt_link *link)
{
    if (same_session(&s_board, link))
        memset(&s_board, 0, sizeof s_board);
    return PT_OK;
}

enum pt_status pt_session_may_restart_staging(const pt_link *link, uint32_t staged, uint32_t size)
{
    uint32_t now = pt_hal_millis();
    if (!s_staging.link || same_session(&s_staging, link))
        return PT_OK;
    uint32_t idle = now - s_staging.last_ms;
    if (idle >= pt_session_timeout_ms())
        return PT_OK;
    return pt_fail(PT_E_BUSY,
                   "staging holds a transfer of another session over %s (%lu of %lu bytes, last data %lu ms ago); "
                   "it may be restarted or aborted %lu s after its last data",
                   link_name(s_staging.link), (unsigned long)staged, (unsigned long)size, (unsigned long)idle,
                   (unsigned long)(pt_session_timeout_ms() / 1000u));
}

void pt_session_note_staging(const pt_link *link)
{
    uint32_t now = pt_hal_millis();
    if (!same_session(&s_staging, link))
        take(&s_staging, link, now);
    s_staging.last_ms = now;
}

void pt_session_forget_staging(void)
{
    memset(&s_staging, 0, sizeof s_staging);
}

void pt_session_reset(void)
{
    memset(&s_board, 0, sizeof s_board);
    memset(&s_staging, 0, sizeof s_staging);
}
