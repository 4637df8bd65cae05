// UsbLink: a Link over the vendor interface of a Piton board (libusb-1.0, bulk endpoints).
#pragma once

#include <QByteArray>
#include <QString>

#include "link.h"
#include "usb_devices.h"

struct libusb_context;
struct libusb_device_handle;
struct libusb_transfer;

namespace piton {

/** Maps a libusb error code (enum libusb_error) from `what` on `device` to an Error:
 *  LIBUSB_ERROR_ACCESS -> Link, naming the udev rules file 70-piton.rules and docs/usb.md;
 *  LIBUSB_ERROR_BUSY -> Link, "interface busy" (another program holds the board);
 *  LIBUSB_ERROR_NO_DEVICE -> Link, "the board is gone (unplugged or reset)";
 *  LIBUSB_ERROR_IO -> Link, asking whether the board was unplugged or reset (what an unplug in
 *  the middle of a transfer usually gives);
 *  LIBUSB_ERROR_TIMEOUT -> Timeout; everything else -> Link with libusb's error name. */
Error usbError(int libusbCode, const QString &what, const QString &device);

/** True when a bulk transfer of `length` bytes needs a zero-length packet after it so the
 *  receiver sees the end of the transfer: length > 0 and a multiple of `maxPacketSize`
 *  (docs/protocol.md, "USB transport"). */
bool needsZeroLengthPacket(qsizetype length, int maxPacketSize);

/**
 * Link over USB bulk endpoints (docs/protocol.md, "USB transport"): the board's interface of
 * class 0xFF (vendor specific) with one bulk OUT and one bulk IN endpoint carrying protocol
 * frames as a byte stream.
 *
 * open() enumerates (listUsbDevices), selects the board (selectUsbDevice: none -> Link error,
 * several -> Usage error listing them), opens it, claims the vendor interface and starts one
 * bulk IN transfer that stays queued, so no byte the board sends is lost between read() calls.
 * write() sends one bulk OUT transfer (with a zero-length packet when the length is a multiple
 * of the endpoint's max packet size) and gives up after WriteTimeoutMs milliseconds.
 * A board that disappears (unplug, reset and re-enumeration) gives ErrorKind::Link from read()
 * and write() and closes the link, so a Session reconnects (a new open() finds it again by
 * the same selector). Preferred maximum payload: 16384 bytes.
 */
class UsbLink final : public Link {
public:
    static constexpr int WriteTimeoutMs = 5000;
    static constexpr int CancelTimeoutMs = 1000;
    /** Size of the queued IN transfer in bytes (a multiple of every bulk max packet size). */
    static constexpr int InBufferSize = 32768;

    explicit UsbLink(UsbSelector selector);
    ~UsbLink() override;

    Result<void> open() override;
    void close() override;
    bool isOpen() const override;
    Result<void> write(const QByteArray &bytes) override;
    Result<QByteArray> read(int timeoutMs) override;
    /** "usb 1209:0001 PT-0001 at 1-1.2" once open; "usb:SELECTOR" before. */
    QString describe() const override;
    quint32 preferredMaxPayload() const override { return 16384; }

    const UsbSelector &selector() const { return m_selector; }
    /** The board this link opened (valid after a successful open()). */
    const UsbDeviceEntry &device() const { return m_device; }

    /** State shared with libusb's completion callbacks (internal). */
    struct Transfer;

private:
    Result<void> openEntry(const UsbDeviceEntry &entry);
    Result<void> submitIn();
    Error lost(Error error); // closes the link, returns `error`
    void waitFor(Transfer &t, int timeoutMs);

    UsbSelector m_selector;
    UsbDeviceEntry m_device;
    libusb_context *m_ctx = nullptr;
    libusb_device_handle *m_handle = nullptr;
    int m_interface = -1;
    unsigned char m_epIn = 0;
    unsigned char m_epOut = 0;
    int m_maxPacketOut = 512;
    Transfer *m_in = nullptr;
    QByteArray m_pending; ///< bytes received by the IN transfer and not yet returned by read()
    Error m_gone;         ///< the board went away after the last bytes arrived: reported once they are read
};

} // namespace piton
