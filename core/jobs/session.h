// Session: the connection to one device, as jobs use it. Holds the link URI so that a job can
// reconnect after the device resets (REBOOT, UPDATE_COMMIT), and caches the region table.
#pragma once

#include "device_client.h"
#include "error.h"
#include "link_uri.h"

#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace piton {

class Session {
public:
    explicit Session(LinkUri uri);
    ~Session();
    Session(const Session &) = delete;
    Session &operator=(const Session &) = delete;

    /** Opens the link and PINGs (docs/protocol.md §4.1). Error kinds: Link, Timeout, Protocol. */
    Result<void> open(int timeoutMs = 3000);

    /** Closes and reopens the link, PINGing until the device answers or `timeoutMs` passes:
     *  used after the device reset itself. Error kind Link or Timeout when it stays silent. */
    Result<void> reconnect(int timeoutMs = 30000);

    void close();
    bool isOpen() const { return m_device != nullptr; }
    const LinkUri &uri() const { return m_uri; }

    /** The open device; only valid while isOpen(). */
    DeviceClient &device() { return *m_device; }

    /** The device's regions, fetched once per connection. */
    Result<QList<Region>> regions();

    /** The region called `name`; Usage error naming the known regions if there is none. */
    Result<Region> region(const QString &name);

private:
    LinkUri m_uri;
    std::unique_ptr<DeviceClient> m_device;
    std::optional<QList<Region>> m_regions;
};

} // namespace piton
