#include "usb_link.h"

#include <QElapsedTimer>

#include <algorithm>

#include <libusb.h>

namespace piton {

struct UsbLink::Transfer {
    libusb_transfer *xfer = nullptr;
    QByteArray buffer;
    bool busy = false;      ///< submitted and not completed yet
    bool completed = false; ///< completed and its result not consumed yet
    int status = LIBUSB_TRANSFER_COMPLETED;
    int actual = 0;
};

namespace {
void LIBUSB_CALL onTransferDone(libusb_transfer *xfer)
{
    auto *t = static_cast<UsbLink::Transfer *>(xfer->user_data);
    t->busy = false;
    t->completed = true;
    t->status = xfer->status;
    t->actual = xfer->actual_length;
}

int transferStatusToError(int status)
{
    switch (status) {
    case LIBUSB_TRANSFER_TIMED_OUT: return LIBUSB_ERROR_TIMEOUT;
    case LIBUSB_TRANSFER_NO_DEVICE: return LIBUSB_ERROR_NO_DEVICE;
    case LIBUSB_TRANSFER_STALL: return LIBUSB_ERROR_PIPE;
    case LIBUSB_TRANSFER_OVERFLOW: return LIBUSB_ERROR_OVERFLOW;
    case LIBUSB_TRANSFER_CANCELLED: return LIBUSB_ERROR_INTERRUPTED;
    default: return LIBUSB_ERROR_IO;
    }
}
} // namespace

Error usbError(int code, const QString &what, const QString &device)
{
    const QString name = QString::fromUtf8(libusb_error_name(code));
    switch (code) {
    case LIBUSB_ERROR_ACCESS:
        return Error::make(ErrorKind::Link,
                           QStringLiteral("%1: %2: permission denied (%3). Install the udev rules 70-piton.rules "
                                          "(TAG+=\"uaccess\" for the board's VID:PID) and replug the board; see docs/usb.md")
                               .arg(device, what, name));
    case LIBUSB_ERROR_BUSY:
        return Error::make(ErrorKind::Link,
                           QStringLiteral("%1: %2: interface busy (%3): another program (another piton or piton-cli?) "
                                          "has claimed the board")
                               .arg(device, what, name));
    case LIBUSB_ERROR_NO_DEVICE:
        return Error::make(ErrorKind::Link, QStringLiteral("%1: %2: the board is gone (unplugged or reset) (%3)").arg(device, what, name));
    case LIBUSB_ERROR_IO:
        return Error::make(ErrorKind::Link, QStringLiteral("%1: %2 failed: input/output error (%3): was the board unplugged or reset?")
                                                .arg(device, what, name));
    case LIBUSB_ERROR_TIMEOUT:
        return Error::make(ErrorKind::Timeout, QStringLiteral("%1: %2 timed out (%3)").arg(device, what, name));
    default:
        return Error::make(ErrorKind::Link, QStringLiteral("%1: %2 failed: %3 (%4)")
                                                .arg(device, what, QString::fromUtf8(libusb_strerror(code)), name));
    }
}

bool needsZeroLengthPacket(qsizetype length, int maxPacketSize)
{
    return length > 0 && maxPacketSize > 0 && length % maxPacketSize == 0;
}

UsbLink::UsbLink(UsbSelector selector) : m_selector(std::move(selector)) {}

UsbLink::~UsbLink()
{
    close();
}

QString UsbLink::describe() const
{
    if (m_handle)
        return QStringLiteral("usb ") + m_device.describe();
    return QStringLiteral("usb:") + m_selector.toString();
}

bool UsbLink::isOpen() const
{
    return m_handle != nullptr;
}

Result<void> UsbLink::open()
{
    if (isOpen())
        return {};
    auto entries = listUsbDevices(m_selector);
    if (!entries)
        return entries.error();
    auto entry = selectUsbDevice(entries.value(), m_selector);
    if (!entry)
        return entry.error();
    auto ok = openEntry(entry.value());
    if (!ok)
        close();
    return ok;
}

Result<void> UsbLink::openEntry(const UsbDeviceEntry &entry)
{
    m_device = entry;
    const QString who = QStringLiteral("usb ") + entry.describe();
    int rc = libusb_init(&m_ctx);
    if (rc != LIBUSB_SUCCESS) {
        m_ctx = nullptr;
        return usbError(rc, QStringLiteral("starting libusb"), who);
    }
    // The same device again in this context, and its vendor interface (class 0xFF) with one
    // bulk IN and one bulk OUT endpoint.
    libusb_config_descriptor *config = nullptr;
    QString step;
    rc = openUsbEntry(m_ctx, entry, &m_handle, &config, &step);
    if (rc != LIBUSB_SUCCESS)
        return usbError(rc, step, who);
    for (int i = 0; i < config->bNumInterfaces && m_interface < 0; ++i) {
        const libusb_interface &itf = config->interface[i];
        if (itf.num_altsetting < 1)
            continue;
        const libusb_interface_descriptor &alt = itf.altsetting[0];
        if (alt.bInterfaceClass != LIBUSB_CLASS_VENDOR_SPEC)
            continue;
        unsigned char in = 0, out = 0;
        int maxOut = 0;
        for (int e = 0; e < alt.bNumEndpoints; ++e) {
            const libusb_endpoint_descriptor &ep = alt.endpoint[e];
            if ((ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK)
                continue;
            if ((ep.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN) {
                if (!in)
                    in = ep.bEndpointAddress;
            } else if (!out) {
                out = ep.bEndpointAddress;
                maxOut = ep.wMaxPacketSize;
            }
        }
        if (in && out) {
            m_interface = alt.bInterfaceNumber;
            m_epIn = in;
            m_epOut = out;
            m_maxPacketOut = maxOut > 0 ? maxOut : 512;
        }
    }
    libusb_free_config_descriptor(config);
    if (m_interface < 0)
        return Error::make(ErrorKind::Link, QStringLiteral("%1: no vendor interface (class 0xFF) with bulk IN and OUT endpoints; "
                                                           "is this a Piton board?").arg(who));
    rc = libusb_claim_interface(m_handle, m_interface);
    if (rc != LIBUSB_SUCCESS) {
        const int number = m_interface;
        m_interface = -1;
        return usbError(rc, QStringLiteral("claiming interface %1").arg(number), who);
    }
    m_in = new Transfer;
    m_in->xfer = libusb_alloc_transfer(0);
    m_in->buffer.resize(InBufferSize);
    m_pending.clear();
    m_gone = Error();
    return submitIn();
}

Result<void> UsbLink::submitIn()
{
    libusb_fill_bulk_transfer(m_in->xfer, m_handle, m_epIn, reinterpret_cast<unsigned char *>(m_in->buffer.data()),
                              int(m_in->buffer.size()), onTransferDone, m_in, 0);
    m_in->completed = false;
    const int rc = libusb_submit_transfer(m_in->xfer);
    if (rc != LIBUSB_SUCCESS)
        return usbError(rc, QStringLiteral("read"), describe());
    m_in->busy = true;
    return {};
}

void UsbLink::waitFor(Transfer &t, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (t.busy) {
        const qint64 left = timeoutMs - timer.elapsed();
        if (left <= 0)
            break;
        timeval tv{time_t(left / 1000), suseconds_t((left % 1000) * 1000)};
        int completed = 0;
        // Any completion (also the other direction's) ends the wait; loop until ours is done.
        const int rc = libusb_handle_events_timeout_completed(m_ctx, &tv, &completed);
        if (rc != LIBUSB_SUCCESS && rc != LIBUSB_ERROR_INTERRUPTED)
            break;
    }
}

void UsbLink::close()
{
    if (m_in) {
        if (m_in->busy) {
            libusb_cancel_transfer(m_in->xfer);
            waitFor(*m_in, CancelTimeoutMs);
        }
        if (!m_in->busy) {
            libusb_free_transfer(m_in->xfer);
            delete m_in;
        } // else: libusb still owns it; leaking one transfer beats a use-after-free
        m_in = nullptr;
    }
    if (m_handle) {
        if (m_interface >= 0)
            libusb_release_interface(m_handle, m_interface);
        libusb_close(m_handle);
        m_handle = nullptr;
    }
    m_interface = -1;
    m_gone = Error();
    if (m_ctx) {
        libusb_exit(m_ctx);
        m_ctx = nullptr;
    }
    m_pending.clear();
}

Error UsbLink::lost(Error error)
{
    close();
    return error;
}

Result<void> UsbLink::write(const QByteArray &bytes)
{
    if (!isOpen())
        return Error::make(ErrorKind::Link, QStringLiteral("%1 is not open").arg(describe()));
    if (m_gone.isError())
        return lost(m_gone);
    if (bytes.isEmpty())
        return {};
    Transfer out;
    out.xfer = libusb_alloc_transfer(0);
    QByteArray copy = bytes; // libusb writes nothing into an OUT buffer, but takes a non-const pointer
    libusb_fill_bulk_transfer(out.xfer, m_handle, m_epOut, reinterpret_cast<unsigned char *>(copy.data()), int(copy.size()),
                              onTransferDone, &out, 0);
    if (needsZeroLengthPacket(copy.size(), m_maxPacketOut))
        out.xfer->flags |= LIBUSB_TRANSFER_ADD_ZERO_PACKET;
    int rc = libusb_submit_transfer(out.xfer);
    if (rc != LIBUSB_SUCCESS) {
        libusb_free_transfer(out.xfer);
        return lost(usbError(rc, QStringLiteral("write"), describe()));
    }
    out.busy = true;
    waitFor(out, WriteTimeoutMs);
    if (out.busy) {
        libusb_cancel_transfer(out.xfer);
        waitFor(out, CancelTimeoutMs);
        if (out.busy) {
            // Cannot free a transfer libusb still owns: drop the whole link (closing frees it).
            const QString who = describe();
            close();
            return Error::make(ErrorKind::Link, QStringLiteral("%1: write did not complete within %2 ms").arg(who).arg(WriteTimeoutMs));
        }
        libusb_free_transfer(out.xfer);
        return lost(Error::make(ErrorKind::Link,
                                QStringLiteral("%1: write did not complete within %2 ms (the board stopped reading)")
                                    .arg(describe()).arg(WriteTimeoutMs)));
    }
    const int status = out.status;
    const int actual = out.actual;
    libusb_free_transfer(out.xfer);
    if (status != LIBUSB_TRANSFER_COMPLETED)
        return lost(usbError(transferStatusToError(status), QStringLiteral("write"), describe()));
    if (actual != copy.size())
        return lost(Error::make(ErrorKind::Link, QStringLiteral("%1: write sent %2 of %3 bytes").arg(describe()).arg(actual).arg(copy.size())));
    return {};
}

Result<QByteArray> UsbLink::read(int timeoutMs)
{
    if (!isOpen())
        return Error::make(ErrorKind::Link, QStringLiteral("%1 is not open").arg(describe()));
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        if (m_gone.isError()) {
            // The last bytes before an unplug or reset (e.g. the response to REBOOT) come first.
            if (!m_pending.isEmpty())
                return std::exchange(m_pending, {});
            return lost(m_gone);
        }
        if (m_in->completed) {
            m_in->completed = false;
            if (m_in->status != LIBUSB_TRANSFER_COMPLETED) {
                m_gone = usbError(transferStatusToError(m_in->status), QStringLiteral("read"), describe());
                continue;
            }
            m_pending.append(m_in->buffer.constData(), m_in->actual);
            if (auto ok = submitIn(); !ok) {
                m_gone = ok.error();
                continue;
            }
        }
        if (!m_pending.isEmpty())
            return std::exchange(m_pending, {});
        const qint64 left = timeoutMs - timer.elapsed();
        if (left <= 0) {
            // One non-blocking look at the event queue, then report the timeout.
            timeval tv{0, 0};
            libusb_handle_events_timeout_completed(m_ctx, &tv, nullptr);
            if (!m_in->completed)
                return QByteArray();
            continue;
        }
        waitFor(*m_in, int(left));
    }
}

} // namespace piton
