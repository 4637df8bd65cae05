#include "jobs/session.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QStringList>
#include <QThread>

namespace piton {

Session::Session(LinkUri uri) : m_uri(std::move(uri)) {}

Session::~Session() = default;

Result<void> Session::open(int timeoutMs)
{
    close();
    auto device = DeviceClient::connect(m_uri, timeoutMs);
    if (!device)
        return device.error();
    m_device = std::move(device.value());
    return {};
}

Result<void> Session::reconnect(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    Error last = Error::make(ErrorKind::Timeout,
                             QCoreApplication::translate("Session", "the device did not come back within %1 ms")
                                 .arg(timeoutMs));
    while (timer.elapsed() < timeoutMs) {
        const int left = int(qMax<qint64>(500, qMin<qint64>(3000, timeoutMs - timer.elapsed())));
        auto result = open(left);
        if (result)
            return {};
        last = result.error();
        QThread::msleep(100);
    }
    return last;
}

void Session::close()
{
    if (m_device)
        m_device->client().close();
    m_device.reset();
    m_regions.reset();
}

Result<QList<Region>> Session::regions()
{
    if (!m_device)
        return Error::make(ErrorKind::Link, QCoreApplication::translate("Session", "not connected"));
    if (!m_regions) {
        auto regions = m_device->regions();
        if (!regions)
            return regions.error();
        m_regions = regions.value();
    }
    return *m_regions;
}

Result<Region> Session::region(const QString &name)
{
    auto all = regions();
    if (!all)
        return all.error();
    QStringList names;
    for (const Region &r : all.value()) {
        if (r.name == name)
            return r;
        names << r.name;
    }
    return Error::make(ErrorKind::Usage, QCoreApplication::translate("Session", "the device has no region '%1' (it has: %2)")
                                             .arg(name, names.join(QStringLiteral(", "))));
}

} // namespace piton
