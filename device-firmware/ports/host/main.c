/*
 * piton-vboard: the virtual board. Runs the portable bootloader and update agent
 * (piton_device_core, device.h) in a Linux process, with the flash in a file, serial on a
 * pseudo-terminal, Ethernet on a TCP socket and USB as a FunctionFS gadget (vb_usb.h).
 *
 *   piton-vboard --board ID --flash FILE [--serial-link PATH] [--tcp HOST:PORT]
 *                [--usb-ffs MOUNTPOINT [--usb-vid-pid VID:PID] [--usb-manufacturer TEXT]
 *                 [--usb-product TEXT] [--usb-gadget NAME] [--usb-udc UDC]]
 *                [--trust-key PUBLIC.pem]... [--locked] [--boards-dir DIR]
 *                [--drop-link-after BYTES] [--verbose]
 *                [--power-cut-after N[,N...]] [--torn] [--seed S] [--flip-bits REGION:COUNT]...
 *                [--no-confirm] [--watchdog-ms MS] [--stats] [--session-timeout-ms MS]
 *
 * When the endpoints are up it prints one line of JSON to stdout, e.g.
 *   {"serial":"/dev/pts/5","tcp":"127.0.0.1:40123","usb":"1209:0001","board":"stm32f4-ref"}
 * Diagnostics go to stderr. SIGTERM/SIGINT: flush the flash file and exit 0.
 * Exit status: 0 normal stop, 2 usage error, 1 any other start-up error.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "piton/device.h"
#include "vb_endpoint.h"
#include "vb_flash.h"
#include "vb_hal.h"
#include "vb_profile.h"
#include "vb_provision.h"
#include "vb_usb.h"
#ifdef PITON_VBOARD_HAS_CORE
#include "config_store.h"
#endif

/* State lives in statics: it must survive the longjmp of a reset. */
static vb_profile g_profile;
static vb_serial g_serial;
static vb_tcp g_tcp;
static bool g_tcp_enabled;
static vb_usb g_usb;
static bool g_usb_enabled;
static bool g_verbose;
static long long g_drop_after = -1;   /* bytes; -1 = no fault injection */
static unsigned long long g_rx_total; /* bytes received over every link since start */
static jmp_buf g_boot_point;
/* Fault injection. */
#define MAX_CUTS 64
static unsigned long long g_cuts[MAX_CUTS]; /* --power-cut-after values, each counted from the previous cut */
static unsigned g_cut_count, g_cut_next;
static bool g_torn;
static uint64_t g_rng = 1;
static bool g_no_confirm;
static unsigned long g_watchdog_ms = 500;
static unsigned long g_session_timeout_ms; /* 0: the core's default */
static bool g_stats;
static uint32_t g_app_start_ms;        /* pt_hal_millis() when the application stage started */
static volatile sig_atomic_t g_stats_requested;
static unsigned g_power_cuts;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: piton-vboard --board ID --flash FILE [--serial-link PATH] [--tcp HOST:PORT]\n"
            "                    [--usb-ffs MOUNTPOINT [--usb-vid-pid VID:PID] [--usb-manufacturer TEXT]\n"
            "                     [--usb-product TEXT] [--usb-gadget NAME] [--usb-udc UDC]]\n"
            "                    [--trust-key PUBLIC.pem]... [--locked] [--boards-dir DIR]\n"
            "                    [--drop-link-after BYTES] [--verbose]\n"
            "                    [--power-cut-after N[,N...]] [--torn] [--seed S] [--flip-bits REGION:COUNT]...\n"
            "                    [--no-confirm] [--watchdog-ms MS] [--stats] [--session-timeout-ms MS]\n"
            "\n"
            "  --board ID              board profile ID.json (from --boards-dir, $PITON_BOARDS_DIR,\n"
            "                          ../share/piton/boards next to this program, or the source tree)\n"
            "  --flash FILE            flash contents; created in factory state if missing\n"
            "  --serial-link PATH      symlink to the pseudo-terminal slave (serial link)\n"
            "  --tcp HOST:PORT         listen for the workstation (port 0 = ephemeral)\n"
            "  --usb-ffs MOUNTPOINT    be a USB device through FunctionFS mounted there; without an ep0 there\n"
            "                          yet, build the gadget in configfs ($PITON_CONFIGFS or /sys/kernel/config),\n"
            "                          mount FunctionFS and bind to the UDC (docs/usb.md)\n"
            "  --usb-vid-pid VID:PID   USB ids in hex (default 1209:0001, the pid.codes test PID)\n"
            "  --usb-manufacturer TEXT USB manufacturer string (default \"Piton\")\n"
            "  --usb-product TEXT      USB product string when the config has no usb.product entry\n"
            "                          (default \"Piton virtual board\"); the serial string is the config's serial\n"
            "  --usb-gadget NAME       configfs gadget and FunctionFS instance name (default \"piton\")\n"
            "  --usb-udc UDC           USB device controller to bind to (default: the first in /sys/class/udc)\n"
            "  --trust-key PUBLIC.pem  trusted ECDSA P-256 key (up to 2); provisions a new flash file,\n"
            "                          or re-provisions an existing one\n"
            "  --locked                provision as a locked (production) board\n"
            "  --drop-link-after BYTES drop the link once after BYTES received in total (fault injection;\n"
            "                          USB: unbind from the UDC for 500 ms, the host sees an unplug)\n"
            "  --verbose               notes on resets and links; flash counters at exit\n"
            "  --power-cut-after N[,N...]  lose power after N flash operations (program/erase), counted\n"
            "                          from start, then each further value from the previous cut\n"
            "  --torn                  the interrupted operation is torn (partly programmed / erased)\n"
            "  --seed S                seed of the fault randomness (default 1)\n"
            "  --flip-bits REGION:COUNT  flip COUNT random bits in the used part of REGION at start-up\n"
            "  --no-confirm            the application never confirms a trial image; the watchdog\n"
            "                          resets the board --watchdog-ms after it starts unconfirmed\n"
            "  --watchdog-ms MS        watchdog period for --no-confirm (default 500)\n"
            "  --stats                 print flash operation counts on SIGUSR1 and at exit (stderr)\n"
            "  --session-timeout-ms MS a session that sent nothing for MS releases the board\n"
            "                          (default 10000; docs/protocol.md section 5)\n");
}

static void on_signal(int sig)
{
    (void)sig;
    vb_stop_requested = 1;
}

static void on_usr1(int sig)
{
    (void)sig;
    g_stats_requested = 1;
}

static void print_ops(void)
{
    const vb_flash_stats *st = vb_flash_stats_get();
    fprintf(stderr, "piton-vboard: flash operations: %llu (programs %llu, erases %llu), power cuts %u\n",
            (unsigned long long)st->write_ops, (unsigned long long)st->program_ops,
            (unsigned long long)st->erase_ops, g_power_cuts);
    fflush(stderr);
}

static void power_loss(void *ctx);

/* Arms the next --power-cut-after value, if any. */
static void arm_power_cut(void)
{
    if (g_cut_next < g_cut_count)
        vb_flash_set_power_cut(g_cuts[g_cut_next++], g_torn, &g_rng, power_loss, NULL);
    else
        vb_flash_set_power_cut(0, false, NULL, NULL, NULL);
}

/* The planned power cut happened (inside a flash operation): restart as after power-on. */
static void power_loss(void *ctx)
{
    (void)ctx;
    g_power_cuts++;
    fprintf(stderr, "piton-vboard: fault injection: power cut after %llu flash operations%s\n",
            (unsigned long long)vb_flash_stats_get()->write_ops, g_torn ? " (torn)" : "");
    longjmp(g_boot_point, 2);
}

static bool parse_cuts(const char *arg)
{
    const char *p = arg;
    g_cut_count = 0;
    for (;;) {
        char *end = NULL;
        errno = 0;
        if (*p < '0' || *p > '9') return false;
        unsigned long long v = strtoull(p, &end, 10);
        if (errno || end == p || g_cut_count == MAX_CUTS) return false;
        g_cuts[g_cut_count++] = v;
        if (*end == '\0') return true;
        if (*end != ',') return false;
        p = end + 1;
    }
}

/* A period option of 1..3600000 ms; false after saying what is wrong. */
static bool parse_period_ms(const char *option, const char *arg, unsigned long *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(arg, &end, 10);
    if (errno || *end || end == arg || arg[0] == '-' || v == 0 || v > 3600000ul) {
        fprintf(stderr, "piton-vboard: %s \"%s\" is not a period of 1..3600000 ms\n", option, arg);
        return false;
    }
    *out = v;
    return true;
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
        arm_power_cut();
    }
    pt_retained *r = pt_hal_retained();
    if (r->magic != PT_RETAINED_MAGIC) {
        memset(r, 0, sizeof *r);
        r->magic = PT_RETAINED_MAGIC;
    }
    r->boot_count++;
    if (g_tcp_enabled)
        vb_tcp_drop_all(&g_tcp);
    if (g_usb_enabled) {
        /* The response before the reset (REBOOT, UPDATE_COMMIT) has left ep2, but under dummy_hcd
         * the host may not have reaped it yet; a real board's reset takes this long anyway. */
        usleep(VB_USB_RESET_GRACE_MS * 1000u);
        vb_usb_disconnect(&g_usb); /* re-enumerates after pt_boot() */
    }
    vb_serial_drain_input(&g_serial);
    pt_link_init(&g_serial.link);
    if (g_verbose)
        fprintf(stderr, "piton-vboard: reset (boot count %u, request %u)\n", (unsigned)r->boot_count,
                (unsigned)r->request);
}

enum link_kind { LINK_SERIAL, LINK_TCP, LINK_USB };

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
    else if (g_verbose) fprintf(stderr, "piton-vboard: usb: connected to %s as \"%s\", serial \"%s\"\n", g_usb.udc, product, serial);
}

static void drop_link(enum link_kind kind, pt_link *link, long long at)
{
    char err[VB_ERROR_MAX];
    if (kind == LINK_USB) {
        vb_usb_disconnect(&g_usb);
        fprintf(stderr, "piton-vboard: fault injection: unplugged USB after %lld bytes\n", at);
        usleep(500000);
        usb_connect();
        return;
    }
    if (kind == LINK_SERIAL) {
        if (!vb_serial_reopen(&g_serial, err)) die(err);
        fprintf(stderr, "piton-vboard: fault injection: dropped the serial link after %lld bytes; new pty %s\n",
                at, g_serial.slave_path);
    } else {
        vb_tcp_client *c = link->port_ctx;
        vb_tcp_drop_client(c);
        fprintf(stderr, "piton-vboard: fault injection: dropped the TCP client after %lld bytes\n", at);
    }
}

/* Hands received bytes to the core, applying --drop-link-after. May not return (reset). */
static void feed(enum link_kind kind, pt_link *link, const uint8_t *data, size_t n)
{
    unsigned long long before = g_rx_total;
    g_rx_total += n;
    if (g_drop_after >= 0 && g_rx_total >= (unsigned long long)g_drop_after) {
        size_t take = (size_t)((unsigned long long)g_drop_after - before);
        long long at = g_drop_after;
        g_drop_after = -1; /* once */
        if (take > 0) pt_link_receive(link, data, take);
        drop_link(kind, link, at);
        return;
    }
    pt_link_receive(link, data, n);
}

static void run(void)
{
    static uint8_t buf[4096];
    while (!vb_stop_requested) {
        struct pollfd fds[4 + VB_TCP_CLIENTS];
        int nfds = 0, i_serial = -1, i_listen = -1, i_usb_ev = -1, i_usb_data = -1;
        int i_client[VB_TCP_CLIENTS];
        if (g_usb_enabled) {
            i_usb_ev = nfds;
            fds[nfds++] = (struct pollfd){.fd = vb_usb_event_fd(&g_usb), .events = POLLIN};
            i_usb_data = nfds;
            fds[nfds++] = (struct pollfd){.fd = vb_usb_data_fd(&g_usb), .events = POLLIN};
        }
        if (g_serial.master_fd >= 0) {
            i_serial = nfds;
            fds[nfds++] = (struct pollfd){.fd = g_serial.master_fd, .events = POLLIN};
        }
        if (g_tcp_enabled && g_tcp.listen_fd >= 0) {
            i_listen = nfds;
            fds[nfds++] = (struct pollfd){.fd = g_tcp.listen_fd, .events = POLLIN};
        }
        for (unsigned k = 0; k < VB_TCP_CLIENTS; k++) {
            i_client[k] = -1;
            if (g_tcp_enabled && g_tcp.clients[k].fd >= 0) {
                i_client[k] = nfds;
                fds[nfds++] = (struct pollfd){.fd = g_tcp.clients[k].fd, .events = POLLIN};
            }
        }
        int timeout = 250;
        if (g_stats_requested) {
            g_stats_requested = 0;
            print_ops();
        }
        if (g_no_confirm && pt_current_stage() == PT_STAGE_APPLICATION &&
            pt_current_image_state() == PT_IMAGE_TRIAL) {
            uint32_t up = pt_hal_millis() - g_app_start_ms;
            if (up >= g_watchdog_ms) {
                fprintf(stderr, "piton-vboard: watchdog: trial application not confirmed after %u ms; reset\n",
                        (unsigned)up);
                pt_hal_reset();
            }
            if (g_watchdog_ms - up < (uint32_t)timeout) timeout = (int)(g_watchdog_ms - up);
        }
        int r = poll(fds, (nfds_t)nfds, timeout);
        if (r < 0 && errno != EINTR) {
            fprintf(stderr, "piton-vboard: poll failed: %s\n", strerror(errno));
            return;
        }
        /* Partial frames time out even when nothing more arrives (device.h). */
        pt_link_poll(&g_serial.link);
        if (g_tcp_enabled)
            for (unsigned k = 0; k < VB_TCP_CLIENTS; k++)
                pt_link_poll(&g_tcp.clients[k].link);
        if (g_usb_enabled) pt_link_poll(&g_usb.link);
        if (r <= 0) continue;
        if (i_usb_ev >= 0 && (fds[i_usb_ev].revents & POLLIN)) vb_usb_handle_events(&g_usb, g_verbose);
        if (i_usb_data >= 0 && (fds[i_usb_data].revents & POLLIN)) {
            size_t n = vb_usb_read(&g_usb, buf, sizeof buf);
            if (n > 0) feed(LINK_USB, &g_usb.link, buf, n);
        }
        if (i_serial >= 0 && (fds[i_serial].revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t n = read(g_serial.master_fd, buf, sizeof buf);
            if (n > 0) {
                feed(LINK_SERIAL, &g_serial.link, buf, (size_t)n);
            } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
                char err[VB_ERROR_MAX];
                fprintf(stderr, "piton-vboard: serial read failed (%s); opening a new pty\n", strerror(errno));
                if (!vb_serial_reopen(&g_serial, err)) die(err);
            }
        }
        if (i_listen >= 0 && (fds[i_listen].revents & POLLIN)) {
            vb_tcp_client *c = vb_tcp_accept(&g_tcp);
            if (g_verbose && c) fprintf(stderr, "piton-vboard: %s: client connected\n", c->name);
            continue; /* the client fds may have changed: poll again */
        }
        for (unsigned k = 0; k < VB_TCP_CLIENTS; k++) {
            vb_tcp_client *c = &g_tcp.clients[k];
            if (i_client[k] < 0 || c->fd != fds[i_client[k]].fd || !(fds[i_client[k]].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            ssize_t n = recv(c->fd, buf, sizeof buf, 0);
            if (n > 0) {
                feed(LINK_TCP, &c->link, buf, (size_t)n);
            } else if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
                if (g_verbose) fprintf(stderr, "piton-vboard: %s: client disconnected\n", c->name);
                vb_tcp_drop_client(c);
            }
        }
        if (g_tcp_enabled) vb_tcp_service(&g_tcp);
    }
}

int main(int argc, char **argv)
{
    const char *board = NULL, *flash_path = NULL, *serial_link = NULL, *tcp = NULL, *boards_dir = NULL;
    vb_usb_options usb_opt;
    memset(&usb_opt, 0, sizeof usb_opt);
    const char *usb_vid_pid = NULL;
    const char *keys[PT_MAX_TRUSTED_KEYS];
    unsigned key_count = 0;
    bool locked = false;
    enum { O_BOARD = 1, O_FLASH, O_SERIAL, O_TCP, O_KEY, O_LOCKED, O_BOARDS, O_DROP, O_VERBOSE, O_HELP,
           O_CUT, O_TORN, O_SEED, O_FLIP, O_NOCONFIRM, O_WATCHDOG, O_STATS, O_SESSION_TIMEOUT,
           O_USB_FFS, O_USB_IDS, O_USB_MANUFACTURER, O_USB_PRODUCT, O_USB_GADGET, O_USB_UDC };
    const char *flips[PT_MAX_REGIONS];
    unsigned flip_count = 0;
    static const struct option opts[] = {
        {"board", required_argument, NULL, O_BOARD},
        {"flash", required_argument, NULL, O_FLASH},
        {"serial-link", required_argument, NULL, O_SERIAL},
        {"tcp", required_argument, NULL, O_TCP},
        {"trust-key", required_argument, NULL, O_KEY},
        {"locked", no_argument, NULL, O_LOCKED},
        {"boards-dir", required_argument, NULL, O_BOARDS},
        {"drop-link-after", required_argument, NULL, O_DROP},
        {"verbose", no_argument, NULL, O_VERBOSE},
        {"help", no_argument, NULL, O_HELP},
        {"power-cut-after", required_argument, NULL, O_CUT},
        {"torn", no_argument, NULL, O_TORN},
        {"seed", required_argument, NULL, O_SEED},
        {"flip-bits", required_argument, NULL, O_FLIP},
        {"no-confirm", no_argument, NULL, O_NOCONFIRM},
        {"watchdog-ms", required_argument, NULL, O_WATCHDOG},
        {"session-timeout-ms", required_argument, NULL, O_SESSION_TIMEOUT},
        {"stats", no_argument, NULL, O_STATS},
        {"usb-ffs", required_argument, NULL, O_USB_FFS},
        {"usb-vid-pid", required_argument, NULL, O_USB_IDS},
        {"usb-manufacturer", required_argument, NULL, O_USB_MANUFACTURER},
        {"usb-product", required_argument, NULL, O_USB_PRODUCT},
        {"usb-gadget", required_argument, NULL, O_USB_GADGET},
        {"usb-udc", required_argument, NULL, O_USB_UDC},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_BOARD: board = optarg; break;
        case O_FLASH: flash_path = optarg; break;
        case O_SERIAL: serial_link = optarg; break;
        case O_TCP: tcp = optarg; break;
        case O_KEY:
            if (key_count == PT_MAX_TRUSTED_KEYS) {
                fprintf(stderr, "piton-vboard: at most %u --trust-key options\n", (unsigned)PT_MAX_TRUSTED_KEYS);
                return 2;
            }
            keys[key_count++] = optarg;
            break;
        case O_LOCKED: locked = true; break;
        case O_BOARDS: boards_dir = optarg; break;
        case O_DROP: {
            char *end = NULL;
            errno = 0;
            long long v = strtoll(optarg, &end, 10);
            if (errno || *end || end == optarg || v < 0) {
                fprintf(stderr, "piton-vboard: --drop-link-after \"%s\" is not a byte count\n", optarg);
                return 2;
            }
            g_drop_after = v;
            break;
        }
        case O_VERBOSE: g_verbose = true; break;
        case O_CUT:
            if (!parse_cuts(optarg)) {
                fprintf(stderr, "piton-vboard: --power-cut-after \"%s\" is not a list of operation counts (N or N1,N2,...)\n", optarg);
                return 2;
            }
            break;
        case O_TORN: g_torn = true; break;
        case O_SEED: {
            char *end = NULL;
            errno = 0;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (errno || *end || end == optarg || optarg[0] == '-') {
                fprintf(stderr, "piton-vboard: --seed \"%s\" is not a number\n", optarg);
                return 2;
            }
            g_rng = v ? v : 0x9E3779B97F4A7C15ull;
            break;
        }
        case O_FLIP: {
            const char *colon = strchr(optarg, ':');
            char *end = NULL;
            unsigned long v = colon ? strtoul(colon + 1, &end, 10) : 0;
            if (!colon || colon == optarg || !end || *end || end == colon + 1 || colon[1] == '-' || v == 0 ||
                flip_count == PT_MAX_REGIONS) {
                fprintf(stderr, "piton-vboard: --flip-bits \"%s\" is not REGION:COUNT (e.g. update:8)\n", optarg);
                return 2;
            }
            flips[flip_count++] = optarg;
            break;
        }
        case O_NOCONFIRM: g_no_confirm = true; break;
        case O_WATCHDOG:
            if (!parse_period_ms("--watchdog-ms", optarg, &g_watchdog_ms)) return 2;
            break;
        case O_SESSION_TIMEOUT:
            if (!parse_period_ms("--session-timeout-ms", optarg, &g_session_timeout_ms)) return 2;
            break;
        case O_STATS: g_stats = true; break;
        case O_HELP: usage(stdout); return 0;
        case O_USB_FFS: usb_opt.mount = optarg; break;
        case O_USB_IDS: usb_vid_pid = optarg; break;
        case O_USB_MANUFACTURER: usb_opt.manufacturer = optarg; break;
        case O_USB_PRODUCT: usb_opt.product = optarg; break;
        case O_USB_GADGET: usb_opt.name = optarg; break;
        case O_USB_UDC: usb_opt.udc = optarg; break;
        default: usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "piton-vboard: unexpected argument \"%s\"\n", argv[optind]);
        usage(stderr);
        return 2;
    }
    if (!board || !flash_path) {
        fprintf(stderr, "piton-vboard: --board and --flash are required\n");
        usage(stderr);
        return 2;
    }

    char err[VB_ERROR_MAX];
    if (!usb_opt.mount && (usb_vid_pid || usb_opt.manufacturer || usb_opt.product || usb_opt.name || usb_opt.udc)) {
        fprintf(stderr, "piton-vboard: the --usb-* options need --usb-ffs MOUNTPOINT\n");
        return 2;
    }
    if (usb_vid_pid && !vb_usb_parse_vid_pid(usb_vid_pid, &usb_opt.vid, &usb_opt.pid, err)) {
        fprintf(stderr, "piton-vboard: %s\n", err);
        return 2;
    }
    const char *too_long = usb_opt.manufacturer && strlen(usb_opt.manufacturer) > VB_USB_STRING_MAX ? "--usb-manufacturer"
                           : usb_opt.product && strlen(usb_opt.product) > VB_USB_STRING_MAX       ? "--usb-product"
                                                                                                   : NULL;
    if (too_long) {
        fprintf(stderr, "piton-vboard: %s: at most %u characters\n", too_long, (unsigned)VB_USB_STRING_MAX);
        return 2;
    }
    if (usb_opt.name && (!*usb_opt.name || strchr(usb_opt.name, '/') || strchr(usb_opt.name, '.'))) {
        fprintf(stderr, "piton-vboard: --usb-gadget \"%s\": a name without '/' or '.'\n", usb_opt.name);
        return 2;
    }
    char profile_path[4096];
    /* This program's own file, also when it was started by bare name from $PATH (argv[0] is then
     * "piton-vboard"): Linux's /proc/self/exe, argv[0] elsewhere. */
    const char *self = access("/proc/self/exe", F_OK) == 0 ? "/proc/self/exe" : argv[0];
    if (!vb_profile_find(board, boards_dir, self, profile_path, sizeof profile_path, err)) die(err);
    if (!vb_profile_load(profile_path, board, &g_profile, err)) die(err);
    if (g_verbose) fprintf(stderr, "piton-vboard: board profile %s\n", profile_path);

    vb_provision pv;
    memset(&pv, 0, sizeof pv);
    for (unsigned k = 0; k < key_count; ++k)
        if (!vb_provision_load_key(keys[k], &pv.keys[k], err)) die(err);
    pv.key_count = (uint8_t)key_count;
    pv.locked = locked;
    snprintf(pv.board_id, sizeof pv.board_id, "%s", g_profile.id);
    pv.unique_id_len = g_profile.unique_id_len;

    bool created = false;
    if (!vb_flash_open(flash_path, &g_profile, &created, err)) die(err);
    if (created) {
        if (!vb_provision_random_id(pv.unique_id, pv.unique_id_len, err) ||
            !vb_provision_factory(&g_profile, &pv, err)) {
            vb_flash_close();
            unlink(flash_path);
            die(err);
        }
        fprintf(stderr, "piton-vboard: created factory-fresh flash %s (%" PRIu64 " bytes, %s, %u trusted keys)\n",
                flash_path, g_profile.total_size, pv.locked ? "locked" : "unlocked", (unsigned)pv.key_count);
    } else {
        vb_provision old;
        char why[VB_ERROR_MAX];
        bool old_ok = vb_provision_read(&g_profile, &old, why);
        if (old_ok && strcmp(old.board_id, g_profile.id) != 0) {
            snprintf(err, sizeof err, "flash file %s was provisioned for board '%s', not '%s'", flash_path,
                     old.board_id, g_profile.id);
            die(err);
        }
        if (key_count > 0) {
            if (old_ok && old.unique_id_len == pv.unique_id_len) {
                memcpy(pv.unique_id, old.unique_id, pv.unique_id_len);
            } else if (!vb_provision_random_id(pv.unique_id, pv.unique_id_len, err)) {
                die(err);
            }
            if (!vb_provision_write(&g_profile, &pv, err)) die(err);
            fprintf(stderr, "piton-vboard: re-provisioned %s (%s, %u trusted keys)\n", flash_path,
                    pv.locked ? "locked" : "unlocked", (unsigned)pv.key_count);
        } else if (!old_ok) {
            fprintf(stderr, "piton-vboard: flash file %s has no valid provisioning block (%s); pass --trust-key to re-provision it\n",
                    flash_path, why);
            return 1;
        } else {
            if (locked && !old.locked)
                fprintf(stderr, "piton-vboard: note: --locked only applies when provisioning (with --trust-key)\n");
            pv = old;
        }
    }
    vb_hal_set_board(&g_profile, &pv);
    vb_hal_set_session_timeout((uint32_t)g_session_timeout_ms);
    vb_flash_reset_counters();
    for (unsigned k = 0; k < flip_count; ++k) {
        const char *colon = strchr(flips[k], ':');
        size_t nl = (size_t)(colon - flips[k]);
        const pt_region *reg = NULL;
        for (uint8_t i = 0; i < g_profile.region_count; ++i)
            if (strlen(g_profile.regions[i].name) == nl && strncmp(g_profile.regions[i].name, flips[k], nl) == 0)
                reg = &g_profile.regions[i];
        if (!reg) {
            fprintf(stderr, "piton-vboard: --flip-bits: board '%s' has no region \"%.*s\"\n", g_profile.id, (int)nl,
                    flips[k]);
            vb_flash_close();
            return 2;
        }
        uint32_t n = vb_flash_flip_bits(reg->address, reg->size, (uint32_t)strtoul(colon + 1, NULL, 10), &g_rng);
        fprintf(stderr, "piton-vboard: fault injection: flipped %u bits in region %s\n", (unsigned)n, reg->name);
    }

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    if (!vb_serial_open(&g_serial, serial_link, err)) die(err);
    if (tcp) {
        if (!vb_tcp_open(&g_tcp, tcp, err)) {
            vb_serial_remove_link(&g_serial);
            die(err);
        }
        g_tcp_enabled = true;
    } else {
        g_tcp.listen_fd = -1;
        for (unsigned k = 0; k < VB_TCP_CLIENTS; k++) g_tcp.clients[k].fd = -1;
    }
    if (usb_opt.mount) {
        if (!vb_usb_open(&g_usb, &usb_opt, err)) {
            vb_serial_remove_link(&g_serial);
            vb_tcp_close(&g_tcp);
            die(err);
        }
        g_usb_enabled = true;
    }

    printf("{\"serial\":\"%s\"", g_serial.slave_path);
    if (g_tcp_enabled) printf(",\"tcp\":\"%s\"", g_tcp.bound);
    if (g_usb_enabled) printf(",\"usb\":\"%04x:%04x\"", g_usb.opt.vid, g_usb.opt.pid);
    printf(",\"board\":\"%s\"}\n", g_profile.id);
    fflush(stdout);

    vb_hal_power_on();
    arm_power_cut();
    int jumped = setjmp(g_boot_point);
    if (jumped != 0) after_reset(jumped == 2);
    vb_hal_set_boot_point(&g_boot_point);
    enum pt_stage stage = pt_boot();
    if (g_verbose)
        fprintf(stderr, "piton-vboard: booted into the %s (image state %d)\n",
                stage == PT_STAGE_APPLICATION ? "application" : "bootloader", (int)pt_current_image_state());
    g_app_start_ms = pt_hal_millis();
    /* The agent confirms a trial image once the application is up and serving. */
    if (stage == PT_STAGE_APPLICATION && !g_no_confirm && pt_current_image_state() == PT_IMAGE_TRIAL) {
        enum pt_status cs = pt_confirm();
        if (g_verbose || cs != PT_OK)
            fprintf(stderr, "piton-vboard: agent: confirm of the trial image: status %d\n", (int)cs);
    }
    if (g_usb_enabled) usb_connect(); /* (re-)enumerate with the strings of the config just loaded */
    run();
    if (g_stats && !g_verbose) print_ops();

    if (g_verbose) {
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
