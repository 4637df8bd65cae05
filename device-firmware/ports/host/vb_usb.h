/*
 * piton-vboard: the board's USB device side, a Linux FunctionFS function (docs/usb.md,
 * docs/protocol.md "USB transport"; FunctionFS: the kernel's Documentation/usb/functionfs.rst
 * and include/uapi/linux/usb/functionfs.h).
 *
 * One vendor-specific interface (class 0xFF, subclass 0x50 'P', protocol 0x01) with a bulk OUT
 * endpoint (ep1, requests from the workstation) and a bulk IN endpoint (ep2, responses), full
 * speed (64-byte packets) and high speed (512-byte packets). Offers VB_USB_MAX_PAYLOAD.
 *
 * Two ways to run:
 *  - managed gadget (MOUNTPOINT has no ep0 yet): piton-vboard builds the gadget in configfs
 *    (CONFIGFS/usb_gadget/NAME: idVendor, idProduct, strings 0x409 manufacturer / product /
 *    serialnumber, configs/c.1, functions/ffs.NAME), mounts FunctionFS instance NAME on
 *    MOUNTPOINT, writes descriptors and strings to ep0 and binds the gadget to a UDC (the first in
 *    /sys/class/udc unless one is named). vb_usb_disconnect()/vb_usb_connect() unbind and bind it
 *    again: a reset of the board is a re-enumeration, as on real hardware, and the new strings
 *    (product = config entry usb.product, serial = config entry serial) apply then.
 *    vb_usb_close() removes everything it created.
 *  - external gadget (MOUNTPOINT already holds a mounted FunctionFS with ep0): piton-vboard only
 *    writes descriptors and strings and serves the endpoints; whoever made the gadget binds it.
 *
 * Data path: a reader thread blocks in read() on ep1 and copies what arrives into a pipe that
 * the main loop polls (FunctionFS endpoint files cannot be polled); responses are written to
 * ep2 from the main thread, followed by a zero-length packet when their length is a multiple of
 * the current max packet size. A write the host does not collect within VB_USB_STALL_MS (no
 * workstation reading, or the cable pulled) is interrupted with SIGALRM and the rest of the
 * response is dropped. Disable/unbind (unplug) resets the link; bind/enable serves again.
 */
#ifndef PITON_VBOARD_USB_H
#define PITON_VBOARD_USB_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "piton/device.h"

#ifdef __cplusplus
extern "C" {
#endif

#define VB_USB_MAX_PAYLOAD 16384u
#define VB_USB_STALL_MS 2000u
/* Milliseconds between the last response before a reset and the unbind (see main.c after_reset). */
#define VB_USB_RESET_GRACE_MS 50u
#define VB_USB_DEFAULT_VID 0x1209u
#define VB_USB_DEFAULT_PID 0x0001u
#define VB_USB_DEFAULT_MANUFACTURER "Piton"
#define VB_USB_DEFAULT_PRODUCT "Piton virtual board"
#define VB_USB_STRING_MAX 126 /* characters in a USB string descriptor (UTF-16, bLength <= 254) */

/** What piton-vboard's --usb-* options ask for. Strings are borrowed (argv). */
typedef struct {
    const char *mount;        /* FunctionFS mount point (--usb-ffs); created if missing */
    const char *name;         /* gadget and function instance name (--usb-gadget), default "piton" */
    const char *configfs;     /* configfs mount, default $PITON_CONFIGFS or /sys/kernel/config */
    const char *udc;          /* UDC to bind to (--usb-udc), NULL = first in /sys/class/udc */
    uint16_t vid, pid;        /* --usb-vid-pid, default 1209:0001 */
    const char *manufacturer; /* --usb-manufacturer, default "Piton" */
    const char *product;      /* --usb-product: used when the config has no usb.product */
} vb_usb_options;

/** USB endpoint state (fields read-only for callers). */
typedef struct {
    vb_usb_options opt;
    bool managed;             /* we built the gadget in configfs (and mounted FunctionFS) */
    bool mounted;             /* we mounted FunctionFS */
    bool bound;               /* gadget bound to the UDC (managed only) */
    bool enabled;             /* host configured us (FUNCTIONFS_ENABLE seen, no DISABLE since) */
    char gadget_dir[512];     /* CONFIGFS/usb_gadget/NAME */
    char udc[64];             /* the UDC bound to */
    int ep0_fd, out_fd, in_fd;
    int pipe_rd, pipe_wr;     /* reader thread -> main loop */
    unsigned max_packet;      /* IN max packet size for the ZLP rule: 64 full speed, 512 high speed */
    pthread_t reader;
    bool reader_started;
    unsigned long long enumerations; /* times bound and enabled (diagnostics) */
    bool dfu;                 /* DFU mode: the ROM's DfuSe interface (vb_usb_set_dfu) */
    bool dfu_functional;      /* DFU mode: the kernel took the DFU functional descriptor */
    pt_link link;
} vb_usb;

/** Parses "VID:PID" (hex, 1..4 digits each, e.g. "1209:0001"). False with `err`. */
bool vb_usb_parse_vid_pid(const char *text, uint16_t *vid, uint16_t *pid, char *err);

/**
 * Sets up the function as described above (managed or external) and starts the reader thread;
 * does not bind yet (call vb_usb_connect). Sets up u->link (send function, buffers, max payload)
 * and calls pt_link_init(). False with `err` naming the path and the reason (no configfs, no
 * FunctionFS in the kernel, no UDC, permission); whatever was created is removed again.
 */
bool vb_usb_open(vb_usb *u, const vb_usb_options *opt, char *err);

/** Sets the USB strings (product, serial) and binds the gadget to the UDC (managed mode;
 *  external mode: nothing to do). `product`/`serial` NULL or empty keep the defaults. */
bool vb_usb_connect(vb_usb *u, const char *product, const char *serial, char *err);

/** Unbinds the gadget from the UDC (managed mode): the host sees an unplug. Resets the link. */
void vb_usb_disconnect(vb_usb *u);

/**
 * Switches the function between Piton mode (the vendor interface above) and DFU mode: the
 * STM32 ROM bootloader's DfuSe device (vb_dfuse.h): 0483:df11, bcdDevice 0x2100,
 * "STMicroelectronics", one interface with VB_DFUSE_ALT_COUNT alternate settings FE/01/02 and no
 * endpoints, and the DFU functional descriptor where the kernel takes it (u->dfu_functional).
 * Unbinds, closes ep0 (FunctionFS takes new descriptors only on a fresh ep0), rewrites idVendor,
 * idProduct, bcdDevice and manufacturer in configfs, opens ep0 with the new descriptors; call
 * vb_usb_connect() afterwards (product and serial strings). Managed gadgets only. False with `err`.
 */
bool vb_usb_set_dfu(vb_usb *u, bool dfu, char *err);

/** ep0 for poll(): readable when FunctionFS has events. */
int vb_usb_event_fd(const vb_usb *u);

/** What the board does after the ep0 events just handled. */
typedef enum {
    VB_USB_NONE = 0,
    VB_USB_RESET, /* DFU mode: the ROM resets (Read Unprotect, option bytes) */
    VB_USB_GO     /* DFU mode: leave, run from flash at *go_address */
} vb_usb_action;

/** Handles pending ep0 events (BIND, UNBIND, ENABLE, DISABLE, SETUP, SUSPEND, RESUME). In DFU
 *  mode, class requests to the interface go to vb_dfuse (answered on ep0); other requests stall. */
vb_usb_action vb_usb_handle_events(vb_usb *u, bool verbose, uint32_t *go_address);

/** The pipe the reader thread fills, for poll(). */
int vb_usb_data_fd(const vb_usb *u);
/** Reads up to `cap` bytes the workstation sent (non-blocking); 0 when none. */
size_t vb_usb_read(vb_usb *u, uint8_t *buf, size_t cap);
/** Discards bytes the workstation sent that the board has not read yet. */
void vb_usb_drain(vb_usb *u);

/** Stops the reader, unbinds, closes the endpoints and (managed mode) unmounts FunctionFS and
 *  removes the gadget from configfs. Safe to call twice. */
void vb_usb_close(vb_usb *u);

#ifdef __cplusplus
}
#endif

#endif /* PITON_VBOARD_USB_H */
