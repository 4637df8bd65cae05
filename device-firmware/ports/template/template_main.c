/*
 * ports/template: the port's start-up and serving loop (see template_hal.c first). A bootloader
 * image and, on a board with a separate application image, an application image each have a
 * main like this one; ports/mps2-an386/boot_main.c and app_main.c are worked examples.
 */
#include <string.h>

#include "piton/device.h"

bool template_board_init(void);

/* ---- The protocol link ------------------------------------------------------------------------
 * One pt_link per byte link (UART, TCP connection, USB bulk pair). The port owns the buffers:
 * rx and tx of max_payload + PT_FRAME_OVERHEAD bytes each (4096 is usual on serial; a small
 * target may offer less, at least PT_MIN_MAX_PAYLOAD). */
#define LINK_PAYLOAD 1024u
static uint8_t s_rx_buf[LINK_PAYLOAD + PT_FRAME_OVERHEAD];
static uint8_t s_tx_buf[LINK_PAYLOAD + PT_FRAME_OVERHEAD];
static pt_link s_link;

/* Blocks until the bytes are handed to the medium (e.g. the UART's TX FIFO). */
static void link_send(pt_link *link, const uint8_t *data, size_t len)
{
    (void)link;
    (void)data;
    (void)len; /* TODO: write to the protocol UART */
}

/* Bytes received since the last call (e.g. from a ring the RX interrupt fills); 0 if none. */
static uint32_t link_read(uint8_t *buf, uint32_t max)
{
    (void)buf;
    (void)max;
    return 0; /* TODO */
}

int main(void)
{
    /* TODO: clocks, the millisecond tick, the UARTs, the crypto library's static arena
     * (mbedtls_memory_buffer_alloc_init: about 3 KB for one P-256 verify). */
    if (!template_board_init()) {
        pt_hal_log("board: not provisioned; halted");
        for (;;) {
        }
    }
    /* After every reset: resumes an interrupted install, installs a pending package, counts
     * trial boots, reverts; returns the stage. In an application image of its own call
     * pt_app_start() instead, then pt_confirm() once the application is up. */
    enum pt_stage stage = pt_boot();
    if (stage == PT_STAGE_APPLICATION) {
        /* TODO: a bootloader with a separate application image checks its vector table, starts
         * the watchdog and jumps to it here (ports/mps2-an386/boot_main.c). */
    }
    memset(&s_link, 0, sizeof s_link);
    s_link.send = link_send;
    s_link.max_payload = LINK_PAYLOAD;
    s_link.rx_buf = s_rx_buf;
    s_link.tx_buf = s_tx_buf;
    s_link.buf_size = sizeof s_rx_buf;
    s_link.name = "serial";
    s_link.byte_time_us = 87; /* 10 bits per byte at 115200 baud; 0 for a fast link */
    pt_link_init(&s_link);
    for (;;) {
        uint8_t chunk[64];
        uint32_t n = link_read(chunk, sizeof chunk);
        if (n > 0)
            pt_link_receive(&s_link, chunk, n); /* may not return: REBOOT, UPDATE_COMMIT reset */
        else
            pt_link_poll(&s_link); /* the partial-frame timeout */
        /* TODO: kick the watchdog; sleep until the next interrupt (wfi) */
    }
}
