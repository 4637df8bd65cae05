/*
 * Throwaway stand-in for device.h, used only while piton_device_core is incomplete: it lets the
 * vboard I/O be tested without the real core. pt_link_receive echoes every byte back through
 * link->send; pt_boot always chooses the bootloader. Not a protocol implementation.
 */
#include "piton/device.h"

static enum pt_stage g_stage = PT_STAGE_BOOTLOADER;

void pt_link_init(pt_link *link)
{
    link->rx_len = 0;
    link->rx_first_ms = 0;
    link->peer_max_payload = PT_MIN_MAX_PAYLOAD;
    link->discarded = 0;
    link->generation++;
}

void pt_link_receive(pt_link *link, const uint8_t *data, size_t len)
{
    link->rx_first_ms = pt_hal_millis();
    if (len > 0)
        link->send(link, data, len);
}

void pt_link_poll(pt_link *link) { pt_link_receive(link, NULL, 0); }

enum pt_stage pt_boot(void)
{
    g_stage = PT_STAGE_BOOTLOADER;
    return g_stage;
}

enum pt_stage pt_current_stage(void) { return g_stage; }
