// USB boards: the list of known VID:PID pairs, enumeration through libusb-1.0, selection by
// VID:PID / serial string / port path, and a watcher that reports boards coming and going.
// How a user grants access and how the pieces fit: docs/usb.md.
#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <thread>

#include "error.h"

struct libusb_context;
struct libusb_device_handle;
struct libusb_config_descriptor;

class QTimer;

namespace piton {

/** One VID:PID pair Piton looks for, with a name for listings. */
struct UsbKnownId {
    quint16 vid = 0;
    quint16 pid = 0;
    QString name; ///< e.g. "Piton board (pid.codes test PID)"
    bool operator==(const UsbKnownId &o) const { return vid == o.vid && pid == o.pid; }
};

/**
 * Parses a known-devices list (the format of resources/usb/devices.json):
 *   {"devices": [{"vid": "1209", "pid": "0001", "name": "Piton board"}]}
 * vid/pid are 4 hex digits (strings). `source` names the file in error messages.
 * Errors: ErrorKind::Format naming the file, the entry index and the problem (not JSON, no
 * "devices" array, vid/pid missing or not 4 hex digits, 0000 as vid).
 */
Result<QList<UsbKnownId>> parseUsbIdList(const QByteArray &json, const QString &source);

/** Path of the user's extra list: $PITON_USB_DEVICES when set, else
 *  $XDG_CONFIG_HOME/piton/usb-devices.json (default ~/.config/piton/usb-devices.json).
 *  The file is optional. */
QString userUsbIdListPath();

/** The shipped list (resources/usb/devices.json, compiled in) followed by the user's extra
 *  entries (duplicates dropped). Errors: ErrorKind::Format when the user's file exists but is
 *  malformed, ErrorKind::Io when it exists but cannot be read. */
Result<QList<UsbKnownId>> knownUsbIds();

/** One USB device that carries a known (or explicitly asked-for) VID:PID. */
struct UsbDeviceEntry {
    quint16 vid = 0;
    quint16 pid = 0;
    QString serial;       ///< USB serial string (the board's serial number); empty if unreadable
    QString portPath;     ///< "bus-port.port...", e.g. "1-1.2": the physical socket, stable across replugs
    QString manufacturer; ///< USB manufacturer string; may be empty
    QString product;      ///< USB product string (the board's usb.product config entry); may be empty
    QString uri;          ///< link address that selects exactly this socket, e.g. "usb:?path=1-1.2"
    QString knownName;    ///< name from the known-devices list; empty for an explicitly asked VID:PID
    int bus = 0;          ///< libusb bus number
    int address = 0;      ///< libusb device address (changes at every re-enumeration)
    bool accessible = true; ///< false when the device node could not be opened (permission)

    /** "1209:0001" (lower-case hex). */
    QString vidPid() const;
    /** One line for listings and error messages: "1209:0001 PT-0001 at 1-1.2 (Piton virtual board)". */
    QString describe() const;
    bool operator==(const UsbDeviceEntry &o) const;
};

/** Formats a libusb port path: bus 1, ports {1, 2} -> "1-1.2" (the sysfs name of the socket).
 *  An empty port list (a root hub) gives "1-0". */
QString formatUsbPortPath(int bus, const QList<int> &ports);

/** Finds `entry` again in the libusb context `ctx` by its bus number and port path (the identity
 *  that survives a second enumeration), opens it and reads its active configuration descriptor.
 *  Shared by UsbLink (Piton's bulk interface) and DfuSeClient (the ROM's DFU interface).
 *  On success returns LIBUSB_SUCCESS with *handle open and *config set (the caller frees the
 *  descriptor with libusb_free_config_descriptor and closes the handle). Else a libusb error
 *  code (LIBUSB_ERROR_NO_DEVICE when the device is no longer there) and *step names what failed:
 *  "enumeration", "open" or "reading the configuration descriptor"; *handle stays open when only
 *  the descriptor could not be read (the caller's close() closes it). */
int openUsbEntry(libusb_context *ctx, const UsbDeviceEntry &entry, libusb_device_handle **handle,
                 libusb_config_descriptor **config, QString *step);

/**
 * Which board a "usb:" link means. Text form (what follows "usb:"):
 *   ""                    any known board (exactly one must be present)
 *   "1209:0001"           this VID:PID (need not be in the known list)
 *   "?serial=PT-0001"     by USB serial string
 *   "?path=1-1.2"         by port path (a socket on a production fixture)
 *   "1209:0001?serial=PT-0001&path=1-1.2"  all given selectors must match
 */
struct UsbSelector {
    bool hasVidPid = false;
    quint16 vid = 0;
    quint16 pid = 0;
    QString serial; ///< empty = any
    QString path;   ///< empty = any

    /** Parses the text after "usb:". Errors: ErrorKind::Usage naming the problem (VID:PID not
     *  two 4-digit hex numbers, unknown or repeated parameter, empty serial/path value, a port
     *  path not of the form BUS-PORT[.PORT]...). */
    static Result<UsbSelector> parse(const QString &spec);
    /** Canonical text after "usb:"; parse(toString()) gives the same selector. */
    QString toString() const;
    /** True when `entry` satisfies every selector given (and, without VID:PID, any entry). */
    bool matches(const UsbDeviceEntry &entry) const;
    bool operator==(const UsbSelector &o) const = default;
};

/**
 * Picks the one entry `selector` matches. Errors: ErrorKind::Link when none matches (message
 * lists what is present, or says that no Piton USB board is present), ErrorKind::Usage when
 * several match (message lists them with their usb:?path=... addresses to choose from).
 */
Result<UsbDeviceEntry> selectUsbDevice(const QList<UsbDeviceEntry> &entries, const UsbSelector &selector);

/**
 * Enumerates the USB devices present now whose VID:PID is in knownUsbIds() or equals
 * `extra` (when extra.hasVidPid), sorted by port path. Strings come from the device when it can
 * be opened, else from sysfs (/sys/bus/usb/devices/PORTPATH/{serial,manufacturer,product}), so
 * a board without udev access is still listed (accessible = false). Uses a fresh libusb context
 * each call, so the result is current even where no hotplug events arrive (no udev daemon).
 * Errors: ErrorKind::Link when libusb cannot start (no USB support, e.g. no /dev/bus/usb);
 * ErrorKind::Format/Io from knownUsbIds().
 */
Result<QList<UsbDeviceEntry>> listUsbDevices(const UsbSelector &extra = {});

/**
 * Watches for Piton USB boards coming and going, for views that list devices (the GUI's USB
 * transport). Uses libusb hotplug events when libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG) and
 * also polls every pollIntervalMs() (default 1000 ms), because hotplug events need a udev daemon
 * that is not always running (containers, the test rig's guest). Signals are emitted on the
 * thread the watcher lives on; the hotplug listener runs on its own thread.
 */
class UsbDeviceWatcher : public QObject {
    Q_OBJECT
public:
    explicit UsbDeviceWatcher(QObject *parent = nullptr);
    ~UsbDeviceWatcher() override;

    /** Starts watching: enumerates once right away (emitting deviceArrived for each board found)
     *  and then on every hotplug event or poll tick. Starting twice is harmless. */
    void start();
    /** Stops watching; the last list stays available. */
    void stop();

    /** The boards seen by the last scan. */
    QList<UsbDeviceEntry> devices() const { return m_devices; }
    /** The last enumeration error (e.g. libusb unavailable), or an Error of kind None. */
    Error lastError() const { return m_lastError; }
    /** True when libusb hotplug events are in use (polling runs in any case). */
    bool usesHotplug() const { return m_hotplugThread != nullptr; }

    /** Poll interval in milliseconds (>= 100). */
    int pollIntervalMs() const { return m_pollMs; }
    void setPollIntervalMs(int ms);

    /** Enumerates now and emits the differences. */
    void rescan();

signals:
    void deviceArrived(const piton::UsbDeviceEntry &entry);
    void deviceLeft(const piton::UsbDeviceEntry &entry);
    /** After any change: the full current list. */
    void devicesChanged(const QList<piton::UsbDeviceEntry> &devices);
    /** Enumeration failed (first failure after a success, or a new message). */
    void errorOccurred(const piton::Error &error);

private:
    void startHotplug();
    void stopHotplug();

    QList<UsbDeviceEntry> m_devices;
    Error m_lastError;
    int m_pollMs = 1000;
    QTimer *m_timer = nullptr;
    struct HotplugState;
    std::unique_ptr<HotplugState> m_hotplug;
    std::unique_ptr<std::thread> m_hotplugThread;
};

} // namespace piton
