/*
 * piton-vboard: the virtual board. Runs the portable bootloader and update agent
 * (piton_device_core, device.h) in a Linux process, with the flash in a file, serial on a
 * pseudo-terminal, Ethernet on a TCP socket and USB as a FunctionFS gadget (vb_usb.h).
 *
 *   piton-vboard --board ID --flash FILE [--serial-link PATH] [--tcp HOST:PORT]
 *                [--usb-ffs MOUNTPOINT [--usb-vid-pid VID:PID] [--usb-manufacturer TEXT]
 *                 [--usb-product TEXT] [--usb-gadget NAME] [--usb-udc UDC]]
 *                [--trust-key PUBLIC.pem]... [--product-key PRIVATE.pem] [--locked] [--boards-dir DIR]
 *                [--drop-link-after BYTES] [--lose-rx EVERY] [--lose-tx N] [--clock-step MS] [--verbose]
 *                [--power-cut-after N[,N...]] [--torn] [--seed S] [--flip-bits REGION:COUNT]...
 *                [--no-confirm] [--watchdog-ms MS] [--stats] [--session-timeout-ms MS]
 *                [--rom-loader]
 *
 * When the endpoints are up it prints one line of JSON to stdout, e.g.
 *   {"serial":"/dev/pts/5","tcp":"127.0.0.1:40123","usb":"1209:0001","board":"stm32f4-ref"}
 * ("rom":true is added when the board powers on into the emulated ROM bootloader, vb_rom.h.)
 * Diagnostics go to stderr. SIGTERM/SIGINT: flush the flash file and exit 0. SIGUSR1: flash
 * counters with --stats. SIGUSR2: toggle BOOT0. SIGHUP: press reset (NRST).
 *
 * Options are parsed in vb_options.c, fault injection is vb_fault.c; the poll loop serves every link through one table
 * (k_links: the pty for Piton's protocol or for the ROM, TCP, USB).
 * Exit status: 0 normal stop, 2 usage error, 1 any other start-up error.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "piton/crypt.h"
#include "piton/device.h"
#include "vb_endpoint.h"
#include "vb_error.h"
#include "vb_fault.h"
#include "vb_flash.h"
#include "vb_hal.h"
#include "vb_options.h"
#include "vb_profile.h"
#include "vb_pace.h"
#include "vb_timing.h"
#include "vb_provision.h"
#include "vb_dfuse.h"
#include "vb_rom.h"
#include "vb_usb.h"
#ifdef PITON_VBOARD_HAS_CORE
#include "config_store.h"
#endif

/* State lives in statics: it must survive the longjmp of a reset. */
static vb_options g_opt;
static vb_profile g_profile;
/* Closed until vb_serial_open(): a zero master_fd would be stdin, which the paced line (--baud) reads
 * while provisioning with --flash-timing busies the board before the pty exists. */
static vb_serial g_serial = {.master_fd = -1, .slave_fd = -1};
static vb_tcp g_tcp;
static bool g_tcp_enabled;
static vb_usb g_usb;
static bool g_usb_enabled;
static unsigned long long g_rx_total; /* bytes received over every link since start */
static jmp_buf g_boot_point;
static uint32_t g_app_start_ms;       /* pt_hal_millis() when the application stage started */
/* The emulated ROM bootloader (vb_rom.h). */
static bool g_rom_available;          /* the board is an STM32F405 (internal flash at 0x08000000) */
static bool g_boot0;                  /* the BOOT0 pin: --rom-loader, toggled by SIGUSR2 */
static bool g_in_rom;                 /* the ROM serves the pty now (Piton's code is not running) */
static bool g_go_pending;             /* the ROM's Go: the next boot runs from flash whatever BOOT0 says */
/* Signals: one owner (this file); handlers only set flags that the poll loop acts on. */
static volatile sig_atomic_t g_stats_requested, g_boot0_toggle_requested, g_reset_requested;

static void on_signal(int sig)
{
    switch (sig) {
    case SIGUSR1: g_stats_requested = 1; break;
    case SIGUSR2: g_boot0_toggle_requested = 1; break;
    case SIGHUP: g_reset_requested = 1; break;
    default:
        if (sig == SIGRTMIN) {
            vb_hal_advance_ms((unsigned)g_opt.clock_step_ms);
            break;
        }
        vb_stop_requested = 1;
        break;
    }
}

static void print_ops(void)
{
    const vb_flash_stats *st = vb_flash_stats_get();
    fprintf(stderr, "piton-vboard: flash operations: %llu (programs %llu, erases %llu), power cuts %u\n",
            (unsigned long long)st->write_ops, (unsigned long long)st->program_ops,
            (unsigned long long)st->erase_ops, vb_fault_power_cuts());
    fprintf(stderr, "piton-vboard: erases per region:");
    for (uint8_t i = 0; i < g_profile.region_count; i++)
        fprintf(stderr, "%s %s %llu", i ? "," : "", g_profile.regions[i].name,
                (unsigned long long)vb_flash_region_erases(&g_profile.regions[i]));
    fputc('\n', stderr);
    if (g_opt.flash_timing || vb_pace_on()) vb_timing_print_stats(stderr);
    uint64_t rom_reads, rom_reads_before_erase;
    vb_rom_read_counts(&rom_reads, &rom_reads_before_erase);
    if (rom_reads)
        fprintf(stderr, "piton-vboard: rom: Read Memory commands answered: %llu (%llu before the first erase)\n",
                (unsigned long long)rom_reads, (unsigned long long)rom_reads_before_erase);
    if (g_opt.lose_rx || g_opt.lose_tx)
        fprintf(stderr, "piton-vboard: fault injection: received bytes lost %llu, frames sent lost %llu\n",
                vb_fault_rx_lost_count(), vb_fault_tx_lost_count());
    fflush(stderr);
}


/* The planned power cut happened (inside a flash operation, vb_fault.h): restart as after power-on. */
static void restart_after_power_cut(void)
{
    longjmp(g_boot_point, 2);
}

static void die(const char *msg)
{
    fprintf(stderr, "piton-vboard: %s\n", msg);
    exit(1);
}

/* Called after every pt_hal_reset() or power cut: the links drop as on a real board. */
static void after_reset(bool power_cut)
{
    if (power_cut) {
        vb_hal_power_on(); /* retained RAM lost, clock restarts */
        vb_fault_arm_power_cut();
    }
    pt_retained *r = pt_hal_retained();
    if (r->magic != PT_RETAINED_MAGIC) {
        memset(r, 0, sizeof *r);
        r->magic = PT_RETAINED_MAGIC;
    }
    /* pt_boot() counts this reset (pt_retained.boot_count, INFO 0x2B): counted here too, a reset
     * would count twice. */
    if (g_tcp_enabled)
        vb_tcp_drop_all(&g_tcp);
    if (g_usb_enabled) {
        /* The response before the reset (REBOOT, UPDATE_COMMIT) has left ep2, but under dummy_hcd
         * the host may not have reaped it yet; a real board's reset takes this long anyway. */
        usleep(VB_USB_RESET_GRACE_MS * 1000u);
        vb_usb_disconnect(&g_usb); /* re-enumerates after pt_boot() */
    }
    vb_serial_drain_input(&g_serial);
    vb_pace_flush();
    pt_link_init(&g_serial.link);
    if (g_opt.verbose)
        fprintf(stderr, "piton-vboard: reset (boot count %u, request %u)\n", (unsigned)r->boot_count + 1u,
                (unsigned)r->request);
}

/* What runs after a reset: the ROM when BOOT0 is high or the bootloader region holds no Piton
 * bootloader (a real chip would run whatever is there; the emulation keeps its ROM), except
 * right after the ROM's Go. */
static bool rom_runs_next(void)
{
    if (!g_rom_available) return false;
    const bool present = vb_provision_bootloader_present(&g_profile);
    if (g_go_pending) {
        g_go_pending = false;
        if (present) return false;
        fprintf(stderr, "piton-vboard: rom: Go: no Piton bootloader image in flash; the ROM keeps running\n");
        return true;
    }
    if (!present && !g_boot0)
        fprintf(stderr, "piton-vboard: no Piton bootloader image at 0x%08x; the ROM bootloader serves\n",
                (unsigned)VB_ROM_FLASH_BASE);
    return g_boot0 || !present;
}

/* The product key the bootloader unwraps content keys with (piton/crypt.h). */
static void set_product_key(const vb_provision *pv)
{
#ifdef PITON_VBOARD_HAS_CORE
    pt_crypt_set_product_key(pv->has_product_key ? pv->product_key : NULL, pv->product_key_fingerprint);
#else
    (void)pv;
#endif
}

/* The access keys and identity key (vb_provision.h, access block); a damaged block leaves the
 * board without sessions, and says so. */
static void load_access(void)
{
    vb_access acc;
    char why[VB_ERROR_MAX];
    if (!vb_access_read(&g_profile, &acc, why)) {
        fprintf(stderr, "piton-vboard: %s; serving without access keys or identity\n", why);
        memset(&acc, 0, sizeof acc);
    }
    vb_hal_set_access(&acc);
}

/* The chip reads its provisioning (OTP, option bytes) at every boot: after the ROM wrote a new
 * block (factory bring-up, recovery ladder), Piton's code sees its board id and trusted keys. */
static void reload_provisioning(void)
{
    vb_provision now;
    char why[VB_ERROR_MAX];
    if (!vb_provision_read(&g_profile, &now, why) || strcmp(now.board_id, g_profile.id) != 0) return;
    vb_hal_set_board(&g_profile, &now);
    set_product_key(&now);
    load_access();
    vb_hal_set_session_timeout((uint32_t)g_opt.session_timeout_ms);
}

/* Binds the USB gadget with the strings the config asks for: product = usb.product, serial
 * string = serial (docs/config-format.md). */
static void usb_connect(void)
{
    char product[VB_USB_STRING_MAX + 1] = "", serial[VB_USB_STRING_MAX + 1] = "";
#ifdef PITON_VBOARD_HAS_CORE
    uint8_t value[PT_CONFIG_VALUE_MAX];
    uint32_t vlen = 0;
    if (pt_config_get("usb.product", 11, value, &vlen) == PT_OK && vlen <= VB_USB_STRING_MAX) {
        memcpy(product, value, vlen);
        product[vlen] = '\0';
    }
    if (pt_config_get("serial", 6, value, &vlen) == PT_OK && vlen <= VB_USB_STRING_MAX) {
        memcpy(serial, value, vlen);
        serial[vlen] = '\0';
    }
#endif
    char err[VB_ERROR_MAX];
    if (!vb_usb_connect(&g_usb, product, serial, err)) fprintf(stderr, "piton-vboard: %s\n", err);
    else if (g_opt.verbose) fprintf(stderr, "piton-vboard: usb: connected to %s as \"%s\", serial \"%s\"\n", g_usb.udc, product, serial);
}

/* ---- the link table ------------------------------------------------------------------------ */

/* One entry per kind of link: whether it serves now, the descriptors it waits on, what to do
 * when one is ready, its timers, and how --drop-link-after drops it. */
typedef struct {
    const char *name;
    bool (*up)(void);
    unsigned (*fds)(struct pollfd *out, unsigned max);
    /* `fd` is ready with `revents`; returns true when the set of descriptors changed (poll again). */
    bool (*ready)(int fd, short revents);
    void (*tick)(void);
    void (*drop)(pt_link *link, long long at);
} vb_link_ops;

static void drop_link(const vb_link_ops *ops, pt_link *link, long long at);

/* Hands the bytes that survive --lose-rx and --drop-request to the core; `first` is the first one's index. */
static void receive_lossy(pt_link *link, const uint8_t *data, size_t n, unsigned long long first)
{
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (!vb_fault_rx_lost(first + i)) continue;
        if (i > start) vb_fault_receive(link, data + start, i - start, pt_link_receive); /* --drop-request */
        start = i + 1;
    }
    if (n > start) vb_fault_receive(link, data + start, n - start, pt_link_receive);
}

/* Hands received bytes to the core, applying --drop-link-after and --lose-rx. May not return
 * (reset). */
static void feed(const vb_link_ops *ops, pt_link *link, const uint8_t *data, size_t n)
{
    long long at;
    const unsigned long long first = g_rx_total;
    size_t take = vb_fault_received(g_rx_total, n, &at);
    g_rx_total += n;
    if (at >= 0) {
        if (take > 0) receive_lossy(link, data, take, first);
        drop_link(ops, link, at);
        return;
    }
    receive_lossy(link, data, n, first);
}

static uint8_t g_rx[4096];

/* serial (Piton's protocol on the pty) */
static bool serial_up(void) { return !g_in_rom && g_serial.master_fd >= 0; }

static unsigned pty_fds(struct pollfd *out, unsigned max)
{
    if (max < 1 || g_serial.master_fd < 0) return 0;
    out[0] = (struct pollfd){.fd = g_serial.master_fd, .events = POLLIN};
    return 1;
}

/* The paced line's source: what the workstation wrote to the pty so far (vb_pace.h). */
static size_t pty_source(uint8_t *buf, size_t max, void *ctx)
{
    (void)ctx;
    if (g_serial.master_fd < 0) return 0;
    ssize_t n = read(g_serial.master_fd, buf, max);
    return n > 0 ? (size_t)n : 0;
}

/* Reads the pty; 0 when nothing (or after reopening it on an error). Paced (--baud): only the
 * bytes that have arrived through the line into the receive buffer by now. */
static size_t pty_read(void)
{
    vb_pace_set_frame_bits(g_in_rom ? 11u : 10u); /* the ROM speaks 8E1, Piton 8N1 (vb_pace.h) */
    if (vb_pace_on()) return vb_pace_take(g_rx, sizeof g_rx);
    ssize_t n = read(g_serial.master_fd, g_rx, sizeof g_rx);
    if (n > 0) return (size_t)n;
    if (n < 0 && errno != EAGAIN && errno != EINTR) {
        char err[VB_ERROR_MAX];
        fprintf(stderr, "piton-vboard: serial read failed (%s); opening a new pty\n", strerror(errno));
        if (!vb_serial_reopen(&g_serial, err)) die(err);
    }
    return 0;
}

static bool serial_ready(int fd, short revents);
static void serial_pump(void);
static void serial_tick(void)
{
    serial_pump(); /* paced: bytes arrive with time, not only when the pty is readable */
    pt_link_poll(&g_serial.link);
}

static void serial_drop(pt_link *link, long long at)
{
    (void)link;
    char err[VB_ERROR_MAX];
    if (!vb_serial_reopen(&g_serial, err)) die(err);
    vb_pace_flush();
    fprintf(stderr, "piton-vboard: fault injection: dropped the serial link after %lld bytes; new pty %s\n", at,
            g_serial.slave_path);
}

/* rom (the emulated ROM bootloader on the same pty) */
static bool rom_up(void) { return g_in_rom && g_serial.master_fd >= 0; }

/* Hands what the pty (or, paced, the line) has for the ROM to it. May not return (reset). */
static void rom_pump(void)
{
    size_t n = pty_read();
    if (n == 0) return;
    g_rx_total += n;
    uint32_t go = 0;
    vb_rom_action a = vb_rom_feed(g_rx, n, &go);
    if (a == VB_ROM_GO) {
        fprintf(stderr, "piton-vboard: rom: Go 0x%08x: reset and boot from flash\n", (unsigned)go);
        g_go_pending = true;
    }
    if (a != VB_ROM_STAY) pt_hal_reset(); /* does not return */
}

static bool rom_ready(int fd, short revents)
{
    (void)fd;
    if (revents & (POLLIN | POLLHUP | POLLERR)) rom_pump();
    return false;
}

static void rom_tick(void)
{
    if (vb_pace_on()) rom_pump();
    vb_rom_poll();
}

static void rom_send(void *ctx, const uint8_t *data, size_t len)
{
    (void)ctx;
    g_serial.link.send(&g_serial.link, data, len);
}

/* tcp */
static bool tcp_up(void) { return !g_in_rom && g_tcp_enabled && g_tcp.listen_fd >= 0; }

static unsigned tcp_fds(struct pollfd *out, unsigned max)
{
    unsigned n = 0;
    if (n < max) out[n++] = (struct pollfd){.fd = g_tcp.listen_fd, .events = POLLIN};
    for (unsigned k = 0; k < VB_TCP_CLIENTS && n < max; k++)
        if (g_tcp.clients[k].fd >= 0) out[n++] = (struct pollfd){.fd = g_tcp.clients[k].fd, .events = POLLIN};
    return n;
}

static bool tcp_ready(int fd, short revents);

static void tcp_tick(void)
{
    for (unsigned k = 0; k < VB_TCP_CLIENTS; k++) pt_link_poll(&g_tcp.clients[k].link);
}

static void tcp_drop(pt_link *link, long long at)
{
    vb_tcp_drop_client(link->port_ctx);
    fprintf(stderr, "piton-vboard: fault injection: dropped the TCP client after %lld bytes\n", at);
}

/* usb */
static bool usb_up(void) { return !g_in_rom && g_usb_enabled; }

static unsigned usb_fds(struct pollfd *out, unsigned max)
{
    if (max < 2) return 0;
    out[0] = (struct pollfd){.fd = vb_usb_event_fd(&g_usb), .events = POLLIN};
    out[1] = (struct pollfd){.fd = vb_usb_data_fd(&g_usb), .events = POLLIN};
    return 2;
}

static bool usb_ready(int fd, short revents);
static void usb_tick(void) { pt_link_poll(&g_usb.link); }

static void usb_drop(pt_link *link, long long at)
{
    (void)link;
    vb_usb_disconnect(&g_usb);
    fprintf(stderr, "piton-vboard: fault injection: unplugged USB after %lld bytes\n", at);
    usleep(500000);
    usb_connect();
}

/* dfu (the emulated ROM bootloader's DfuSe device on the USB gadget: vb_dfuse.h; ep0 only) */
static bool dfu_up(void) { return g_in_rom && g_usb_enabled; }

static unsigned dfu_fds(struct pollfd *out, unsigned max)
{
    if (max < 1) return 0;
    out[0] = (struct pollfd){.fd = vb_usb_event_fd(&g_usb), .events = POLLIN};
    return 1;
}

static bool dfu_ready(int fd, short revents)
{
    (void)fd;
    if (!(revents & POLLIN)) return false;
    uint32_t go = 0;
    const vb_usb_action a = vb_usb_handle_events(&g_usb, g_opt.verbose, &go);
    if (a == VB_USB_GO) {
        fprintf(stderr, "piton-vboard: rom: DfuSe leave at 0x%08x: reset and boot from flash\n", (unsigned)go);
        g_go_pending = true;
    }
    if (a != VB_USB_NONE) pt_hal_reset(); /* does not return */
    return false;
}

static void dfu_tick(void) {}

/* The ROM's DFU device: serial string = the first 6 bytes of the unique id in hex (12 digits, as
 * the F4 ROM shows its UID-derived serial). */
static void dfu_connect(void)
{
    char err[VB_ERROR_MAX], serial[2 * 6 + 1] = "";
    const pt_board *b = pt_hal_board();
    for (unsigned i = 0; i < 6 && i < b->unique_id_len; ++i) snprintf(serial + 2 * i, 3, "%02X", (unsigned)b->unique_id[i]);
    if (!vb_usb_set_dfu(&g_usb, true, err) || !vb_usb_connect(&g_usb, VB_DFUSE_PRODUCT, serial, err))
        fprintf(stderr, "piton-vboard: %s\n", err);
    else if (g_opt.verbose)
        fprintf(stderr, "piton-vboard: usb: the ROM's DfuSe device 0483:df11 on %s, serial \"%s\"%s\n", g_usb.udc, serial,
                g_usb.dfu_functional ? "" : " (no DFU functional descriptor: see docs/usb.md)");
}

static const vb_link_ops k_links[] = {
    {"usb", usb_up, usb_fds, usb_ready, usb_tick, usb_drop},
    {"serial", serial_up, pty_fds, serial_ready, serial_tick, serial_drop},
    {"rom", rom_up, pty_fds, rom_ready, rom_tick, NULL},
    {"tcp", tcp_up, tcp_fds, tcp_ready, tcp_tick, tcp_drop},
    {"dfu", dfu_up, dfu_fds, dfu_ready, dfu_tick, NULL},
};
#define LINK_COUNT (sizeof k_links / sizeof k_links[0])

static void drop_link(const vb_link_ops *ops, pt_link *link, long long at)
{
    if (ops->drop) ops->drop(link, at);
}

static void serial_pump(void)
{
    size_t n = pty_read();
    if (n > 0) feed(&k_links[1], &g_serial.link, g_rx, n);
}

static bool serial_ready(int fd, short revents)
{
    (void)fd;
    if (revents & (POLLIN | POLLHUP | POLLERR)) serial_pump();
    return false;
}

static bool usb_ready(int fd, short revents)
{
    if (!(revents & POLLIN)) return false;
    if (fd == vb_usb_event_fd(&g_usb)) {
        vb_usb_handle_events(&g_usb, g_opt.verbose, NULL); /* Piton mode: never an action */
        return false;
    }
    size_t n = vb_usb_read(&g_usb, g_rx, sizeof g_rx);
    if (n > 0) feed(&k_links[0], &g_usb.link, g_rx, n);
    return false;
}

static bool tcp_ready(int fd, short revents)
{
    if (fd == g_tcp.listen_fd) {
        if (!(revents & POLLIN)) return false;
        vb_tcp_client *c = vb_tcp_accept(&g_tcp);
        if (g_opt.verbose && c) fprintf(stderr, "piton-vboard: %s: client connected\n", c->name);
        return true; /* the client fds may have changed: poll again */
    }
    for (unsigned k = 0; k < VB_TCP_CLIENTS; k++) {
        vb_tcp_client *c = &g_tcp.clients[k];
        if (c->fd != fd || !(revents & (POLLIN | POLLHUP | POLLERR))) continue;
        ssize_t n = recv(c->fd, g_rx, sizeof g_rx, 0);
        if (n > 0) {
            feed(&k_links[3], &c->link, g_rx, (size_t)n);
        } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            if (g_opt.verbose) fprintf(stderr, "piton-vboard: %s: client disconnected\n", c->name);
            vb_tcp_drop_client(c);
        }
    }
    return false;
}

/* Signals and timers that are not a link's: stats, BOOT0, reset button, watchdog. Returns the
 * poll timeout (ms). May not return (reset). */
static int service_board(void)
{
    int timeout = 250;
    static uint64_t skipped_seen;
    if (vb_hal_skipped_ms() != skipped_seen) {
        skipped_seen = vb_hal_skipped_ms();
        fprintf(stderr, "piton-vboard: clock: skipped %llu ms in all (--clock-step)\n", (unsigned long long)skipped_seen);
    }
    if (g_stats_requested) {
        g_stats_requested = 0;
        print_ops();
    }
    if (g_boot0_toggle_requested) {
        g_boot0_toggle_requested = 0;
        g_boot0 = !g_boot0;
        fprintf(stderr, "piton-vboard: BOOT0 is now %s; the next reset follows it\n", g_boot0 ? "high" : "low");
    }
    if (g_reset_requested) {
        g_reset_requested = 0;
        fprintf(stderr, "piton-vboard: reset button pressed\n");
        pt_hal_reset();
    }
    if (!g_in_rom && g_opt.no_confirm && pt_current_stage() == PT_STAGE_APPLICATION &&
        pt_current_image_state() == PT_IMAGE_TRIAL) {
        uint32_t up = pt_hal_millis() - g_app_start_ms;
        if (up >= g_opt.watchdog_ms) {
            fprintf(stderr, "piton-vboard: watchdog: trial application not confirmed after %u ms; reset\n",
                    (unsigned)up);
            pt_hal_reset();
        }
        if (g_opt.watchdog_ms - up < (uint32_t)timeout) timeout = (int)(g_opt.watchdog_ms - up);
    }
    return timeout;
}

static void run(void)
{
    enum { MAX_FDS = 4 + VB_TCP_CLIENTS };
    while (!vb_stop_requested) {
        struct pollfd fds[MAX_FDS];
        const vb_link_ops *owner[MAX_FDS];
        unsigned nfds = 0;
        for (unsigned l = 0; l < LINK_COUNT; l++) {
            if (!k_links[l].up()) continue;
            unsigned n = k_links[l].fds(fds + nfds, MAX_FDS - nfds);
            for (unsigned i = 0; i < n; i++) owner[nfds + i] = &k_links[l];
            nfds += n;
        }
        int timeout = service_board();
        const uint64_t next = vb_pace_next_arrival_us(), before = vb_clock_now_us();
        if (next != UINT64_MAX) { /* paced: wake when the next byte has come down the line */
            uint64_t wait_ms = next > before ? (next - before + 999u) / 1000u : 0;
            if (wait_ms < (uint64_t)timeout) timeout = (int)wait_ms;
        }
        int r = poll(fds, (nfds_t)nfds, timeout);
        if (vb_pace_on()) vb_timing_stats_get()->idle_us += vb_clock_now_us() - before;
        if (r < 0 && errno != EINTR) {
            fprintf(stderr, "piton-vboard: poll failed: %s\n", strerror(errno));
            return;
        }
        /* Partial frames (and partial ROM commands) time out even when nothing more arrives. */
        for (unsigned l = 0; l < LINK_COUNT; l++)
            if (k_links[l].up()) k_links[l].tick();
        if (r <= 0) continue;
        for (unsigned i = 0; i < nfds; i++)
            if (fds[i].revents && owner[i]->ready(fds[i].fd, fds[i].revents)) break;
        if (g_tcp_enabled) vb_tcp_service(&g_tcp);
    }
}

int main(int argc, char **argv)
{
    int rc = vb_options_parse(argc, argv, &g_opt);
    if (rc >= 0) return rc;
    vb_fault_init(&g_opt, restart_after_power_cut);
    g_boot0 = g_opt.rom_loader;
    vb_pace_configure(g_opt.baud, g_opt.adapter_latency_ms);
    vb_pace_set_source(pty_source, NULL);
    vb_timing_set_busy(vb_pace_busy);

    char err[VB_ERROR_MAX];
    char profile_path[4096];
    /* This program's own file, also when it was started by bare name from $PATH (argv[0] is then
     * "piton-vboard"): Linux's /proc/self/exe, argv[0] elsewhere. */
    const char *self = access("/proc/self/exe", F_OK) == 0 ? "/proc/self/exe" : argv[0];
    if (!vb_profile_find(g_opt.board, g_opt.boards_dir, self, profile_path, sizeof profile_path, err)) die(err);
    if (!vb_profile_load(profile_path, g_opt.board, &g_profile, err)) die(err);
    if (g_opt.verbose) fprintf(stderr, "piton-vboard: board profile %s\n", profile_path);
    vb_timing_enable(&g_profile, g_opt.flash_timing);
    const uint32_t rx_buffer = g_opt.rx_buffer >= 0 ? (uint32_t)g_opt.rx_buffer : g_opt.flash_timing ? g_profile.rx_buffer : 0;
    vb_pace_set_rx_buffer(rx_buffer, g_profile.rx_dma);
    g_rom_available = vb_rom_init(&g_profile, rom_send, NULL, err);
    vb_rom_set_fault((vb_rom_fault_kind)g_opt.rom_fault, g_opt.rom_fault_count);
    if (g_opt.rom_loader && !g_rom_available) {
        fprintf(stderr, "piton-vboard: --rom-loader: %s\n", err);
        return 2;
    }

    vb_provision pv;
    memset(&pv, 0, sizeof pv);
    for (unsigned k = 0; k < g_opt.key_count; ++k)
        if (!vb_provision_load_key(g_opt.keys[k], &pv.keys[k], err)) die(err);
    pv.key_count = (uint8_t)g_opt.key_count;
    for (unsigned k = 0; k < g_opt.root_key_count; ++k)
        if (!vb_provision_load_key(g_opt.root_keys[k], &pv.root_keys[k], err)) die(err);
    pv.root_key_count = (uint8_t)g_opt.root_key_count;
    pv.locked = g_opt.locked;
    if (g_opt.product_key && !vb_provision_load_product_key(g_opt.product_key, &pv, err)) die(err);
    snprintf(pv.board_id, sizeof pv.board_id, "%s", g_profile.id);
    pv.unique_id_len = g_profile.unique_id_len;

    bool created = false, provisioned_now = false;
    if (!vb_flash_open(g_opt.flash_path, &g_profile, &created, err)) die(err);
    /* A re-provisioned board keeps its identity key (unless --new-identity): hosts pin it. */
    vb_access old_access;
    memset(&old_access, 0, sizeof old_access);
    char old_access_why[VB_ERROR_MAX];
    const bool keep_identity = !created && !g_opt.new_identity && vb_access_read(&g_profile, &old_access, old_access_why) &&
                               old_access.has_identity;
    if (created && g_opt.blank) {
        if (!g_rom_available) {
            vb_flash_close();
            unlink(g_opt.flash_path);
            fprintf(stderr, "piton-vboard: --blank: board '%s' has no ROM bootloader to bring a blank chip up with\n", g_profile.id);
            return 2;
        }
        fprintf(stderr, "piton-vboard: created blank flash %s (%" PRIu64 " bytes erased: no bootloader, not provisioned)\n",
                g_opt.flash_path, g_profile.total_size);
    } else if (created) {
        if (!vb_provision_random_id(pv.unique_id, pv.unique_id_len, err) ||
            !vb_provision_factory(&g_profile, &pv, err)) {
            vb_flash_close();
            unlink(g_opt.flash_path);
            die(err);
        }
        provisioned_now = true;
        fprintf(stderr, "piton-vboard: created factory-fresh flash %s (%" PRIu64 " bytes, %s, %u trusted keys%s)\n",
                g_opt.flash_path, g_profile.total_size, pv.locked ? "locked" : "unlocked", (unsigned)pv.key_count,
                pv.has_product_key ? ", product key" : "");
    } else {
        vb_provision old;
        char why[VB_ERROR_MAX];
        bool old_ok = vb_provision_read(&g_profile, &old, why);
        if (old_ok && strcmp(old.board_id, g_profile.id) != 0) {
            snprintf(err, sizeof err, "flash file %s was provisioned for board '%s', not '%s'", g_opt.flash_path,
                     old.board_id, g_profile.id);
            die(err);
        }
        if (g_opt.key_count > 0 || g_opt.product_key) {
            if (old_ok && g_opt.key_count == 0) { /* --product-key alone: keep the trusted keys */
                pv.key_count = old.key_count;
                memcpy(pv.keys, old.keys, sizeof pv.keys);
                pv.locked = old.locked || g_opt.locked;
                if (pv.locked && g_opt.no_access_key)
                    die("a locked board needs at least one trusted access key, or it could never be serviced again: "
                        "drop --no-access-key");
            }
            if (old_ok && !g_opt.product_key && old.has_product_key) { /* keep the product key */
                pv.has_product_key = true;
                memcpy(pv.product_key, old.product_key, sizeof pv.product_key);
                memcpy(pv.product_key_fingerprint, old.product_key_fingerprint, sizeof pv.product_key_fingerprint);
            }
            if (old_ok && old.unique_id_len == pv.unique_id_len) {
                memcpy(pv.unique_id, old.unique_id, pv.unique_id_len);
            } else if (!vb_provision_random_id(pv.unique_id, pv.unique_id_len, err)) {
                die(err);
            }
            if (!vb_provision_write(&g_profile, &pv, err) || !vb_keystore_erase(&g_profile, err)) die(err);
            provisioned_now = true;
            fprintf(stderr, "piton-vboard: re-provisioned %s (%s, %u trusted keys%s)\n", g_opt.flash_path,
                    pv.locked ? "locked" : "unlocked", (unsigned)pv.key_count, pv.has_product_key ? ", product key" : "");
        } else if (!old_ok && g_rom_available && (g_boot0 || !vb_provision_bootloader_present(&g_profile))) {
            /* A wiped chip: its ROM needs no provisioning; Piton's code would run without keys. */
            fprintf(stderr, "piton-vboard: flash file %s has no valid provisioning block (%s); the ROM bootloader "
                            "serves without it\n", g_opt.flash_path, why);
        } else if (!old_ok) {
            fprintf(stderr, "piton-vboard: flash file %s has no valid provisioning block (%s); pass --trust-key to re-provision it\n",
                    g_opt.flash_path, why);
            return 1;
        } else {
            if (g_opt.locked && !old.locked)
                fprintf(stderr, "piton-vboard: note: --locked only applies when provisioning (with --trust-key)\n");
            pv = old;
        }
    }
    vb_hal_set_board(&g_profile, &pv);
    set_product_key(&pv);
    if (provisioned_now) {
        /* Factory provisioning: the access keys and a new identity key (vb_provision.h). */
        vb_access acc;
        memset(&acc, 0, sizeof acc);
        for (unsigned k = 0; k < g_opt.access_key_count; ++k)
            if (!vb_provision_load_key(g_opt.access_keys[k], &acc.keys[k], err)) die(err);
        acc.key_count = (uint8_t)g_opt.access_key_count;
        if (acc.key_count == 0 && !g_opt.no_access_key) { /* docs/security.md, "Development boards" */
            if (!vb_provision_dev_access_key(&acc.keys[0], err)) die(err);
            acc.key_count = 1;
        }
        if (keep_identity) {
            acc.has_identity = true;
            memcpy(acc.identity_priv, old_access.identity_priv, sizeof acc.identity_priv);
            memcpy(acc.identity_pub, old_access.identity_pub, sizeof acc.identity_pub);
        } else if (!vb_access_generate_identity(&acc, err)) {
            die(err);
        }
        if (!vb_access_write(&g_profile, &acc, err)) die(err);
    } else if (g_opt.access_key_count > 0 || g_opt.no_access_key || g_opt.new_identity) {
        fprintf(stderr, "piton-vboard: note: --trust-access-key, --no-access-key and --new-identity only apply when "
                        "provisioning (with --trust-key)\n");
    }
    load_access();
    vb_hal_set_session_timeout((uint32_t)g_opt.session_timeout_ms);
    vb_flash_reset_counters();
    if (!vb_fault_flip_bits(&g_profile)) {
        vb_flash_close();
        return 2;
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    if (g_opt.clock_step_ms) sigaction(SIGRTMIN, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (!vb_serial_open(&g_serial, g_opt.serial_link, err)) die(err);
    /* PING sizes window and payload to the receive buffer when bytes beyond it are lost. */
    if (g_opt.baud && rx_buffer) g_serial.link.rx_fifo = rx_buffer;
    if (g_opt.tcp) {
        if (!vb_tcp_open(&g_tcp, g_opt.tcp, err)) {
            vb_serial_remove_link(&g_serial);
            die(err);
        }
        g_tcp_enabled = true;
    } else {
        g_tcp.listen_fd = -1;
        for (unsigned k = 0; k < VB_TCP_CLIENTS; k++) g_tcp.clients[k].fd = -1;
    }
    if (g_opt.usb.mount) {
        if (!vb_usb_open(&g_usb, &g_opt.usb, err)) {
            vb_serial_remove_link(&g_serial);
            vb_tcp_close(&g_tcp);
            die(err);
        }
        g_usb_enabled = true;
    }

    g_in_rom = rom_runs_next();
    printf("{\"serial\":\"%s\"", g_serial.slave_path);
    if (g_tcp_enabled) printf(",\"tcp\":\"%s\"", g_tcp.bound);
    if (g_usb_enabled) printf(",\"usb\":\"%04x:%04x\"", g_usb.opt.vid, g_usb.opt.pid);
    if (g_in_rom) printf(",\"rom\":true");
    printf(",\"board\":\"%s\"}\n", g_profile.id);
    fflush(stdout);

    vb_hal_power_on();
    vb_fault_arm_power_cut();
    int jumped = setjmp(g_boot_point);
    if (jumped != 0) {
        after_reset(jumped == 2);
        g_in_rom = rom_runs_next();
    }
    vb_hal_set_boot_point(&g_boot_point);
    if (g_in_rom) {
        vb_rom_enter();
        fprintf(stderr, "piton-vboard: BOOT0 %s: the STM32F405 ROM bootloader (AN3155) serves on %s%s\n",
                g_boot0 ? "high" : "low", g_serial.slave_path, g_usb_enabled ? ", DfuSe on USB" : "");
        if (g_usb_enabled) dfu_connect();
    } else {
        reload_provisioning();
        enum pt_stage stage = pt_boot();
        if (g_opt.verbose)
            fprintf(stderr, "piton-vboard: booted into the %s (image state %d)\n",
                    stage == PT_STAGE_APPLICATION ? "application" : "bootloader", (int)pt_current_image_state());
        g_app_start_ms = pt_hal_millis();
        /* The agent confirms a trial image once the application is up and serving. */
        if (stage == PT_STAGE_APPLICATION && !g_opt.no_confirm && pt_current_image_state() == PT_IMAGE_TRIAL) {
            enum pt_status cs = pt_confirm();
            if (g_opt.verbose || cs != PT_OK)
                fprintf(stderr, "piton-vboard: agent: confirm of the trial image: status %d\n", (int)cs);
        }
        if (g_usb_enabled) { /* (re-)enumerate with the strings of the config just loaded */
            if (!vb_usb_set_dfu(&g_usb, false, err)) fprintf(stderr, "piton-vboard: %s\n", err);
            usb_connect();
        }
    }
    run();
    if (g_opt.stats && !g_opt.verbose) print_ops();

    if (g_opt.verbose) {
        fprintf(stderr, "piton-vboard: stopping after %u resets, %llu bytes received\n", vb_hal_reset_count(),
                g_rx_total);
        vb_flash_print_stats(stderr);
    }
    vb_serial_remove_link(&g_serial);
    vb_serial_close(&g_serial);
    vb_tcp_close(&g_tcp);
    if (g_usb_enabled) vb_usb_close(&g_usb);
    vb_flash_close();
    fflush(stdout);
    fflush(stderr);
    return 0;
}
