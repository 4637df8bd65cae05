#include "vb_fault.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "piton/protocol.h"
#include "vb_flash.h"

static vb_options *s_opt;
static void (*s_restart)(void);
static uint64_t s_rng = 1;   /* --seed */
static unsigned s_cut_next;  /* next --power-cut-after value to arm */
static unsigned s_power_cuts;

static void power_loss(void *ctx)
{
    (void)ctx;
    s_power_cuts++;
    fprintf(stderr, "piton-vboard: fault injection: power cut after %llu flash operations%s\n",
            (unsigned long long)vb_flash_stats_get()->write_ops, s_opt->torn ? " (torn)" : "");
    s_restart();
}

void vb_fault_init(vb_options *opt, void (*restart)(void))
{
    s_opt = opt;
    s_restart = restart;
    s_rng = opt->seed;
    s_cut_next = 0;
    s_power_cuts = 0;
}

void vb_fault_arm_power_cut(void)
{
    if (s_cut_next < s_opt->cut_count)
        vb_flash_set_power_cut(s_opt->cuts[s_cut_next++], s_opt->torn, &s_rng, power_loss, NULL);
    else
        vb_flash_set_power_cut(0, false, NULL, NULL, NULL);
}

unsigned vb_fault_power_cuts(void) { return s_power_cuts; }

bool vb_fault_flip_bits(const vb_profile *profile)
{
    for (unsigned k = 0; k < s_opt->flip_count; ++k) {
        const char *spec = s_opt->flips[k];
        const char *colon = strchr(spec, ':'); /* syntax checked by vb_options */
        size_t nl = (size_t)(colon - spec);
        const pt_region *reg = NULL;
        for (uint8_t i = 0; i < profile->region_count; ++i)
            if (strlen(profile->regions[i].name) == nl && strncmp(profile->regions[i].name, spec, nl) == 0)
                reg = &profile->regions[i];
        if (!reg) {
            fprintf(stderr, "piton-vboard: --flip-bits: board '%s' has no region \"%.*s\"\n", profile->id, (int)nl,
                    spec);
            return false;
        }
        uint32_t n = vb_flash_flip_bits(reg->address, reg->size, (uint32_t)strtoul(colon + 1, NULL, 10), &s_rng);
        fprintf(stderr, "piton-vboard: fault injection: flipped %u bits in region %s\n", (unsigned)n, reg->name);
    }
    return true;
}

size_t vb_fault_received(unsigned long long before, size_t n, long long *drop_at)
{
    *drop_at = -1;
    if (s_opt->drop_after < 0 || before + n < (unsigned long long)s_opt->drop_after) return n;
    *drop_at = s_opt->drop_after;
    s_opt->drop_after = -1; /* once */
    return (size_t)((unsigned long long)*drop_at - before);
}

#define LOSE_RUN 16u /* bytes lost at a time by --lose-rx */
static unsigned long long s_rx_lost, s_tx_sent, s_tx_lost;

bool vb_fault_rx_lost(unsigned long long index)
{
    if (!s_opt || s_opt->lose_rx == 0 || index % s_opt->lose_rx < s_opt->lose_rx - LOSE_RUN) return false;
    s_rx_lost++;
    return true;
}

static unsigned long s_replies_seen, s_requests_seen; /* frames of --drop-reply / --drop-request's command */

/* True when `f` (len bytes) starts with a frame header (docs/protocol.md §2) for command `cmd`. */
static bool frame_is(const uint8_t *f, size_t len, int cmd)
{
    return len >= 12 && f[0] == 0x50 && f[1] == 0x54 && f[3] == (uint8_t)cmd;
}

bool vb_fault_tx_lost(const uint8_t *frame, size_t len)
{
    if (!s_opt) return false;
    if (s_opt->drop_reply_cmd >= 0 && frame_is(frame, len, s_opt->drop_reply_cmd) &&
        ++s_replies_seen == s_opt->drop_reply_nth) {
        fprintf(stderr, "piton-vboard: fault injection: dropped response %lu to command 0x%02x (--drop-reply)\n",
                s_replies_seen, (unsigned)s_opt->drop_reply_cmd);
        s_tx_lost++;
        return true;
    }
    if (s_opt->lose_tx == 0 || ++s_tx_sent % s_opt->lose_tx != 0) return false;
    s_tx_lost++;
    return true;
}

/* --drop-request: per link, the header being read and what is left of the current frame. */
#define SCAN_LINKS 8u
#define SCAN_MAX_FRAME 70000u /* larger "lengths" are not a header (the biggest payload is 16 KiB + seal) */
typedef struct {
    const pt_link *link;
    uint8_t hdr[12];
    unsigned have;  /* header bytes held */
    uint32_t left;  /* bytes of the current frame's payload and CRC still to come */
    bool drop;      /* the current frame is the one dropped */
} vb_scan;
static vb_scan s_scan[SCAN_LINKS];
static unsigned s_scan_next;

static vb_scan *scan_of(const pt_link *link)
{
    for (unsigned i = 0; i < SCAN_LINKS; i++)
        if (s_scan[i].link == link) return &s_scan[i];
    vb_scan *sc = &s_scan[s_scan_next++ % SCAN_LINKS];
    memset(sc, 0, sizeof *sc);
    sc->link = link;
    return sc;
}

void vb_fault_receive(pt_link *link, const uint8_t *data, size_t n,
                      void (*deliver)(pt_link *link, const uint8_t *data, size_t n))
{
    if (!s_opt || s_opt->drop_request_cmd < 0) {
        deliver(link, data, n);
        return;
    }
    vb_scan *sc = scan_of(link);
    size_t start = 0; /* first byte of the run not yet delivered */
    for (size_t i = 0; i < n; i++) {
        if (sc->left > 0) { /* payload or CRC of the current frame */
            sc->left--;
            if (sc->drop) {
                if (i > start) deliver(link, data + start, i - start);
                start = i + 1;
            }
            continue;
        }
        sc->drop = false;
        if (sc->have == 0 && (s_requests_seen >= s_opt->drop_request_nth || data[i] != 0x50)) continue;
        if (i > start) deliver(link, data + start, i - start); /* hold this byte with the header */
        start = i + 1;
        sc->hdr[sc->have++] = data[i];
        if (sc->have == 2 && data[i] != 0x54) { /* not a frame after all */
            deliver(link, sc->hdr, 2);
            sc->have = 0;
            continue;
        }
        if (sc->have < 12) continue;
        sc->have = 0;
        const uint32_t len = (uint32_t)sc->hdr[8] | (uint32_t)sc->hdr[9] << 8 | (uint32_t)sc->hdr[10] << 16 |
                             (uint32_t)sc->hdr[11] << 24;
        if (len > SCAN_MAX_FRAME) {
            deliver(link, sc->hdr, 12);
            continue;
        }
        sc->left = len + 4;
        if (sc->hdr[3] == (uint8_t)s_opt->drop_request_cmd && !(sc->hdr[6] & PT_FRAME_FLAG_RESPONSE) &&
            ++s_requests_seen == s_opt->drop_request_nth) {
            sc->drop = true;
            fprintf(stderr, "piton-vboard: fault injection: dropped request %lu of command 0x%02x on its way in "
                            "(--drop-request)\n", s_requests_seen, (unsigned)s_opt->drop_request_cmd);
        } else {
            deliver(link, sc->hdr, 12);
        }
    }
    if (n > start) deliver(link, data + start, n - start);
}

unsigned long long vb_fault_rx_lost_count(void) { return s_rx_lost; }
unsigned long long vb_fault_tx_lost_count(void) { return s_tx_lost; }
