// Helpers shared by the GUI tests: find widgets, connect the window like a user (type the
// endpoint, click Connect), click a button and wait for its job, read the device back through
// piton-cli (the independent check).
#pragma once

#include "../e2e/harness.h"
#include "main_window.h"

#include "board/board_profile.h"
#include "image/image.h"
#include "package/keys.h"
#include "package/package.h"
#include "version.h"

#include <QComboBox>
#include <QCryptographicHash>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

namespace piton::guitest {

constexpr int JobTimeoutMs = 30000;

template <typename T>
T *child(QWidget &w, const char *name)
{
    T *c = w.findChild<T *>(QLatin1String(name));
    if (!c)
        qFatal("widget %s not found", name);
    return c;
}

/** Types `endpoint` into the connection bar for `transport` (0 serial, 1 network), clicks
 *  Connect, and waits until the window shows the device. */
inline bool connectWindow(gui::MainWindow &w, int transport, const QString &endpoint)
{
    auto *transportBox = child<QComboBox>(w, "transport");
    transportBox->setCurrentIndex(transport);
    QComboBox *box = child<QComboBox>(w, transport == 1 ? "networkEndpoint" : "serialPort");
    box->lineEdit()->clear();
    QTest::keyClicks(box->lineEdit(), endpoint);
    QSignalSpy shown(&w, &gui::MainWindow::deviceShown);
    QTest::mouseClick(child<QPushButton>(w, "connectButton"), Qt::LeftButton);
    if (!shown.wait(10000)) {
        qWarning("not connected: %s", qPrintable(w.lastError()));
        return false;
    }
    return w.isConnected();
}

/** Waits for the job started by the last user action to end; returns its success. */
inline bool waitForJob(gui::MainWindow &w, QSignalSpy &done, const char *what)
{
    if (done.isEmpty() && !done.wait(JobTimeoutMs)) {
        qWarning("%s: no job ended", what);
        return false;
    }
    // Let the queued snapshot and busy signals that follow the job arrive.
    if (!QTest::qWaitFor([&w] { return !w.isBusy(); }, 5000)) {
        qWarning("%s: still busy", what);
        return false;
    }
    if (!done.first().at(1).toBool())
        qWarning("%s failed: %s", what, qPrintable(w.lastError()));
    return done.first().at(1).toBool();
}

/** Clicks `button` and waits for the job it starts to end; returns its success. */
inline bool clickAndWait(gui::MainWindow &w, const char *button)
{
    QSignalSpy done(&w, &gui::MainWindow::jobDone);
    QPushButton *b = child<QPushButton>(w, button);
    if (!b->isEnabled() || !b->isVisible()) {
        qWarning("%s is disabled or hidden", button);
        return false;
    }
    QTest::mouseClick(b, Qt::LeftButton);
    return waitForJob(w, done, button);
}

inline bool disconnectWindow(gui::MainWindow &w)
{
    QTest::mouseClick(child<QPushButton>(w, "disconnectButton"), Qt::LeftButton);
    return QTest::qWaitFor([&w] { return !w.isConnected(); }, 5000);
}

inline QString sha(const QByteArray &b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

/** Reads region `name` through piton-cli on `uri` into a file in `dir`, returns its bytes. */
inline QByteArray readRegion(const QString &dir, const QString &uri, const QString &name)
{
    const QString file = dir + QStringLiteral("/read-") + name + QStringLiteral(".bin");
    QFile::remove(file);
    const e2e::CliRun r = e2e::cli({QStringLiteral("-c"), uri, QStringLiteral("read"), name, QStringLiteral("-o"), file});
    if (r.exitCode != 0)
        qWarning("%s", qPrintable(r.describe()));
    return e2e::readFile(file);
}

/** A signing key and a package of random application bytes for stm32f4-ref, made with core's
 *  API as a release engineer's script would. */
struct TestPackage {
    QString publicKey;   ///< PEM file the virtual boards are provisioned to trust
    QString privateKey;  ///< the signing key (PEM), for bundles
    QString package;     ///< .ptpkg file
    QByteArray appData;  ///< the application bytes, placed at the start of "deployment"
};

/** Writes a new key and a package of `appBytes` random bytes (seeded) at `version` into `dir`.
 *  Returns an empty string on success, else what failed. */
inline QString makeTestPackage(const QString &dir, int appBytes, quint32 seed, quint32 version, TestPackage *out)
{
    auto key = generateKey();
    if (!key)
        return key.error().message;
    out->publicKey = dir + QStringLiteral("/signing.pub.pem");
    if (auto ok = key->publicKey().save(out->publicKey); !ok)
        return ok.error().message;
    out->privateKey = dir + QStringLiteral("/signing.pem");
    if (auto ok = key->save(out->privateKey); !ok)
        return ok.error().message;
    auto board = loadBoardProfile(QStringLiteral("stm32f4-ref"));
    if (!board)
        return board.error().message;
    const auto deployment = board->region(QStringLiteral("deployment"));
    if (!deployment)
        return QStringLiteral("stm32f4-ref has no deployment region");
    out->appData.resize(appBytes);
    QRandomGenerator rng(seed);
    for (char &c : out->appData)
        c = char(rng.bounded(256));
    Image image;
    if (auto ok = image.addSegment(deployment->address, out->appData); !ok)
        return ok.error().message;
    PackageInput input;
    input.boardId = QStringLiteral("stm32f4-ref");
    input.version = version;
    input.application = image;
    auto bytes = buildPackage(input, board.value(), key.value());
    if (!bytes)
        return bytes.error().message;
    out->package = dir + QStringLiteral("/app-%1.ptpkg").arg(versionToString(version));
    return e2e::writeFile(out->package, bytes.value()) ? QString() : QStringLiteral("cannot write ") + out->package;
}

} // namespace piton::guitest
