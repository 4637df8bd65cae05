/* piton-vboard: the USB function over FunctionFS. See vb_usb.h. */
#include "vb_usb.h"
#include "vb_fault.h"
#include "vb_error.h"
#include "vb_dfuse.h"
#include "vb_endpoint.h" /* vb_stop_requested */

#include <dirent.h>
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/usb/ch9.h>
#include <linux/usb/functionfs.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static uint8_t g_usb_rx[VB_USB_MAX_PAYLOAD + PT_FRAME_OVERHEAD];
static uint8_t g_usb_tx[VB_USB_MAX_PAYLOAD + PT_FRAME_OVERHEAD];
static atomic_int g_reader_stop;

/* ---- helpers ------------------------------------------------------------------------------- */

static void put_le16(uint8_t *p, unsigned v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put_le32(uint8_t *p, uint32_t v)
{
    put_le16(p, v & 0xffffu);
    put_le16(p + 2, v >> 16);
}

static bool write_file(const char *dir, const char *name, const char *value, char *err)
{
    char path[768];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0) return vb_fail(err, "usb: cannot open %s: %s", path, strerror(errno));
    size_t len = strlen(value);
    /* configfs attributes take the value in one write; an empty UDC is written as "\n". */
    ssize_t n = write(fd, len ? value : "\n", len ? len : 1);
    int e = errno;
    close(fd);
    if (n < 0) return vb_fail(err, "usb: cannot write \"%s\" to %s: %s", value, path, strerror(e));
    return true;
}

static bool make_dir(const char *path, char *err)
{
    if (mkdir(path, 0755) == 0 || errno == EEXIST) return true;
    return vb_fail(err, "usb: cannot create %s: %s", path, strerror(errno));
}

static bool first_udc(char *out, size_t cap, char *err)
{
    DIR *d = opendir("/sys/class/udc");
    if (!d) return vb_fail(err, "usb: no USB device controller: cannot open /sys/class/udc: %s (load dummy_hcd or a UDC driver)", strerror(errno));
    struct dirent *de;
    bool found = false;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.') continue;
        if ((size_t)snprintf(out, cap, "%s", de->d_name) >= cap) continue; /* name too long for a UDC */
        found = true;
        break;
    }
    closedir(d);
    if (!found) return vb_fail(err, "usb: /sys/class/udc is empty: no USB device controller (load dummy_hcd or a UDC driver)");
    return true;
}

/* ---- FunctionFS descriptors ---------------------------------------------------------------- */

/* Interface (9 bytes) + bulk OUT ep1 (7) + bulk IN ep2 (7), per speed. */
static size_t put_speed_descs(uint8_t *p, unsigned max_packet)
{
    const uint8_t intf[9] = {9, USB_DT_INTERFACE, 0, 0, 2, USB_CLASS_VENDOR_SPEC, 0x50, 0x01, 1};
    memcpy(p, intf, sizeof intf);
    uint8_t *ep = p + 9;
    ep[0] = 7; ep[1] = USB_DT_ENDPOINT; ep[2] = 1 | USB_DIR_OUT; ep[3] = USB_ENDPOINT_XFER_BULK;
    put_le16(ep + 4, max_packet); ep[6] = 0;
    ep += 7;
    ep[0] = 7; ep[1] = USB_DT_ENDPOINT; ep[2] = 2 | USB_DIR_IN; ep[3] = USB_ENDPOINT_XFER_BULK;
    put_le16(ep + 4, max_packet); ep[6] = 0;
    return 23;
}

/* DFU mode (vb_dfuse.h): the F4 ROM's interface, VB_DFUSE_ALT_COUNT alternate settings of class
 * 0xFE (application specific), subclass 1 (DFU), protocol 2 (DFU mode), no endpoints, each
 * named by its memory layout string; optionally followed by the DFU functional descriptor (DFU
 * 1.1 §4.2.4): bmAttributes CanDnload|CanUpload|WillDetach, wDetachTimeOut 255 ms,
 * wTransferSize, bcdDFUVersion 0x011A (DfuSe). */
static size_t put_dfu_descs(uint8_t *p, bool functional)
{
    size_t off = 0;
    for (unsigned alt = 0; alt < VB_DFUSE_ALT_COUNT; ++alt) {
        const uint8_t intf[9] = {9, USB_DT_INTERFACE, 0, (uint8_t)alt, 0, 0xFE, 0x01, 0x02, (uint8_t)(alt + 1)};
        memcpy(p + off, intf, sizeof intf);
        off += sizeof intf;
    }
    if (functional) {
        uint8_t *f = p + off;
        f[0] = 9; f[1] = 0x21; f[2] = 0x0B;
        put_le16(f + 3, 255);
        put_le16(f + 5, VB_DFUSE_TRANSFER_SIZE);
        put_le16(f + 7, 0x011A);
        off += 9;
    }
    return off;
}

static bool write_dfu_descriptors(vb_usb *u, bool functional, char *err)
{
    uint8_t d[12 + 8 + 2 * (VB_DFUSE_ALT_COUNT * 9 + 9)];
    put_le32(d, FUNCTIONFS_DESCRIPTORS_MAGIC_V2);
    put_le32(d + 8, FUNCTIONFS_HAS_FS_DESC | FUNCTIONFS_HAS_HS_DESC);
    const uint32_t count = VB_DFUSE_ALT_COUNT + (functional ? 1u : 0u);
    put_le32(d + 12, count);
    put_le32(d + 16, count);
    size_t off = 20;
    off += put_dfu_descs(d + off, functional);
    off += put_dfu_descs(d + off, functional);
    put_le32(d + 4, (uint32_t)off);
    if (write(u->ep0_fd, d, off) != (ssize_t)off)
        return vb_fail(err, "usb: writing the DFU descriptors%s to %s/ep0 failed: %s",
                       functional ? " (with the DFU functional descriptor)" : "", u->opt.mount, strerror(errno));
    uint8_t s[16 + 2 + VB_DFUSE_ALT_COUNT * 64];
    put_le32(s, FUNCTIONFS_STRINGS_MAGIC);
    put_le32(s + 8, VB_DFUSE_ALT_COUNT); /* strings per language */
    put_le32(s + 12, 1);                 /* languages */
    put_le16(s + 16, 0x0409);
    size_t so = 18;
    for (unsigned alt = 0; alt < VB_DFUSE_ALT_COUNT; ++alt) {
        const size_t n = strlen(vb_dfuse_alt_names[alt]) + 1;
        memcpy(s + so, vb_dfuse_alt_names[alt], n);
        so += n;
    }
    put_le32(s + 4, (uint32_t)so);
    if (write(u->ep0_fd, s, so) != (ssize_t)so)
        return vb_fail(err, "usb: writing the DFU strings to %s/ep0 failed: %s", u->opt.mount, strerror(errno));
    return true;
}

static bool write_descriptors(vb_usb *u, char *err)
{
    uint8_t d[12 + 8 + 2 * 23];
    put_le32(d, FUNCTIONFS_DESCRIPTORS_MAGIC_V2);
    put_le32(d + 4, (uint32_t)sizeof d);
    put_le32(d + 8, FUNCTIONFS_HAS_FS_DESC | FUNCTIONFS_HAS_HS_DESC);
    put_le32(d + 12, 3); /* full-speed descriptor count */
    put_le32(d + 16, 3); /* high-speed descriptor count */
    size_t off = 20;
    off += put_speed_descs(d + off, 64);
    off += put_speed_descs(d + off, 512);
    if (write(u->ep0_fd, d, off) != (ssize_t)off)
        return vb_fail(err, "usb: writing descriptors to %s/ep0 failed: %s", u->opt.mount, strerror(errno));

    static const char iface[] = "Piton protocol";
    uint8_t s[16 + 2 + sizeof iface];
    put_le32(s, FUNCTIONFS_STRINGS_MAGIC);
    put_le32(s + 4, (uint32_t)sizeof s);
    put_le32(s + 8, 1);  /* strings per language */
    put_le32(s + 12, 1); /* languages */
    put_le16(s + 16, 0x0409);
    memcpy(s + 18, iface, sizeof iface);
    if (write(u->ep0_fd, s, sizeof s) != (ssize_t)sizeof s)
        return vb_fail(err, "usb: writing strings to %s/ep0 failed: %s", u->opt.mount, strerror(errno));
    return true;
}

/* ---- data path ----------------------------------------------------------------------------- */

static void on_alarm(int sig)
{
    (void)sig; /* only interrupts a blocked write(); see usb_write_all */
}

static void *reader_main(void *arg)
{
    vb_usb *u = arg;
    static uint8_t buf[VB_USB_MAX_PAYLOAD]; /* a multiple of both max packet sizes */
    while (!atomic_load(&g_reader_stop)) {
        ssize_t n = read(u->out_fd, buf, sizeof buf);
        if (n > 0) {
            size_t done = 0;
            while (done < (size_t)n && !atomic_load(&g_reader_stop)) {
                ssize_t w = write(u->pipe_wr, buf + done, (size_t)n - done);
                if (w > 0) done += (size_t)w;
                else if (w < 0 && errno != EINTR) break;
            }
            continue;
        }
        if (n == 0 || errno == EINTR) continue;
        /* ESHUTDOWN (disabled, unplugged) or similar: wait for the host to come back. */
        usleep(20000);
    }
    return NULL;
}

/* Writes all of data to ep2 unless the host stops collecting for VB_USB_STALL_MS. */
static bool usb_write_all(vb_usb *u, const uint8_t *data, size_t len)
{
    struct itimerval t = {{0, 0}, {VB_USB_STALL_MS / 1000, (VB_USB_STALL_MS % 1000) * 1000}};
    struct itimerval off = {{0, 0}, {0, 0}};
    size_t done = 0;
    bool zlp = len == 0;
    while ((done < len || zlp) && !vb_stop_requested) {
        setitimer(ITIMER_REAL, &t, NULL);
        ssize_t n = write(u->in_fd, data + done, len - done);
        int e = errno;
        setitimer(ITIMER_REAL, &off, NULL);
        if (n >= 0) {
            done += (size_t)n;
            if (zlp) return true;
            continue;
        }
        if (e == EAGAIN) return false;         /* not enabled: nobody is connected */
        if (e == EINTR) {
            fprintf(stderr, "piton-vboard: usb: the host collected nothing for %u ms; dropping %zu bytes\n",
                    (unsigned)VB_USB_STALL_MS, len - done);
            return false;
        }
        if (e != ESHUTDOWN) fprintf(stderr, "piton-vboard: usb: write to ep2 failed: %s\n", strerror(e));
        return false;
    }
    return done == len;
}

static void usb_send(pt_link *link, const uint8_t *data, size_t len)
{
    vb_usb *u = link->port_ctx;
    if (u->in_fd < 0 || len == 0) return;
    if (vb_fault_tx_lost(data, len)) return; /* --lose-tx, --drop-reply */
    if (!usb_write_all(u, data, len)) return;
    /* ZLP rule (docs/protocol.md): a transfer that fills its last packet is followed by an empty
     * one, so the host's larger IN transfer completes now instead of waiting for more data. */
    if (u->max_packet && len % u->max_packet == 0) usb_write_all(u, data, 0);
}

/* ---- gadget in configfs -------------------------------------------------------------------- */

static bool build_gadget(vb_usb *u, char *err)
{
    char p[768], v[32];
    snprintf(p, sizeof p, "%s/usb_gadget", u->opt.configfs);
    struct stat st;
    if (stat(p, &st) != 0)
        return vb_fail(err, "usb: %s not found: is configfs mounted at %s and libcomposite loaded?", p, u->opt.configfs);
    if (!make_dir(u->gadget_dir, err)) return false;
    snprintf(v, sizeof v, "0x%04x", u->opt.vid);
    if (!write_file(u->gadget_dir, "idVendor", v, err)) return false;
    snprintf(v, sizeof v, "0x%04x", u->opt.pid);
    if (!write_file(u->gadget_dir, "idProduct", v, err)) return false;
    if (!write_file(u->gadget_dir, "bcdDevice", "0x0100", err)) return false;
    if (!write_file(u->gadget_dir, "bcdUSB", "0x0200", err)) return false;
    snprintf(p, sizeof p, "%s/strings/0x409", u->gadget_dir);
    if (!make_dir(p, err)) return false;
    if (!write_file(p, "manufacturer", u->opt.manufacturer, err)) return false;
    snprintf(p, sizeof p, "%s/configs/c.1", u->gadget_dir);
    if (!make_dir(p, err)) return false;
    if (!write_file(p, "MaxPower", "100", err)) return false;
    snprintf(p, sizeof p, "%s/configs/c.1/strings/0x409", u->gadget_dir);
    if (!make_dir(p, err)) return false;
    if (!write_file(p, "configuration", "Piton", err)) return false;
    snprintf(p, sizeof p, "%s/functions/ffs.%s", u->gadget_dir, u->opt.name);
    if (mkdir(p, 0755) != 0 && errno != EEXIST)
        return vb_fail(err, "usb: cannot create %s: %s (is usb_f_fs loaded?)", p, strerror(errno));
    char link[768];
    snprintf(link, sizeof link, "%s/configs/c.1/ffs.%s", u->gadget_dir, u->opt.name);
    if (symlink(p, link) != 0 && errno != EEXIST)
        return vb_fail(err, "usb: cannot link %s into configs/c.1: %s", p, strerror(errno));
    return true;
}

static void remove_gadget(vb_usb *u)
{
    char p[768];
    snprintf(p, sizeof p, "%s/configs/c.1/ffs.%s", u->gadget_dir, u->opt.name);
    unlink(p);
    snprintf(p, sizeof p, "%s/configs/c.1/strings/0x409", u->gadget_dir);
    rmdir(p);
    snprintf(p, sizeof p, "%s/configs/c.1", u->gadget_dir);
    rmdir(p);
    snprintf(p, sizeof p, "%s/functions/ffs.%s", u->gadget_dir, u->opt.name);
    rmdir(p);
    snprintf(p, sizeof p, "%s/strings/0x409", u->gadget_dir);
    rmdir(p);
    rmdir(u->gadget_dir);
}

/* ---- ep0 and the data path, per mode ---------------------------------------------------------- */

/* Opens ep0 and writes the descriptors and strings of the current mode. In DFU mode the DFU
 * functional descriptor is tried first; a kernel whose FunctionFS refuses it (EINVAL: Linux
 * before c26cee817f8b takes descriptor type 0x21 only after a HID or CCID interface, see
 * docs/usb.md) gets the interface without it: ep0 is closed and opened again for that. */
static bool open_ep0(vb_usb *u, char *err)
{
    char ep[600];
    snprintf(ep, sizeof ep, "%s/ep0", u->opt.mount);
    for (int attempt = 0; attempt < 2; ++attempt) {
        u->ep0_fd = open(ep, O_RDWR | O_CLOEXEC);
        if (u->ep0_fd < 0) return vb_fail(err, "usb: cannot open %s: %s", ep, strerror(errno));
        bool ok;
        if (!u->dfu) {
            ok = write_descriptors(u, err);
        } else {
            const bool functional = attempt == 0;
            ok = write_dfu_descriptors(u, functional, err);
            u->dfu_functional = ok && functional;
            if (!ok && functional && errno == EINVAL) {
                fprintf(stderr, "piton-vboard: usb: this kernel's FunctionFS refuses the DFU functional descriptor "
                                "(EINVAL); the DFU interface goes without it (docs/usb.md)\n");
                close(u->ep0_fd);
                u->ep0_fd = -1;
                continue;
            }
        }
        if (!ok) return false;
        fcntl(u->ep0_fd, F_SETFL, fcntl(u->ep0_fd, F_GETFL) | O_NONBLOCK);
        return true;
    }
    return false;
}

/* Piton mode: opens ep1 / ep2 and the pipe, starts the reader thread. DFU mode: nothing (the DFU
 * interface has no endpoints). */
static bool open_data_path(vb_usb *u, char *err)
{
    if (u->dfu) return true;
    char ep[600];
    snprintf(ep, sizeof ep, "%s/ep1", u->opt.mount);
    u->out_fd = open(ep, O_RDONLY | O_CLOEXEC);
    if (u->out_fd < 0) return vb_fail(err, "usb: cannot open %s: %s", ep, strerror(errno));
    snprintf(ep, sizeof ep, "%s/ep2", u->opt.mount);
    u->in_fd = open(ep, O_WRONLY | O_CLOEXEC | O_NONBLOCK); /* EAGAIN instead of waiting while disabled */
    if (u->in_fd < 0) return vb_fail(err, "usb: cannot open %s: %s", ep, strerror(errno));
    if (u->pipe_rd < 0) {
        int fds[2];
        if (pipe2(fds, O_CLOEXEC) != 0) return vb_fail(err, "usb: cannot create a pipe: %s", strerror(errno));
        u->pipe_rd = fds[0];
        u->pipe_wr = fds[1];
        fcntl(u->pipe_rd, F_SETFL, fcntl(u->pipe_rd, F_GETFL) | O_NONBLOCK);
    }

    /* SIGALRM interrupts a stalled ep2 write in the main thread; SIGRTMIN, sent to the reader
     * thread only, wakes it at close (main.c owns SIGUSR1/SIGUSR2/SIGHUP). Neither restarts the
     * call. The reader blocks SIGALRM so it always hits main. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    sigaction(SIGRTMIN, &sa, NULL);
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGALRM);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGINT);
    pthread_sigmask(SIG_BLOCK, &block, &old);
    atomic_store(&g_reader_stop, 0);
    int rc = pthread_create(&u->reader, NULL, reader_main, u);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0) return vb_fail(err, "usb: cannot start the reader thread: %s", strerror(rc));
    u->reader_started = true;
    return true;
}

/* Stops the reader thread and closes the endpoints and ep0 (the pipe stays). */
static void close_function(vb_usb *u)
{
    if (u->reader_started) {
        atomic_store(&g_reader_stop, 1);
        /* The reader sits in read(ep1): a signal interrupts it (EINTR), then it sees the flag. */
        for (int i = 0; i < 100; ++i) {
            pthread_kill(u->reader, SIGRTMIN);
            struct timespec ts;
            clock_gettime(CLOCK_REALTIME, &ts);
            ts.tv_nsec += 20000000;
            if (ts.tv_nsec >= 1000000000) { ts.tv_sec++; ts.tv_nsec -= 1000000000; }
            if (pthread_timedjoin_np(u->reader, NULL, &ts) == 0) {
                u->reader_started = false;
                break;
            }
        }
        if (u->reader_started) pthread_detach(u->reader);
        u->reader_started = false;
    }
    if (u->in_fd >= 0) close(u->in_fd);
    if (u->out_fd >= 0) close(u->out_fd);
    if (u->ep0_fd >= 0) close(u->ep0_fd);
    u->in_fd = u->out_fd = u->ep0_fd = -1;
}

/* ---- public -------------------------------------------------------------------------------- */

bool vb_usb_parse_vid_pid(const char *text, uint16_t *vid, uint16_t *pid, char *err)
{
    const char *colon = strchr(text, ':');
    if (!colon) return vb_fail(err, "--usb-vid-pid \"%s\": expected VID:PID in hex, e.g. 1209:0001", text);
    char *end = NULL;
    errno = 0;
    unsigned long v = strtoul(text, &end, 16);
    if (errno || end != colon || colon == text || colon - text > 4 || v == 0)
        return vb_fail(err, "--usb-vid-pid \"%s\": vendor id must be 1..4 hex digits, not 0000", text);
    unsigned long p = strtoul(colon + 1, &end, 16);
    if (errno || *end || end == colon + 1 || strlen(colon + 1) > 4)
        return vb_fail(err, "--usb-vid-pid \"%s\": product id must be 1..4 hex digits", text);
    *vid = (uint16_t)v;
    *pid = (uint16_t)p;
    return true;
}

bool vb_usb_open(vb_usb *u, const vb_usb_options *opt, char *err)
{
    memset(u, 0, sizeof *u);
    u->ep0_fd = u->out_fd = u->in_fd = u->pipe_rd = u->pipe_wr = -1;
    u->opt = *opt;
    if (!u->opt.name || !*u->opt.name) u->opt.name = "piton";
    if (!u->opt.configfs || !*u->opt.configfs) {
        const char *env = getenv("PITON_CONFIGFS");
        u->opt.configfs = env && *env ? env : "/sys/kernel/config";
    }
    if (!u->opt.manufacturer) u->opt.manufacturer = VB_USB_DEFAULT_MANUFACTURER;
    if (!u->opt.product) u->opt.product = VB_USB_DEFAULT_PRODUCT;
    if (!u->opt.vid) {
        u->opt.vid = VB_USB_DEFAULT_VID;
        u->opt.pid = VB_USB_DEFAULT_PID;
    }
    u->max_packet = 64; /* conservative until ENABLE tells the speed */
    snprintf(u->gadget_dir, sizeof u->gadget_dir, "%s/usb_gadget/%s", u->opt.configfs, u->opt.name);

    char ep[600];
    snprintf(ep, sizeof ep, "%s/ep0", u->opt.mount);
    struct stat st;
    u->managed = stat(ep, &st) != 0;
    if (u->managed) {
        if (!build_gadget(u, err)) goto fail;
        if (mkdir(u->opt.mount, 0755) != 0 && errno != EEXIST) {
            vb_fail(err, "usb: cannot create the mount point %s: %s", u->opt.mount, strerror(errno));
            goto fail;
        }
        if (mount(u->opt.name, u->opt.mount, "functionfs", 0, NULL) != 0) {
            vb_fail(err, "usb: cannot mount FunctionFS instance %s on %s: %s", u->opt.name, u->opt.mount, strerror(errno));
            goto fail;
        }
        u->mounted = true;
    }
    if (!open_ep0(u, err)) goto fail;
    if (!open_data_path(u, err)) goto fail;

    u->link.send = usb_send;
    u->link.port_ctx = u;
    u->link.max_payload = VB_USB_MAX_PAYLOAD;
    u->link.rx_buf = g_usb_rx;
    u->link.tx_buf = g_usb_tx;
    u->link.buf_size = (uint32_t)sizeof g_usb_rx;
    u->link.name = "usb";
    u->link.kind = PT_LINK_USB;
    pt_link_init(&u->link);
    return true;

fail:
    vb_usb_close(u);
    return false;
}

bool vb_usb_connect(vb_usb *u, const char *product, const char *serial, char *err)
{
    if (!u->managed || u->bound) return true;
    char p[768];
    snprintf(p, sizeof p, "%s/strings/0x409", u->gadget_dir);
    if (!write_file(p, "product", product && *product ? product : u->opt.product, err)) return false;
    if (!write_file(p, "serialnumber", serial && *serial ? serial : "", err)) return false;
    if (u->opt.udc && *u->opt.udc) snprintf(u->udc, sizeof u->udc, "%s", u->opt.udc);
    else if (!first_udc(u->udc, sizeof u->udc, err)) return false;
    if (!write_file(u->gadget_dir, "UDC", u->udc, err)) return false;
    u->bound = true;
    return true;
}

bool vb_usb_set_dfu(vb_usb *u, bool dfu, char *err)
{
    if (u->dfu == dfu) return true;
    if (!u->managed)
        return vb_fail(err, "usb: the gadget at %s was made outside piton-vboard: it cannot become the ROM's DFU device",
                       u->opt.mount);
    vb_usb_disconnect(u);
    close_function(u);
    char v[32];
    snprintf(v, sizeof v, "0x%04x", dfu ? VB_DFUSE_VID : u->opt.vid);
    if (!write_file(u->gadget_dir, "idVendor", v, err)) return false;
    snprintf(v, sizeof v, "0x%04x", dfu ? VB_DFUSE_PID : u->opt.pid);
    if (!write_file(u->gadget_dir, "idProduct", v, err)) return false;
    if (!write_file(u->gadget_dir, "bcdDevice", dfu ? "0x2100" : "0x0100", err)) return false;
    char p[768];
    snprintf(p, sizeof p, "%s/strings/0x409", u->gadget_dir);
    if (!write_file(p, "manufacturer", dfu ? VB_DFUSE_MANUFACTURER : u->opt.manufacturer, err)) return false;
    u->dfu = dfu;
    if (dfu) vb_dfuse_reset();
    return open_ep0(u, err) && open_data_path(u, err);
}

void vb_usb_disconnect(vb_usb *u)
{
    if (u->managed && u->bound) {
        char err[VB_ERROR_MAX];
        if (!write_file(u->gadget_dir, "UDC", "", err)) fprintf(stderr, "piton-vboard: %s\n", err);
        u->bound = false;
    }
    u->enabled = false;
    vb_usb_drain(u);
    pt_link_init(&u->link);
}

int vb_usb_event_fd(const vb_usb *u)
{
    return u->ep0_fd;
}

int vb_usb_data_fd(const vb_usb *u)
{
    return u->pipe_rd;
}

static unsigned current_max_packet(const vb_usb *u)
{
    char path[256], speed[64] = "";
    snprintf(path, sizeof path, "/sys/class/udc/%s/current_speed", u->udc);
    FILE *f = u->udc[0] ? fopen(path, "r") : NULL;
    if (f) {
        if (!fgets(speed, sizeof speed, f)) speed[0] = '\0';
        fclose(f);
    }
    if (strncmp(speed, "high-speed", 10) == 0 || strncmp(speed, "super-speed", 11) == 0) return 512;
    return 64; /* full speed, or unknown: a ZLP too many is harmless, one too few is not */
}

/* A DFU class request (vb_dfuse.h): reads the OUT data stage, lets vb_dfuse answer, sends the IN
 * data stage (or stalls), then runs what a GETSTATUS announced. */
static vb_usb_action dfu_setup(vb_usb *u, const struct usb_ctrlrequest *c, uint32_t *go_address, bool verbose)
{
    static uint8_t data[VB_DFUSE_TRANSFER_SIZE], out[VB_DFUSE_TRANSFER_SIZE];
    const bool in = c->bRequestType & USB_DIR_IN;
    const uint16_t length = le16toh(c->wLength), value = le16toh(c->wValue);
    ssize_t got = 0;
    uint8_t dummy;
    if (!in) {
        if (length > sizeof data) { /* more than wTransferSize: stall before reading */
            if (write(u->ep0_fd, &dummy, 0) < 0) { /* the stall */ }
            return VB_USB_NONE;
        }
        got = read(u->ep0_fd, data, length);
        if (got < 0) {
            fprintf(stderr, "piton-vboard: usb: dfu: reading %u bytes of request %u failed: %s\n", (unsigned)length,
                    (unsigned)c->bRequest, strerror(errno));
            return VB_USB_NONE;
        }
    }
    size_t out_len = 0;
    const vb_dfuse_reply r =
        vb_dfuse_request(c->bRequest, in, value, data, (size_t)got, length, out, sizeof out, &out_len);
    if (verbose)
        fprintf(stderr, "piton-vboard: usb: dfu: request %u value %u length %u -> %s, state %u\n", (unsigned)c->bRequest,
                (unsigned)value, (unsigned)length, r == VB_DFUSE_STALL ? "stall" : "answer", (unsigned)vb_dfuse_state());
    if (in) {
        if (r == VB_DFUSE_STALL) {
            if (read(u->ep0_fd, &dummy, 0) < 0) { /* the stall */ }
            return VB_USB_NONE;
        }
        if (write(u->ep0_fd, out, out_len) < 0) {
            fprintf(stderr, "piton-vboard: usb: dfu: answering request %u failed: %s\n", (unsigned)c->bRequest, strerror(errno));
            return VB_USB_NONE;
        }
    } else if (r == VB_DFUSE_STALL) {
        /* The data stage has been read: the request is acknowledged; the host sees dfuERROR at the next GETSTATUS. */
    }
    switch (vb_dfuse_after_status(go_address)) {
    case VB_DFUSE_RESET: return VB_USB_RESET;
    case VB_DFUSE_GO: return VB_USB_GO;
    case VB_DFUSE_STAY: break;
    }
    return VB_USB_NONE;
}

vb_usb_action vb_usb_handle_events(vb_usb *u, bool verbose, uint32_t *go_address)
{
    struct usb_functionfs_event ev[4];
    for (;;) {
        ssize_t n = read(u->ep0_fd, ev, sizeof ev);
        if (n <= 0) return VB_USB_NONE;
        for (size_t i = 0; i < (size_t)n / sizeof ev[0]; ++i) {
            switch (ev[i].type) {
            case FUNCTIONFS_BIND:
                if (verbose) fprintf(stderr, "piton-vboard: usb: bound\n");
                break;
            case FUNCTIONFS_UNBIND:
                if (verbose) fprintf(stderr, "piton-vboard: usb: unbound (unplugged)\n");
                u->enabled = false;
                vb_usb_drain(u);
                pt_link_init(&u->link);
                break;
            case FUNCTIONFS_ENABLE:
                u->enabled = true;
                if (u->dfu) vb_dfuse_reset();
                u->enumerations++;
                u->max_packet = current_max_packet(u);
                vb_usb_drain(u);
                pt_link_init(&u->link);
                if (verbose) fprintf(stderr, "piton-vboard: usb: enabled (max packet %u)\n", u->max_packet);
                break;
            case FUNCTIONFS_DISABLE:
                if (verbose) fprintf(stderr, "piton-vboard: usb: disabled\n");
                u->enabled = false;
                vb_usb_drain(u);
                pt_link_init(&u->link);
                break;
            case FUNCTIONFS_SETUP: {
                const struct usb_ctrlrequest *c = &ev[i].u.setup;
                if (u->dfu && (c->bRequestType & (USB_TYPE_MASK | USB_RECIP_MASK)) == (USB_TYPE_CLASS | USB_RECIP_INTERFACE)) {
                    vb_usb_action a = dfu_setup(u, c, go_address, verbose);
                    if (a != VB_USB_NONE) return a; /* the chip resets: the rest of the queue is moot */
                    break;
                }
                /* No other class or vendor requests: stall (a read stalls an IN request, a write an OUT one). */
                uint8_t dummy;
                if (c->bRequestType & USB_DIR_IN) {
                    if (read(u->ep0_fd, &dummy, 0) < 0) { /* expected: EL2HLT, the stall */ }
                } else if (write(u->ep0_fd, &dummy, 0) < 0) { /* same */ }
                break;
            }
            default: /* SUSPEND, RESUME */
                break;
            }
        }
    }
}

size_t vb_usb_read(vb_usb *u, uint8_t *buf, size_t cap)
{
    if (u->pipe_rd < 0) return 0;
    ssize_t n = read(u->pipe_rd, buf, cap);
    return n > 0 ? (size_t)n : 0;
}

void vb_usb_drain(vb_usb *u)
{
    uint8_t junk[4096];
    while (vb_usb_read(u, junk, sizeof junk) > 0) {
    }
}

void vb_usb_close(vb_usb *u)
{
    vb_usb_disconnect(u);
    close_function(u);
    if (u->pipe_rd >= 0) close(u->pipe_rd);
    if (u->pipe_wr >= 0) close(u->pipe_wr);
    u->pipe_rd = u->pipe_wr = -1;
    if (u->mounted) {
        if (umount(u->opt.mount) != 0)
            fprintf(stderr, "piton-vboard: usb: cannot unmount %s: %s\n", u->opt.mount, strerror(errno));
        u->mounted = false;
    }
    if (u->managed) {
        remove_gadget(u);
        u->managed = false;
    }
}
