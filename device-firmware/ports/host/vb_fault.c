#include "vb_fault.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

bool vb_fault_tx_lost(void)
{
    if (!s_opt || s_opt->lose_tx == 0 || ++s_tx_sent % s_opt->lose_tx != 0) return false;
    s_tx_lost++;
    return true;
}

unsigned long long vb_fault_rx_lost_count(void) { return s_rx_lost; }
unsigned long long vb_fault_tx_lost_count(void) { return s_tx_lost; }
