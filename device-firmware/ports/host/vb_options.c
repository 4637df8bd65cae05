/* piton-vboard: command line parsing. See vb_options.h. */
#include "vb_options.h"

#include "vb_error.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

void vb_options_usage(FILE *f)
{
    fprintf(f,
            "usage: piton-vboard --board ID --flash FILE [--serial-link PATH] [--tcp HOST:PORT]\n"
            "                    [--usb-ffs MOUNTPOINT [--usb-vid-pid VID:PID] [--usb-manufacturer TEXT]\n"
            "                     [--usb-product TEXT] [--usb-gadget NAME] [--usb-udc UDC]]\n"
            "                    [--trust-key PUBLIC.pem]... [--product-key PRIVATE.pem] [--locked]\n"
            "                    [--trust-access-key PUBLIC.pem]... [--no-access-key] [--new-identity]\n"
            "                    [--boards-dir DIR]\n"
            "                    [--drop-link-after BYTES] [--lose-rx EVERY] [--lose-tx N] [--clock-step MS]\n"
            "                    [--drop-reply CMD[:N]] [--drop-request CMD[:N]]\n"
            "                    [--verbose]\n"
            "                    [--power-cut-after N[,N...]] [--torn] [--seed S] [--flip-bits REGION:COUNT]...\n"
            "                    [--no-confirm] [--watchdog-ms MS] [--stats] [--session-timeout-ms MS]\n"
            "                    [--rom-loader] [--rom-fault KIND:N] [--blank] [--baud N] [--adapter-latency-ms MS]\n"
            "                    [--flash-timing] [--rx-buffer BYTES]\n"
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
            "  --product-key PRIVATE.pem  the product key (EC P-256 private key) encrypted packages are\n"
            "                          wrapped to; provisions like --trust-key (kept when re-provisioning without it)\n"
            "  --locked                provision as a locked (production) board\n");
    fprintf(f,
            "  --trust-access-key PUBLIC.pem  access key (ECDSA P-256, up to 2) whose credentials the board\n"
            "                          accepts (docs/security.md, access policy); applies when provisioning\n"
            "                          (with --trust-key). Default: the development access key of the source\n"
            "                          tree (resources/dev-access; credential resources/dev-access/dev-factory.ptcred)\n"
            "  --no-access-key         provision without any access key: the board grants no session, so\n"
            "                          over TCP it is read-only; not with --locked (a locked board refuses every\n"
            "                          change without a session, so it needs an access key)\n"
            "  --new-identity          re-provisioning generates a new identity key (else the board keeps its own)\n"
            "  --drop-link-after BYTES drop the link once after BYTES received in total (fault injection;\n"
            "                          USB: unbind from the UDC for 500 ms, the host sees an unplug)\n"
            "  --drop-reply CMD[:N]    lose the N-th (default 1st) response to command CMD (number, e.g. 0x33\n"
            "                          for UPDATE_COMMIT): the board acts on the request, its answer is lost\n"
            "  --drop-request CMD[:N]  lose the N-th (default 1st) request CMD on its way in: the board never\n"
            "                          sees it (fault injection; counted over all links)\n"
            "  --verbose               notes on resets and links; flash counters at exit\n"
            "  --power-cut-after N[,N...]  lose power after N flash operations (program/erase), counted\n"
            "                          from start, then each further value from the previous cut\n"
            "  --torn                  the interrupted operation is torn (partly programmed / erased)\n"
            "  --seed S                seed of the fault randomness (default 1)\n"
            "  --flip-bits REGION:COUNT  flip COUNT random bits in the used part of REGION at start-up\n"
            "  --no-confirm            the application never confirms a trial image; the watchdog\n"
            "                          resets the board --watchdog-ms after it starts unconfirmed\n"
            "  --watchdog-ms MS        watchdog period for --no-confirm (default 500)\n"
            "  --stats                 print flash operation counts (and the ROM's Read Memory commands answered)\n"
            "                          on SIGUSR1 and at exit (stderr)\n"
            "  --session-timeout-ms MS a session that sent nothing for MS releases the board\n"
            "                          (default 10000; docs/protocol.md section 5)\n"
            "  --rom-loader            BOOT0 high at power-on: the emulated STM32F405 ROM bootloader (AN3155)\n"
            "                          serves on the pty; SIGUSR2 toggles BOOT0, SIGHUP presses reset\n"
            "                          (docs/rom-loader.md)\n"
            "  --rom-fault KIND:N      the emulated ROM fails its first N Read Memory commands (fault injection;\n"
            "                          N 1..1000): read-nack answers NACK to the address, read-drop drops the\n"
            "                          command after its ACK as 2 s of silence would, so the address bytes\n"
            "                          are taken as commands (NACKs and a byte left pending);\n"
            "                          read-nack-after answers the first N and NACKs every later one;\n"
            "                          read-change-after answers the first N true and every later one (until\n"
            "                          an erase) with its first byte inverted, the flash unchanged\n"
            "  --blank                 a missing flash file is created erased: no bootloader, not provisioned\n"
            "                          (a new chip; the ROM bootloader serves; needs a board with a ROM)\n"
            "  --baud N                the pty delivers bytes at a UART's rate: N/10 bytes/s for Piton's\n"
            "                          protocol (8N1), N/11 for the ROM bootloader (8E1); default: memory speed\n"
            "  --adapter-latency-ms MS a USB-serial adapter's latency, added per direction (0..1000, default 0)\n");
    fprintf(f,
            "  --flash-timing          erase and program take the board profile's datasheet times; with --baud\n"
            "                          the serial line fills the profile's receive buffer meanwhile and bytes\n"
            "                          beyond it are lost (docs/performance.md)\n"
            "  --rx-buffer BYTES       receive buffer of the paced serial line (default: the profile's with\n"
            "                          --flash-timing, else unbounded; 0 = unbounded)\n"
            "  --lose-rx EVERY         lose the last 16 of every EVERY bytes received on the serial, TCP and\n"
            "                          USB links, as line noise would (fault injection; EVERY >= 64)\n"
            "  --lose-tx N             lose every N-th frame the board sends on those links (N >= 2)\n"
            "  --clock-step MS         each SIGRTMIN advances the board's millisecond clock by MS at once (tests:\n"
            "                          session timeouts and the trial watchdog without waiting)\n");
    fprintf(f,
            "  --root-key PUBLIC.pem   root ECDSA P-256 key (up to 2, repeat the option), provisioned with\n"
            "                          --trust-key: its packages may raise the security counter by more than\n"
            "                          PT_SECURITY_COUNTER_MAX_STEP (16)\n");
}

static bool parse_cuts(const char *arg, vb_options *o)
{
    const char *p = arg;
    o->cut_count = 0;
    for (;;) {
        char *end = NULL;
        errno = 0;
        if (*p < '0' || *p > '9') return false;
        unsigned long long v = strtoull(p, &end, 10);
        if (errno || end == p || o->cut_count == VB_MAX_CUTS) return false;
        o->cuts[o->cut_count++] = v;
        if (*end == '\0') return true;
        if (*end != ',') return false;
        p = end + 1;
    }
}

/* --drop-reply / --drop-request CMD[:N]: CMD 0..255 (0x.. or decimal), N 1..100000000 (default 1);
 * false after saying what is wrong. */
static bool parse_drop_frame(const char *option, const char *arg, int *cmd, unsigned long *nth)
{
    char *end = NULL;
    errno = 0;
    unsigned long c = strtoul(arg, &end, 0);
    unsigned long n = 1;
    bool ok = !errno && end != arg && arg[0] != '-' && c <= 255u;
    if (ok && *end == ':') {
        const char *p = end + 1;
        n = strtoul(p, &end, 10);
        ok = !errno && end != p && *p != '-' && n >= 1u && n <= 100000000ul;
    }
    if (!ok || *end) {
        fprintf(stderr, "piton-vboard: %s \"%s\" is not CMD[:N] (a command number 0..255, e.g. 0x33, and which of\n"
                        "its frames, 1..100000000)\n", option, arg);
        return false;
    }
    *cmd = (int)c;
    *nth = n;
    return true;
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

int vb_options_parse(int argc, char **argv, vb_options *o)
{
    memset(o, 0, sizeof *o);
    o->drop_after = -1;
    o->seed = 1;
    o->watchdog_ms = 500;
    o->rx_buffer = -1;
    o->drop_reply_cmd = o->drop_request_cmd = -1;
    const char *usb_vid_pid = NULL;
    enum { O_BOARD = 1, O_FLASH, O_SERIAL, O_TCP, O_KEY, O_LOCKED, O_BOARDS, O_DROP, O_VERBOSE, O_HELP,
           O_CUT, O_TORN, O_SEED, O_FLIP, O_NOCONFIRM, O_WATCHDOG, O_STATS, O_SESSION_TIMEOUT,
           O_USB_FFS, O_USB_IDS, O_USB_MANUFACTURER, O_USB_PRODUCT, O_USB_GADGET, O_USB_UDC, O_ROM, O_BLANK, O_BAUD, O_LATENCY, O_FLASH_TIMING, O_RX_BUFFER,
           O_LOSE_RX, O_LOSE_TX, O_CLOCK_STEP, O_ACCESS_KEY, O_ROOT_KEY, O_PRODUCT_KEY, O_NO_ACCESS_KEY, O_NEW_IDENTITY,
           O_ROM_FAULT, O_DROP_REPLY, O_DROP_REQUEST };
    static const struct option opts[] = {
        {"board", required_argument, NULL, O_BOARD},
        {"flash", required_argument, NULL, O_FLASH},
        {"serial-link", required_argument, NULL, O_SERIAL},
        {"tcp", required_argument, NULL, O_TCP},
        {"trust-key", required_argument, NULL, O_KEY},
        {"product-key", required_argument, NULL, O_PRODUCT_KEY},
        {"root-key", required_argument, NULL, O_ROOT_KEY},
        {"locked", no_argument, NULL, O_LOCKED},
        {"trust-access-key", required_argument, NULL, O_ACCESS_KEY},
        {"no-access-key", no_argument, NULL, O_NO_ACCESS_KEY},
        {"new-identity", no_argument, NULL, O_NEW_IDENTITY},
        {"boards-dir", required_argument, NULL, O_BOARDS},
        {"drop-link-after", required_argument, NULL, O_DROP},
        {"lose-rx", required_argument, NULL, O_LOSE_RX},
        {"lose-tx", required_argument, NULL, O_LOSE_TX},
        {"drop-reply", required_argument, NULL, O_DROP_REPLY},
        {"drop-request", required_argument, NULL, O_DROP_REQUEST},
        {"clock-step", required_argument, NULL, O_CLOCK_STEP},
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
        {"rom-loader", no_argument, NULL, O_ROM},
        {"rom-fault", required_argument, NULL, O_ROM_FAULT},
        {"blank", no_argument, NULL, O_BLANK},
        {"baud", required_argument, NULL, O_BAUD},
        {"adapter-latency-ms", required_argument, NULL, O_LATENCY},
        {"flash-timing", no_argument, NULL, O_FLASH_TIMING},
        {"rx-buffer", required_argument, NULL, O_RX_BUFFER},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case O_BOARD: o->board = optarg; break;
        case O_FLASH: o->flash_path = optarg; break;
        case O_SERIAL: o->serial_link = optarg; break;
        case O_TCP: o->tcp = optarg; break;
        case O_KEY:
            if (o->key_count == PT_MAX_TRUSTED_KEYS) {
                fprintf(stderr, "piton-vboard: at most %u --trust-key options\n", (unsigned)PT_MAX_TRUSTED_KEYS);
                return 2;
            }
            o->keys[o->key_count++] = optarg;
            break;
        case O_PRODUCT_KEY: o->product_key = optarg; break;
        case O_ROOT_KEY:
            if (o->root_key_count == PT_MAX_ROOT_KEYS) {
                fprintf(stderr, "piton-vboard: at most %u --root-key options\n", (unsigned)PT_MAX_ROOT_KEYS);
                return 2;
            }
            o->root_keys[o->root_key_count++] = optarg;
            break;
        case O_LOCKED: o->locked = true; break;
        case O_ACCESS_KEY:
            if (o->access_key_count == PT_MAX_ACCESS_KEYS) {
                fprintf(stderr, "piton-vboard: at most %u --trust-access-key options\n", (unsigned)PT_MAX_ACCESS_KEYS);
                return 2;
            }
            o->access_keys[o->access_key_count++] = optarg;
            break;
        case O_NO_ACCESS_KEY: o->no_access_key = true; break;
        case O_NEW_IDENTITY: o->new_identity = true; break;
        case O_BOARDS: o->boards_dir = optarg; break;
        case O_DROP: {
            char *end = NULL;
            errno = 0;
            long long v = strtoll(optarg, &end, 10);
            if (errno || *end || end == optarg || v < 0) {
                fprintf(stderr, "piton-vboard: --drop-link-after \"%s\" is not a byte count\n", optarg);
                return 2;
            }
            o->drop_after = v;
            break;
        }
        case O_LOSE_RX:
        case O_LOSE_TX: {
            const bool rx = c == O_LOSE_RX;
            char *end = NULL;
            errno = 0;
            unsigned long v = strtoul(optarg, &end, 10);
            if (errno || *end || end == optarg || optarg[0] == '-' || v < (rx ? 64u : 2u) || v > 100000000ul) {
                fprintf(stderr, "piton-vboard: %s \"%s\" is not a count of %s\n", rx ? "--lose-rx" : "--lose-tx",
                        optarg, rx ? "64..100000000 bytes" : "2..100000000 frames");
                return 2;
            }
            if (rx) o->lose_rx = v;
            else o->lose_tx = v;
            break;
        }
        case O_VERBOSE: o->verbose = true; break;
        case O_CUT:
            if (!parse_cuts(optarg, o)) {
                fprintf(stderr, "piton-vboard: --power-cut-after \"%s\" is not a list of operation counts (N or N1,N2,...)\n", optarg);
                return 2;
            }
            break;
        case O_TORN: o->torn = true; break;
        case O_SEED: {
            char *end = NULL;
            errno = 0;
            unsigned long long v = strtoull(optarg, &end, 10);
            if (errno || *end || end == optarg || optarg[0] == '-') {
                fprintf(stderr, "piton-vboard: --seed \"%s\" is not a number\n", optarg);
                return 2;
            }
            o->seed = v ? v : 0x9E3779B97F4A7C15ull;
            break;
        }
        case O_FLIP: {
            const char *colon = strchr(optarg, ':');
            char *end = NULL;
            unsigned long v = colon ? strtoul(colon + 1, &end, 10) : 0;
            if (!colon || colon == optarg || !end || *end || end == colon + 1 || colon[1] == '-' || v == 0 ||
                o->flip_count == PT_MAX_REGIONS) {
                fprintf(stderr, "piton-vboard: --flip-bits \"%s\" is not REGION:COUNT (e.g. update:8)\n", optarg);
                return 2;
            }
            o->flips[o->flip_count++] = optarg;
            break;
        }
        case O_DROP_REPLY:
            if (!parse_drop_frame("--drop-reply", optarg, &o->drop_reply_cmd, &o->drop_reply_nth)) return 2;
            break;
        case O_DROP_REQUEST:
            if (!parse_drop_frame("--drop-request", optarg, &o->drop_request_cmd, &o->drop_request_nth)) return 2;
            break;
        case O_NOCONFIRM: o->no_confirm = true; break;
        case O_CLOCK_STEP:
            if (!parse_period_ms("--clock-step", optarg, &o->clock_step_ms)) return 2;
            break;
        case O_WATCHDOG:
            if (!parse_period_ms("--watchdog-ms", optarg, &o->watchdog_ms)) return 2;
            break;
        case O_SESSION_TIMEOUT:
            if (!parse_period_ms("--session-timeout-ms", optarg, &o->session_timeout_ms)) return 2;
            break;
        case O_STATS: o->stats = true; break;
        case O_HELP: vb_options_usage(stdout); return 0;
        case O_USB_FFS: o->usb.mount = optarg; break;
        case O_USB_IDS: usb_vid_pid = optarg; break;
        case O_USB_MANUFACTURER: o->usb.manufacturer = optarg; break;
        case O_USB_PRODUCT: o->usb.product = optarg; break;
        case O_USB_GADGET: o->usb.name = optarg; break;
        case O_USB_UDC: o->usb.udc = optarg; break;
        case O_ROM: o->rom_loader = true; break;
        case O_ROM_FAULT: {
            /* 1 = read-nack, 2 = read-drop, 3 = read-nack-after, 4 = read-change-after (vb_rom_fault_kind) */
            const char *colon = strchr(optarg, ':');
            char *end = NULL;
            errno = 0;
            unsigned long n = colon ? strtoul(colon + 1, &end, 10) : 0;
            const size_t kind_len = colon ? (size_t)(colon - optarg) : 0;
            o->rom_fault = kind_len == 9 && !strncmp(optarg, "read-nack", 9)         ? 1
                           : kind_len == 9 && !strncmp(optarg, "read-drop", 9)       ? 2
                           : kind_len == 15 && !strncmp(optarg, "read-nack-after", 15) ? 3
                           : kind_len == 17 && !strncmp(optarg, "read-change-after", 17) ? 4
                                                                                      : 0;
            if (!o->rom_fault || errno || !end || *end || end == colon + 1 || colon[1] == '-' || n == 0 || n > 1000) {
                fprintf(stderr, "piton-vboard: --rom-fault \"%s\" is not read-nack:N, read-drop:N, read-nack-after:N or read-change-after:N with N 1..1000\n", optarg);
                return 2;
            }
            o->rom_fault_count = (uint32_t)n;
            break;
        }
        case O_BLANK: o->blank = true; break;
        case O_FLASH_TIMING: o->flash_timing = true; break;
        case O_RX_BUFFER: {
            char *end = NULL;
            errno = 0;
            unsigned long v = strtoul(optarg, &end, 10);
            if (errno || *end || end == optarg || optarg[0] == '-' || v > 16777216ul) {
                fprintf(stderr, "piton-vboard: --rx-buffer \"%s\" is not 0..16777216 bytes\n", optarg);
                return 2;
            }
            o->rx_buffer = (long)v;
            break;
        }
        case O_BAUD:
        case O_LATENCY: {
            const bool baud = c == O_BAUD;
            char *end = NULL;
            errno = 0;
            unsigned long v = strtoul(optarg, &end, 10);
            if (errno || *end || end == optarg || optarg[0] == '-' || (baud ? (v == 0 || v > 12000000ul) : v > 1000ul)) {
                fprintf(stderr, baud ? "piton-vboard: --baud \"%s\" is not a rate of 1..12000000 bit/s\n"
                                     : "piton-vboard: --adapter-latency-ms \"%s\" is not 0..1000 ms\n", optarg);
                return 2;
            }
            if (baud) o->baud = (uint32_t)v;
            else o->adapter_latency_ms = (uint32_t)v;
            break;
        }
        default: vb_options_usage(stderr); return 2;
        }
    }
    if (optind < argc) {
        fprintf(stderr, "piton-vboard: unexpected argument \"%s\"\n", argv[optind]);
        vb_options_usage(stderr);
        return 2;
    }
    if (!o->board || !o->flash_path) {
        fprintf(stderr, "piton-vboard: --board and --flash are required\n");
        vb_options_usage(stderr);
        return 2;
    }

    if (o->no_access_key && o->access_key_count) {
        fprintf(stderr, "piton-vboard: --no-access-key and --trust-access-key exclude each other\n");
        return 2;
    }
    if (o->no_access_key && o->locked) { /* as LOCK (server.c h_lock): docs/security.md "Policy table" */
        fprintf(stderr, "piton-vboard: --locked needs at least one trusted access key, or the board could never be "
                        "serviced again: drop --no-access-key (the development access key) or give --trust-access-key\n");
        return 2;
    }

    char err[VB_ERROR_MAX];
    if (!o->usb.mount && (usb_vid_pid || o->usb.manufacturer || o->usb.product || o->usb.name || o->usb.udc)) {
        fprintf(stderr, "piton-vboard: the --usb-* options need --usb-ffs MOUNTPOINT\n");
        return 2;
    }
    if (usb_vid_pid && !vb_usb_parse_vid_pid(usb_vid_pid, &o->usb.vid, &o->usb.pid, err)) {
        fprintf(stderr, "piton-vboard: %s\n", err);
        return 2;
    }
    const char *too_long = o->usb.manufacturer && strlen(o->usb.manufacturer) > VB_USB_STRING_MAX ? "--usb-manufacturer"
                           : o->usb.product && strlen(o->usb.product) > VB_USB_STRING_MAX       ? "--usb-product"
                                                                                                   : NULL;
    if (too_long) {
        fprintf(stderr, "piton-vboard: %s: at most %u characters\n", too_long, (unsigned)VB_USB_STRING_MAX);
        return 2;
    }
    if (o->usb.name && (!*o->usb.name || strchr(o->usb.name, '/') || strchr(o->usb.name, '.'))) {
        fprintf(stderr, "piton-vboard: --usb-gadget \"%s\": a name without '/' or '.'\n", o->usb.name);
        return 2;
    }
    return -1;
}
